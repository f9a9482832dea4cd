import { useState, type FormEvent, type ReactNode } from 'react';
import type {
  NEXT_STEPS,
  OUTCOMES} from '../../../../shared/ipt/vocabulary.ts';
import {
  DIAGNOSIS_CODE_SYSTEMS,
  DISPUTE_STAGE_LABELS,
  
  TRANSITION_TYPES,
  type ProblemArea,
} from '../../../../shared/ipt/vocabulary.ts';
import type { Checklist, Course, Formulation, ProblemAreaEntry, Termination } from '../../../../shared/schemas/course.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxField, LinesField, NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate } from '../../format.ts';
import { useFieldErrors, useResource } from '../../hooks.ts';
import { ipt, errorText } from '../../ipt.ts';
import { useAreaLabels } from '../../labels.tsx';
import { todayIso, withoutBlankItems } from '../../util.ts';

type Section = 'checklist' | 'formulation' | 'termination';

/** Local editing state for one part of the course, saved with the version it was loaded from. */
function useCourseSection<K extends Section>(course: Course, key: K, onSaved: (course: Course) => void) {
  const [value, setValue] = useState<Course[K]>(course[key]);
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.courses.update({ id: course.id, expectedUpdatedAt: course.updatedAt, [key]: withoutBlankItems(value) });
    if (!result.ok) {
      setStatus({ kind: 'error', text: result.error.message });
      return setErrors(result.error.fields);
    }
    setErrors({});
    setStatus({ kind: 'success', text: 'Saved.' });
    setValue(result.value[key]);
    onSaved(result.value);
  }
  return { value, setValue, save, status, errorAt };
}

function SectionForm({ id, title, status, onSubmit, children, saveLabel = 'Save' }: { id: string; title: string; status: { kind: 'error' | 'success'; text: string } | null; onSubmit: (e: FormEvent) => void; children: ReactNode; saveLabel?: string }) {
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={id} className="panel">
      <h2 id={id}>{title}</h2>
      {status && status.kind === 'error' && <Alert>{status.text}</Alert>}
      {children}
      <div className="actions">
        {status && status.kind === 'success' && (
          <span role="status" className="saved-note">
            {status.text}
          </span>
        )}
        <button type="submit" className="primary">
          {saveLabel}
        </button>
      </div>
    </form>
  );
}

export function ChecklistForm({ course, onSaved }: { course: Course; onSaved: (course: Course) => void }) {
  const { value: c, setValue, save, status, errorAt } = useCourseSection(course, 'checklist', onSaved);
  const set = (patch: Partial<Checklist>) => setValue({ ...c, ...patch });
  return (
    <SectionForm id="checklist-heading" title="Initial phase checklist" status={status} onSubmit={save} saveLabel="Save checklist">
      <TextField label="Diagnosis" value={c.diagnosis} onChange={(e) => set({ diagnosis: e.target.value })} error={errorAt('diagnosis')} />
      <div className="grid">
        <SelectField
          label="Code system (optional)"
          value={c.diagnosisCode?.system ?? ''}
          options={{ '': 'No coded entry', ...Object.fromEntries(DIAGNOSIS_CODE_SYSTEMS.map((s) => [s, s])) } as Record<string, string>}
          onChange={(system) => set({ diagnosisCode: system ? { system: system as (typeof DIAGNOSIS_CODE_SYSTEMS)[number], code: c.diagnosisCode?.code ?? '' } : null })}
        />
        {c.diagnosisCode && (
          <TextField label="Diagnosis code" value={c.diagnosisCode.code} onChange={(e) => set({ diagnosisCode: { system: c.diagnosisCode!.system, code: e.target.value } })} error={errorAt('diagnosisCode.code')} />
        )}
      </div>
      <CheckboxField label="Psychoeducation given" checked={c.psychoeducationGiven} onChange={(v) => set({ psychoeducationGiven: v })} />
      <CheckboxField label="Sick role discussed" checked={c.sickRoleDiscussed} onChange={(v) => set({ sickRoleDiscussed: v })} />
      <TextAreaField label="Duties relaxed for now" value={c.dutiesRelaxed} onChange={(e) => set({ dutiesRelaxed: e.target.value })} />
      <CheckboxField label="Need for medication considered" checked={c.medicationConsidered} onChange={(v) => set({ medicationConsidered: v })} />
      <TextAreaField label="Medication note" value={c.medicationNote} onChange={(e) => set({ medicationNote: e.target.value })} />
      <CheckboxField label="Interpersonal inventory done" checked={c.inventoryDone} onChange={(v) => set({ inventoryDone: v })} />
      <CheckboxField label="Onset linked to interpersonal events" checked={c.onsetLinked} onChange={(v) => set({ onsetLinked: v })} />
      <TextAreaField label="How the onset links to events" value={c.onsetNote} onChange={(e) => set({ onsetNote: e.target.value })} />
      <div className="grid">
        <TextField label="Formulation agreed on" type="date" value={c.formulationAgreedOn} onChange={(e) => set({ formulationAgreedOn: e.target.value })} error={errorAt('formulationAgreedOn')} />
        <TextField label="Contract agreed on" type="date" value={c.contractAgreedOn} onChange={(e) => set({ contractAgreedOn: e.target.value })} error={errorAt('contractAgreedOn')} />
      </div>
    </SectionForm>
  );
}

