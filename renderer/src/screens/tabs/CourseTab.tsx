import { useState, type FormEvent } from 'react';
import { isWithinContractRange } from '../../../../shared/ipt/course-logic.ts';
import {
  ATTENDANCE_LABELS,
  CONTRACT_RANGES,
  COURSE_TYPE_LABELS,
  FREQUENCY_LABELS,
  PHASE_LABELS,
  type Attendance,
  type CourseType,
  type Frequency,
} from '../../../../shared/ipt/vocabulary.ts';
import type { Course, CourseSummary } from '../../../../shared/schemas/course.ts';
import { Alert } from '../../components/Alert.tsx';
import { NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate } from '../../format.ts';
import { useFieldErrors } from '../../hooks.ts';
import { errorText, IptError } from '../../ipt.ts';
import { invalidateGroups, useChannel, useChannelMutation } from '../../query.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';
import { ChecklistForm, FormulationForm, GoalsPanel, ProblemAreasForm, TerminationForm } from './CourseForms.tsx';
import { EndingPrompt, sessionLabel } from './OverviewTab.tsx';
import { SessionNoteView } from '../SessionNoteView.tsx';

/** The course of treatment: start one, or work in the current one. */
export function CourseTab({ clientId, openSessionId = null }: { clientId: string; openSessionId?: string | null }) {
  const list = useChannel('courses.list', { clientId });
  const [selected, setSelected] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [noteSession, setNoteSession] = useState<string | null>(openSessionId);
  if (list.error) return <Alert>{errorText(list.error)}</Alert>;
  if (!list.data) return <p aria-busy="true">Loading…</p>;
  const courses = list.data;
  if (noteSession) {
    return (
      <SessionNoteView
        sessionId={noteSession}
        onBack={() => {
          setNoteSession(null);
          // Note writes are not on the query layer yet: what they change is refetched here.
          void invalidateGroups(['courses', 'sessions', 'clients']);
        }}
      />
    );
  }
  const current = courses.find((c) => c.id === selected) ?? courses.find((c) => c.status === 'open') ?? courses[0];

  if (courses.length === 0 || starting) {
    return (
      <CourseCreateForm
        clientId={clientId}
        courses={courses}
        onCancel={courses.length > 0 ? () => setStarting(false) : undefined}
        onCreated={(course) => {
          setStarting(false);
          setSelected(course.id);
        }}
      />
    );
  }
  return (
    <div>
      <div className="course-bar">
        {courses.length > 1 && (
          <SelectField
            label="Course"
            value={current!.id}
            options={Object.fromEntries(courses.map((c) => [c.id, `${COURSE_TYPE_LABELS[c.type]} from ${formatDate(c.contract.startDate)}${c.status === 'closed' ? ' (closed)' : ''}`]))}
            onChange={setSelected}
          />
        )}
        <button type="button" onClick={() => setStarting(true)}>
          Start another course
        </button>
      </div>
      <CourseView key={current!.id} courseId={current!.id} onOpenNote={setNoteSession} />
    </div>
  );
}

