import { useEffect, useRef, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import type { Person } from '../../../shared/schemas/inventory.ts';
import type { PracticeProfile } from '../../../shared/schemas/note.ts';
import { SAFETY_PLAN_HEADINGS, SAFETY_PLAN_SECTIONS, safetyPlanContentSchema, withoutBlankRows, type SafetyPlanRevision } from '../../../shared/schemas/safety-plan.ts';
import type { z } from 'zod';
import { Alert } from '../components/Alert.tsx';
import { FieldShell, TextField } from '../components/Field.tsx';
import { useContractForm, type ContractForm } from '../form.ts';
import { formatDateTime } from '../format.ts';
import { errorText } from '../ipt.ts';
import { mutateChannel, useChannel, useChannelMutation } from '../query.ts';

type Schema = typeof safetyPlanContentSchema;
type PlanInput = z.input<Schema>;
type LineKey = 'warningSigns' | 'copingOnMyOwn' | 'saferSurroundings' | 'reasonsForLiving';
type ContactKey = 'distractions' | 'askForHelp';

/** A short prompt under each heading, for the therapist filling it in with the client. */
const PROMPTS: Record<(typeof SAFETY_PLAN_SECTIONS)[number], string> = {
  warningSigns: 'Thoughts, pictures, moods, situations or things they do that come before a crisis. In the client’s own words.',
  copingOnMyOwn: 'What helps them, on their own, to take their mind off things for a while.',
  distractions: 'People to be with and places to go that help them think of something else. Pick someone from the inventory or write a name or a place.',
  askForHelp: 'People they can tell that they are struggling and ask for help.',
  professionals: 'You, out-of-hours services and crisis lines. The practice’s own numbers are set under Settings, Practice profile.',
  saferSurroundings: 'Steps agreed to make the means of harm harder to reach.',
  reasonsForLiving: 'What matters most to them and is worth living for.',
};

const ITEM_LABELS: Record<LineKey, string> = {
  warningSigns: 'Warning sign',
  copingOnMyOwn: 'Thing to do on my own',
  saferSurroundings: 'Safety step',
  reasonsForLiving: 'Reason',
};

/** A first plan starts with one empty warning sign and the practice's own numbers, which the user can remove. */
function firstPlan(profile: PracticeProfile): PlanInput {
  const clinician = profile.clinicianName && profile.phone ? [{ name: profile.clinicianName, phone: profile.phone }] : [];
  return { warningSigns: [{ text: '' }], copingOnMyOwn: [], distractions: [], askForHelp: [], professionals: [...clinician, ...profile.crisisLines], saferSurroundings: [], reasonsForLiving: [] };
}

/** The overview's panel: whether there is a plan, and the way into it. */
export function SafetyPlanPanel({ clientId, onOpen, focus }: { clientId: string; onOpen: () => void; focus: boolean }) {
  const plan = useChannel('safetyPlan.get', { clientId });
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus && plan.data !== undefined) button.current?.focus();
  }, [focus, plan.data]);
  return (
    <section aria-labelledby="ov-safety">
      <h2 id="ov-safety">Safety plan</h2>
      {plan.error && <Alert>{errorText(plan.error)}</Alert>}
      {plan.data !== undefined && (
        <p>
          {plan.data ? `Version ${plan.data.revision}, saved ${formatDateTime(plan.data.createdAt)}.` : 'No safety plan yet.'}{' '}
          <button ref={button} type="button" className="link-button" onClick={onOpen}>
            {plan.data ? 'Open the safety plan' : 'Make a safety plan'}
          </button>
        </p>
      )}
    </section>
  );
}

