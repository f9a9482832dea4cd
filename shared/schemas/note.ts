import { z } from 'zod';
import { NOTE_LAYOUTS } from '../ipt/note-layouts.ts';
import { ATTENDANCE, PHASES, PROBLEM_AREAS } from '../ipt/vocabulary.ts';
import { uuid } from './course.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { planServiceSchema } from './safety-plan.ts';

const text = (max = 20_000) => z.string().max(max, { message: `Keep this under ${max} characters.` }).default('');

/** The structured session note. Every layout (IPT, SOAP, DAP, BIRP) shows these same fields. */
export const noteFieldsSchema = z.strictObject({
  focusArea: z.union([z.literal(''), z.enum(PROBLEM_AREAS)]).default(''),
  intervalMood: text(),
  intervalEvents: text(),
  moodEventLink: text(),
  affectObserved: text(),
  riskCheck: z.enum(['unset', 'none', 'low', 'needs_assessment']).default('unset'),
  workDone: text(),
  clientResponse: text(),
  planNext: text(),
  task: text(),
  taskReview: z.enum(['unset', 'done', 'partly', 'not_done', 'none_set']).default('unset'),
  taskReviewNote: text(),
});
export type NoteFields = z.output<typeof noteFieldsSchema>;

/** What a signed note showed at signing, kept so later edits elsewhere cannot change it. */
export const frozenSchema = z.strictObject({
  sessionNumber: z.number().int().nullable(),
  plannedSessions: z.number().int(),
  phase: z.enum(PHASES).nullable(),
  date: isoDate,
  attendance: z.enum(ATTENDANCE),
  clinicianName: z.string(),
  credentials: z.string(),
  people: z.record(z.string(), z.string()),
});
export type Frozen = z.output<typeof frozenSchema>;

export const addendumSchema = z.strictObject({ id: uuid, text: z.string(), writtenAt: isoDateTime });

export const entrySchema = z.strictObject({
  id: uuid,
  sessionId: uuid,
  templateId: z.string(),
  templateVersion: z.number().int(),
  values: z.record(z.string(), z.unknown()),
  sourceEntryId: uuid.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Entry = z.output<typeof entrySchema>;

export const riskRecordSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  sessionId: uuid.nullable(),
  source: z.enum(['session_risk_check', 'phq9_item9']),
  detail: z.string(),
  openedAt: isoDateTime,
  assessment: z.string(),
  assessedAt: isoDateTime.nullable(),
});
export type RiskRecord = z.output<typeof riskRecordSchema>;

export const sessionNoteSchema = z.strictObject({
  sessionId: uuid,
  clientId: uuid,
  courseId: uuid,
  date: isoDate,
  time: z.string(),
  attendance: z.enum(ATTENDANCE),
  number: z.number().int().nullable(),
  /** The session's number now; differs from `number` when a signed note's session was renumbered by a later correction. */
  currentNumber: z.number().int().nullable(),
  phase: z.enum(PHASES).nullable(),
  plannedSessions: z.number().int(),
  fields: noteFieldsSchema,
  status: z.enum(['draft', 'signed', 'voided']),
  /** When the note was first written: a late entry keeps this apart from the session date. */
  writtenAt: isoDateTime.nullable(),
  updatedAt: isoDateTime.nullable(),
  signedAt: isoDateTime.nullable(),
  frozen: frozenSchema.nullable(),
  voidReason: z.string(),
  addenda: z.array(addendumSchema),
  entries: z.array(entrySchema),
  /** Names of people referred to by entries: frozen ones for a signed note, current ones otherwise. */
  peopleNames: z.record(z.string(), z.string()),
  openRisks: z.array(riskRecordSchema),
  previous: z.strictObject({ sessionId: uuid, planNext: z.string(), task: z.string(), focusArea: z.string() }).nullable(),
});
export type SessionNote = z.output<typeof sessionNoteSchema>;

export const noteSaveSchema = z.strictObject({ sessionId: uuid, fields: noteFieldsSchema });
export const noteLayoutSchema = z.enum(NOTE_LAYOUTS);

export const entryCreateSchema = z.strictObject({
  sessionId: uuid,
  templateId: z.string().max(80),
  /** Start from another entry (a communication analysis becoming a role play, and so on). */
  sourceEntryId: z.union([z.null(), uuid]).default(null),
});

export const entrySaveSchema = z.strictObject({
  id: uuid,
  /** Checked against the template version the entry was made with. */
  values: z.record(z.string().max(60), z.unknown()),
});

export const searchQuerySchema = z.strictObject({
  text: z.string().trim().min(1, { message: 'Type something to search for.' }).max(200),
  clientId: z.union([z.null(), uuid]).default(null),
  from: z.union([z.literal(''), isoDate]).default(''),
  to: z.union([z.literal(''), isoDate]).default(''),
  templateId: z.string().max(80).default(''),
  includeProcessNotes: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
});

export const searchHitSchema = z.strictObject({
  kind: z.enum(['client', 'note', 'entry', 'addendum', 'process_note']),
  recordId: uuid,
  clientId: uuid,
  clientName: z.string(),
  sessionId: uuid.nullable(),
  date: z.string(),
  title: z.string(),
  /** Matched words are wrapped in \u0002 … \u0003. */
  snippet: z.string(),
});
export type SearchHit = z.output<typeof searchHitSchema>;

export const practiceProfileSchema = z.strictObject({
  practiceName: z.string().trim().max(200).default(''),
  address: z.string().trim().max(500).default(''),
  phone: z.string().trim().max(40).default(''),
  email: z.string().trim().max(254).refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Enter a valid email address.' }).default(''),
  clinicianName: z.string().trim().max(200).default(''),
  credentials: z.string().trim().max(200).default(''),
  registrationNumber: z.string().trim().max(100).default(''),
  signOff: z.string().trim().max(200).default('With best wishes'),
  paperSize: z.enum(['A4', 'Letter']).default('A4'),
  /** Optional images, as base64 PNG or JPEG; main checks the bytes really are one. */
  signatureImage: z.union([z.null(), z.strictObject({ mime: z.enum(['image/png', 'image/jpeg']), base64: z.base64().max(1_400_000, { message: 'Use an image under 1 MB.' }) })]).default(null),
  logo: z.union([z.null(), z.strictObject({ mime: z.enum(['image/png', 'image/jpeg']), base64: z.base64().max(1_400_000, { message: 'Use an image under 1 MB.' }) })]).default(null),
  /**
   * The practice's crisis lines and out-of-hours numbers, offered to every safety plan. None are
   * built in: numbers differ by country and change (clinical reference section 9), so the user
   * enters the ones they have checked.
   */
  crisisLines: z.array(planServiceSchema).max(20, { message: 'Keep the list to 20 numbers or fewer.' }).default([]),
});
export type PracticeProfile = z.output<typeof practiceProfileSchema>;
