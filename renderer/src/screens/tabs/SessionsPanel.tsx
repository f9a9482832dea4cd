/**
 * The sessions of one course: record, correct, move, delete and plan them from the contract, and
 * hand the appointments to the user's own calendar. Numbers and phases are main's (derived).
 */
import { useEffect, useRef, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { ATTENDANCE_LABELS, MODALITY_LABELS, PHASE_LABELS } from '../../../../shared/ipt/vocabulary.ts';
import type { Course } from '../../../../shared/schemas/course.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';
import { icsExportSchema, planSeriesSchema, sessionCreateSchema, sessionRescheduleSchema, sessionUpdateSchema, type SessionSummary } from '../../../../shared/schemas/session.ts';
import { Alert } from '../../components/Alert.tsx';
import { ShowInFolder } from '../../components/ShowInFolder.tsx';
import { CheckboxField, NumberField, SelectField } from '../../components/Controls.tsx';
import { TextField } from '../../components/Field.tsx';
import { formatDate, plural } from '../../format.ts';
import { useContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { callChannel, mutateChannel, useChannel, useChannelMutation } from '../../query.ts';

const sessionFormSchema = sessionCreateSchema.omit({ courseId: true, durationMinutes: true, participants: true });
const editSchema = sessionUpdateSchema.omit({ id: true, expectedUpdatedAt: true }).required();
const moveSchema = sessionRescheduleSchema.omit({ id: true });
const planSchema = planSeriesSchema.omit({ courseId: true });

type Open = { kind: 'edit' | 'move' | 'delete'; id: string } | null;

export function SessionsPanel({ course, onOpenNote }: { course: Course; onOpenNote: (sessionId: string) => void }) {
  const sessions = useChannel('sessions.list', { courseId: course.id });
  const [open, setOpen] = useState<Open>(null);
  const [planning, setPlanning] = useState(false);
  const editable = course.status === 'open';
  // Changes sessions, courses (progress) and clients (overview): all refetch.
  // keep (create): the session is new, but a typed date or time survives a tab switch.
  const record = useContractForm({
    schema: sessionFormSchema,
    defaultValues: { date: todayIso(), time: '', attendance: 'attended', modality: 'in_person' },
    save: (values) => mutateChannel('sessions.create', { courseId: course.id, durationMinutes: course.contract.sessionMinutes, ...values }),
    savedValues: () => ({ date: todayIso(), time: '', attendance: 'attended' as const, modality: 'in_person' as const }),
    keep: { formId: 'session.new', recordId: course.id, label: 'the session being recorded' },
  });
  const attendance = record.bind('attendance');
  const modality = record.bind('modality');
  const toggle = (kind: 'edit' | 'move' | 'delete', id: string) => setOpen(open?.kind === kind && open.id === id ? null : { kind, id });

  return (
    <section aria-labelledby="sessions-heading" className="panel">
      <h2 id="sessions-heading">Sessions</h2>
      {sessions.error && <Alert>{errorText(sessions.error)}</Alert>}
      {sessions.data && sessions.data.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col">Session</th>
              <th scope="col">Phase</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <SessionRow key={s.id} s={s} course={course} open={open?.id === s.id ? open.kind : null} editable={editable} onToggle={(kind) => toggle(kind, s.id)} onClose={() => setOpen(null)} onOpenNote={onOpenNote} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No sessions recorded yet.</p>
      )}
      {editable && (
        <>
          <form onSubmit={(e) => void record.submit(e)} noValidate aria-label="Record a session" className="subform">
            {record.formError && <Alert>{record.formError}</Alert>}
            <div className="grid">
              <TextField label="Session date" type="date" {...record.register('date')} error={record.errorAt('date')} />
              <TextField label="Time" type="time" {...record.register('time')} error={record.errorAt('time')} />
              <SelectField label="Status" value={attendance.value} options={ATTENDANCE_LABELS} onChange={attendance.onChange} error={attendance.error} />
              <SelectField label="Modality" value={modality.value ?? 'in_person'} options={MODALITY_LABELS} onChange={modality.onChange} error={modality.error} />
            </div>
            <div className="actions">
              <button type="submit" disabled={record.form.formState.isSubmitting}>
                Record session
              </button>
              <button type="button" aria-expanded={planning} onClick={() => setPlanning(!planning)}>
                Plan sessions
              </button>
            </div>
          </form>
          {planning && <PlanSeriesForm course={course} onDone={() => setPlanning(false)} />}
        </>
      )}
      <CalendarExport clientId={course.clientId} />
    </section>
  );
}

function SessionRow(props: { s: SessionSummary; course: Course; open: 'edit' | 'move' | 'delete' | null; editable: boolean; onToggle: (kind: 'edit' | 'move' | 'delete') => void; onClose: () => void; onOpenNote: (id: string) => void }) {
  const { s, course, open, editable, onToggle, onClose, onOpenNote } = props;
  const when = `${formatDate(s.date)}${s.time ? ` ${s.time}` : ''}`;
  return (
    <>
      <tr>
        <td>
          {when}
          {s.modality !== 'in_person' && <span className="muted"> · {MODALITY_LABELS[s.modality]}</span>}
        </td>
        <td>{ATTENDANCE_LABELS[s.attendance]}</td>
        <td>{s.number === null ? '–' : `${s.number} of ${course.contract.plannedSessions}`}</td>
        <td>{s.phase ? PHASE_LABELS[s.phase] : '–'}</td>
        <td className="row-actions">
          <button type="button" onClick={() => onOpenNote(s.id)}>
            Open note<span className="visually-hidden"> for {when}</span>
          </button>
          {editable && (
            <>
              <button type="button" aria-expanded={open === 'edit'} onClick={() => onToggle('edit')}>
                Edit<span className="visually-hidden"> the session of {when}</span>
              </button>
              <button type="button" aria-expanded={open === 'move'} onClick={() => onToggle('move')}>
                Move<span className="visually-hidden"> the session of {when}</span>
              </button>
              <button type="button" className="danger" aria-expanded={open === 'delete'} onClick={() => onToggle('delete')}>
                Delete<span className="visually-hidden"> the session of {when}</span>
              </button>
            </>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            {open === 'edit' && <EditSession s={s} clientId={course.clientId} when={when} onDone={onClose} />}
            {open === 'move' && <MoveSession s={s} when={when} onDone={onClose} />}
            {open === 'delete' && <DeleteSession s={s} when={when} onDone={onClose} />}
          </td>
        </tr>
      )}
    </>
  );
}

function EditSession({ s, clientId, when, onDone }: { s: SessionSummary; clientId: string; when: string; onDone: () => void }) {
  // keep: corrects a stored session; an edit in progress survives a tab switch and a lock asks first.
  const edit = useContractForm({
    schema: editSchema,
    defaultValues: { date: s.date, time: s.time, durationMinutes: s.durationMinutes, attendance: s.attendance, modality: s.modality, participants: s.participants },
    save: (values) => mutateChannel('sessions.update', { id: s.id, expectedUpdatedAt: s.updatedAt, ...values }),
    onSaved: onDone,
    keep: { formId: 'session.edit', recordId: s.id, label: `the session of ${when}` },
  });
  const attendance = edit.bind('attendance');
  const modality = edit.bind('modality');
  const minutes = edit.bind('durationMinutes');
  const participants = edit.bind('participants');
  return (
    <form onSubmit={(e) => void edit.submit(e)} noValidate aria-label={`Correct the session of ${when}`} className="subform">
      {edit.formError && <Alert>{edit.formError}</Alert>}
      <div className="grid">
        <TextField label="Date" type="date" {...edit.register('date')} error={edit.errorAt('date')} />
        <TextField label="Time" type="time" {...edit.register('time')} error={edit.errorAt('time')} />
        <NumberField label="Minutes" value={minutes.value ?? null} onChange={(v) => minutes.onChange(v as number)} min={5} max={240} error={minutes.error} />
        <SelectField label="Status" value={attendance.value} options={ATTENDANCE_LABELS} onChange={attendance.onChange} error={attendance.error} />
        <SelectField label="Modality" value={modality.value} options={MODALITY_LABELS} onChange={modality.onChange} error={modality.error} />
      </div>
      <Participants clientId={clientId} value={participants.value} onChange={participants.onChange} error={participants.error} />
      <div className="actions">
        {edit.restored && <span className="saved-note">Unsaved changes from before are shown.</span>}
        <button type="submit" disabled={edit.form.formState.isSubmitting}>
          Save session
        </button>
        <button
          type="button"
          onClick={() => {
            edit.discard();
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Who joined the session: the client alone, or with people from the inventory (joint and parent sessions). */
function Participants({ clientId, value, onChange, error }: { clientId: string; value: string[]; onChange: (v: string[]) => void; error: string | undefined }) {
  const people = useChannel('people.list', { clientId });
  if (!people.data || people.data.length === 0) return null;
  return (
    <fieldset>
      <legend>Who joined the client</legend>
      {people.data.map((p) => (
        <CheckboxField key={p.id} label={p.fields.name} checked={value.includes(p.id)} onChange={(on) => onChange(on ? [...value, p.id] : value.filter((x) => x !== p.id))} />
      ))}
      {error && <p className="error-text">{error}</p>}
    </fieldset>
  );
}

function MoveSession({ s, when, onDone }: { s: SessionSummary; when: string; onDone: () => void }) {
  // Not kept: a move is one action, not an edit of stored fields.
  const move = useContractForm({
    schema: moveSchema,
    defaultValues: { newDate: s.date, newTime: s.time, shiftLater: false },
    save: (values) => mutateChannel('sessions.reschedule', { id: s.id, ...values }),
    onSaved: onDone,
  });
  const later = move.bind('shiftLater');
  return (
    <form onSubmit={(e) => void move.submit(e)} noValidate aria-label={`Move the session of ${when}`} className="subform">
      {move.formError && <Alert>{move.formError}</Alert>}
      <div className="grid">
        <TextField label="New date" type="date" {...move.register('newDate')} error={move.errorAt('newDate')} />
        <TextField label="New time" type="time" {...move.register('newTime')} error={move.errorAt('newTime')} />
      </div>
      <fieldset>
        <legend>Which sessions move</legend>
        <label className="radio">
          <input type="radio" name={`move-${s.id}`} checked={!later.value} onChange={() => later.onChange(false)} /> Only this one
        </label>
        <label className="radio">
          <input type="radio" name={`move-${s.id}`} checked={later.value} onChange={() => later.onChange(true)} /> This one and every later planned session, by the same number of days
        </label>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={move.form.formState.isSubmitting}>
          Move
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeleteSession({ s, when, onDone }: { s: SessionSummary; when: string; onDone: () => void }) {
  const removal = useChannelMutation('sessions.delete', { onSuccess: onDone });
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div role="group" aria-labelledby={`delete-${s.id}`} className="confirm-box" ref={box} tabIndex={-1}>
      <h3 id={`delete-${s.id}`}>Delete the session of {when}?</h3>
      <p>Use this for a session entered by mistake. Its draft note and technique entries go with it. A session with a signed note stays: move or void the note first.</p>
      {removal.error && <Alert>{errorText(removal.error)}</Alert>}
      <div className="actions">
        <button type="button" className="danger" disabled={removal.isPending} onClick={() => removal.mutate({ id: s.id })}>
          Delete session
        </button>
        <button type="button" onClick={onDone}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/** Offers the contract's sessions; the user edits, removes or adds dates, then plans them at once. */
function PlanSeriesForm({ course, onDone }: { course: Course; onDone: () => void }) {
  const [away, setAway] = useState({ from: '', to: '' });
  const [offerError, setOfferError] = useState<string | null>(null);
  const [afterEnd, setAfterEnd] = useState<string[]>([]);
  // Not kept: the offer is recomputed from the contract each time.
  const plan = useContractForm({
    schema: planSchema,
    defaultValues: { sessions: [], modality: 'in_person', beyondContractEnd: false },
    save: (values) => mutateChannel('sessions.planSeries', { courseId: course.id, ...values }),
    onSaved: onDone,
  });
  const rows = useFieldArray({ control: plan.form.control, name: 'sessions' });
  const modality = plan.bind('modality');
  const beyond = plan.bind('beyondContractEnd');
  const offer = async () => {
    setOfferError(null);
    try {
      const proposal = await callChannel('sessions.proposeSeries', { courseId: course.id, away: away.from ? [{ from: away.from, to: away.to || away.from }] : [] });
      rows.replace(proposal.dates.map((date) => ({ date, time: proposal.time })));
      setAfterEnd(proposal.afterEnd);
    } catch (error) {
      setOfferError(errorText(error));
    }
  };
  return (
    <form onSubmit={(e) => void plan.submit(e)} noValidate aria-labelledby="plan-heading" className="subform">
      <h3 id="plan-heading">Plan sessions from the contract</h3>
      <p className="muted">
        {plural(course.contract.plannedSessions, { one: 'session', other: 'sessions' })}, {course.contract.frequency === 'weekly' ? 'weekly' : course.contract.frequency === 'fortnightly' ? 'every two weeks' : 'monthly'}, planned to end {formatDate(course.plannedEndDate)}.
      </p>
      <div className="grid">
        <TextField label="Away from (optional)" type="date" value={away.from} onChange={(e) => setAway({ ...away, from: e.target.value })} />
        <TextField label="Away until" type="date" value={away.to} onChange={(e) => setAway({ ...away, to: e.target.value })} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => void offer()}>
          Suggest dates
        </button>
      </div>
      {offerError && <Alert>{offerError}</Alert>}
      {plan.formError && <Alert>{plan.formError}</Alert>}
      {rows.fields.length > 0 && (
        <>
          <ol className="plan-list">
            {rows.fields.map((field, i) => (
              <li key={field.id} className="grid">
                <TextField label={`Session ${i + 1} date`} type="date" {...plan.register(`sessions.${i}.date`)} error={plan.errorAt(`sessions.${i}.date`)} />
                <TextField label={`Session ${i + 1} time`} type="time" {...plan.register(`sessions.${i}.time`)} error={plan.errorAt(`sessions.${i}.time`)} />
                <button type="button" onClick={() => rows.remove(i)}>
                  Remove<span className="visually-hidden"> session {i + 1}</span>
                </button>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" onClick={() => rows.append({ date: course.plannedEndDate, time: '' })}>
              Add a session
            </button>
          </div>
          <SelectField label="Modality" value={modality.value ?? 'in_person'} options={MODALITY_LABELS} onChange={modality.onChange} error={modality.error} />
          {afterEnd.length > 0 && <Alert kind="info">{plural(afterEnd.length, { one: 'date is', other: 'dates are' })} after the contract's planned end. Plan them only if you agreed this with the client.</Alert>}
          <CheckboxField label="Plan sessions past the contract's end" checked={Boolean(beyond.value)} onChange={beyond.onChange} />
          <div className="actions">
            <button type="submit" disabled={plan.form.formState.isSubmitting}>
              Plan {plural(rows.fields.length, { one: 'session', other: 'sessions' })}
            </button>
            <button type="button" onClick={onDone}>
              Cancel
            </button>
          </div>
        </>
      )}
    </form>
  );
}

/** The planned appointments for the user's own calendar: initials or a chosen word, never the name unless chosen. */
function CalendarExport({ clientId }: { clientId: string }) {
  const [fileId, setFileId] = useState<string | null>(null);
  // Not kept: an export, nothing stored.
  const ics = useContractForm({
    schema: icsExportSchema.omit({ clientId: true }),
    defaultValues: { summary: 'initials', word: '' },
    save: (values) => callChannel('sessions.exportIcs', { clientId, ...values }),
    onSaved: (value) => setFileId(value.saved ? value.fileId : null),
  });
  const summary = ics.bind('summary');
  return (
    <form onSubmit={(e) => void ics.submit(e)} noValidate aria-label="Export appointments to a calendar" className="subform">
      {ics.formError && <Alert>{ics.formError}</Alert>}
      <div className="grid">
        <SelectField label="Calendar entries show" value={summary.value ?? 'initials'} options={{ initials: 'The client’s initials', word: 'A word I choose', full: 'The client’s full name' }} onChange={summary.onChange} error={summary.error} />
        {summary.value === 'word' && <TextField label="Word" {...ics.register('word')} error={ics.errorAt('word')} />}
      </div>
      <div className="actions">
        {ics.saved && (
          <span role="status" className="saved-note">
            Calendar file saved.
            <ShowInFolder fileId={fileId} />
          </span>
        )}
        <button type="submit" disabled={ics.form.formState.isSubmitting}>
          Export appointments (.ics)
        </button>
      </div>
    </form>
  );
}
