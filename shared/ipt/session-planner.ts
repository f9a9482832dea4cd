/**
 * Plans a course's sessions from its contract: the start date, the chosen frequency and the
 * contracted number, stepping over the dates the user marks as away. Pure and calendar-only:
 * dates are YYYY-MM-DD and move by whole days in UTC arithmetic, so no time zone or daylight
 * saving change can shift a session by a day.
 */
import type { Frequency } from './vocabulary.ts';

export interface AwayRange {
  /** First day away, YYYY-MM-DD. */
  from: string;
  /** Last day away (inclusive); equal to `from` for one day. */
  to: string;
}

export interface SeriesPlan {
  /** The proposed session dates, in order; `count` of them unless the search ran out of room. */
  dates: string[];
  /** Dates that fell on an away day and were passed over. */
  skipped: string[];
  /** The proposed dates after the contract's planned end (the user is warned, see planSeries). */
  afterEnd: string[];
}

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

function iso(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** The n-th slot of a series (0-based) from its first date. Monthly slots keep the first date's day of the month. */
export function slotDate(start: string, frequency: Frequency, n: number): string {
  if (frequency === 'monthly') return addMonths(start, n);
  return addDays(start, n * (frequency === 'weekly' ? 7 : 14));
}

function isAway(date: string, away: readonly AwayRange[]): boolean {
  return away.some((r) => date >= r.from && date <= r.to);
}

/**
 * `count` sessions from `start` at the contract's frequency. A slot that falls on an away day is
 * passed over and the series runs one slot longer, so the client still has the contracted number
 * (IPT counts sessions, not weeks). `plannedEnd` marks the dates after the contract's end.
 */
export function planSeries(input: { start: string; frequency: Frequency; count: number; away?: readonly AwayRange[]; plannedEnd?: string }): SeriesPlan {
  const away = input.away ?? [];
  const dates: string[] = [];
  const skipped: string[] = [];
  // Bounded: a long away period cannot make the loop run for ever (200 sessions is the contract's limit).
  for (let n = 0; dates.length < input.count && n < input.count + 400; n++) {
    const date = slotDate(input.start, input.frequency, n);
    if (isAway(date, away)) skipped.push(date);
    else dates.push(date);
  }
  const afterEnd = input.plannedEnd ? dates.filter((d) => d > input.plannedEnd!) : [];
  return { dates, skipped, afterEnd };
}
