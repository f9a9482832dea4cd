import { z } from 'zod';
import { snapshotSchema, circleSchema } from './circle.ts';
import { clientSchema } from './client.ts';
import { courseSchema } from './course.ts';
import { authorisationSchema, letterRecordSchema } from './documents.ts';
import { personSchema } from './inventory.ts';
import { administrationSchema } from './measures.ts';
import { riskRecordSchema, sessionNoteSchema } from './note.ts';
import { ratingSeriesSchema } from './ratings.ts';
import { safetyPlanRevisionSchema } from './safety-plan.ts';
import { lifeEventSchema } from './timeline.ts';

/**
 * One client's `record.json` in the full export: everything the vault holds about them, in the
 * same shapes the app uses. Its JSON Schema ships inside the export (`schema/record.schema.json`).
 */
export const exportRecordSchema = z.strictObject({
  format: z.literal('ipt-workstation-record'),
  version: z.literal(1),
  client: clientSchema,
  courses: z.array(courseSchema),
  sessions: z.array(z.strictObject({ note: sessionNoteSchema, processNote: z.string().nullable().describe('Psychotherapy (process) note; null unless the export included them.') })),
  administrations: z.array(administrationSchema),
  people: z.array(personSchema),
  circle: circleSchema,
  circleSnapshots: z.array(snapshotSchema),
  lifeEvents: z.array(lifeEventSchema),
  ratings: z.array(ratingSeriesSchema),
  risks: z.strictObject({ open: z.array(riskRecordSchema), assessed: z.array(riskRecordSchema) }),
  safetyPlans: z.array(safetyPlanRevisionSchema).describe('Every revision of the safety plan, newest first; people are named by inventory id.'),
  letters: z.array(letterRecordSchema),
  authorisations: z.array(authorisationSchema),
});
export type ExportRecord = z.output<typeof exportRecordSchema>;

export const fullExportRequestSchema = z.strictObject({
  includeProcessNotes: z.boolean().default(false),
  /** Empty: a plain zip, which the screen only allows after a clear warning. */
  zipPassphrase: z.string().max(200).default(''),
});
