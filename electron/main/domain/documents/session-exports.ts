/**
 * The therapist's own records of sessions: a CSV of sessions over a date range and an iCalendar
 * file of one client's appointments. Both are written by maintained libraries (csv-stringify,
 * ical-generator), hold only what the user asked for, and carry no note text.
 */
import { stringify } from 'csv-stringify/sync';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { ATTENDANCE_LABELS, MODALITY_LABELS, type Attendance, type Modality } from '../../../../shared/ipt/vocabulary.ts';

export interface ExportSession {
  id: string;
  date: string;
  time: string;
  durationMinutes: number;
  attendance: Attendance;
  modality: Modality;
}

/** "Maria José Lopez" → "MJL": what a calendar on a shared phone may show. */
export function initialsOf(fullName: string): string {
  return fullName
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toLocaleUpperCase())
    .join('');
}

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return that some
 * spreadsheets strip before the check) gets a leading apostrophe, which spreadsheets show as text
 * (OWASP's guidance for CSV injection).
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** UTF-8 with a byte-order mark, so Excel reads accents and non-Latin names correctly; CRLF rows as RFC 4180. */
export function sessionsCsv(rows: (ExportSession & { client: string })[]): Uint8Array {
  const body = stringify(
    rows.map((r) => [r.date, r.time, String(r.durationMinutes), ATTENDANCE_LABELS[r.attendance], MODALITY_LABELS[r.modality], r.client].map(guardCell)),
    { header: true, columns: ['Date', 'Time', 'Minutes', 'Status', 'Modality', 'Client'], record_delimiter: 'windows' },
  );
  return new TextEncoder().encode(`\uFEFF${body}`);
}

/**
 * The session's calendar date and wall-clock time as a Date whose UTC fields are that date and time:
 * ical-generator writes floating times from the UTC fields, so the machine's zone never shifts them
 * (a local-time Date put an 18:30 session at 22:30 under TZ=America/New_York).
 */
function wallClock(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = (time || '00:00').split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

/**
 * One client's planned appointments as iCalendar. Times are floating (the wall-clock time the
 * session was booked for, in whatever zone the calendar shows), a session without a time is an
 * all-day entry, and there are no alarms: a reminder would be the user's calendar's own. The
 * summary is the only identifying text; UIDs are the session's opaque id, so importing the file
 * again updates the entries instead of duplicating them.
 */
export function appointmentsIcs(sessions: ExportSession[], summary: string, now: Date): string {
  const cal = ical({ name: 'IPT appointments', prodId: { company: 'IPT Workstation', product: 'IPT Workstation', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  for (const s of sessions) {
    const start = wallClock(s.date, s.time);
    cal.createEvent({
      id: `${s.id}@ipt-workstation`,
      start,
      end: s.time ? new Date(start.getTime() + s.durationMinutes * 60_000) : start,
      allDay: !s.time,
      floating: true,
      stamp: now,
      summary,
      ...(s.modality !== 'in_person' ? { description: MODALITY_LABELS[s.modality] } : {}),
    });
  }
  return cal.toString();
}
