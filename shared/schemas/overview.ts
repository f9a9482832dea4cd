import { z } from 'zod';
import { MODALITIES, ONSET_ROLES, PROBLEM_AREAS, RELATIONSHIP_TYPES } from '../ipt/vocabulary.ts';
import { circleSchema } from './circle.ts';
import { clientSummarySchema } from './client.ts';
import { courseSchema, courseSummarySchema, uuid } from './course.ts';
import { isoDate } from './dates.ts';
import { riskRecordSchema } from './note.ts';

/** Everything the client overview screen shows, in one call. */
export const overviewSchema = z.strictObject({
  client: clientSummarySchema,
  course: courseSchema.nullable(),
  courses: z.array(courseSummarySchema),
  goals: z.array(
    z.strictObject({
      seriesId: uuid,
      label: z.string(),
      problemArea: z.enum(PROBLEM_AREAS).nullable(),
      latest: z.strictObject({ value: z.number().int(), date: isoDate }).nullable(),
    }),
  ),
  people: z.array(z.strictObject({ id: uuid, name: z.string(), relationship: z.enum(RELATIONSHIP_TYPES), role: z.enum(ONSET_ROLES) })),
  circle: circleSchema,
  openRisks: z.array(riskRecordSchema),
  /** The first planned session from today on, in any course. */
  nextAppointment: z.strictObject({ sessionId: uuid, date: isoDate, time: z.string(), modality: z.enum(MODALITIES) }).nullable(),
});
export type Overview = z.output<typeof overviewSchema>;