function CourseCreateForm({ clientId, courses, onCreated, onCancel }: { clientId: string; courses: CourseSummary[]; onCreated: (course: Course) => void; onCancel: (() => void) | undefined }) {
  const acuteOpen = courses.some((c) => c.type === 'acute' && c.status === 'open');
  const acuteCourses = courses.filter((c) => c.type === 'acute');
  const [type, setType] = useState<CourseType>(acuteOpen ? 'continuation' : 'acute');
  const [parent, setParent] = useState(acuteCourses[0]?.id ?? '');
  const [startDate, setStartDate] = useState(todayIso());
  const [planned, setPlanned] = useState<number | null>(CONTRACT_RANGES[type].default);
  const [frequency, setFrequency] = useState<Frequency>('weekly');
  const [minutes, setMinutes] = useState<number | null>(50);
  const [focus, setFocus] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  const outOfRange = planned !== null && !isWithinContractRange(type, planned);
  const range = CONTRACT_RANGES[type];
  const create = useChannelMutation('courses.create', {
    onSuccess: onCreated,
    onError: (failure) => {
      setError(failure.payload.message);
      setErrors(failure.payload.fields);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      clientId,
      type,
      parentCourseId: type === 'acute' ? null : parent || null,
      contract: { startDate, plannedSessions: planned ?? 0, frequency, sessionMinutes: minutes ?? 0, agreedFocus: focus, outOfRangeReason: outOfRange ? reason : '' },
    });
  }

  const typeOptions = Object.fromEntries(
    (['acute', 'continuation', 'maintenance'] as const).filter((t) => (t === 'acute' ? !acuteOpen : acuteCourses.length > 0)).map((t) => [t, COURSE_TYPE_LABELS[t]]),
  ) as Record<CourseType, string>;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-course-heading" className="panel">
      <h2 id="new-course-heading">Start a course of treatment</h2>
      <p className="hint">The contract is what sessions are counted against. You can renegotiate it later; changes are kept with their reasons.</p>
      {error && <Alert>{error}</Alert>}
      <div className="grid">
        <SelectField label="Type of course" value={type} options={typeOptions} onChange={(t) => { setType(t); setPlanned(CONTRACT_RANGES[t].default); }} error={errorAt('type')} />
        {type !== 'acute' && (
          <SelectField
            label="Continues the acute course"
            value={parent}
            options={Object.fromEntries(acuteCourses.map((c) => [c.id, `Acute from ${formatDate(c.contract.startDate)}`]))}
            onChange={setParent}
            error={errorAt('parentCourseId')}
          />
        )}
        <TextField label="Start date" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} error={errorAt('contract.startDate')} />
        <NumberField label="Planned sessions" value={planned} onChange={setPlanned} min={1} max={200} error={errorAt('contract.plannedSessions')} hint={`Usually ${range.min} to ${range.max} for ${COURSE_TYPE_LABELS[type].toLowerCase()} courses.`} />
        <SelectField label="Frequency" value={frequency} options={FREQUENCY_LABELS} onChange={setFrequency} />
        <NumberField label="Session length (minutes)" value={minutes} onChange={setMinutes} min={15} max={180} error={errorAt('contract.sessionMinutes')} />
      </div>
      <TextAreaField label="Agreed focus" value={focus} onChange={(e) => setFocus(e.target.value)} error={errorAt('contract.agreedFocus')} />
      {outOfRange && (
        <TextAreaField
          label="Why this many sessions?"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errorAt('contract.outOfRangeReason')}
          hint="The number is outside the usual range, so the reason is kept with the contract."
        />
      )}
      <div className="actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary">
          Start course
        </button>
      </div>
    </form>
  );
}

function CourseView({ courseId, onOpenNote }: { courseId: string; onOpenNote: (sessionId: string) => void }) {
  // Every course write invalidates the 'courses' group, so this and the course list follow.
  const course = useChannel('courses.get', { id: courseId });
  if (course.error) return <Alert>{errorText(course.error)}</Alert>;
  if (!course.data) return <p aria-busy="true">Loading…</p>;
  const c = course.data;
  return (
    <div className="course-view">
      <p className="big-line">
        <strong>{sessionLabel(c)}</strong> · {PHASE_LABELS[c.progress.phase]} · {COURSE_TYPE_LABELS[c.type]} course{c.status === 'closed' ? ' (closed)' : ''}
      </p>
      <EndingPrompt course={c} />
      <ContractPanel course={c} />
      <SessionsPanel course={c} onOpenNote={onOpenNote} />
      <ChecklistForm course={c} />
      <ProblemAreasForm course={c} />
      <FormulationForm course={c} />
      <GoalsPanel course={c} />
      <TerminationForm course={c} />
      <CloseCoursePanel course={c} />
    </div>
  );
}

