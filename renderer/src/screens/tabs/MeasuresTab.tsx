import { useState } from 'react';
import { instrument, INSTRUMENT_IDS, type InstrumentId } from '../../../../shared/ipt/instruments.ts';
import { currentCourse } from '../../../../shared/ipt/course-logic.ts';
import { administerSchema, clientModeStartSchema, type Administration, type MeasureSummary } from '../../../../shared/schemas/measures.ts';
import { pastOrTodayIsoDate, todayIso } from '../../../../shared/schemas/dates.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxField, SelectField } from '../../components/Controls.tsx';
import { TextField } from '../../components/Field.tsx';
import { MeasuresChart } from '../../components/MeasuresChart.tsx';
import { Questionnaire, type Answer } from '../../components/Questionnaire.tsx';
import { RiskList } from '../../components/RiskList.tsx';
import { RatingSeriesPanel } from './CourseForms.tsx';
import { formatDate, plural } from '../../format.ts';
import { useContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { invalidateGroups, mutateChannel, useChannel, useChannelMutation } from '../../query.ts';
import { draftKey, readDraft } from '../../unsaved.tsx';

/** PHQ-9 and GAD-7: risk first, then the chart, change over the course, item-level answers, and entry. */
export function MeasuresTab({ clientId }: { clientId: string }) {
  const courses = useChannel('courses.list', { clientId });
  // The current course by the one rule the overview, letters and exports use.
  const course = currentCourse(courses.data ?? []);
  const courseId = course?.id ?? null;
  // A questionnaire is administered, a schedule set, a risk assessed: the contract's `changes` refetch these.
  const summary = useChannel('measures.summary', { clientId, courseId }, { enabled: courses.isSuccess });
  const chart = useChannel('measures.chart', { clientId });
  const risks = useChannel('risks.list', { clientId });
  const schedule = useChannelMutation('measures.setSchedule');
  // Reopen an entry whose answers were kept from before (a tab switch).
  const [entering, setEntering] = useState<InstrumentId | null>(() => INSTRUMENT_IDS.find((id) => readDraft(draftKey('measures.enter', `${clientId}:${id}`)) !== undefined) ?? null);

  const failed = courses.error ?? summary.error ?? chart.error;
  if (failed) return <Alert>{errorText(failed)}</Alert>;
  if (!summary.data || !chart.data) return <p aria-busy="true">Loading…</p>;
  const s = summary.data;

  return (
    <div className="measures-tab">
      {/* RiskList still writes through window.ipt: refetch what an assessment changes. */}
      <RiskList risks={risks.data ?? []} onAssessed={() => void invalidateGroups(['risks', 'clients', 'notes'])} />
      {course && (
        <div className="inline-form">
          <SelectField
            label="Measure every"
            value={String(s.every)}
            options={{ '1': 'session', '2': '2 sessions', '3': '3 sessions', '4': '4 sessions', '6': '6 sessions', '8': '8 sessions' }}
            onChange={(v) => schedule.mutate({ courseId: course.id, every: Number(v) })}
            error={schedule.error ? errorText(schedule.error) : undefined}
          />
        </div>
      )}
      {course && s.due && <Alert kind="info">A questionnaire is due at the next session (the schedule is every {s.every === 1 ? 'session' : plural(s.every, { one: 'session', other: 'sessions' })}).</Alert>}
      <section aria-labelledby="chart-heading" className="panel">
        <h2 id="chart-heading">Progress</h2>
        {chart.data.points.length === 0 ? (
          <p className="muted">No completed questionnaires yet.</p>
        ) : (
          <div className="chart-scroll" tabIndex={0} role="region" aria-label="Progress chart (scrolls sideways)">
            <MeasuresChart input={chart.data} label={`PHQ-9 and GAD-7 totals over time, with ${plural(chart.data.events.length, { one: 'life event', other: 'life events' })} and ${plural(chart.data.sessions.length, { one: 'session', other: 'sessions' })} marked`} />
          </div>
        )}
      </section>
      <ChangePanel summary={s} />
      {INSTRUMENT_IDS.map((id) => (
        <ItemTable key={id} id={id} administrations={s.administrations.filter((a) => a.instrumentId === id)} />
      ))}
      <RatingSeriesPanel clientId={clientId} courseId={courseId} kind="custom" title="Other 0-10 ratings" newLabel="New rating (what is rated, 0 to 10)" addLabel="Add rating" empty="No other ratings yet, for example “Closeness to my sister, 0-10”." />
      <section aria-labelledby="enter-heading" className="panel">
        <h2 id="enter-heading">Record a questionnaire</h2>
        {entering ? (
          <TherapistEntry
            clientId={clientId}
            courseId={courseId}
            id={entering}
            onDone={() => setEntering(null)}
          />
        ) : (
          <div className="button-row">
            {INSTRUMENT_IDS.map((id) => (
              <button key={id} type="button" onClick={() => setEntering(id)}>
                Enter a {instrument(id).name}
              </button>
            ))}
          </div>
        )}
        <HandToClient clientId={clientId} />
      </section>
    </div>
  );
}

function ChangePanel({ summary }: { summary: MeasureSummary }) {
  const rows = (['phq9', 'gad7'] as const).map((id) => ({ id, change: summary[id] })).filter((r) => r.change);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="change-heading" className="panel">
      <h2 id="change-heading">Change over the course</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">First</th>
            <th scope="col">Latest</th>
            <th scope="col">Change</th>
            <th scope="col">Reliable change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ id, change }) => (
            <tr key={id}>
              <th scope="row">{instrument(id).name}</th>
              <td>
                {change!.first.total} ({change!.first.band}), {formatDate(change!.first.administeredOn)}
              </td>
              <td>
                {change!.latest.total} ({change!.latest.band}), {formatDate(change!.latest.administeredOn)}
              </td>
              <td>{change!.difference > 0 ? `+${change!.difference}` : change!.difference}</td>
              <td>{change!.reliableChange ? `${change!.reliableChange.verdict} (${change!.reliableChange.rule})` : 'Not shown: set the SD and reliability in Settings.'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.nhs && (
        <p>
          <strong>NHS Talking Therapies:</strong> {summary.nhs.summary}
        </p>
      )}
    </section>
  );
}

