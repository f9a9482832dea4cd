import { z } from 'zod';
import { ATTENDANCE, PHASES } from '../ipt/vocabulary.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { uuid } from './course.ts';

/** The scheduling part of a session; the note itself is added by the sessions feature. */
export const sessionCreateSchema = z.strictObject({
  courseId: uuid,
  date: isoDate,
  time: z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Enter a time like 14:30.' })]).default(''),
  durationMinutes: z.number().int().min(5).max(240).default(50),
  attendance: z.enum(ATTENDANCE),
});

export const sessionSummarySchema = z.strictObject({
  id: uuid,
  courseId: uuid,
  date: isoDate,
  time: z.string(),
  durationMinutes: z.number().int(),
  attendance: z.enum(ATTENDANCE),
  /** Number among attended sessions of the course; null when not attended. Derived, never typed. */
  number: z.number().int().nullable(),
  phase: z.enum(PHASES).nullable(),
  createdAt: isoDateTime,
});
export type SessionSummary = z.output<typeof sessionSummarySchema>;
