import { z } from 'zod';
import { ATTENDANCE, MODALITIES, PHASES } from '../ipt/vocabulary.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { uuid } from './course.ts';

export const sessionTime = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Enter a time like 14:30.' })]);
export const sessionMinutes = z
  .number({ message: 'Enter the length in minutes.' })
  .int({ message: 'Enter whole minutes.' })
  .min(5, { message: 'A session lasts at least 5 minutes.' })
  .max(240, { message: 'A session lasts at most 240 minutes.' });
/** The people from the inventory who joined the session; empty means the client alone. */
export const sessionParticipants = z.array(uuid).max(10, { message: 'At most 10 people can join a session.' });

/** The scheduling part of a session; the note itself is added by the sessions feature. */
export const sessionCreateSchema = z.strictObject({
  courseId: uuid,
  date: isoDate,
  time: sessionTime.default(''),
  durationMinutes: sessionMinutes.default(50),
  attendance: z.enum(ATTENDANCE),
  modality: z.enum(MODALITIES).default('in_person'),
  participants: sessionParticipants.default([]),
});

/** A correction of a recorded or planned session; fields left out stay as they are. */
export const sessionUpdateSchema = z.strictObject({
  id: uuid,
  expectedUpdatedAt: isoDateTime,
  date: isoDate.optional(),
  time: sessionTime.optional(),
  durationMinutes: sessionMinutes.optional(),
  attendance: z.enum(ATTENDANCE).optional(),
  modality: z.enum(MODALITIES).optional(),
  participants: sessionParticipants.optional(),
});

export const sessionRescheduleSchema = z.strictObject({
  id: uuid,
  newDate: isoDate,
  newTime: sessionTime.optional(),
  /** Move every later session of the course by the same number of days. */
  shiftLater: z.boolean(),
});

export const seriesPlanInputSchema = z.strictObject({
  courseId: uuid,
  /** The first session of the series; the course's start date when left out. */
  start: isoDate.optional(),
  count: z.number().int().min(1, { message: 'Plan at least one session.' }).max(200).optional(),
  away: z.array(z.strictObject({ from: isoDate, to: isoDate })).max(50).default([]),
});

export const seriesPlanSchema = z.strictObject({
  dates: z.array(isoDate),
  skipped: z.array(isoDate),
  afterEnd: z.array(isoDate),
  plannedEnd: isoDate,
  time: sessionTime,
});

export const planSeriesSchema = z.strictObject({
  courseId: uuid,
  sessions: z.array(z.strictObject({ date: isoDate, time: sessionTime.default('') })).min(1, { message: 'Plan at least one session.' }).max(200),
  modality: z.enum(MODALITIES).default('in_person'),
  /**
   * Sessions after the contract's planned end are refused unless the user says so: away weeks
   * push a series past the end, which is often what was agreed, but it should be a choice.
   */
  beyondContractEnd: z.boolean().default(false),
});

export const sessionSummarySchema = z.strictObject({
  id: uuid,
  courseId: uuid,
  date: isoDate,
  time: z.string(),
  durationMinutes: z.number().int(),
  attendance: z.enum(ATTENDANCE),
  modality: z.enum(MODALITIES),
  participants: z.array(uuid),
  /** Number among attended sessions of the course; null when not attended. Derived, never typed. */
  number: z.number().int().nullable(),
  phase: z.enum(PHASES).nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SessionSummary = z.output<typeof sessionSummarySchema>;

export const sessionsCsvSchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  /** Initials unless the user chooses full names. */
  names: z.enum(['initials', 'full']).default('initials'),
});

export const icsExportSchema = z.strictObject({
  clientId: uuid,
  /** What each calendar entry is called: the client's initials, or a word the user chooses. */
  summary: z.enum(['initials', 'word', 'full']).default('initials'),
  word: z.string().trim().max(40, { message: 'Keep the word under 40 characters.' }).default(''),
});
