import { useState } from 'react';
import type { z } from 'zod';
import { currentCourse, isWithinContractRange } from '../../../../shared/ipt/course-logic.ts';
import {
  CONTRACT_RANGES,
  COURSE_TYPE_LABELS,
  FREQUENCY_LABELS,
  PHASE_LABELS,
  type CourseType,
} from '../../../../shared/ipt/vocabulary.ts';
import { courseCreateSchema, courseUpdateSchema, renegotiationInputSchema, type Course, type CourseSummary } from '../../../../shared/schemas/course.ts';
import { Alert } from '../../components/Alert.tsx';
import { NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate, plural } from '../../format.ts';
import { useContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { channelKey, invalidateGroups, mutateChannel, queryClient, useChannel, useChannelMutation } from '../../query.ts';
import { draftKey, readDraft } from '../../unsaved.tsx';
import { todayIso } from '../../../../shared/schemas/dates.ts';
import { ChecklistForm, courseVersion, FormulationForm, GoalsPanel, ProblemAreasForm, saveCourse, TerminationForm } from './CourseForms.tsx';
import { EndingPrompt, sessionLabel } from './OverviewTab.tsx';
import { SessionNoteView } from '../SessionNoteView.tsx';
import { SessionsPanel } from './SessionsPanel.tsx';
import { usePrintTarget } from '../../print-target.ts';

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
  // The course chosen in the list, else the current course by the one rule the overview uses.
  const current = courses.find((c) => c.id === selected) ?? currentCourse(courses);

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

const courseFormSchema = courseCreateSchema.omit({ clientId: true });
type CourseFormValues = z.input<typeof courseFormSchema>;

function CourseCreateForm({ clientId, courses, onCreated, onCancel }: { clientId: string; courses: CourseSummary[]; onCreated: (course: Course) => void; onCancel: (() => void) | undefined }) {
  const acuteOpen = courses.some((c) => c.type === 'acute' && c.status === 'open');
  const acuteCourses = courses.filter((c) => c.type === 'acute');
  const initialType: CourseType = acuteOpen ? 'continuation' : 'acute';
  const blank: CourseFormValues = {
    type: initialType,
    parentCourseId: acuteCourses[0]?.id ?? null,
    contract: { startDate: todayIso(), plannedSessions: CONTRACT_RANGES[initialType].default, frequency: 'weekly', sessionMinutes: 50, agreedFocus: '', outOfRangeReason: '' },
  };
  // keep (create): nothing is stored yet, but typed text survives a tab switch and a lock asks about it.
  const f = useContractForm({
    schema: courseFormSchema,
    defaultValues: blank,
    // The parent only for a follow-on course, the reason only when the number is out of range.
    prepare: (v) => ({
      ...v,
      parentCourseId: v.type === 'acute' ? null : (v.parentCourseId ?? null),
      contract: { ...v.contract, outOfRangeReason: typeof v.contract.plannedSessions === 'number' && !isWithinContractRange(v.type, v.contract.plannedSessions) ? v.contract.outOfRangeReason : '' },
    }),
    save: (values) => mutateChannel('courses.create', { clientId, ...values }),
    savedValues: () => blank,
    onSaved: onCreated,
    keep: { formId: 'course.new', recordId: clientId, label: 'the new course' },
  });
  const { register, bind, errorAt } = f;
  const type = bind('type');
  const parent = bind('parentCourseId');
  const planned = bind('contract.plannedSessions');
  const frequency = bind('contract.frequency');
  const minutes = bind('contract.sessionMinutes');
  const outOfRange = typeof planned.value === 'number' && !isWithinContractRange(type.value, planned.value);
  const range = CONTRACT_RANGES[type.value];

  const typeOptions = Object.fromEntries(
    (['acute', 'continuation', 'maintenance'] as const).filter((t) => (t === 'acute' ? !acuteOpen : acuteCourses.length > 0)).map((t) => [t, COURSE_TYPE_LABELS[t]]),
  ) as Record<CourseType, string>;

  return (
    <form onSubmit={(e) => void f.submit(e)} noValidate aria-labelledby="new-course-heading" className="panel">
      <h2 id="new-course-heading">Start a course of treatment</h2>
      <p className="hint">The contract is what sessions are counted against. You can renegotiate it later; changes are kept with their reasons.</p>
      {f.formError && <Alert>{f.formError}</Alert>}
      <div className="grid">
        <SelectField
          label="Type of course"
          value={type.value}
          options={typeOptions}
          onChange={(t) => {
            type.onChange(t);
            planned.onChange(CONTRACT_RANGES[t].default);
          }}
          error={type.error}
        />
        {type.value !== 'acute' && (
          <SelectField
            label="Continues the acute course"
            value={parent.value ?? ''}
            options={Object.fromEntries(acuteCourses.map((c) => [c.id, `Acute from ${formatDate(c.contract.startDate)}`]))}
            onChange={(v) => parent.onChange(v || null)}
            error={parent.error}
          />
        )}
        <TextField label="Start date" type="date" {...register('contract.startDate')} error={errorAt('contract.startDate')} />
        <NumberField label="Planned sessions" value={planned.value ?? null} onChange={(v) => planned.onChange(v as number)} min={1} max={200} error={planned.error} hint={`Usually ${range.min} to ${range.max} for ${COURSE_TYPE_LABELS[type.value].toLowerCase()} courses.`} />
        <SelectField label="Frequency" value={frequency.value} options={FREQUENCY_LABELS} onChange={frequency.onChange} />
        <NumberField label="Session length (minutes)" value={minutes.value ?? null} onChange={(v) => minutes.onChange(v as number)} min={15} max={180} error={minutes.error} />
      </div>
      <TextAreaField label="Agreed focus" {...register('contract.agreedFocus')} error={errorAt('contract.agreedFocus')} />
      {outOfRange && (
        <TextAreaField
          label="Why this many sessions?"
          {...register('contract.outOfRangeReason')}
          error={errorAt('contract.outOfRangeReason')}
          hint="The number is outside the usual range, so the reason is kept with the contract."
        />
      )}
      <div className="actions">
        {f.restored && <span className="saved-note">Unsaved changes from before are shown.</span>}
        {onCancel && (
          <button
            type="button"
            onClick={() => {
              f.discard();
              onCancel();
            }}
          >
            Cancel
          </button>
        )}
        <button type="submit" className="primary" disabled={f.form.formState.isSubmitting}>
          Start course
        </button>
      </div>
    </form>
  );
}

function CourseView({ courseId, onOpenNote }: { courseId: string; onOpenNote: (sessionId: string) => void }) {
  // Every course write invalidates the 'courses' group, so this and the course list follow.
  const course = useChannel('courses.get', { id: courseId });
  usePrintTarget({ courseId });
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

const renegotiateSchema = renegotiationInputSchema.omit({ courseId: true, expectedUpdatedAt: true });
const phasesSchema = courseUpdateSchema.shape.phases.unwrap();

function ContractPanel({ course }: { course: Course }) {
  const k = course.contract;
  const renegotiateKey = draftKey('course.renegotiate', course.id);
  // Open again when edits were kept from before.
  const [open, setOpen] = useState(() => readDraft(renegotiateKey) !== undefined);
  // keep: explicit Save, as a renegotiation needs a date, a number and a reason together; edits survive switching tabs.
  const renegotiation = useContractForm({
    schema: renegotiateSchema,
    defaultValues: { date: todayIso(), plannedSessions: k.plannedSessions, frequency: k.frequency, reason: '', outOfRangeReason: '' },
    prepare: (v) => ({ ...v, outOfRangeReason: typeof v.plannedSessions === 'number' && !isWithinContractRange(course.type, v.plannedSessions) ? v.outOfRangeReason : '' }),
    save: async (values) => {
      const next = await mutateChannel('courses.renegotiate', { courseId: course.id, expectedUpdatedAt: courseVersion(course), ...values });
      queryClient.setQueryData(channelKey('courses.get', { id: course.id }), next);
      return next;
    },
    savedValues: (next) => ({ date: todayIso(), plannedSessions: next.contract.plannedSessions, frequency: next.contract.frequency, reason: '', outOfRangeReason: '' }),
    onSaved: () => setOpen(false),
    keep: { formId: 'course.renegotiate', recordId: course.id, label: 'the contract renegotiation' },
  });
  // keep: explicit Save, as the three boundaries are checked together and share the course version.
  const phases = useContractForm({
    schema: phasesSchema,
    defaultValues: { initialSessions: k.initialSessions, terminationSessions: k.terminationSessions, endingPromptAt: k.endingPromptAt },
    save: (values) => saveCourse(course, { phases: values }),
    savedValues: (next) => ({ initialSessions: next.contract.initialSessions, terminationSessions: next.contract.terminationSessions, endingPromptAt: next.contract.endingPromptAt }),
    keep: { formId: 'course.phases', recordId: course.id, label: 'the phase boundaries' },
  });
  const planned = renegotiation.bind('plannedSessions');
  const frequency = renegotiation.bind('frequency');
  const outOfRange = typeof planned.value === 'number' && !isWithinContractRange(course.type, planned.value);
  const initial = phases.bind('initialSessions');
  const ending = phases.bind('terminationSessions');
  const promptAt = phases.bind('endingPromptAt');

  return (
    <section aria-labelledby="contract-heading" className="panel">
      <h2 id="contract-heading">Contract</h2>
      <dl>
        <dt>Sessions</dt>
        <dd>
          {k.plannedSessions}, {FREQUENCY_LABELS[k.frequency].toLowerCase()}, {plural(k.sessionMinutes, { one: 'minute', other: 'minutes' })}
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
        <form onSubmit={(e) => void renegotiation.submit(e)} noValidate aria-label="Renegotiate the contract" className="subform">
          {renegotiation.formError && <Alert>{renegotiation.formError}</Alert>}
          <div className="grid">
            <TextField label="Date agreed" type="date" {...renegotiation.register('date')} error={renegotiation.errorAt('date')} />
            <NumberField label="New number of sessions" value={planned.value ?? null} onChange={(v) => planned.onChange(v as number)} min={1} max={200} error={planned.error} />
            <SelectField label="New frequency" value={frequency.value} options={FREQUENCY_LABELS} onChange={frequency.onChange} />
          </div>
          <TextAreaField label="Reason for the change" {...renegotiation.register('reason')} error={renegotiation.errorAt('reason')} />
          {outOfRange && <TextAreaField label="Why this many sessions?" {...renegotiation.register('outOfRangeReason')} error={renegotiation.errorAt('outOfRangeReason')} />}
          <div className="actions">
            {renegotiation.restored && <span className="saved-note">Unsaved changes from before are shown.</span>}
            <button
              type="button"
              onClick={() => {
                renegotiation.discard();
                setOpen(false);
              }}
            >
              Cancel
            </button>
            <button type="submit" className="primary" disabled={renegotiation.form.formState.isSubmitting}>
              Save the new contract
            </button>
          </div>
        </form>
      )}
      <form onSubmit={(e) => void phases.submit(e)} noValidate aria-label="Phase boundaries" className="subform">
        <h3>Phases</h3>
        {phases.formError && <Alert>{phases.formError}</Alert>}
        <div className="grid">
          <NumberField label="Initial phase: first sessions" value={initial.value ?? null} onChange={(v) => initial.onChange(v as number)} min={1} max={50} error={initial.error} />
          <NumberField label="Ending phase: last sessions" value={ending.value ?? null} onChange={(v) => ending.onChange(v as number)} min={1} max={50} error={ending.error} />
          <SelectField
            label="Raise the ending when this many remain"
            value={String(promptAt.value) as '2' | '3' | '4'}
            options={{ '2': '2 sessions', '3': '3 sessions', '4': '4 sessions' }}
            onChange={(v) => promptAt.onChange(Number(v))}
            error={promptAt.error}
          />
        </div>
        <div className="actions">
          {phases.restored && <span className="saved-note">Unsaved changes from before are shown.</span>}
          {phases.saved && (
            <span role="status" className="saved-note">
              Saved.
            </span>
          )}
          <button type="submit" disabled={phases.form.formState.isSubmitting}>
            Save phases
          </button>
        </div>
      </form>
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