export function FormulationForm({ course, onSaved }: { course: Course; onSaved: (course: Course) => void }) {
  const { value: f, setValue, save, status, errorAt } = useCourseSection(course, 'formulation', onSaved);
  const set = (patch: Partial<Formulation>) => setValue({ ...f, ...patch });
  return (
    <SectionForm id="formulation-heading" title="Formulation" status={status} onSubmit={save} saveLabel="Save formulation">
      <div className="grid">
        <TextAreaField label="Biological contributors" value={f.biological} onChange={(e) => set({ biological: e.target.value })} />
        <TextAreaField label="Psychological contributors" value={f.psychological} onChange={(e) => set({ psychological: e.target.value })} />
        <TextAreaField label="Social contributors" value={f.social} onChange={(e) => set({ social: e.target.value })} />
        <TextAreaField label="Cultural or spiritual contributors" value={f.culturalSpiritual} onChange={(e) => set({ culturalSpiritual: e.target.value })} />
      </div>
      <TextAreaField label="Written formulation" rows={5} value={f.text} onChange={(e) => set({ text: e.target.value })} error={errorAt('text')} />
      <div className="grid">
        <CheckboxField label="The client agreed with the formulation" checked={f.clientAgreed} onChange={(v) => set({ clientAgreed: v, agreedOn: v && !f.agreedOn ? todayIso() : f.agreedOn })} />
        <TextField label="Agreed on" type="date" value={f.agreedOn} onChange={(e) => set({ agreedOn: e.target.value })} error={errorAt('agreedOn')} />
      </div>
    </SectionForm>
  );
}

export function TerminationForm({ course, onSaved }: { course: Course; onSaved: (course: Course) => void }) {
  const { value: t, setValue, save, status } = useCourseSection(course, 'termination', onSaved);
  const set = (patch: Partial<Termination>) => setValue({ ...t, ...patch });
  return (
    <SectionForm id="termination-heading" title="Ending" status={status} onSubmit={save} saveLabel="Save ending">
      <NumberField label="Ending first raised at session" value={t.endingFirstRaisedAtSession} onChange={(v) => set({ endingFirstRaisedAtSession: v })} min={1} max={500} />
      <TextAreaField label="Gains reviewed" value={t.gainsReviewed} onChange={(e) => set({ gainsReviewed: e.target.value })} />
      <TextAreaField label="What the client credits for the change" value={t.clientCreditsChangeTo} onChange={(e) => set({ clientCreditsChangeTo: e.target.value })} />
      <TextAreaField label="Feelings about ending" value={t.feelingsAboutEnding} onChange={(e) => set({ feelingsAboutEnding: e.target.value })} />
      <LinesField label="Personal warning signs" value={t.warningSigns} onChange={(v) => set({ warningSigns: v })} />
      <TextAreaField label="Relapse plan" value={t.relapsePlan} onChange={(e) => set({ relapsePlan: e.target.value })} />
      <div className="grid">
        <SelectField
          label="Outcome"
          value={t.outcome}
          options={{ unset: 'Not decided', responded: 'Responded', partial: 'Partial response', no_response: 'No response' } satisfies Record<(typeof OUTCOMES)[number], string>}
          onChange={(v) => set({ outcome: v })}
        />
        <SelectField
          label="Next step"
          value={t.nextStep}
          options={{ unset: 'Not decided', discharge: 'Discharge', continuation: 'Continuation course', maintenance: 'Maintenance course', refer_on: 'Refer on' } satisfies Record<(typeof NEXT_STEPS)[number], string>}
          onChange={(v) => set({ nextStep: v })}
        />
      </div>
    </SectionForm>
  );
}

