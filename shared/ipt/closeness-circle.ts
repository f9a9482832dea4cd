/**
 * The closeness circle, as geometry and as SVG, from stored data only. The app draws the same
 * geometry with React; print views and documents use the SVG string; main turns it into PNG.
 */
import type { OnsetRole } from './vocabulary.ts';

export interface CirclePerson {
  id: string;
  label: string;
  /** 1 = closest ring. */
  ring: number;
  /** Degrees clockwise from the top. */
  angle: number;
  role: OnsetRole;
}

export interface CircleInput {
  centreLabel: string;
  rings: 3 | 4;
  people: CirclePerson[];
  /** Width and height in px of the square drawing. */
  size?: number;
  /** People to outline, e.g. those who moved between two snapshots. */
  highlight?: readonly string[];
  title?: string;
}

/** Fills with white text at 4.5:1 contrast or better. Colour is never the only cue: see roleSymbol. */
export const ROLE_COLOURS: Record<OnsetRole, string> = {
  support: '#2e6b45',
  stress: '#a3231b',
  mixed: '#8a5300',
  unset: '#56606c',
};

export const ROLE_SYMBOLS: Record<OnsetRole, string> = { support: '+', stress: '−', mixed: '±', unset: '' };

export const FONT_FAMILY = 'DejaVu Sans, Verdana, sans-serif';

export interface ChipGeometry {
  id: string;
  label: string;
  text: string;
  ring: number;
  angle: number;
  /** Distance of the chip's centre from the circle's centre. */
  radius: number;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  highlighted: boolean;
}

export interface CircleGeometry {
  size: number;
  cx: number;
  cy: number;
  centreRadius: number;
  /** Outer boundary of each ring, innermost first. */
  ringBoundaries: number[];
  /** Where chips on each ring sit (the middle of the ring band), innermost first. */
  ringRadii: number[];
  chips: ChipGeometry[];
  fontSize: number;
}

const CHIP_HEIGHT_RATIO = 0.05;

/** Approximate text width for DejaVu Sans; chips only need to be roughly right. */
function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

function truncate(label: string, max = 18): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function circleGeometry(input: CircleInput): CircleGeometry {
  const size = input.size ?? 600;
  const cx = size / 2;
  const cy = size / 2;
  const outer = size / 2 - size * 0.03;
  const centreRadius = size * 0.09;
  const band = (outer - centreRadius) / input.rings;
  const ringBoundaries = Array.from({ length: input.rings }, (_, i) => centreRadius + band * (i + 1));
  const ringRadii = Array.from({ length: input.rings }, (_, i) => centreRadius + band * (i + 0.5));
  const fontSize = Math.max(11, Math.round(size * 0.024));
  const height = Math.max(Math.round(size * CHIP_HEIGHT_RATIO), Math.round(fontSize * 2));
  const highlight = new Set(input.highlight ?? []);
  const chips = input.people
    .filter((p) => p.ring >= 1 && p.ring <= input.rings)
    .map((p) => {
      const radius = ringRadii[p.ring - 1]!;
      const theta = (p.angle * Math.PI) / 180;
      const symbol = ROLE_SYMBOLS[p.role];
      const text = `${symbol ? `${symbol} ` : ''}${truncate(p.label)}`;
      return {
        id: p.id,
        label: p.label,
        text,
        ring: p.ring,
        angle: p.angle,
        radius,
        x: round(cx + radius * Math.sin(theta)),
        y: round(cy - radius * Math.cos(theta)),
        width: Math.round(textWidth(text, fontSize) + fontSize * 1.2),
        height,
        fill: ROLE_COLOURS[p.role],
        highlighted: highlight.has(p.id),
      };
    });
  return { size, cx, cy, centreRadius, ringBoundaries, ringRadii, chips, fontSize };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The angle (degrees, 0 at the top, clockwise) and ring of a point in the drawing. */
export function pointToPlacement(geometry: CircleGeometry, x: number, y: number): { ring: number; angle: number } {
  const dx = x - geometry.cx;
  const dy = y - geometry.cy;
  const distance = Math.hypot(dx, dy);
  let ring = geometry.ringBoundaries.findIndex((boundary) => distance <= boundary) + 1;
  if (ring === 0) ring = geometry.ringBoundaries.length;
  ring = Math.max(1, ring);
  const angle = ((Math.atan2(dx, -dy) * 180) / Math.PI + 360) % 360;
  return { ring, angle: Math.round(angle * 10) / 10 };
}

/** The whole drawing as a standalone SVG document (for print, DOCX and PNG). */
export function closenessCircleSvg(input: CircleInput): string {
  const g = circleGeometry(input);
  const title = escapeXml(input.title ?? `Closeness circle for ${input.centreLabel}`);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.size}" height="${g.size}" viewBox="0 0 ${g.size} ${g.size}" role="img" aria-label="${title}" font-family="${FONT_FAMILY}">`,
    `<title>${title}</title>`,
    `<rect width="${g.size}" height="${g.size}" fill="#ffffff"/>`,
  );
  for (let i = g.ringBoundaries.length - 1; i >= 0; i--) {
    const shade = ['#eef3f8', '#f3f6fa', '#f7f9fb', '#fbfcfd'][i] ?? '#fbfcfd';
    parts.push(`<circle data-ring-boundary="${i + 1}" cx="${g.cx}" cy="${g.cy}" r="${round(g.ringBoundaries[i]!)}" fill="${shade}" stroke="#8a96a3" stroke-width="1.5"/>`);
  }
  parts.push(
    `<circle cx="${g.cx}" cy="${g.cy}" r="${round(g.centreRadius)}" fill="#1f5f8b"/>`,
    `<text x="${g.cx}" y="${g.cy}" fill="#ffffff" font-size="${g.fontSize}" font-weight="bold" text-anchor="middle" dominant-baseline="central">${escapeXml(truncate(input.centreLabel, 14))}</text>`,
  );
  for (const chip of g.chips) {
    const x = round(chip.x - chip.width / 2);
    const y = round(chip.y - chip.height / 2);
    parts.push(
      `<g data-person-id="${escapeXml(chip.id)}" data-ring="${chip.ring}" data-radius="${round(chip.radius)}" data-angle="${chip.angle}">`,
      `<rect x="${x}" y="${y}" width="${chip.width}" height="${chip.height}" rx="${round(chip.height / 2)}" fill="${chip.fill}"${chip.highlighted ? ' stroke="#111111" stroke-width="3" stroke-dasharray="6 3"' : ''}/>`,
      `<text x="${chip.x}" y="${chip.y}" fill="#ffffff" font-size="${g.fontSize}" text-anchor="middle" dominant-baseline="central">${escapeXml(chip.text)}</text>`,
      `</g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
