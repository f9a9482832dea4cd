/**
 * The progress chart: PHQ-9 and GAD-7 totals on a date axis, band regions shaded, session ticks,
 * and life events on the same axis. Pure geometry plus an SVG string: the app draws the geometry,
 * print and documents use the SVG, main turns it into PNG. No DOM, no eval.
 */
import { calendarDateOfUtc, todayIso } from '../schemas/dates.ts';
import { GAD7_V1, PHQ9_V1 } from './instruments.ts';

export interface MeasureChartInput {
  points: { instrumentId: 'phq9' | 'gad7'; date: string; total: number }[];
  sessions: { date: string; attended: boolean }[];
  events: { date: string; title: string }[];
  width?: number;
  height?: number;
  title?: string;
}

export const SERIES = {
  phq9: { label: 'PHQ-9', colour: '#1f5f8b', dash: '', marker: 'circle' as const },
  gad7: { label: 'GAD-7', colour: '#8a5300', dash: '6 4', marker: 'square' as const },
};

/** PHQ-9 bands shade the background; GAD-7 shares the 0-4/5-9/10-14 boundaries. */
const BAND_SHADES = ['#eef6ee', '#f6f6e6', '#fbf0e0', '#fbe6dc', '#f7dcdc'];

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yMax: number;
  bands: { y1: number; y2: number; fill: string; label: string; labelY: number }[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  series: { id: 'phq9' | 'gad7'; label: string; colour: string; dash: string; marker: 'circle' | 'square'; points: { x: number; y: number; total: number; date: string }[]; path: string }[];
  sessionTicks: { x: number; attended: boolean }[];
  events: { x: number; title: string }[];
}

const DAY = 86_400_000;
const t = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const round = (n: number) => Math.round(n * 10) / 10;

export function measureChartGeometry(input: MeasureChartInput): ChartGeometry {
  const width = input.width ?? 760;
  const height = input.height ?? 320;
  const plot = { left: 44, right: width - 110, top: 28, bottom: height - 44 };
  const yMax = PHQ9_V1.maxTotal;
  const dates = [...input.points.map((p) => p.date), ...input.sessions.map((s) => s.date), ...input.events.map((e) => e.date)].sort();
  // An empty chart spans the weeks around today's calendar date, on the same UTC-midnight axis as the points.
  const t0 = t(dates[0] ?? todayIso()) - 7 * DAY;
  const t1 = Math.max(t(dates.at(-1) ?? todayIso()) + 7 * DAY, t0 + 28 * DAY);
  const x = (iso: string) => round(plot.left + ((t(iso) - t0) / (t1 - t0)) * (plot.right - plot.left));
  const y = (v: number) => round(plot.bottom - (v / yMax) * (plot.bottom - plot.top));
  const bands = PHQ9_V1.bands.map((b, i) => ({
    y1: y(b.max + (i === PHQ9_V1.bands.length - 1 ? 0 : 0.5)),
    y2: y(Math.max(0, b.min - 0.5)),
    fill: BAND_SHADES[i]!,
    label: b.label,
    labelY: round((y(b.max) + y(b.min)) / 2),
  }));
  const yTicks = [0, 5, 10, 15, 20, 25].map((v) => ({ y: y(v), label: String(v) }));
  const spanDays = (t1 - t0) / DAY;
  const step = spanDays > 700 ? 'year' : spanDays > 120 ? 'quarter' : 'month';
  const xTicks: { x: number; label: string }[] = [];
  const start = new Date(t0);
  for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); d.getTime() < t1; d.setUTCMonth(d.getUTCMonth() + (step === 'month' ? 1 : step === 'quarter' ? 3 : 12))) {
    const iso = calendarDateOfUtc(d);
    xTicks.push({ x: x(iso), label: iso.slice(0, 7) });
  }
  const series = (['phq9', 'gad7'] as const)
    .map((id) => {
      const pts = input.points
        .filter((p) => p.instrumentId === id)
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .map((p) => ({ x: x(p.date), y: y(p.total), total: p.total, date: p.date }));
      return { id, ...SERIES[id], points: pts, path: pts.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ') };
    })
    .filter((s) => s.points.length > 0);
  return {
    width,
    height,
    plot,
    yMax,
    bands,
    yTicks,
    xTicks,
    series,
    sessionTicks: input.sessions.map((s) => ({ x: x(s.date), attended: s.attended })),
    events: labelled(input.events.map((e) => ({ x: x(e.date), title: e.title }))),
  };
}

