import { createContext, useContext, type ReactNode } from 'react';
import { PROBLEM_AREA_LABELS, problemAreaLabels, type ProblemArea } from '../../shared/ipt/vocabulary.ts';
import type { AuditRecordType } from '../../shared/schemas/audit.ts';

const AreaLabels = createContext<Record<ProblemArea, string>>(PROBLEM_AREA_LABELS);

/** Problem-area labels as the practice prefers them (a setting). */
export function AreaLabelsProvider({ deficitsLabel, children }: { deficitsLabel: 'deficits' | 'sensitivity'; children: ReactNode }) {
  return <AreaLabels.Provider value={problemAreaLabels(deficitsLabel)}>{children}</AreaLabels.Provider>;
}

export function useAreaLabels(): Record<ProblemArea, string> {
  return useContext(AreaLabels);
}

/** The audit trail's "Record" column in words; typed by the shared list, so a new kind of record needs its words here. */
export const AUDIT_RECORD_LABELS: Record<AuditRecordType, string> = {
  client: 'Client',
  course: 'Course',
  person: 'Person in the inventory',
  snapshot: 'Circle snapshot',
  life_event: 'Life event',
  rating_series: '0-10 rating',
  session: 'Session',
  entry: 'Session note entry',
  template: 'Note template',
  risk: 'Risk item',
  profile: 'Practice profile',
  measure: 'Questionnaire',
  letter: 'Letter',
  authorisation: 'Authorisation',
  safety_plan: 'Safety plan',
};

/** A stored record type in words; an unknown one (from a newer version) as it is. */
export function auditRecordWords(recordType: string | null): string {
  if (!recordType) return '';
  return (AUDIT_RECORD_LABELS as Record<string, string>)[recordType] ?? recordType;
}
