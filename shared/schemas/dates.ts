import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1850 || y > 2200) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function ymd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** One formatter per zone: building an Intl.DateTimeFormat costs ~50 µs, formatting with one ~2 µs. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    // en-US with the Gregorian calendar and Latin digits, so the parts are plain numbers whatever the user's locale.
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar date (YYYY-MM-DD) on which an instant fell for the user: the ONE way an instant
 * (created, signed, administered at, opened...) becomes a date. Instants are stored as UTC ISO
 * strings, so their first ten characters are the date in Greenwich: a PHQ-9 taken at 20:30 in
 * New York would be dated the next day, a 09:00 session in Sydney the day before.
 *
 * Without `timeZone`, the zone is the machine's (main) or the browser's (renderer), which are the
 * same machine. A string that is not an instant throws: calendar dates must not come through here.
 */
export function localDateOf(instant: string | Date, timeZone?: string): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (typeof instant === 'string' && !instant.includes('T')) throw new RangeError('localDateOf takes an instant, not a calendar date.');
  if (Number.isNaN(time)) throw new RangeError('localDateOf takes a valid instant.');
  if (timeZone === undefined) {
    const d = new Date(time);
    return ymd(d.getFullYear(), d.getMonth() + 1, d.getDate());
  }
  const parts = dayFormatter(timeZone).formatToParts(time);
  const part = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)!.value);
  return ymd(part('year'), part('month'), part('day'));
}

/** Today's date in the user's time zone, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date(), timeZone?: string): string {
  return localDateOf(now, timeZone);
}

/**
 * The YYYY-MM-DD of a Date built with Date.UTC from calendar parts. Calendar arithmetic (add a
 * week, a month, six years) is done on UTC midnights, where no daylight-saving hour can move the
 * day; this reads the result back without passing through any time zone.
 */
export function calendarDateOfUtc(date: Date): string {
  return ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export const isoDate = z
  .string()
  .refine(isRealIsoDate, { message: 'Enter a real date.' });

export const pastOrTodayIsoDate = isoDate.refine((v) => v <= todayIso(), {
  message: 'This date cannot be in the future.',
});

export const isoDateTime = z.iso.datetime({ offset: true });
