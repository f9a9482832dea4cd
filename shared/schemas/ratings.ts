import { z } from 'zod';
import { PROBLEM_AREAS } from '../ipt/vocabulary.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { uuid } from './course.ts';

/**
 * A rating series: 0-10 ratings recorded over time. Goals per problem area, mourning and
 * re-engagement progress, confidence, mood. Later features reuse this mechanism.
 */
export const RATING_KINDS = ['goal', 'mourning', 'reengagement', 'mood', 'confidence', 'custom'] as const;

export const ratingSeriesCreateSchema = z.strictObject({
  clientId: uuid,
  courseId: z.union([z.null(), uuid]).default(null),
  kind: z.enum(RATING_KINDS),
  label: z.string().trim().min(1, { message: 'Describe what is being rated.' }).max(300),
  problemArea: z.union([z.null(), z.enum(PROBLEM_AREAS)]).default(null),
  lowAnchor: z.string().trim().max(100).default('Not at all'),
  highAnchor: z.string().trim().max(100).default('Completely'),
});

export const ratingSchema = z.strictObject({ id: uuid, date: isoDate, value: z.number().int().min(0).max(10), note: z.string() });

export const ratingSeriesSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  courseId: uuid.nullable(),
  kind: z.enum(RATING_KINDS),
  label: z.string(),
  problemArea: z.enum(PROBLEM_AREAS).nullable(),
  lowAnchor: z.string(),
  highAnchor: z.string(),
  ratings: z.array(ratingSchema),
  createdAt: isoDateTime,
});
export type RatingSeries = z.output<typeof ratingSeriesSchema>;

export const ratingAddSchema = z.strictObject({
  seriesId: uuid,
  date: isoDate,
  value: z.number().int({ message: 'Use a whole number from 0 to 10.' }).min(0, { message: 'Use a whole number from 0 to 10.' }).max(10, { message: 'Use a whole number from 0 to 10.' }),
  note: z.string().trim().max(1000).default(''),
});