const EMPTY_DETAILS: { [A in ProblemArea]: Extract<ProblemAreaEntry, { area: A }>['details'] } = {
  grief: { personId: '', dateOfDeath: '', circumstances: '', onsetRelativeToDeath: '', feelingsExpressed: [], avoidance: '', newInterestsAndRelationships: [] },
  role_dispute: { personId: '', issues: [], clientExpectations: '', otherExpectations: '', stageHistory: [], options: [], chosenPlan: '', status: 'unset' },
  role_transition: { transitionType: 'unset', dateOfChange: '', chosenOrImposed: 'unset', oldRoleGood: [], oldRoleBad: [], newRoleGood: [], newRoleBad: [], lossesToMourn: [], skillsNeeded: [], supportsNeeded: [] },
  interpersonal_deficits: { networkSize: null, confidants: [], recurringPatterns: '', skillTargets: [], peopleToReconnectWith: [], newContactOpportunities: [] },
};

function emptyEntry(area: ProblemArea): ProblemAreaEntry {
  return { area, details: structuredClone(EMPTY_DETAILS[area]) } as ProblemAreaEntry;
}

export function ProblemAreasForm({ course, onSaved }: { course: Course; onSaved: (course: Course) => void }) {
  const areaLabels = useAreaLabels();
  const [primary, setPrimary] = useState<ProblemAreaEntry | null>(course.primaryArea);
  const [secondary, setSecondary] = useState<ProblemAreaEntry | null>(course.secondaryArea);
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  const people = useResource(() => ipt.people.list({ clientId: course.clientId }), course.clientId);
  const personOptions = { '': 'Choose a person', ...Object.fromEntries((people.data ?? []).map((p) => [p.id, p.fields.name])) } as Record<string, string>;

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.courses.update({ id: course.id, expectedUpdatedAt: course.updatedAt, primaryArea: withoutBlankItems(primary), secondaryArea: withoutBlankItems(secondary) });
    if (!result.ok) {
      setStatus({ kind: 'error', text: result.error.message });
      return setErrors(result.error.fields);
    }
    setErrors({});
    setStatus({ kind: 'success', text: 'Saved.' });
    onSaved(result.value);
  }

  const areaOptions = { '': 'None', ...areaLabels } as Record<string, string>;
  return (
    <SectionForm id="areas-heading" title="Problem areas" status={status} onSubmit={save} saveLabel="Save problem areas">
      <SelectField label="Primary problem area" value={primary?.area ?? ''} options={areaOptions} onChange={(a) => setPrimary(a ? emptyEntry(a as ProblemArea) : null)} error={errorAt('primaryArea')} />
      {primary && <AreaDetails entry={primary} onChange={setPrimary} personOptions={personOptions} prefix="primaryArea" errorAt={errorAt} />}
      <SelectField label="Secondary problem area (optional)" value={secondary?.area ?? ''} options={areaOptions} onChange={(a) => setSecondary(a ? emptyEntry(a as ProblemArea) : null)} error={errorAt('secondaryArea')} />
      {secondary && <AreaDetails entry={secondary} onChange={setSecondary} personOptions={personOptions} prefix="secondaryArea" errorAt={errorAt} />}
    </SectionForm>
  );
}

