/** Validation, defaults, ordering and prefill for technique templates. Pure; used by main and the renderer. */
import { z } from 'zod';
import { isRealIsoDate } from '../../schemas/dates.ts';
import { PROBLEM_AREAS, type ProblemArea } from '../vocabulary.ts';
import { FIELD_TYPES, type EntryValues, type FieldValue, type TemplateDefinition, type TemplateField } from './types.ts';

const longText = z.string().max(20_000, { message: 'Keep this under 20,000 characters.' });
const shortText = z.string().max(1000, { message: 'Keep this under 1,000 characters.' });
const rating = z.number().int({ message: 'Use a whole number from 0 to 10.' }).min(0, { message: 'Use a whole number from 0 to 10.' }).max(10, { message: 'Use a whole number from 0 to 10.' }).nullable();

function fieldSchema(field: TemplateField): z.ZodType<FieldValue> {
  switch (field.type) {
    case 'text':
      return shortText;
    case 'longText':
      return longText;
    case 'list':
      return z.array(shortText).max(100);
    case 'choice': {
      const values = field.choices.map((c) => c.value) as [string, ...string[]];
      const one = z.enum(values, { message: 'Choose one of the options.' });
      return field.multiple ? z.array(one).max(values.length) : z.union([z.literal(''), one]);
    }
    case 'rating':
      return rating;
    case 'person':
      return z.union([z.literal(''), z.uuid({ message: 'Choose a person from the inventory.' })]);
    case 'exchange':
      return z
        .array(z.strictObject({ speaker: z.enum(['client', 'other']), words: longText, tone: shortText, nonverbal: shortText }))
        .max(200);
    case 'options':
      return z.array(z.strictObject({ option: shortText, pros: longText, cons: longText, rating })).max(100);
    case 'steps':
      return z
        .array(
          z.strictObject({
            action: shortText,
            due: z.string().refine((v) => v === '' || isRealIsoDate(v), { message: 'Enter a real date.' }),
            done: z.boolean(),
          }),
        )
        .max(100);
  }
}

export function emptyValue(field: TemplateField): FieldValue {
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'person':
      return '';
    case 'choice':
      return field.multiple ? [] : '';
    case 'rating':
      return null;
    default:
      return [];
  }
}

export function allFields(template: TemplateDefinition): TemplateField[] {
  return template.sections.flatMap((s) => s.fields);
}

/** The validator for entries made with exactly this template version: unknown keys are refused. */
const compiledSchemas = new Map<string, z.ZodType<EntryValues>>();
const COMPILED_SCHEMAS_KEPT = 64;

/**
 * The schema an entry's values must match. Building it costs more than using it, and every
 * autosave of a worksheet asks, so schemas are kept by the template's whole definition (a
 * changed template is a different key, never a stale schema).
 */
export function entryValuesSchema(template: TemplateDefinition): z.ZodType<EntryValues> {
  const key = JSON.stringify(template);
  const kept = compiledSchemas.get(key);
  if (kept) return kept;
  const shape: Record<string, z.ZodType> = {};
  for (const field of allFields(template)) shape[field.key] = fieldSchema(field).default(emptyValue(field) as never);
  const schema = z.strictObject(shape) as unknown as z.ZodType<EntryValues>;
  if (compiledSchemas.size >= COMPILED_SCHEMAS_KEPT) compiledSchemas.delete(compiledSchemas.keys().next().value!);
  compiledSchemas.set(key, schema);
  return schema;
}

export function emptyValues(template: TemplateDefinition): EntryValues {
  return Object.fromEntries(allFields(template).map((f) => [f.key, emptyValue(f)]));
}

/** The person ids an entry refers to (for frozen names at signing and "where is this person used"). */
export function referencedPeople(template: TemplateDefinition, values: EntryValues): string[] {
  return allFields(template)
    .filter((f) => f.type === 'person')
    .map((f) => values[f.key])
    .filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Templates that suit the problem area first (best fit = listed earliest in `suits`), then the rest. */
export function orderByFit<T extends Pick<TemplateDefinition, 'suits' | 'title'>>(templates: T[], area: ProblemArea | null): T[] {
  const score = (t: T) => {
    if (!area) return 100;
    const index = t.suits.indexOf(area);
    return index < 0 ? 100 : index;
  };
  return [...templates].sort((a, b) => score(a) - score(b) || a.title.localeCompare(b.title));
}

/** Which template can follow which, prefilled from the source entry. */
export const FOLLOW_ON: Readonly<Record<string, string>> = {
  'communication-analysis': 'role-play',
  'role-play': 'problem-solving',
};

/** The template that follows this one, if any (own keys only: template ids are user data). */
export function followOnFor(templateId: string): string | undefined {
  return Object.hasOwn(FOLLOW_ON, templateId) ? FOLLOW_ON[templateId] : undefined;
}

function text(values: EntryValues, key: string): string {
  const v = values[key];
  return typeof v === 'string' ? v : '';
}

/**
 * Starting values for a follow-on entry:
 * communication analysis -> role play (scenario from the incident, the other person, the chosen
 * alternative as the client's goal); role play -> problem solving (the plan to try it for real).
 */
export function prefill(sourceTemplateId: string, source: EntryValues, target: TemplateDefinition): EntryValues {
  const values = emptyValues(target);
  const put = (key: string, value: FieldValue) => {
    if (key in values) values[key] = value;
  };
  if (sourceTemplateId === 'communication-analysis' && target.id === 'role-play') {
    const incident = [text(source, 'when'), text(source, 'setting'), text(source, 'leadUp')].filter(Boolean).join('. ');
    put('scenarioKind', 'past');
    put('scenario', incident);
    put('otherPerson', text(source, 'otherPerson'));
    put('clientGoal', text(source, 'chosenAlternative'));
  } else if (sourceTemplateId === 'role-play' && target.id === 'problem-solving') {
    put('problem', text(source, 'planForReal'));
  }
  return values;
}

const KEY = /^[a-zA-Z][a-zA-Z0-9]{0,40}$/;

/** Checks a therapist's own template (a copy of a built-in, edited). */
export const templateDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^custom-[0-9a-f-]{36}$/),
    version: z.number().int().min(1),
    title: z.string().trim().min(1, { message: 'Give the template a title.' }).max(120),
    summary: z.string().trim().max(500),
    suits: z.array(z.enum(PROBLEM_AREAS)).max(4),
    sections: z
      .array(
        z.strictObject({
          title: z.string().trim().min(1, { message: 'Give the section a title.' }).max(120),
          fields: z
            .array(
              z.strictObject({
                key: z.string().regex(KEY, { message: 'Field keys are letters and digits, starting with a letter.' }),
                label: z.string().trim().min(1, { message: 'Give the field a label.' }).max(200),
                help: z.string().trim().max(500).optional(),
                type: z.enum(FIELD_TYPES),
                choices: z.array(z.strictObject({ value: z.string().regex(KEY), label: z.string().trim().min(1).max(200) })).min(1).max(30).optional(),
                multiple: z.boolean().optional(),
              }),
            )
            .min(1, { message: 'A section needs at least one field.' })
            .max(60),
        }),
      )
      .min(1)
      .max(20),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sections.forEach((s, si) =>
      s.fields.forEach((f, fi) => {
        if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'fields', fi, 'key'], message: 'Each field needs its own key.' });
        seen.add(f.key);
        if (f.type === 'choice' && !f.choices) ctx.addIssue({ code: 'custom', path: ['sections', si, 'fields', fi, 'choices'], message: 'A choice field needs options.' });
      }),
    );
  });
