import { type FormEvent, type ReactNode } from 'react';
import { z } from 'zod';
import type { ChannelInput } from '../../../../shared/contract.ts';
import { DIAGNOSIS_CODE_SYSTEMS, DISPUTE_STAGE_LABELS, TRANSITION_TYPES, type NEXT_STEPS, type OUTCOMES, type ProblemArea } from '../../../../shared/ipt/vocabulary.ts';
import { ratingAddSchema, ratingSeriesCreateSchema } from '../../../../shared/schemas/ratings.ts';
import { checklistSchema, formulationSchema, problemAreaSchema, terminationSchema, type Course, type ProblemAreaEntry } from '../../../../shared/schemas/course.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxField, LinesField, NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { useContractForm, type FormSchema } from '../../form.ts';
import { formatDate, plural } from '../../format.ts';
import { errorText } from '../../ipt.ts';
import { useAreaLabels } from '../../labels.tsx';
import { channelKey, mutateChannel, queryClient, useChannel } from '../../query.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';
import { withoutBlankItems } from '../../util.ts';

type Section = 'checklist' | 'formulation' | 'termination';
const SECTION_LABELS: Record<Section, string> = { checklist: 'the initial phase checklist', formulation: 'the formulation', termination: 'the ending' };

/** The course version to send: the cached one, which every course write in this window updates. */
export function courseVersion(course: Course): string {
  return queryClient.getQueryData<Course>(channelKey('courses.get', { id: course.id }))?.updatedAt ?? course.updatedAt;
}

/**
 * Saves part of a course. The sections are separate forms over one course version: the version
 * comes from the cache, which every course write in this window updates, so saving one section
 * after another (or several at lock) does not trip the conflict check.
 */
export async function saveCourse(course: Course, patch: Omit<ChannelInput<'courses.update'>, 'id' | 'expectedUpdatedAt'>): Promise<Course> {
  const key = channelKey('courses.get', { id: course.id });
  const next = await mutateChannel('courses.update', { id: course.id, expectedUpdatedAt: courseVersion(course), ...patch });
  queryClient.setQueryData(key, next);
  return next;
}

/**
 * One part of the course as a form of the keep kind: an explicit Save, since the sections share
 * one course version and hold dates and codes that are only valid once complete; unsaved edits
 * survive switching tabs and a lock asks about them.
 */
function useCourseSection<S extends FormSchema>(course: Course, key: Section, schema: S) {
  return useContractForm({
    schema,
    defaultValues: course[key] as z.input<S>,
    save: (values) => saveCourse(course, { [key]: values }),
    savedValues: (saved) => saved[key] as z.input<S>,
    prepare: withoutBlankItems,
    fieldPrefix: `${key}.`,
    keep: { formId: `course.${key}`, recordId: course.id, label: SECTION_LABELS[key] },
  });
}

function SectionForm({ id, title, form, children, saveLabel = 'Save' }: { id: string; title: string; form: { submit: (e?: FormEvent) => Promise<void>; formError: string | null; saved: boolean; restored: boolean; form: { formState: { isSubmitting: boolean } } }; children: ReactNode; saveLabel?: string }) {
  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-labelledby={id} className="panel">
      <h2 id={id}>{title}</h2>
      {form.formError && <Alert>{form.formError}</Alert>}
      {children}
      <div className="actions">
        {form.restored && <span className="saved-note">Unsaved changes from before are shown. Save them to keep them.</span>}
        {form.saved && (
          <span role="status" className="saved-note">
            Saved.
          </span>
        )}
        <button type="submit" className="primary" disabled={form.form.formState.isSubmitting}>
          {saveLabel}
        </button>
      </div>
    </form>
  );
}

