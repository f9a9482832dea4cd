import { useState, type FormEvent } from 'react';
import { timelineGeometry } from '../../../../shared/ipt/timeline-chart.ts';
import { LIFE_EVENT_LABELS } from '../../../../shared/ipt/vocabulary.ts';
import type { LifeEventFields } from '../../../../shared/schemas/timeline.ts';
import { Alert } from '../../components/Alert.tsx';
import { MeasuresChart } from '../../components/MeasuresChart.tsx';
import { NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate } from '../../format.ts';
import { useFieldErrors, useResource } from '../../hooks.ts';
import { ipt } from '../../ipt.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';

/** Life events and sessions on one date axis, with the list of events and a form to add one. */
export function TimelineTab({ clientId }: { clientId: string }) {
  const timeline = useResource(() => ipt.timeline.get({ clientId }), clientId);
  const people = useResource(() => ipt.people.list({ clientId }), clientId);
  const chart = useResource(() => ipt.measures.chart({ clientId }), `${clientId}:chart`);
  const [fields, setFields] = useState<LifeEventFields>({ date: todayIso(), kind: 'other', title: '', personId: null, moodRating: null, note: '' });
  const [error, setError] = useState<string | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();

  if (timeline.error) return <Alert>{timeline.error.message}</Alert>;
  if (!timeline.data) return <p aria-busy="true">Loading…</p>;
  const t = timeline.data;
  const names = new Map((people.data ?? []).map((p) => [p.id, p.fields.name]));
  const g = timelineGeometry({ events: t.events.map((e) => ({ id: e.id, date: e.fields.date, title: e.fields.title, moodRating: e.fields.moodRating })), sessions: t.sessions, courses: t.courses });

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.timeline.createEvent({ clientId, fields });
    if (!result.ok) {
      setError(result.error.message);
      return setErrors(result.error.fields);
    }
    setError(null);
    setErrors({});
    setFields({ ...fields, title: '', note: '', moodRating: null, personId: null });
    await timeline.reload();
  }

  async function remove(id: string) {
    const result = await ipt.timeline.removeEvent({ id });
    if (result.ok) await timeline.reload();
    else setError(result.error.message);
  }

  const summary = `${t.events.length} life events and ${t.sessions.length} sessions from ${formatDate(g.start)} to ${formatDate(g.end)}`;
  return (
    <div>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <div className="timeline-scroll" tabIndex={0} role="region" aria-label="Timeline chart (scrolls sideways)">
          <svg viewBox={`0 0 ${g.width} ${g.height}`} width={g.width} height={g.height} role="img" aria-label={summary} className="timeline-svg">
            {g.bands.map((b) => (
              <rect key={b.id} x={b.x1} y={g.axisY - 8} width={Math.max(2, b.x2 - b.x1)} height={16} className="course-band" />
            ))}
            <line x1={g.left} x2={g.right} y1={g.axisY} y2={g.axisY} className="axis" />
            {g.yearMarks.map((m) => (
              <g key={m.label}>
                <line x1={m.x} x2={m.x} y1={g.axisY - 4} y2={g.axisY + 40} className="year-mark" />
                <text x={m.x + 3} y={g.axisY + 38} className="axis-label">
                  {m.label}
                </text>
              </g>
            ))}
            {g.ticks.map((tick) => (
              <line key={tick.id} x1={tick.x} x2={tick.x} y1={g.axisY + 10} y2={g.axisY + 24} className={tick.attended ? 'tick attended' : 'tick missed'} />
            ))}
            {g.events.map((e) => (
              <g key={e.id}>
                <line x1={e.x} x2={e.x} y1={e.y + 4} y2={g.axisY} className="event-stem" />
                <circle cx={e.x} cy={e.y} r={5} className="event-dot" />
                <text x={e.x + 8} y={e.y + 4} className="event-label">
                  {e.title.length > 28 ? `${e.title.slice(0, 27)}…` : e.title}
                </text>
              </g>
            ))}
          </svg>
        </div>
        {chart.data && chart.data.points.length > 0 && (
          <div className="chart-scroll" tabIndex={0} role="region" aria-label="Scores and life events (scrolls sideways)">
            <MeasuresChart input={chart.data} label="PHQ-9 and GAD-7 totals with life events on the same dates" />
          </div>
        )}
        <p className="hint">Dots are life events; short ticks under the line are sessions (pale ticks were missed or cancelled); the band is the course.</p>
      </section>
      <section aria-labelledby="events-heading" className="panel">
        <h2 id="events-heading">Life events</h2>
        {error && <Alert>{error}</Alert>}
        {t.events.length === 0 ? (
          <p className="muted">No life events yet. Start with what changed around the time the difficulties began.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Event</th>
                <th scope="col">Kind</th>
                <th scope="col">Person</th>
                <th scope="col">Mood (0-10)</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {t.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.fields.date)}</td>
                  <td>{e.fields.title}</td>
                  <td>{LIFE_EVENT_LABELS[e.fields.kind]}</td>
                  <td>{e.fields.personId ? (names.get(e.fields.personId) ?? '') : ''}</td>
                  <td>{e.fields.moodRating ?? ''}</td>
                  <td>
                    <button type="button" onClick={() => void remove(e.id)} aria-label={`Remove event ${e.fields.title}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form onSubmit={add} noValidate aria-label="Add a life event" className="subform">
          <div className="grid">
            <TextField label="Event date" type="date" value={fields.date} onChange={(e) => setFields({ ...fields, date: e.target.value })} error={errorAt('date')} />
            <TextField label="What happened" value={fields.title} onChange={(e) => setFields({ ...fields, title: e.target.value })} error={errorAt('title')} />
            <SelectField label="Kind of event" value={fields.kind} options={LIFE_EVENT_LABELS} onChange={(v) => setFields({ ...fields, kind: v })} />
            <SelectField
              label="Person involved"
              value={fields.personId ?? ''}
              options={{ '': 'Nobody in particular', ...Object.fromEntries((people.data ?? []).map((p) => [p.id, p.fields.name])) } as Record<string, string>}
              onChange={(v) => setFields({ ...fields, personId: v || null })}
            />
            <NumberField label="Mood at the time (0-10)" value={fields.moodRating} onChange={(v) => setFields({ ...fields, moodRating: v })} min={0} max={10} error={errorAt('moodRating')} />
          </div>
          <TextAreaField label="Note" value={fields.note} onChange={(e) => setFields({ ...fields, note: e.target.value })} />
          <div className="actions">
            <button type="submit">Add event</button>
          </div>
        </form>
      </section>
    </div>
  );
}
