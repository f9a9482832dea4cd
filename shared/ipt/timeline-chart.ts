import { todayIso } from '../schemas/dates.ts';

/**
 * Geometry of the interpersonal timeline: life events above a date axis, sessions as ticks below,
 * the course as a band. Pure, so the app and print draw the same picture.
 */
export interface TimelineInput {
  events: { id: string; date: string; title: string; moodRating: number | null }[];
  sessions: { id: string; date: string; attended: boolean }[];
  courses: { id: string; startDate: string; plannedEndDate: string }[];
  width?: number;
}

export interface TimelineGeometry {
  width: number;
  height: number;
  axisY: number;
  left: number;
  right: number;
  start: string;
  end: string;
  xOf: (isoDate: string) => number;
  events: { id: string; x: number; y: number; title: string; date: string }[];
  ticks: { id: string; x: number; attended: boolean }[];
  bands: { id: string; x1: number; x2: number }[];
  yearMarks: { x: number; label: string }[];
}

const DAY = 86_400_000;

function time(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

export function timelineGeometry(input: TimelineInput): TimelineGeometry {
  const width = input.width ?? 900;
  const height = 220;
  const left = 40;
  const right = width - 40;
  const axisY = 140;
  const dates = [...input.events.map((e) => e.date), ...input.sessions.map((s) => s.date), ...input.courses.flatMap((c) => [c.startDate, c.plannedEndDate])].sort();
  const start = dates[0] ?? todayIso();
  const end = dates.at(-1) ?? start;
  const t0 = time(start) - 15 * DAY;
  const t1 = Math.max(time(end) + 15 * DAY, t0 + 60 * DAY);
  const xOf = (iso: string) => Math.round((left + ((time(iso) - t0) / (t1 - t0)) * (right - left)) * 10) / 10;
  // Alternate label heights so neighbouring events do not overlap.
  const events = [...input.events]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((e, i) => ({ id: e.id, x: xOf(e.date), y: axisY - 30 - (i % 3) * 32, title: e.title, date: e.date }));
  const ticks = input.sessions.map((s) => ({ id: s.id, x: xOf(s.date), attended: s.attended }));
  const bands = input.courses.map((c) => ({ id: c.id, x1: xOf(c.startDate), x2: xOf(c.plannedEndDate) }));
  const yearMarks: { x: number; label: string }[] = [];
  for (let y = new Date(t0).getUTCFullYear() + 1; Date.UTC(y, 0, 1) < t1; y++) {
    yearMarks.push({ x: xOf(`${y}-01-01`), label: String(y) });
  }
  return { width, height, axisY, left, right, start, end, xOf, events, ticks, bands, yearMarks };
}