/** Item-level answers per administration; a changed answer is marked. */
function ItemTable({ id, administrations }: { id: InstrumentId; administrations: Administration[] }) {
  if (administrations.length === 0) return null;
  const def = instrument(id);
  return (
    <section aria-labelledby={`items-${id}`} className="panel">
      <h2 id={`items-${id}`}>{def.name}: answers by question</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${def.name} answers by question (scrolls sideways)`}>
        <table className="data-table item-table">
          <thead>
            <tr>
              <th scope="col">Question</th>
              {administrations.map((a) => (
                <th scope="col" key={a.id}>
                  {formatDate(a.administeredOn)}
                  {a.administeredBy === 'client' && <span className="muted small"> (client)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {def.items.map((item, i) => (
              <tr key={item.number}>
                <th scope="row">
                  {item.number}. {item.text}
                </th>
                {administrations.map((a, j) => {
                  const value = a.answers[i];
                  const previous = j > 0 ? administrations[j - 1]!.answers[i] : undefined;
                  const changed = previous !== undefined && previous !== null && value !== null && value !== previous;
                  return (
                    <td key={a.id} className={changed ? 'changed' : ''}>
                      {value === null ? 'not answered' : value}
                      {changed && <span className="visually-hidden"> (changed from {previous})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              {administrations.map((a) => (
                <td key={a.id}>
                  <strong>{a.total ?? 'incomplete'}</strong> {a.band && `(${a.band})`}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

// The form always sends the date; main defaults a missing one to today for other callers.
const entrySchema = administerSchema.pick({ answers: true, difficulty: true }).extend({ administeredOn: pastOrTodayIsoDate });

function TherapistEntry({ clientId, courseId, id, onDone }: { clientId: string; courseId: string | null; id: InstrumentId; onDone: () => void }) {
  const def = instrument(id);
  const blank = { answers: def.items.map(() => null), difficulty: null, administeredOn: todayIso() };
  // keep (create): a new administration, but the answers given so far survive a tab switch.
  const entry = useContractForm({
    schema: entrySchema,
    defaultValues: blank,
    save: (values) => mutateChannel('measures.administer', { clientId, courseId, instrumentId: id, ...values }),
    savedValues: () => blank,
    onSaved: onDone,
    keep: { formId: 'measures.enter', recordId: `${clientId}:${id}`, label: `the ${def.name} being entered` },
  });
  const answers = entry.bind('answers');
  const difficulty = entry.bind('difficulty');
  const errors = Object.fromEntries(def.items.map((_, i) => [i, entry.errorAt(`answers.${i}`)]).filter((pair): pair is [number, string] => pair[1] !== undefined));
  return (
    <form onSubmit={(e) => void entry.submit(e)} noValidate aria-label={`Enter a ${def.name}`}>
      {entry.formError && <Alert>{entry.formError}</Alert>}
      {entry.restored && <Alert kind="info">Answers you gave before are back. Save them, or cancel to discard them.</Alert>}
      <Questionnaire def={def} answers={(answers.value ?? blank.answers) as Answer[]} difficulty={(difficulty.value ?? null) as Answer} onAnswers={answers.onChange} onDifficulty={difficulty.onChange} errors={errors} focusOnOpen />
      <TextField
        label="Date the client answered"
        type="date"
        max={todayIso()}
        hint="For a paper form from an earlier day, put that day: charts and letters use this date."
        {...entry.register('administeredOn')}
        error={entry.errorAt('administeredOn')}
      />
      <p className="hint">An unanswered question leaves the form incomplete: it is kept, but gets no total.</p>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            entry.discard();
            onDone();
          }}
        >
          Cancel
        </button>
        <button type="submit" className="primary" disabled={entry.form.formState.isSubmitting}>
          Save {def.name}
        </button>
      </div>
    </form>
  );
}

/** Which questionnaires, for which session: the start of client mode without the client, who is fixed here. */
const handToClientSchema = clientModeStartSchema.omit({ clientId: true });

function HandToClient({ clientId }: { clientId: string }) {
  const courses = useChannel('courses.list', { clientId });
  // Sessions of the current course while it is open: answers are not filed under a course that has ended.
  const current = currentCourse(courses.data ?? []);
  const open = current?.status === 'open' ? current : undefined;
  const sessions = useChannel('sessions.list', { courseId: open?.id ?? '' }, { enabled: Boolean(open) });
  const list = open ? (sessions.data ?? []) : [];
  // Neither kind: a command with options (which questionnaires, which session), sent once; nothing to keep.
  // Main is then in client mode: clientMode.start invalidates the vault status (contract `changes`), and App switches screens on it.
  const start = useContractForm({
    schema: handToClientSchema,
    defaultValues: { instruments: ['phq9', 'gad7'], sessionId: null },
    // No session chosen: the latest one of the course.
    prepare: (v) => ({ ...v, sessionId: v.sessionId ?? list.at(-1)?.id ?? null }),
    save: (values) => mutateChannel('clientMode.start', { clientId, ...values }),
  });
  const instruments = start.bind('instruments');
  const chosen = (id: InstrumentId) => (instruments.value ?? []).includes(id);
  const choose = (id: InstrumentId, on: boolean) => instruments.onChange(INSTRUMENT_IDS.filter((i) => (i === id ? on : chosen(i))));
  const session = start.bind('sessionId');
  return (
    <div className="subform">
      <h3>Let the client fill it in</h3>
      <p className="hint">The screen shows only the questionnaire until you end it with your passphrase.</p>
      {start.formError && <Alert>{start.formError}</Alert>}
      <div className="grid">
        <div>
          <CheckboxField label="PHQ-9" checked={chosen('phq9')} onChange={(v) => choose('phq9', v)} />
          <CheckboxField label="GAD-7" checked={chosen('gad7')} onChange={(v) => choose('gad7', v)} />
        </div>
        {list.length > 0 && (
          <SelectField
            label="For the session of"
            value={session.value ?? list.at(-1)!.id}
            options={Object.fromEntries(list.map((s) => [s.id, `${formatDate(s.date)}${s.number ? ` (session ${s.number})` : ''}`]))}
            onChange={session.onChange}
          />
        )}
      </div>
      <button type="button" className="primary" onClick={() => void start.submit()} disabled={!INSTRUMENT_IDS.some(chosen) || start.form.formState.isSubmitting}>
        Hand the laptop to the client
      </button>
    </div>
  );
}