export function ChecklistForm({ course }: { course: Course }) {
  const section = useCourseSection(course, 'checklist', checklistSchema);
  const { register, bind, errorAt } = section;
  const code = bind('diagnosisCode');
  const check = (path: 'psychoeducationGiven' | 'sickRoleDiscussed' | 'medicationConsidered' | 'inventoryDone' | 'onsetLinked') => {
    const b = bind(path);
    return { checked: Boolean(b.value), onChange: (v: boolean) => b.onChange(v) };
  };
  return (
    <SectionForm id="checklist-heading" title="Initial phase checklist" form={section} saveLabel="Save checklist">
      <TextField label="Diagnosis" {...register('diagnosis')} error={errorAt('diagnosis')} />
      <div className="grid">
        <SelectField
          label="Code system (optional)"
          value={code.value?.system ?? ''}
          options={{ '': 'No coded entry', ...Object.fromEntries(DIAGNOSIS_CODE_SYSTEMS.map((s) => [s, s])) } as Record<string, string>}
          onChange={(system) => code.onChange(system ? { system: system as (typeof DIAGNOSIS_CODE_SYSTEMS)[number], code: code.value?.code ?? '' } : null)}
        />
        {code.value && (
          <TextField label="Diagnosis code" value={code.value.code} onChange={(e) => code.onChange({ system: code.value!.system, code: e.target.value })} error={errorAt('diagnosisCode.code')} />
        )}
      </div>
      <CheckboxField label="Psychoeducation given" {...check('psychoeducationGiven')} />
      <CheckboxField label="Sick role discussed" {...check('sickRoleDiscussed')} />
      <TextAreaField label="Duties relaxed for now" {...register('dutiesRelaxed')} error={errorAt('dutiesRelaxed')} />
      <CheckboxField label="Need for medication considered" {...check('medicationConsidered')} />
      <TextAreaField label="Medication note" {...register('medicationNote')} error={errorAt('medicationNote')} />
      <CheckboxField label="Interpersonal inventory done" {...check('inventoryDone')} />
      <InventoryHint clientId={course.clientId} done={Boolean(bind('inventoryDone').value)} onTick={() => bind('inventoryDone').onChange(true)} />
      <CheckboxField label="Onset linked to interpersonal events" {...check('onsetLinked')} />
      <TextAreaField label="How the onset links to events" {...register('onsetNote')} error={errorAt('onsetNote')} />
      <div className="grid">
        <TextField label="Formulation agreed on" type="date" {...register('formulationAgreedOn')} error={errorAt('formulationAgreedOn')} />
        <TextField label="Contract agreed on" type="date" {...register('contractAgreedOn')} error={errorAt('contractAgreedOn')} />
      </div>
    </SectionForm>
  );
}

/** Once people are in the inventory, says how many and offers the tick; the Save button still saves it. */
function InventoryHint({ clientId, done, onTick }: { clientId: string; done: boolean; onTick: () => void }) {
  const people = useChannel('people.list', { clientId });
  const count = people.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <p className="hint inventory-hint">
      {plural(count, { one: 'person is', other: 'people are' })} in the inventory.{' '}
      {!done && (
        <button type="button" className="link-button" onClick={onTick}>
          Tick “Interpersonal inventory done”
        </button>
      )}
    </p>
  );
}

export function FormulationForm({ course }: { course: Course }) {
  const section = useCourseSection(course, 'formulation', formulationSchema);
  const { register, bind, errorAt, form } = section;
  const agreed = bind('clientAgreed');
  return (
    <SectionForm id="formulation-heading" title="Formulation" form={section} saveLabel="Save formulation">
      <div className="grid">
        <TextAreaField label="Biological contributors" {...register('biological')} error={errorAt('biological')} />
        <TextAreaField label="Psychological contributors" {...register('psychological')} error={errorAt('psychological')} />
        <TextAreaField label="Social contributors" {...register('social')} error={errorAt('social')} />
        <TextAreaField label="Cultural or spiritual contributors" {...register('culturalSpiritual')} error={errorAt('culturalSpiritual')} />
      </div>
      <TextAreaField label="Written formulation" rows={5} {...register('text')} error={errorAt('text')} />
      <div className="grid">
        <CheckboxField
          label="The client agreed with the formulation"
          checked={Boolean(agreed.value)}
          onChange={(v) => {
            agreed.onChange(v);
            if (v && !form.getValues('agreedOn')) form.setValue('agreedOn', todayIso(), { shouldDirty: true });
          }}
        />
        <TextField label="Agreed on" type="date" {...register('agreedOn')} error={errorAt('agreedOn')} />
      </div>
    </SectionForm>
  );
}

