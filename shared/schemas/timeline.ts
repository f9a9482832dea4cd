import { z } from 'zod';
import { LIFE_EVENT_KINDS } from '../ipt/vocabulary.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { uuid } from './course.ts';

export const lifeEventFieldsSchema = z.strictObject({
  date: isoDate,
  kind: z.enum(LIFE_EVENT_KINDS),
  title: z.string().trim().min(1, { message: 'Give the event a short title.' }).max(200),
  personId: z.union([z.null(), uuid]).default(null),
  moodRating: z.number().int().min(0).max(10).nullable().default(null),
  note: z.string().trim().max(4000).default(''),
});
export type LifeEventFields = z.output<typeof lifeEventFieldsSchema>;

export const lifeEventSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  fields: lifeEventFieldsSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type LifeEvent = z.output<typeof lifeEventSchema>;

export const timelineSchema = z.strictObject({
  events: z.array(lifeEventSchema),
  sessions: z.array(z.strictObject({ id: uuid, courseId: uuid, date: isoDate, attended: z.boolean(), number: z.number().int().nullable() })),
  courses: z.array(z.strictObject({ id: uuid, startDate: isoDate, plannedEndDate: isoDate, type: z.string() })),
});
export type Timeline = z.output<typeof timelineSchema>;