/** The client's safety plan: edit and save as a new dated revision, print the client's copy, see earlier revisions. */
export function SafetyPlanScreen({ clientId, riskId, onClose }: { clientId: string; riskId: string | null; onClose: () => void }) {
  const plan = useChannel('safetyPlan.get', { clientId });
  const people = useChannel('people.list', { clientId });
  const profile = useChannel('profile.get', {});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const failed = plan.error ?? people.error ?? profile.error;
  const ready = plan.data !== undefined && people.data && profile.data;
  return (
    <section aria-labelledby="plan-heading" className="safety-plan">
      <div className="detail-header">
        <h2 id="plan-heading" ref={heading} tabIndex={-1}>
          Safety plan
        </h2>
        <button type="button" onClick={onClose}>
          Back to the overview
        </button>
      </div>
      {failed && <Alert>{errorText(failed)}</Alert>}
      {!failed && !ready && <p aria-busy="true">Loading…</p>}
      {ready && <PlanForm clientId={clientId} riskId={riskId} current={plan.data ?? null} people={people.data!} profile={profile.data!} />}
      {ready && <RevisionHistory clientId={clientId} people={people.data!} />}
    </section>
  );
}

function PlanForm({ clientId, riskId, current, people, profile }: { clientId: string; riskId: string | null; current: SafetyPlanRevision | null; people: Person[]; profile: PracticeProfile }) {
  const [basedOn, setBasedOn] = useState<number | null>(current?.revision ?? null);
  const [savedAs, setSavedAs] = useState<SafetyPlanRevision | null>(null);
  // keep: explicit Save, since each save is a dated revision the client is given; unsaved edits survive leaving the plan and a lock asks first.
  const f = useContractForm({
    schema: safetyPlanContentSchema,
    defaultValues: current?.content ?? firstPlan(profile),
    prepare: withoutBlankRows,
    save: (content) => mutateChannel('safetyPlan.save', { clientId, content, riskIds: riskId ? [riskId] : [], basedOn }),
    savedValues: (saved) => saved.content,
    onSaved: (saved) => {
      setBasedOn(saved.revision);
      setSavedAs(saved);
    },
    fieldPrefix: 'content.',
    keep: { formId: 'safetyPlan', recordId: clientId, label: 'the safety plan' },
  });
  const print = useChannelMutation('safetyPlan.print');
  const addPracticeLines = useFieldArray({ control: f.form.control, name: 'professionals' });
  const missingLines = profile.crisisLines.filter((line) => !(f.form.getValues('professionals') ?? []).some((p) => p.name === line.name && (p.phone ?? '') === line.phone));

  return (
    <>
      <form onSubmit={(e) => void f.submit(e)} noValidate aria-label="Safety plan" className="panel">
        <p className="hint">Write it with the client, in their words. Saving keeps this as a new dated version; earlier versions stay as they were.</p>
        {riskId && <Alert kind="info">Opened from an open risk record: the version you save is linked to it.</Alert>}
        {f.formError && <Alert>{f.formError}</Alert>}
        <LineSection f={f} name="warningSigns" n={1} />
        <LineSection f={f} name="copingOnMyOwn" n={2} />
        <ContactSection f={f} name="distractions" n={3} people={people} />
        <ContactSection f={f} name="askForHelp" n={4} people={people} />
        <fieldset>
          <legend>5. {SAFETY_PLAN_HEADINGS.professionals}</legend>
          <p className="hint">{PROMPTS.professionals}</p>
          {addPracticeLines.fields.map((field, i) => (
            <div className="grid plan-row" key={field.id}>
              <TextField label={`Service ${i + 1}`} {...f.register(`professionals.${i}.name`)} error={f.errorAt(`professionals.${i}.name`)} />
              <TextField label={`Service ${i + 1}: phone`} type="tel" {...f.register(`professionals.${i}.phone`)} error={f.errorAt(`professionals.${i}.phone`)} />
              <button type="button" onClick={() => addPracticeLines.remove(i)}>
                Remove service {i + 1}
              </button>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => addPracticeLines.append({ name: '', phone: '' })}>
              Add a service or crisis line
            </button>
            {missingLines.length > 0 && (
              <button type="button" onClick={() => addPracticeLines.append(missingLines)}>
                Add the practice’s crisis lines
              </button>
            )}
          </div>
        </fieldset>
        <LineSection f={f} name="saferSurroundings" n={6} />
        <LineSection f={f} name="reasonsForLiving" n={7} />
        <div className="actions">
          {f.restored && <span className="saved-note">Your unsaved changes from before are back. Save them to keep them.</span>}
          {f.saved && savedAs && (
            <span role="status" className="saved-note">
              Saved as version {savedAs.revision}, {formatDateTime(savedAs.createdAt)}.
            </span>
          )}
          {f.unsaved && (
            <button type="button" onClick={f.discard}>
              Discard changes
            </button>
          )}
          <button type="submit" className="primary" disabled={f.form.formState.isSubmitting}>
            Save as a new version
          </button>
        </div>
      </form>
      <section aria-labelledby="plan-print" className="panel">
        <h3 id="plan-print">The client’s copy</h3>
        <p className="hint">One page in plain words: the plan and how to reach you. No diagnosis, no scores.{f.unsaved ? ' It prints the last saved version: save your changes first.' : ''}</p>
        {print.error && <Alert>{errorText(print.error)}</Alert>}
        {print.data && (
          <p role="status" className="saved-note">
            {print.data.saved ? `Saved as ${print.data.fileName}.` : 'Not saved.'}
          </p>
        )}
        <button type="button" disabled={basedOn === null || print.isPending} onClick={() => print.mutate({ clientId })}>
          Print the client’s copy (PDF)
        </button>
      </section>
    </>
  );
}

function LineSection({ f, name, n }: { f: ContractForm<Schema>; name: LineKey; n: number }) {
  const rows = useFieldArray({ control: f.form.control, name });
  const label = ITEM_LABELS[name];
  const sectionError = f.errorAt(name) ?? f.errorAt(`${name}.root`);
  return (
    <fieldset>
      <legend>
        {n}. {SAFETY_PLAN_HEADINGS[name]}
      </legend>
      <p className="hint">{PROMPTS[name]}</p>
      {rows.fields.map((field, i) => (
        <div className="grid plan-row" key={field.id}>
          <TextField label={`${label} ${i + 1}`} {...f.register(`${name}.${i}.text`)} error={f.errorAt(`${name}.${i}.text`)} />
          <button type="button" onClick={() => rows.remove(i)}>
            Remove {label.toLowerCase()} {i + 1}
          </button>
        </div>
      ))}
      {sectionError && (
        <p className="error-text" role="alert">
          {sectionError}
        </p>
      )}
      <button type="button" onClick={() => rows.append({ text: '' })}>
        Add {name === 'reasonsForLiving' ? 'a reason' : name === 'saferSurroundings' ? 'a safety step' : name === 'warningSigns' ? 'a warning sign' : 'a thing to do'}
      </button>
    </fieldset>
  );
}

function ContactSection({ f, name, n, people }: { f: ContractForm<Schema>; name: ContactKey; n: number; people: Person[] }) {
  const rows = useFieldArray({ control: f.form.control, name });
  const noun = name === 'distractions' ? 'Person or place' : 'Person';
  const active = people.filter((p) => !p.archivedAt);
  return (
    <fieldset>
      <legend>
        {n}. {SAFETY_PLAN_HEADINGS[name]}
      </legend>
      <p className="hint">{PROMPTS[name]}</p>
      {rows.fields.map((field, i) => {
        const picked = f.form.getValues(`${name}.${i}.personId`) ?? null;
        const choices = picked && !active.some((p) => p.id === picked) ? [...active, ...people.filter((p) => p.id === picked)] : active;
        const register = f.register(`${name}.${i}.personId`, { setValueAs: (v: string | null) => (v ? v : null) });
        return (
          <div className="grid plan-row" key={field.id}>
            <FieldShell label={`${noun} ${i + 1}: from the inventory`} error={f.errorAt(`${name}.${i}.personId`)}>
              {({ id, describedBy }) => (
                <select
                  id={id}
                  aria-describedby={describedBy}
                  {...register}
                  onChange={(e) => {
                    void register.onChange(e);
                    const person = people.find((p) => p.id === e.target.value);
                    // The typed name is the fallback if the person is later removed from the inventory.
                    if (person && !f.form.getValues(`${name}.${i}.name`)) f.form.setValue(`${name}.${i}.name`, person.fields.name, { shouldDirty: true });
                  }}
                >
                  <option value="">Not from the inventory</option>
                  {choices.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.fields.name}
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>
            <TextField label={`${noun} ${i + 1}: name`} {...f.register(`${name}.${i}.name`)} error={f.errorAt(`${name}.${i}.name`)} />
            <TextField label={`${noun} ${i + 1}: phone`} type="tel" {...f.register(`${name}.${i}.phone`)} error={f.errorAt(`${name}.${i}.phone`)} />
            <button type="button" onClick={() => rows.remove(i)}>
              Remove {noun.toLowerCase()} {i + 1}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => rows.append({ personId: null, name: '', phone: '' })}>
        Add {name === 'distractions' ? 'a person or place' : 'a person'}
      </button>
    </fieldset>
  );
}

/** Every saved version, newest first; each opens to show what it said, and can be printed again. */
function RevisionHistory({ clientId, people }: { clientId: string; people: Person[] }) {
  const revisions = useChannel('safetyPlan.revisions', { clientId });
  const print = useChannelMutation('safetyPlan.print');
  if (revisions.error) return <Alert>{errorText(revisions.error)}</Alert>;
  if (!revisions.data || revisions.data.length === 0) return null;
  const name = (id: string | null, typed: string) => (id ? people.find((p) => p.id === id)?.fields.name : undefined) || typed || 'Someone from the inventory';
  return (
    <section aria-labelledby="plan-history" className="panel">
      <h3 id="plan-history">Versions</h3>
      {print.error && <Alert>{errorText(print.error)}</Alert>}
      {print.data && (
        <p role="status" className="saved-note">
          {print.data.saved ? `Saved as ${print.data.fileName}.` : 'Not saved.'}
        </p>
      )}
      {revisions.data.map((r) => {
        const c = r.content;
        const rows: Record<(typeof SAFETY_PLAN_SECTIONS)[number], string[]> = {
          warningSigns: c.warningSigns.map((x) => x.text),
          copingOnMyOwn: c.copingOnMyOwn.map((x) => x.text),
          distractions: c.distractions.map((x) => [name(x.personId, x.name), x.phone].filter(Boolean).join(': ')),
          askForHelp: c.askForHelp.map((x) => [name(x.personId, x.name), x.phone].filter(Boolean).join(': ')),
          professionals: c.professionals.map((x) => [x.name, x.phone].filter(Boolean).join(': ')),
          saferSurroundings: c.saferSurroundings.map((x) => x.text),
          reasonsForLiving: c.reasonsForLiving.map((x) => x.text),
        };
        return (
          <details key={r.id} className="plan-version">
            <summary>
              Version {r.revision}, saved {formatDateTime(r.createdAt)}
              {r.riskIds.length > 0 && ' · answers a risk record'}
            </summary>
            <dl>
              {SAFETY_PLAN_SECTIONS.map((key) => (
                <div key={key}>
                  <dt>{SAFETY_PLAN_HEADINGS[key]}</dt>
                  <dd>{rows[key].length ? rows[key].join('; ') : 'Nothing written'}</dd>
                </div>
              ))}
            </dl>
            <button type="button" disabled={print.isPending} onClick={() => print.mutate({ clientId, revision: r.revision })}>
              Print version {r.revision}
            </button>
          </details>
        );
      })}
    </section>
  );
}