export function TerminationForm({ course }: { course: Course }) {
  const section = useCourseSection(course, 'termination', terminationSchema);
  const { register, bind, errorAt } = section;
  const raisedAt = bind('endingFirstRaisedAtSession');
  const warningSigns = bind('warningSigns');
  const outcome = bind('outcome');
  const nextStep = bind('nextStep');
  return (
    <SectionForm id="termination-heading" title="Ending" form={section} saveLabel="Save ending">
      <NumberField label="Ending first raised at session" value={raisedAt.value ?? null} onChange={raisedAt.onChange} min={1} max={500} error={raisedAt.error} />
      <TextAreaField label="Gains reviewed" {...register('gainsReviewed')} error={errorAt('gainsReviewed')} />
      <TextAreaField label="What the client credits for the change" {...register('clientCreditsChangeTo')} error={errorAt('clientCreditsChangeTo')} />
      <TextAreaField label="Feelings about ending" {...register('feelingsAboutEnding')} error={errorAt('feelingsAboutEnding')} />
      <LinesField label="Personal warning signs" value={warningSigns.value ?? []} onChange={warningSigns.onChange} error={warningSigns.error} />
      <TextAreaField label="Relapse plan" {...register('relapsePlan')} error={errorAt('relapsePlan')} />
      <div className="grid">
        <SelectField
          label="Outcome"
          value={outcome.value ?? 'unset'}
          options={{ unset: 'Not decided', responded: 'Responded', partial: 'Partial response', no_response: 'No response' } satisfies Record<(typeof OUTCOMES)[number], string>}
          onChange={outcome.onChange}
        />
        <SelectField
          label="Next step"
          value={nextStep.value ?? 'unset'}
          options={{ unset: 'Not decided', discharge: 'Discharge', continuation: 'Continuation course', maintenance: 'Maintenance course', refer_on: 'Refer on' } satisfies Record<(typeof NEXT_STEPS)[number], string>}
          onChange={nextStep.onChange}
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

const areasSchema = z.strictObject({ primaryArea: problemAreaSchema.nullable(), secondaryArea: problemAreaSchema.nullable() });

export function ProblemAreasForm({ course }: { course: Course }) {
  const areaLabels = useAreaLabels();
  // keep: explicit Save, as choosing an area reshapes the form; edits survive switching tabs.
  const section = useContractForm({
    schema: areasSchema,
    defaultValues: { primaryArea: course.primaryArea, secondaryArea: course.secondaryArea },
    save: (values) => saveCourse(course, values),
    savedValues: (saved) => ({ primaryArea: saved.primaryArea, secondaryArea: saved.secondaryArea }),
    prepare: withoutBlankItems,
    keep: { formId: 'course.areas', recordId: course.id, label: 'the problem areas' },
  });
  const { errorAt } = section;
  const primary = section.bind('primaryArea');
  const secondary = section.bind('secondaryArea');
  const people = useChannel('people.list', { clientId: course.clientId });
  const personOptions = { '': 'Choose a person', ...Object.fromEntries((people.data ?? []).map((p) => [p.id, p.fields.name])) } as Record<string, string>;

  const areaOptions = { '': 'None', ...areaLabels } as Record<string, string>;
  return (
    <SectionForm id="areas-heading" title="Problem areas" form={section} saveLabel="Save problem areas">
      <SelectField label="Primary problem area" value={primary.value?.area ?? ''} options={areaOptions} onChange={(a) => primary.onChange(a ? emptyEntry(a as ProblemArea) : null)} error={errorAt('primaryArea')} />
      {primary.value && <AreaDetails entry={primary.value as ProblemAreaEntry} onChange={primary.onChange} personOptions={personOptions} prefix="primaryArea" errorAt={errorAt} />}
      <SelectField label="Secondary problem area (optional)" value={secondary.value?.area ?? ''} options={areaOptions} onChange={(a) => secondary.onChange(a ? emptyEntry(a as ProblemArea) : null)} error={errorAt('secondaryArea')} />
      {secondary.value && <AreaDetails entry={secondary.value as ProblemAreaEntry} onChange={secondary.onChange} personOptions={personOptions} prefix="secondaryArea" errorAt={errorAt} />}
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

const seriesLabelSchema = ratingSeriesCreateSchema.pick({ label: true });
const ratingValueSchema = ratingAddSchema.pick({ value: true });

/** Any 0-10 rating series of one kind: goals, or the therapist's own scales. */
export function RatingSeriesPanel({ clientId, courseId, kind, problemArea = null, title, newLabel, addLabel, empty }: { clientId: string; courseId: string | null; kind: 'goal' | 'custom'; problemArea?: ProblemArea | null; title: string; newLabel: string; addLabel: string; empty: string }) {
  // Adding or rating invalidates the 'ratings' group (contract), so this list follows.
  const series = useChannel('ratings.list', { clientId, courseId });
  // keep (create): the series is new, but a typed label survives a tab switch.
  const add = useContractForm({
    schema: seriesLabelSchema,
    defaultValues: { label: '' },
    save: (values) => mutateChannel('ratings.createSeries', { clientId, courseId, kind, problemArea, ...values }),
    savedValues: () => ({ label: '' }),
    keep: { formId: `ratings.new.${kind}`, recordId: `${clientId}:${courseId ?? ''}`, label: kind === 'goal' ? 'the new goal' : 'the new scale' },
  });
  const goals = (series.data ?? []).filter((s) => s.kind === kind);
  const headingId = `ratings-${kind}-heading`;

  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{title}</h2>
      {series.error && <Alert>{errorText(series.error)}</Alert>}
      {series.data && goals.length === 0 && <p className="muted">{empty}</p>}
      <ul className="goal-list">
        {goals.map((g) => (
          <GoalRow key={g.id} seriesId={g.id} label={g.label} ratings={g.ratings} />
        ))}
      </ul>
      <form onSubmit={(e) => void add.submit(e)} noValidate aria-label={addLabel} className="subform">
        {add.formError && <Alert>{add.formError}</Alert>}
        <TextField label={newLabel} {...add.register('label')} error={add.errorAt('label')} />
        <div className="actions">
          <button type="submit" disabled={add.form.formState.isSubmitting}>
            {addLabel}
          </button>
        </div>
      </form>
    </section>
  );
}

function GoalRow({ seriesId, label, ratings }: { seriesId: string; label: string; ratings: { date: string; value: number }[] }) {
  // Create (a new rating): validate and submit; a single number is not worth keeping across tabs.
  const rate = useContractForm({
    schema: ratingValueSchema,
    defaultValues: { value: null as unknown as number },
    // An empty field gets the schema's own "whole number from 0 to 10" message.
    prepare: (v) => ({ value: v.value ?? -1 }),
    save: (values) => mutateChannel('ratings.add', { seriesId, date: todayIso(), ...values }),
    savedValues: () => ({ value: null as unknown as number }),
  });
  const value = rate.bind('value');
  const last = ratings.at(-1);
  return (
    <li>
      <div>
        <strong>{label}</strong>{' '}
        <span className="muted">{ratings.length === 0 ? 'Not rated yet' : ratings.map((r) => `${r.value}`).join(' → ')}</span>
        {last && <span className="muted"> (latest {formatDate(last.date)})</span>}
      </div>
      <form onSubmit={(e) => void rate.submit(e)} noValidate aria-label={`Rate: ${label}`} className="inline-form">
        <NumberField label={`Rating today (0-10) for “${label}”`} value={value.value ?? null} onChange={(v) => value.onChange(v as number)} min={0} max={10} error={value.error ?? rate.formError ?? undefined} />
        <button type="submit" disabled={rate.form.formState.isSubmitting}>
          Add rating
        </button>
      </form>
    </li>
  );
}