function AreaDetails({ entry, onChange, personOptions, prefix, errorAt }: { entry: ProblemAreaEntry; onChange: (e: ProblemAreaEntry) => void; personOptions: Record<string, string>; prefix: string; errorAt: (p: string) => string | undefined }) {
  const areaLabels = useAreaLabels();
  const label = areaLabels[entry.area];
  const personError = errorAt(`${prefix}.details.personId`);
  if (entry.area === 'grief') {
    const d = entry.details;
    const set = (p: Partial<typeof d>) => onChange({ area: 'grief', details: { ...d, ...p } });
    return (
      <fieldset>
        <legend>{label}: details</legend>
        <div className="grid">
          <SelectField label="Who died" value={d.personId} options={personOptions} onChange={(v) => set({ personId: v })} error={personError} hint="People come from the inventory." />
          <TextField label="Date of death" type="date" value={d.dateOfDeath} onChange={(e) => set({ dateOfDeath: e.target.value })} />
        </div>
        <TextAreaField label="Circumstances" value={d.circumstances} onChange={(e) => set({ circumstances: e.target.value })} />
        <TextAreaField label="Onset of symptoms relative to the death" value={d.onsetRelativeToDeath} onChange={(e) => set({ onsetRelativeToDeath: e.target.value })} />
        <LinesField label="Feelings expressed" value={d.feelingsExpressed} onChange={(v) => set({ feelingsExpressed: v })} />
        <TextAreaField label="Signs of avoidance" value={d.avoidance} onChange={(e) => set({ avoidance: e.target.value })} />
        <LinesField label="New interests and relationships" value={d.newInterestsAndRelationships} onChange={(v) => set({ newInterestsAndRelationships: v })} />
      </fieldset>
    );
  }
  if (entry.area === 'role_dispute') {
    const d = entry.details;
    const set = (p: Partial<typeof d>) => onChange({ area: 'role_dispute', details: { ...d, ...p } });
    const latest = d.stageHistory.at(-1);
    return (
      <fieldset>
        <legend>{label}: details</legend>
        <SelectField label="The other person" value={d.personId} options={personOptions} onChange={(v) => set({ personId: v })} error={personError} hint="People come from the inventory." />
        <LinesField label="Issues in dispute" value={d.issues} onChange={(v) => set({ issues: v })} />
        <div className="grid">
          <TextAreaField label="The client’s expectations" value={d.clientExpectations} onChange={(e) => set({ clientExpectations: e.target.value })} />
          <TextAreaField label="The other person’s expectations" value={d.otherExpectations} onChange={(e) => set({ otherExpectations: e.target.value })} />
        </div>
        <p>
          Stage: {latest ? `${DISPUTE_STAGE_LABELS[latest.stage]} since ${formatDate(latest.date)}` : 'not recorded'}
          {d.stageHistory.length > 1 && ` (earlier: ${d.stageHistory.slice(0, -1).map((s) => `${DISPUTE_STAGE_LABELS[s.stage]} ${formatDate(s.date)}`).join(', ')})`}
        </p>
        <div className="button-row" role="group" aria-label="Record the stage as of today">
          {(Object.keys(DISPUTE_STAGE_LABELS) as (keyof typeof DISPUTE_STAGE_LABELS)[]).map((stage) => (
            <button key={stage} type="button" onClick={() => set({ stageHistory: [...d.stageHistory, { stage, date: todayIso() }] })}>
              Now: {DISPUTE_STAGE_LABELS[stage]}
            </button>
          ))}
        </div>
        <LinesField label="Options" value={d.options} onChange={(v) => set({ options: v })} />
        <TextAreaField label="Chosen plan" value={d.chosenPlan} onChange={(e) => set({ chosenPlan: e.target.value })} />
        <SelectField
          label="Status"
          value={d.status}
          options={{ unset: 'Not decided', resolved: 'Resolved', improved: 'Improved', unchanged: 'Unchanged', dissolved: 'Dissolved' }}
          onChange={(v) => set({ status: v })}
        />
      </fieldset>
    );
  }
  if (entry.area === 'role_transition') {
    const d = entry.details;
    const set = (p: Partial<typeof d>) => onChange({ area: 'role_transition', details: { ...d, ...p } });
    return (
      <fieldset>
        <legend>{label}: details</legend>
        <div className="grid">
          <SelectField label="Kind of change" value={d.transitionType} options={{ unset: 'Not recorded', ...Object.fromEntries(TRANSITION_TYPES.map((t) => [t, t[0]!.toUpperCase() + t.slice(1)])) } as Record<typeof d.transitionType, string>} onChange={(v) => set({ transitionType: v })} />
          <TextField label="Date of the change" type="date" value={d.dateOfChange} onChange={(e) => set({ dateOfChange: e.target.value })} />
          <SelectField label="Chosen or imposed" value={d.chosenOrImposed} options={{ unset: 'Not recorded', chosen: 'Chosen', imposed: 'Imposed', mixed: 'Some of each' }} onChange={(v) => set({ chosenOrImposed: v })} />
        </div>
        <div className="grid">
          <LinesField label="Old role: good" value={d.oldRoleGood} onChange={(v) => set({ oldRoleGood: v })} />
          <LinesField label="Old role: bad" value={d.oldRoleBad} onChange={(v) => set({ oldRoleBad: v })} />
          <LinesField label="New role: good" value={d.newRoleGood} onChange={(v) => set({ newRoleGood: v })} />
          <LinesField label="New role: bad" value={d.newRoleBad} onChange={(v) => set({ newRoleBad: v })} />
        </div>
        <LinesField label="Losses to mourn" value={d.lossesToMourn} onChange={(v) => set({ lossesToMourn: v })} />
        <div className="grid">
          <LinesField label="Skills needed" value={d.skillsNeeded} onChange={(v) => set({ skillsNeeded: v })} />
          <LinesField label="Supports needed" value={d.supportsNeeded} onChange={(v) => set({ supportsNeeded: v })} />
        </div>
      </fieldset>
    );
  }
  const d = entry.details;
  const set = (p: Partial<typeof d>) => onChange({ area: 'interpersonal_deficits', details: { ...d, ...p } });
  return (
    <fieldset>
      <legend>{label}: details</legend>
      <NumberField label="Size of the social network" value={d.networkSize} onChange={(v) => set({ networkSize: v })} min={0} max={1000} />
      <LinesField label="Confidants" value={d.confidants} onChange={(v) => set({ confidants: v })} />
      <TextAreaField label="Recurring patterns in relationships" value={d.recurringPatterns} onChange={(e) => set({ recurringPatterns: e.target.value })} />
      <LinesField label="Skills to work on" value={d.skillTargets} onChange={(v) => set({ skillTargets: v })} />
      <LinesField label="People to reconnect with" value={d.peopleToReconnectWith} onChange={(v) => set({ peopleToReconnectWith: v })} />
      <LinesField label="Chances for new contact" value={d.newContactOpportunities} onChange={(v) => set({ newContactOpportunities: v })} />
    </fieldset>
  );
}

