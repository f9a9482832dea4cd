/**
 * Technique templates are data: sections of typed fields. One generic form draws any template;
 * main builds a validator from the exact version an entry was made with.
 */
import type { ProblemArea } from '../vocabulary.ts';

export const FIELD_TYPES = ['text', 'longText', 'list', 'choice', 'rating', 'person', 'exchange', 'options', 'steps'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

interface FieldBase {
  /** Stable key of the value in an entry. Never reuse a key with another meaning. */
  key: string;
  label: string;
  help?: string;
}

export type TemplateField =
  | (FieldBase & { type: 'text' | 'longText' | 'list' | 'rating' | 'person' | 'exchange' | 'options' | 'steps' })
  | (FieldBase & { type: 'choice'; choices: { value: string; label: string }[]; multiple?: boolean });

export interface TemplateSection {
  title: string;
  fields: TemplateField[];
}

export interface TemplateDefinition {
  id: string;
  version: number;
  title: string;
  summary: string;
  /** Problem areas this technique suits best: used to order the list when starting an entry. */
  suits: ProblemArea[];
  sections: TemplateSection[];
}

/** Value shapes per field type. */
export interface ExchangeTurn {
  speaker: 'client' | 'other';
  words: string;
  tone: string;
  nonverbal: string;
}
export interface OptionRow {
  option: string;
  pros: string;
  cons: string;
  rating: number | null;
}
export interface StepRow {
  action: string;
  due: string;
  done: boolean;
}

export type FieldValue = string | string[] | number | null | ExchangeTurn[] | OptionRow[] | StepRow[];
export type EntryValues = Record<string, FieldValue>;