function esc(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Events too close to the previous labelled one keep their line but lose their label. */
function labelled(events: { x: number; title: string }[]): { x: number; title: string }[] {
  let last = -Infinity;
  return [...events]
    .sort((a, b) => a.x - b.x)
    .map((e) => {
      if (e.x - last < 110) return { ...e, title: '' };
      last = e.x;
      return e;
    });
}

export function measureChartSvg(input: MeasureChartInput): string {
  const g = measureChartGeometry(input);
  const { plot } = g;
  const title = esc(input.title ?? 'PHQ-9 and GAD-7 over time');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" role="img" aria-label="${title}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">`,
    `<title>${title}</title>`,
    `<rect width="${g.width}" height="${g.height}" fill="#ffffff"/>`,
  ];
  for (const b of g.bands) {
    out.push(`<rect data-band="${b.label}" x="${plot.left}" y="${b.y1}" width="${plot.right - plot.left}" height="${round(b.y2 - b.y1)}" fill="${b.fill}"/>`);
    out.push(`<text x="${plot.right + 6}" y="${b.labelY}" fill="#505860" dominant-baseline="central">${b.label}</text>`);
  }
  out.push(`<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#1d1f21"/>`, `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="#1d1f21"/>`);
  for (const tk of g.yTicks) out.push(`<text x="${plot.left - 6}" y="${tk.y}" text-anchor="end" dominant-baseline="central" fill="#1d1f21">${tk.label}</text>`);
  for (const tk of g.xTicks) out.push(`<line x1="${tk.x}" y1="${plot.bottom}" x2="${tk.x}" y2="${plot.bottom + 4}" stroke="#1d1f21"/><text x="${tk.x}" y="${plot.bottom + 16}" text-anchor="middle" fill="#1d1f21">${tk.label}</text>`);
  for (const s of g.sessionTicks) out.push(`<line data-session="1" x1="${s.x}" y1="${plot.bottom - 6}" x2="${s.x}" y2="${plot.bottom}" stroke="${s.attended ? '#1f5f8b' : '#9aa5b1'}" stroke-width="2"/>`);
  for (const e of g.events) {
    out.push(`<line data-event="1" x1="${e.x}" y1="${plot.top}" x2="${e.x}" y2="${plot.bottom}" stroke="#6b3fa0" stroke-dasharray="3 3"/>`);
    if (e.title) out.push(`<text x="${e.x + 3}" y="${plot.top - 6}" fill="#6b3fa0">${esc(e.title.length > 22 ? `${e.title.slice(0, 21)}…` : e.title)}</text>`);
  }
  for (const s of g.series) {
    out.push(`<path data-series="${s.id}" d="${s.path}" fill="none" stroke="${s.colour}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of s.points) {
      out.push(
        s.marker === 'circle'
          ? `<circle data-point="${s.id}" data-total="${p.total}" cx="${p.x}" cy="${p.y}" r="4.5" fill="${s.colour}"/>`
          : `<rect data-point="${s.id}" data-total="${p.total}" x="${p.x - 4}" y="${p.y - 4}" width="8" height="8" fill="${s.colour}"/>`,
      );
    }
  }
  let ly = g.height - 12;
  for (const s of [...g.series].reverse()) {
    out.push(`<line x1="${plot.right + 6}" y1="${ly}" x2="${plot.right + 30}" y2="${ly}" stroke="${s.colour}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="${plot.right + 34}" y="${ly}" dominant-baseline="central" fill="#1d1f21">${s.label}</text>`);
    ly -= 16;
  }
  out.push('</svg>');
  return out.join('');
}

export { GAD7_V1 };