/** Goals of the course as 0-10 rating series. */
export function GoalsPanel({ course }: { course: Course }) {
  return <RatingSeriesPanel clientId={course.clientId} courseId={course.id} kind="goal" problemArea={course.primaryArea?.area ?? null} title="Goals" newLabel="New goal" addLabel="Add goal" empty="No goals yet." />;
}

/** Any 0-10 rating series of one kind: goals, or the therapist's own scales. */
export function RatingSeriesPanel({ clientId, courseId, kind, problemArea = null, title, newLabel, addLabel, empty }: { clientId: string; courseId: string | null; kind: 'goal' | 'custom'; problemArea?: ProblemArea | null; title: string; newLabel: string; addLabel: string; empty: string }) {
  const series = useResource(() => ipt.ratings.list({ clientId, courseId }), `${clientId}:${courseId ?? ''}:${kind}`);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const goals = (series.data ?? []).filter((s) => s.kind === kind);
  const headingId = `ratings-${kind}-heading`;

  async function addGoal(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.ratings.createSeries({ clientId, courseId, kind, label, problemArea });
    if (!result.ok) return setError(errorText(result.error));
    setError(null);
    setLabel('');
    await series.reload();
  }

  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{title}</h2>
      {goals.length === 0 && <p className="muted">{empty}</p>}
      <ul className="goal-list">
        {goals.map((g) => (
          <GoalRow key={g.id} seriesId={g.id} label={g.label} ratings={g.ratings} onRated={() => void series.reload()} />
        ))}
      </ul>
      <form onSubmit={addGoal} noValidate aria-label={addLabel} className="subform">
        {error && <Alert>{error}</Alert>}
        <TextField label={newLabel} value={label} onChange={(e) => setLabel(e.target.value)} />
        <div className="actions">
          <button type="submit">{addLabel}</button>
        </div>
      </form>
    </section>
  );
}

function GoalRow({ seriesId, label, ratings, onRated }: { seriesId: string; label: string; ratings: { date: string; value: number }[]; onRated: () => void }) {
  const [value, setValue] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function rate(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.ratings.add({ seriesId, date: todayIso(), value: value ?? -1 });
    if (!result.ok) return setError(errorText(result.error));
    setError(null);
    setValue(null);
    onRated();
  }
  const last = ratings.at(-1);
  return (
    <li>
      <div>
        <strong>{label}</strong>{' '}
        <span className="muted">{ratings.length === 0 ? 'Not rated yet' : ratings.map((r) => `${r.value}`).join(' → ')}</span>
        {last && <span className="muted"> (latest {formatDate(last.date)})</span>}
      </div>
      <form onSubmit={rate} noValidate aria-label={`Rate: ${label}`} className="inline-form">
        <NumberField label={`Rating today (0-10) for “${label}”`} value={value} onChange={setValue} min={0} max={10} error={error ?? undefined} />
        <button type="submit">Add rating</button>
      </form>
    </li>
  );
}
