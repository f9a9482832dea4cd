import { XMLParser } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { circleGeometry, closenessCircleSvg, pointToPlacement, ROLE_COLOURS, type CirclePerson } from '../../shared/ipt/closeness-circle.ts';
import { svgToPng } from '../../electron/main/domain/documents/rasterise.ts';

const people: CirclePerson[] = [
  { id: 'p-mum', label: 'Mum', ring: 1, angle: 0, role: 'support' },
  { id: 'p-sam', label: 'Sam <partner>', ring: 2, angle: 90, role: 'stress' },
  { id: 'p-jo', label: 'Jo', ring: 3, angle: 225, role: 'mixed' },
  { id: 'p-kit', label: 'Kit', ring: 4, angle: 300, role: 'unset' },
];

interface SvgGroup {
  '@_data-person-id': string;
  '@_data-ring': string;
  '@_data-radius': string;
  rect: { '@_x': string; '@_y': string; '@_width': string; '@_height': string; '@_fill': string };
  text: { '#text': string };
}

function parse(svg: string) {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(svg) as {
    svg: { '@_width': string; circle: { '@_r': string; '@_data-ring-boundary'?: string }[]; g: SvgGroup[] | SvgGroup };
  };
  const groups = Array.isArray(doc.svg.g) ? doc.svg.g : [doc.svg.g];
  return { doc, groups };
}

describe('closeness circle SVG', () => {
  it('puts each chip on its stored ring, at that ring’s radius and angle, in its role colour', () => {
    const size = 600;
    const svg = closenessCircleSvg({ centreLabel: 'Client', rings: 4, people, size });
    const { doc, groups } = parse(svg);
    expect(doc.svg['@_width']).toBe(String(size));
    const boundaries = doc.svg.circle.filter((c) => c['@_data-ring-boundary']).map((c) => Number(c['@_r'])).sort((a, b) => a - b);
    expect(boundaries).toHaveLength(4);
    expect(groups).toHaveLength(people.length);
    for (const person of people) {
      const g = groups.find((x) => x['@_data-person-id'] === person.id)!;
      expect(Number(g['@_data-ring'])).toBe(person.ring);
      // The chip's centre (from the rect) lies between its ring's inner and outer boundary, at the stored angle.
      const cx = Number(g.rect['@_x']) + Number(g.rect['@_width']) / 2;
      const cy = Number(g.rect['@_y']) + Number(g.rect['@_height']) / 2;
      const distance = Math.hypot(cx - size / 2, cy - size / 2);
      const inner = person.ring === 1 ? 0 : boundaries[person.ring - 2]!;
      expect(distance).toBeGreaterThan(inner);
      expect(distance).toBeLessThan(boundaries[person.ring - 1]!);
      expect(distance).toBeCloseTo(Number(g['@_data-radius']), 0);
      const angle = ((Math.atan2(cx - size / 2, size / 2 - cy) * 180) / Math.PI + 360) % 360;
      expect(Math.abs(((angle - person.angle + 540) % 360) - 180)).toBeLessThan(0.5);
      expect(g.rect['@_fill']).toBe(ROLE_COLOURS[person.role]);
    }
    // Labels are escaped, and the role is shown by a symbol too, not by colour alone.
    expect(svg).toContain('Sam &lt;partner&gt;');
    expect(groups.find((x) => x['@_data-person-id'] === 'p-mum')!.text['#text']).toBe('+ Mum');
    expect(groups.find((x) => x['@_data-person-id'] === 'p-sam')!.text['#text'].startsWith('− ')).toBe(true);
  });

  it('drops people on a ring the circle does not have, and maps points back to ring and angle', () => {
    const g = circleGeometry({ centreLabel: 'C', rings: 3, people, size: 600 });
    expect(g.chips.map((c) => c.id)).toEqual(['p-mum', 'p-sam', 'p-jo']);
    for (const chip of g.chips) {
      expect(pointToPlacement(g, chip.x, chip.y)).toEqual({ ring: chip.ring, angle: chip.angle });
    }
    expect(pointToPlacement(g, 600, 300).ring).toBe(3);
  });

  it('rasterises to a PNG of the requested size that is not blank', async () => {
    const svg = closenessCircleSvg({ centreLabel: 'Client', rings: 3, people, size: 600 });
    const png = PNG.sync.read(Buffer.from(await svgToPng(svg, 800)));
    expect([png.width, png.height]).toEqual([800, 800]);
    const colours = new Set<number>();
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4 * 97) {
      colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
      if (png.data[i]! < 128) dark++;
    }
    expect(colours.size).toBeGreaterThan(10);
    expect(dark).toBeGreaterThan(50);
    // The support chip's green is really drawn: sample the centre-top chip area.
    const g = circleGeometry({ centreLabel: 'Client', rings: 3, people, size: 800 });
    const mum = g.chips.find((c) => c.id === 'p-mum')!;
    const sampleX = Math.round(mum.x - mum.width / 2 + 4);
    const idx = (Math.round(mum.y) * png.width + sampleX) * 4;
    expect([png.data[idx], png.data[idx + 1], png.data[idx + 2]]).toEqual([0x2e, 0x6b, 0x45]);
  });
});