function ContractPanel({ course }: { course: Course }) {
  const k = course.contract;
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIso());
  const [planned, setPlanned] = useState<number | null>(k.plannedSessions);
  const [frequency, setFrequency] = useState<Frequency>(k.frequency);
  const [reason, setReason] = useState('');
  const [rangeReason, setRangeReason] = useState('');
  const [phases, setPhases] = useState({ initialSessions: k.initialSessions, terminationSessions: k.terminationSessions, endingPromptAt: k.endingPromptAt });
  const [error, setError] = useState<string | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  const outOfRange = planned !== null && !isWithinContractRange(course.type, planned);
  const renegotiation = useChannelMutation('courses.renegotiate');
  const phaseUpdate = useChannelMutation('courses.update');

  async function renegotiate(event: FormEvent) {
    event.preventDefault();
    try {
      await renegotiation.mutateAsync({ courseId: course.id, expectedUpdatedAt: course.updatedAt, date, plannedSessions: planned ?? 0, frequency, reason, outOfRangeReason: outOfRange ? rangeReason : '' });
    } catch (failure) {
      setError(failure instanceof IptError ? failure.payload.message : errorText(failure));
      return setErrors(failure instanceof IptError ? failure.payload.fields : undefined);
    }
    setError(null);
    setErrors({});
    setOpen(false);
    setReason('');
  }

  async function savePhases(event: FormEvent) {
    event.preventDefault();
    try {
      await phaseUpdate.mutateAsync({ id: course.id, expectedUpdatedAt: course.updatedAt, phases });
    } catch (failure) {
      setError(failure instanceof IptError ? failure.payload.message : errorText(failure));
      return setErrors(failure instanceof IptError ? failure.payload.fields : undefined);
    }
    setError(null);
  }

  return (
    <section aria-labelledby="contract-heading" className="panel">
      <h2 id="contract-heading">Contract</h2>
      {error && <Alert>{error}</Alert>}
      <dl>
        <dt>Sessions</dt>
        <dd>
          {k.plannedSessions}, {FREQUENCY_LABELS[k.frequency].toLowerCase()}, {k.sessionMinutes} minutes
        </dd>
        <dt>Dates</dt>
        <dd>
          {formatDate(k.startDate)} to {formatDate(course.plannedEndDate)}
        </dd>
        {k.agreedFocus && (
          <>
            <dt>Agreed focus</dt>
            <dd>{k.agreedFocus}</dd>
          </>
        )}
        {k.outOfRangeReason && (
          <>
            <dt>Reason for the number of sessions</dt>
            <dd>{k.outOfRangeReason}</dd>
          </>
        )}
      </dl>
      {course.renegotiations.length > 0 && (
        <table className="data-table">
          <caption>Renegotiations</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {course.renegotiations.map((r) => (
              <tr key={r.id}>
                <td>{formatDate(r.date)}</td>
                <td>
                  {r.oldPlannedSessions}, {FREQUENCY_LABELS[r.oldFrequency].toLowerCase()}
                </td>
                <td>
                  {r.newPlannedSessions}, {FREQUENCY_LABELS[r.newFrequency].toLowerCase()}
                </td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {course.status === 'open' && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          Renegotiate the contract
        </button>
      )}
      {open && (
        <form onSubmit={renegotiate} noValidate aria-label="Renegotiate the contract" className="subform">
          <div className="grid">
            <TextField label="Date agreed" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={errorAt('date')} />
            <NumberField label="New number of sessions" value={planned} onChange={setPlanned} min={1} max={200} error={errorAt('plannedSessions')} />
            <SelectField label="New frequency" value={frequency} options={FREQUENCY_LABELS} onChange={setFrequency} />
          </div>
          <TextAreaField label="Reason for the change" value={reason} onChange={(e) => setReason(e.target.value)} error={errorAt('reason')} />
          {outOfRange && <TextAreaField label="Why this many sessions?" value={rangeReason} onChange={(e) => setRangeReason(e.target.value)} error={errorAt('outOfRangeReason')} />}
          <div className="actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="primary">
              Save the new contract
            </button>
          </div>
        </form>
      )}
      <form onSubmit={savePhases} noValidate aria-label="Phase boundaries" className="subform">
        <h3>Phases</h3>
        <div className="grid">
          <NumberField label="Initial phase: first sessions" value={phases.initialSessions} onChange={(v) => setPhases({ ...phases, initialSessions: v ?? 0 })} min={1} max={50} error={errorAt('phases.initialSessions')} />
          <NumberField label="Ending phase: last sessions" value={phases.terminationSessions} onChange={(v) => setPhases({ ...phases, terminationSessions: v ?? 0 })} min={1} max={50} />
          <SelectField
            label="Raise the ending when this many remain"
            value={String(phases.endingPromptAt) as '2' | '3' | '4'}
            options={{ '2': '2 sessions', '3': '3 sessions', '4': '4 sessions' }}
            onChange={(v) => setPhases({ ...phases, endingPromptAt: Number(v) })}
          />
        </div>
        <div className="actions">
          <button type="submit">Save phases</button>
        </div>
      </form>
    </section>
  );
}

function SessionsPanel({ course, onOpenNote }: { course: Course; onOpenNote: (sessionId: string) => void }) {
  const sessions = useChannel('sessions.list', { courseId: course.id });
  // Changes sessions, courses (progress) and clients (overview): all refetch.
  const record = useChannelMutation('sessions.create');
  const [date, setDate] = useState(todayIso());
  const [time, setTime] = useState('');
  const [attendance, setAttendance] = useState<Attendance>('attended');
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    try {
      await record.mutateAsync({ courseId: course.id, date, time, attendance, durationMinutes: course.contract.sessionMinutes });
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <section aria-labelledby="sessions-heading" className="panel">
      <h2 id="sessions-heading">Sessions</h2>
      {sessions.data && sessions.data.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Attendance</th>
              <th scope="col">Session</th>
              <th scope="col">Phase</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.id}>
                <td>
                  {formatDate(s.date)} {s.time}
                </td>
                <td>{ATTENDANCE_LABELS[s.attendance]}</td>
                <td>{s.number === null ? '–' : `${s.number} of ${course.contract.plannedSessions}`}</td>
                <td>{s.phase ? PHASE_LABELS[s.phase] : '–'}</td>
                <td>
                  <button type="button" onClick={() => onOpenNote(s.id)}>
                    Open note<span className="visually-hidden"> for {formatDate(s.date)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No sessions recorded yet.</p>
      )}
      {course.status === 'open' && (
        <form onSubmit={add} noValidate aria-label="Record a session" className="subform">
          {error && <Alert>{error}</Alert>}
          <div className="grid">
            <TextField label="Session date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            <TextField label="Time" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
            <SelectField label="Attendance" value={attendance} options={ATTENDANCE_LABELS} onChange={setAttendance} />
          </div>
          <div className="actions">
            <button type="submit">Record session</button>
          </div>
        </form>
      )}
    </section>
  );
}

function CloseCoursePanel({ course }: { course: Course }) {
  const close = useChannelMutation('courses.close');
  const reopen = useChannelMutation('courses.reopen');
  const failed = close.error ?? reopen.error;
  const error = failed ? errorText(failed) : null;
  function toggle() {
    close.reset();
    reopen.reset();
    (course.status === 'open' ? close : reopen).mutate({ id: course.id });
  }
  return (
    <section aria-labelledby="close-heading" className="panel">
      <h2 id="close-heading">{course.status === 'open' ? 'Close the course' : 'Course closed'}</h2>
      {error && <Alert>{error}</Alert>}
      <p className="hint">{course.status === 'open' ? 'Close the course when treatment ends. You can start a continuation or maintenance course afterwards.' : 'Reopen it if it was closed by mistake.'}</p>
      <button type="button" onClick={toggle}>
        {course.status === 'open' ? 'Close this course' : 'Reopen this course'}
      </button>
    </section>
  );
}
