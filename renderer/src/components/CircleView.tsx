import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { circleGeometry, FONT_FAMILY, pointToPlacement, ROLE_SYMBOLS, type CirclePerson } from '../../../shared/ipt/closeness-circle.ts';
import { ONSET_ROLE_LABELS, type OnsetRole } from '../../../shared/ipt/vocabulary.ts';
import type { Placement } from '../../../shared/schemas/circle.ts';

export interface CirclePersonInfo {
  id: string;
  name: string;
  role: OnsetRole;
}

interface Props {
  centreLabel: string;
  rings: 3 | 4;
  people: CirclePersonInfo[];
  placements: Placement[];
  size?: number;
  label: string;
  highlight?: readonly string[];
  /** When given, chips can be dragged, and moved with the keyboard. */
  onMove?: (placements: Placement[], announcement: string) => void;
}

const ANGLE_STEP = 15;

/**
 * The closeness circle drawn from the shared geometry (the same one print and documents use).
 * Interactive: drag a chip, or focus it and use Up/Down to change ring and Left/Right to move round.
 */
export function CircleView({ centreLabel, rings, people, placements, size = 520, label, highlight, onMove }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; ring: number; angle: number } | null>(null);
  const names = new Map(people.map((p) => [p.id, p]));
  const effective = placements.map((p) => (drag && p.personId === drag.id ? { ...p, ring: drag.ring, angle: drag.angle } : p));
  const circlePeople: CirclePerson[] = effective
    .filter((p) => names.has(p.personId))
    .map((p) => ({ id: p.personId, label: names.get(p.personId)!.name, ring: p.ring, angle: p.angle, role: names.get(p.personId)!.role }));
  const geometry = circleGeometry({ centreLabel, rings, people: circlePeople, size, highlight: highlight ?? [] });

  function describe(id: string, ring: number): string {
    const person = names.get(id);
    return `${person?.name ?? 'Person'} is on ring ${ring} of ${rings}${ring === 1 ? ', the closest' : ring === rings ? ', the furthest' : ''}.`;
  }

  function commit(id: string, ring: number, angle: number) {
    if (!onMove) return;
    const next = placements.map((p) => (p.personId === id ? { ...p, ring, angle: Math.round(((angle % 360) + 360) % 360 * 10) / 10 } : p));
    onMove(next, describe(id, ring));
  }

  function toSvgPoint(event: PointerEvent): { x: number; y: number } | null {
    const svg = svgRef.current;
    const matrix = svg?.getScreenCTM();
    if (!svg || !matrix) return null;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }

  function onPointerDown(event: PointerEvent<SVGGElement>, id: string) {
    if (!onMove) return;
    const current = placements.find((p) => p.personId === id);
    if (!current) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ id, ring: current.ring, angle: current.angle });
  }

  function onPointerMove(event: PointerEvent<SVGGElement>) {
    if (!drag) return;
    const point = toSvgPoint(event);
    if (point) setDrag({ id: drag.id, ...pointToPlacement(geometry, point.x, point.y) });
  }

  function onPointerUp() {
    if (!drag) return;
    commit(drag.id, drag.ring, drag.angle);
    setDrag(null);
  }

  function onKeyDown(event: KeyboardEvent<SVGGElement>, id: string) {
    const current = placements.find((p) => p.personId === id);
    if (!current || !onMove) return;
    let { ring, angle } = current;
    if (event.key === 'ArrowUp') ring = Math.max(1, ring - 1);
    else if (event.key === 'ArrowDown') ring = Math.min(rings, ring + 1);
    else if (event.key === 'ArrowRight') angle = (angle + ANGLE_STEP) % 360;
    else if (event.key === 'ArrowLeft') angle = (angle - ANGLE_STEP + 360) % 360;
    else return;
    event.preventDefault();
    commit(id, ring, angle);
  }

  return (
    <svg
      ref={svgRef}
      className="circle-svg"
      viewBox={`0 0 ${geometry.size} ${geometry.size}`}
      width={geometry.size}
      height={geometry.size}
      role="group"
      aria-label={label}
      fontFamily={FONT_FAMILY}
    >
      {[...geometry.ringBoundaries].reverse().map((r, i) => (
        <circle key={r} cx={geometry.cx} cy={geometry.cy} r={r} className={`ring ring-${geometry.ringBoundaries.length - i}`} />
      ))}
      <circle cx={geometry.cx} cy={geometry.cy} r={geometry.centreRadius} className="centre" />
      <text x={geometry.cx} y={geometry.cy} className="centre-label" fontSize={geometry.fontSize} textAnchor="middle" dominantBaseline="central" aria-hidden="true">
        {centreLabel.length > 14 ? `${centreLabel.slice(0, 13)}…` : centreLabel}
      </text>
      {geometry.chips.map((chip) => {
        const person = names.get(chip.id)!;
        return (
          <g
            key={chip.id}
            data-person-id={chip.id}
            data-ring={chip.ring}
            className={`chip${chip.highlighted ? ' chip-highlighted' : ''}${drag?.id === chip.id ? ' chip-dragging' : ''}`}
            role={onMove ? 'button' : 'img'}
            tabIndex={onMove ? 0 : undefined}
            aria-label={`${person.name}, ${ONSET_ROLE_LABELS[person.role].toLowerCase()}, ring ${chip.ring} of ${rings}${chip.highlighted ? ', moved' : ''}`}
            aria-roledescription={onMove ? 'movable person' : undefined}
            onPointerDown={(e) => onPointerDown(e, chip.id)}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onKeyDown={(e) => onKeyDown(e, chip.id)}
          >
            <rect x={chip.x - chip.width / 2} y={chip.y - chip.height / 2} width={chip.width} height={chip.height} rx={chip.height / 2} fill={chip.fill} />
            <text x={chip.x} y={chip.y} fontSize={geometry.fontSize} textAnchor="middle" dominantBaseline="central" fill="#ffffff" aria-hidden="true">
              {chip.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function CircleLegend() {
  return (
    <ul className="circle-legend" aria-label="Colours in the circle">
      {(['support', 'stress', 'mixed', 'unset'] as const).map((role) => (
        <li key={role}>
          <span className={`swatch swatch-${role}`} aria-hidden="true">
            {ROLE_SYMBOLS[role]}
          </span>
          {ONSET_ROLE_LABELS[role]}
        </li>
      ))}
    </ul>
  );
}
