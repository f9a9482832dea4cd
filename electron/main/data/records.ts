/** Small helpers shared by the record repositories. */
import type { z } from 'zod';
import { AppError } from './errors.ts';

/** A timestamp strictly after `previous`, so optimistic concurrency works within one millisecond. */
export function laterTimestamp(now: Date, previous: string): string {
  return new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();
}

/** Reads a JSON column through its schema; stored data that no longer parses is damage. */
export function readJson<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('VAULT_DAMAGED', { message: 'A stored record did not match its expected shape.' });
  return parsed.data;
}

export function requireRow<T>(row: T | undefined): T {
  if (row === undefined) throw new AppError('NOT_FOUND');
  return row;
}
