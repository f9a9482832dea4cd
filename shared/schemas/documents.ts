import { z } from 'zod';
import { uuid } from './course.ts';
import { isoDate, isoDateTime } from './dates.ts';

export const LETTER_KINDS = ['assessment', 'progress', 'end_of_treatment'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  assessment: 'Assessment letter',
  progress: 'Progress letter',
  end_of_treatment: 'End-of-treatment letter',
};

export const LETTER_SECTIONS = ['reason', 'focus', 'treatment', 'measures', 'chart', 'circle', 'risk', 'plan', 'process_notes'] as const;
export type LetterSectionId = (typeof LETTER_SECTIONS)[number];
export const LETTER_SECTION_TITLES: Record<LetterSectionId, string> = {
  reason: 'Reason for referral',
  focus: 'Focus of treatment and formulation',
  treatment: 'Treatment so far',
  measures: 'Outcome measures',
  chart: 'Progress chart',
  circle: 'Closeness circle',
  risk: 'Risk',
  plan: 'Plan and requests',
  process_notes: 'Psychotherapy notes (authorised disclosure)',
};

export const recipientSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Enter who the letter is to.' }).max(200),
  practice: z.string().trim().max(200).default(''),
  address: z.string().trim().max(500).default(''),
  isGp: z.boolean().default(true),
});
export type Recipient = z.output<typeof recipientSchema>;

export const letterSectionSchema = z.strictObject({
  id: z.enum(LETTER_SECTIONS),
  title: z.string().max(200),
  included: z.boolean(),
  text: z.string().max(20_000),
});
export type LetterSection = z.output<typeof letterSectionSchema>;

export const letterDraftSchema = z.strictObject({
  clientId: uuid,
  kind: z.enum(LETTER_KINDS),
  date: isoDate,
  recipient: recipientSchema,
  sections: z.array(letterSectionSchema).max(LETTER_SECTIONS.length),
  /** Set when the client's consent to contact the GP is "no" or unrecorded. */
  consentWarning: z.string().nullable(),
  /** The authorisation that allows process notes in this letter, if the user added them. */
  authorisationId: uuid.nullable(),
});
export type LetterDraft = z.output<typeof letterDraftSchema>;

export const letterDraftRequestSchema = z.strictObject({
  clientId: uuid,
  kind: z.enum(LETTER_KINDS),
  includeProcessNotes: z.boolean().default(false),
  authorisationId: z.union([z.null(), uuid]).default(null),
  /** Adds the current safety plan to the risk section. */
  includeSafetyPlan: z.boolean().default(false),
});

export const letterExportSchema = z.strictObject({
  draft: letterDraftSchema,
  /** Required when the draft carries a consent warning. */
  consentOverrideReason: z.string().trim().max(2000).default(''),
});

export const letterRecordSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  kind: z.enum(LETTER_KINDS),
  date: isoDate,
  recipient: recipientSchema,
  sections: z.array(letterSectionSchema),
  consentOverrideReason: z.string(),
  /** The letter as sent carried the authorised psychotherapy-notes section. */
  includesProcessNotes: z.boolean().describe('True when the letter as sent carried psychotherapy (process) notes; an export without them shows that section as withheld.'),
  createdAt: isoDateTime,
});
export type LetterRecord = z.output<typeof letterRecordSchema>;

export const authorisationInputSchema = z.strictObject({
  clientId: uuid,
  authorisedBy: z.string().trim().min(1, { message: 'Say who authorised the disclosure.' }).max(200),
  date: isoDate,
  scope: z.string().trim().min(1, { message: 'Describe what may be disclosed, and to whom.' }).max(2000),
});

export const authorisationSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  authorisedBy: z.string(),
  date: isoDate,
  scope: z.string(),
  createdAt: isoDateTime,
});
export type Authorisation = z.output<typeof authorisationSchema>;

/** Where an exported file went: the user's choice, never a path in the audit trail. */
export const exportResultSchema = z.strictObject({
  saved: z.boolean(),
  fileName: z.string(),
  /** Passed back to files.showInFolder; main keeps the path. */
  fileId: uuid.nullable(),
  id: uuid.nullable(),
});

export const printRequestSchema = z.strictObject({
  sessionId: z.union([z.null(), uuid]).default(null),
  courseId: z.union([z.null(), uuid]).default(null),
  includeProcessNotes: z.boolean().default(false),
  authorisationId: z.union([z.null(), uuid]).default(null),
  /** pdf: save a PDF; dialog: the system print dialog (desktop app only). */
  output: z.enum(['pdf', 'dialog']).default('pdf'),
});

export const WORKSHEET_KINDS = ['template', 'inventory', 'circle', 'phq9', 'gad7'] as const;
export const worksheetRequestSchema = z.strictObject({
  kind: z.enum(WORKSHEET_KINDS),
  templateId: z.string().max(80).default(''),
  format: z.enum(['docx', 'pdf']),
});

export const packetSelectionSchema = z.strictObject({
  clientId: uuid,
  courseIds: z.array(uuid).max(50),
  /** Sessions to include; every session of the chosen courses when empty. */
  sessionIds: z.array(uuid).max(2000).default([]),
  includeMeasures: z.boolean().default(true),
  includeLetter: z.boolean().default(true),
  /** The client's copy of the current safety plan as a PDF, when there is one. */
  includeSafetyPlan: z.boolean().default(true),
  recipient: recipientSchema,
  includeProcessNotes: z.boolean().default(false),
  authorisationId: z.union([z.null(), uuid]).default(null),
  /** Encrypt the zip (AES-256) with this passphrase; empty for a plain zip. */
  zipPassphrase: z.string().max(200).default(''),
});
export type PacketSelection = z.output<typeof packetSelectionSchema>;

export const packetPreviewSchema = z.strictObject({
  files: z.array(z.strictObject({ name: z.string(), description: z.string() })),
  sessions: z.number().int(),
  measures: z.number().int(),
  includesProcessNotes: z.boolean(),
  suggestedPassphrase: z.string(),
  warnings: z.array(z.string()),
});
