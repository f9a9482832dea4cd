import { measureChartGeometry, type MeasureChartInput } from '../../../shared/ipt/measure-chart.ts';

/** The progress chart drawn from the shared geometry (the same one print, PNG and letters use). */
export function MeasuresChart({ input, label }: { input: MeasureChartInput; label: string }) {
  const g = measureChartGeometry(input);
  const { plot } = g;
  return (
    <svg viewBox={`0 0 ${g.width} ${g.height}`} width={g.width} height={g.height} role="img" aria-label={label} className="measures-chart" fontFamily="DejaVu Sans, Verdana, sans-serif" fontSize={11}>
      <rect width={g.width} height={g.height} fill="#ffffff" />
      {g.bands.map((b) => (
        <g key={b.label}>
          <rect x={plot.left} y={b.y1} width={plot.right - plot.left} height={b.y2 - b.y1} fill={b.fill} />
          <text x={plot.right + 6} y={b.labelY} fill="#505860" dominantBaseline="central">
            {b.label}
          </text>
        </g>
      ))}
      <line x1={plot.left} y1={plot.bottom} x2={plot.right} y2={plot.bottom} stroke="#1d1f21" />
      <line x1={plot.left} y1={plot.top} x2={plot.left} y2={plot.bottom} stroke="#1d1f21" />
      {g.yTicks.map((t) => (
        <text key={t.label} x={plot.left - 6} y={t.y} textAnchor="end" dominantBaseline="central" fill="#1d1f21">
          {t.label}
        </text>
      ))}
      {g.xTicks.map((t) => (
        <text key={t.label} x={t.x} y={plot.bottom + 16} textAnchor="middle" fill="#1d1f21">
          {t.label}
        </text>
      ))}
      {g.sessionTicks.map((s, i) => (
        <line key={i} x1={s.x} y1={plot.bottom - 6} x2={s.x} y2={plot.bottom} stroke={s.attended ? '#1f5f8b' : '#9aa5b1'} strokeWidth={2} />
      ))}
      {g.events.map((e, i) => (
        <g key={i} className="chart-event">
          <line x1={e.x} y1={plot.top} x2={e.x} y2={plot.bottom} stroke="#6b3fa0" strokeDasharray="3 3" />
          {e.title && (
            <text x={e.x + 3} y={plot.top - 6} fill="#6b3fa0">
              {e.title.length > 22 ? `${e.title.slice(0, 21)}…` : e.title}
            </text>
          )}
        </g>
      ))}
      {g.series.map((s) => (
        <g key={s.id} className={`series-${s.id}`}>
          <path d={s.path} fill="none" stroke={s.colour} strokeWidth={2.5} strokeDasharray={s.dash || undefined} />
          {s.points.map((p, i) =>
            s.marker === 'circle' ? <circle key={i} cx={p.x} cy={p.y} r={4.5} fill={s.colour} /> : <rect key={i} x={p.x - 4} y={p.y - 4} width={8} height={8} fill={s.colour} />,
          )}
        </g>
      ))}
      {[...g.series].reverse().map((s, i) => (
        <g key={s.id}>
          <line x1={plot.right + 6} y1={g.height - 12 - i * 16} x2={plot.right + 30} y2={g.height - 12 - i * 16} stroke={s.colour} strokeWidth={2.5} strokeDasharray={s.dash || undefined} />
          <text x={plot.right + 34} y={g.height - 12 - i * 16} dominantBaseline="central" fill="#1d1f21">
            {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
