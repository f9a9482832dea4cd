import { XMLParser } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { measureChartGeometry, measureChartSvg } from '../../shared/ipt/measure-chart.ts';
import { svgToPng } from '../../electron/main/domain/documents/rasterise.ts';

const input = {
  points: [
    { instrumentId: 'phq9' as const, date: '2026-01-05', total: 18 },
    { instrumentId: 'phq9' as const, date: '2026-03-23', total: 7 },
    { instrumentId: 'gad7' as const, date: '2026-01-05', total: 12 },
    { instrumentId: 'gad7' as const, date: '2026-03-23', total: 5 },
  ],
  sessions: [
    { date: '2026-01-05', attended: true },
    { date: '2026-01-12', attended: false },
    { date: '2026-03-23', attended: true },
  ],
  events: [{ date: '2026-02-10', title: 'Moved out <temporarily>' }],
};

describe('progress chart', () => {
  it('puts each total at its height, later dates further right, in the right band', () => {
    const g = measureChartGeometry(input);
    const phq = g.series.find((s) => s.id === 'phq9')!;
    const scale = (g.plot.bottom - g.plot.top) / g.yMax;
    expect(phq.points.map((p) => Math.round((g.plot.bottom - p.y) / scale))).toEqual([18, 7]);
    expect(phq.points[1]!.x).toBeGreaterThan(phq.points[0]!.x);
    const bandOf = (yv: number) => g.bands.find((b) => yv >= b.y1 && yv <= b.y2)!.label;
    expect(phq.points.map((p) => bandOf(p.y))).toEqual(['moderately severe', 'mild']);
    expect(g.events[0]!.x).toBeGreaterThan(phq.points[0]!.x);
    expect(g.events[0]!.x).toBeLessThan(phq.points[1]!.x);
  });

  it('draws the same data as SVG: series, bands, session ticks, event markers, escaped text', () => {
    const svg = measureChartSvg(input);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(svg) as { svg: { rect: Record<string, string>[]; circle: Record<string, string>[]; line: Record<string, string>[]; path: Record<string, string>[] } };
    expect(doc.svg.rect.filter((r) => r['@_data-band']).map((r) => r['@_data-band'])).toEqual(['minimal', 'mild', 'moderate', 'moderately severe', 'severe']);
    expect(doc.svg.circle.filter((c) => c['@_data-point'] === 'phq9').map((c) => Number(c['@_data-total']))).toEqual([18, 7]);
    expect(doc.svg.rect.filter((r) => r['@_data-point'] === 'gad7').map((r) => Number(r['@_data-total']))).toEqual([12, 5]);
    expect(doc.svg.line.filter((l) => l['@_data-session'])).toHaveLength(3);
    expect(doc.svg.line.filter((l) => l['@_data-event'])).toHaveLength(1);
    expect(doc.svg.path.map((p) => p['@_data-series'])).toEqual(['phq9', 'gad7']);
    expect(svg).toContain('Moved out &lt;temporaril…');
    expect(svg).not.toContain('<temporarily');
    expect(svg).not.toMatch(/<script|javascript:|on[a-z]+=/i);
  });

  it('rasterises in main without a DOM', async () => {
    const png = PNG.sync.read(Buffer.from(await svgToPng(measureChartSvg(input), 1520)));
    expect([png.width, png.height]).toEqual([1520, 640]);
    let blue = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 0x1f && png.data[i + 1] === 0x5f && png.data[i + 2] === 0x8b) blue++;
    expect(blue).toBeGreaterThan(100);
  });
});
