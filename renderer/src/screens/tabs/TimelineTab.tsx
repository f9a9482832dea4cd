import { Fragment, useEffect, useRef, useState } from 'react';
import { timelineGeometry } from '../../../../shared/ipt/timeline-chart.ts';
import { LIFE_EVENT_LABELS } from '../../../../shared/ipt/vocabulary.ts';
import { lifeEventFieldsSchema, type LifeEventFields } from '../../../../shared/schemas/timeline.ts';
import { Alert } from '../../components/Alert.tsx';
import { MeasuresChart } from '../../components/MeasuresChart.tsx';
import { NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate, plural } from '../../format.ts';
import { useContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { mutateChannel, useChannel, useChannelMutation } from '../../query.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';

/** Life events and sessions on one date axis, with the list of events and a form to add one. */
export function TimelineTab({ clientId }: { clientId: string }) {
  const timeline = useChannel('timeline.get', { clientId });
  const people = useChannel('people.list', { clientId });
  const chart = useChannel('measures.chart', { clientId });
  const removeEvent = useChannelMutation('timeline.removeEvent');
  const [error, setError] = useState<string | null>(null);
  // Which event's removal is being confirmed: removing is permanent, so it asks first.
  const [confirming, setConfirming] = useState<string | null>(null);
  // Neither kind: a create form, nothing stored yet. Date and kind stay for the next event.
  const form = useContractForm({
    schema: lifeEventFieldsSchema,
    defaultValues: { date: todayIso(), kind: 'other', title: '', personId: null, moodRating: null, note: '' } satisfies LifeEventFields,
    save: (fields) => mutateChannel('timeline.createEvent', { clientId, fields }),
    savedValues: (created) => ({ ...created.fields, title: '', note: '', moodRating: null, personId: null }),
    onSaved: () => setError(null),
    fieldPrefix: 'fields.',
  });
  const { register, errorAt } = form;
  const kind = form.bind('kind');
  const personId = form.bind('personId');
  const mood = form.bind('moodRating');

  if (timeline.error) return <Alert>{errorText(timeline.error)}</Alert>;
  if (!timeline.data) return <p aria-busy="true">Loading…</p>;
  const t = timeline.data;
  const names = new Map((people.data ?? []).map((p) => [p.id, p.fields.name]));
  const g = timelineGeometry({ events: t.events.map((e) => ({ id: e.id, date: e.fields.date, title: e.fields.title, moodRating: e.fields.moodRating })), sessions: t.sessions, courses: t.courses });

  function remove(id: string) {
    removeEvent.mutate(
      { id },
      {
        onSuccess: () => {
          setError(null);
          setConfirming(null);
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  }

  const summary = `${plural(t.events.length, { one: 'life event', other: 'life events' })} and ${plural(t.sessions.length, { one: 'session', other: 'sessions' })} from ${formatDate(g.start)} to ${formatDate(g.end)}`;
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
                <Fragment key={e.id}>
                <tr>
                  <td>{formatDate(e.fields.date)}</td>
                  <td>{e.fields.title}</td>
                  <td>{LIFE_EVENT_LABELS[e.fields.kind]}</td>
                  <td>{e.fields.personId ? (names.get(e.fields.personId) ?? '') : ''}</td>
                  <td>{e.fields.moodRating ?? ''}</td>
                  <td>
                    <button type="button" onClick={() => setConfirming(e.id)} aria-label={`Remove event ${e.fields.title}`} aria-expanded={confirming === e.id}>
                      Remove
                    </button>
                  </td>
                </tr>
                {confirming === e.id && (
                  <tr>
                    <td colSpan={6}>
                      <ConfirmRemoveEvent id={e.id} title={e.fields.title} when={formatDate(e.fields.date)} busy={removeEvent.isPending} onRemove={() => remove(e.id)} onKeep={() => setConfirming(null)} />
                    </td>
                  </tr>
                )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
        <form onSubmit={form.submit} noValidate aria-label="Add a life event" className="subform">
          {form.formError && <Alert>{form.formError}</Alert>}
          <div className="grid">
            <TextField label="Event date" type="date" {...register('date')} error={errorAt('date')} />
            <TextField label="What happened" {...register('title')} error={errorAt('title')} />
            <SelectField label="Kind of event" value={kind.value} options={LIFE_EVENT_LABELS} onChange={kind.onChange} error={kind.error} />
            <SelectField
              label="Person involved"
              value={personId.value ?? ''}
              options={{ '': 'Nobody in particular', ...Object.fromEntries((people.data ?? []).map((p) => [p.id, p.fields.name])) } as Record<string, string>}
              onChange={(v) => personId.onChange(v || null)}
              error={personId.error}
            />
            <NumberField label="Mood at the time (0-10)" value={mood.value ?? null} onChange={mood.onChange} min={0} max={10} error={mood.error} />
          </div>
          <TextAreaField label="Note" {...register('note')} error={errorAt('note')} />
          <div className="actions">
            <button type="submit" disabled={form.form.formState.isSubmitting}>
              Add event
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

/** Asks before a life event is removed; focus moves to the question, and back to its Remove button on "Keep it". */
function ConfirmRemoveEvent({ id, title, when, busy, onRemove, onKeep }: { id: string; title: string; when: string; busy: boolean; onRemove: () => void; onKeep: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const keep = () => {
    const opener = box.current?.closest('tr')?.previousElementSibling?.querySelector<HTMLButtonElement>('button');
    onKeep();
    opener?.focus();
  };
  return (
    <div role="group" aria-labelledby={`remove-event-${id}`} className="confirm-box" ref={box} tabIndex={-1}>
      <h3 id={`remove-event-${id}`}>
        Remove “{title}” ({when}) from the timeline?
      </h3>
      <p>It cannot be brought back here.</p>
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={onRemove}>
          Remove event
        </button>
        <button type="button" onClick={keep}>
          Keep it
        </button>
      </div>
    </div>
  );
}
