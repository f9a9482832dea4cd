import { z } from 'zod';
import { ONSET_ROLES } from '../ipt/vocabulary.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { uuid } from './course.ts';

export const RING_COUNTS = [3, 4] as const;

/** Where a person sits: ring 1 is closest to the client; angle in degrees, 0 at the top, clockwise. */
export const placementSchema = z.strictObject({
  personId: uuid,
  ring: z.number().int().min(1).max(4),
  angle: z.number().min(0).max(360),
});
export type Placement = z.output<typeof placementSchema>;

export const circleSchema = z.strictObject({
  clientId: uuid,
  rings: z.union([z.literal(3), z.literal(4)]),
  placements: z.array(placementSchema),
});
export type Circle = z.output<typeof circleSchema>;

export const circleUpdateSchema = z.strictObject({
  clientId: uuid,
  rings: z.union([z.literal(3), z.literal(4)]),
  placements: z.array(placementSchema).max(200),
});

/** A snapshot freezes names and roles, so history does not change when a person is renamed later. */
export const snapshotEntrySchema = z.strictObject({
  personId: uuid,
  name: z.string(),
  role: z.enum(ONSET_ROLES),
  ring: z.number().int().min(1).max(4),
  angle: z.number().min(0).max(360),
});

export const snapshotSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  takenOn: isoDate,
  label: z.string(),
  rings: z.union([z.literal(3), z.literal(4)]),
  entries: z.array(snapshotEntrySchema),
  createdAt: isoDateTime,
});
export type Snapshot = z.output<typeof snapshotSchema>;

export const snapshotCreateSchema = z.strictObject({
  clientId: uuid,
  takenOn: isoDate,
  label: z.string().trim().max(200).default(''),
});

export const snapshotComparisonSchema = z.strictObject({
  before: snapshotSchema,
  after: snapshotSchema,
  changes: z.array(
    z.strictObject({
      personId: uuid,
      name: z.string(),
      change: z.enum(['moved-closer', 'moved-further', 'moved-around', 'added', 'removed', 'unchanged']),
      ringBefore: z.number().int().nullable(),
      ringAfter: z.number().int().nullable(),
    }),
  ),
});
export type SnapshotComparison = z.output<typeof snapshotComparisonSchema>;
