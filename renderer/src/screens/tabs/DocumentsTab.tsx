import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { uuid } from '../../../../shared/schemas/course.ts';
import { authorisationInputSchema, letterDraftRequestSchema, letterExportSchema, LETTER_KIND_LABELS, packetSelectionSchema, type LetterDraft, type PacketSelection } from '../../../../shared/schemas/documents.ts';
import { Alert } from '../../components/Alert.tsx';
import { ShowInFolder } from '../../components/ShowInFolder.tsx';
import { CheckboxField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate, plural } from '../../format.ts';
import { useContractForm, type ContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { callChannel, channelKey, mutateChannel, useChannel, useChannelMutation } from '../../query.ts';
import { draftKey, readDraft } from '../../unsaved.tsx';
import { todayIso } from '../../../../shared/schemas/dates.ts';

/** fileId: the saved file, for "Show in folder". */
type Message = { kind: 'error' | 'success' | 'info'; text: string; fileId?: string | null } | null;


/** Letters, printed summaries, authorisations and the referral packet for one client. */
export function DocumentsTab({ clientId }: { clientId: string }) {
  // letters.export and authorisations.record invalidate these reads (their own groups).
  const letters = useChannel('letters.list', { clientId });
  const authorisations = useChannel('authorisations.list', { clientId });
  const courses = useChannel('courses.list', { clientId });
  const [message, setMessage] = useState<Message>(null);
  const print = useChannelMutation('documents.print', {
    onSuccess: (value) => setMessage(value.saved ? { kind: 'success', text: `Saved ${value.fileName}.`, fileId: value.fileId } : { kind: 'info', text: 'Not saved.' }),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  const printCourse = (courseId: string) => print.mutate({ courseId, output: 'pdf' });
  const loadError = letters.error ?? authorisations.error ?? courses.error;

  return (
    <div className="documents-tab">
      {message && (
        <Alert kind={message.kind}>
          <span>{message.text}</span>
          <ShowInFolder fileId={message.fileId} />
        </Alert>
      )}
      {loadError && <Alert>{errorText(loadError)}</Alert>}
      <LetterWriter clientId={clientId} authorisations={authorisations.data ?? []} />
      <section aria-labelledby="letters-heading" className="panel">
        <h2 id="letters-heading">Letters sent</h2>
        {(letters.data ?? []).length === 0 ? (
          <p className="muted">No letters yet.</p>
        ) : (
          <ul className="people-list">
            {letters.data!.map((l) => (
              <li key={l.id}>
                <span>
                  <strong>{LETTER_KIND_LABELS[l.kind]}</strong> to {l.recipient.name}, {formatDate(l.date)}
                </span>
                <span className="muted">{l.sections.length} sections</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="print-heading" className="panel">
        <h2 id="print-heading">Print a course summary</h2>
        <p className="hint">Every session of the course with its note, techniques, signature and addenda, and the measures with their bands. Private process notes are left out.</p>
        <div className="button-row">
          {(courses.data ?? []).map((c) => (
            <button key={c.id} type="button" onClick={() => printCourse(c.id)} disabled={print.isPending}>
              Save the course from {formatDate(c.contract.startDate)} as PDF
            </button>
          ))}
        </div>
      </section>
      <PacketBuilder clientId={clientId} courses={(courses.data ?? []).map((c) => ({ id: c.id, label: `Course from ${formatDate(c.contract.startDate)}` }))} authorisations={authorisations.data ?? []} />
      <AuthorisationForm clientId={clientId} list={authorisations.data ?? []} />
    </div>
  );
}

type LetterValues = { draft: LetterDraft; consentOverrideReason: string };
const letterFormId = 'letter';

/** The letter's setup choices: the draft request without the client, whom the screen supplies. */
const letterSetupSchema = letterDraftRequestSchema.omit({ clientId: true });

function LetterWriter({ clientId, authorisations }: { clientId: string; authorisations: { id: string; date: string; scope: string }[] }) {
  // A letter being edited when the tab was left comes back from the unsaved store.
  const [draft, setDraft] = useState<LetterDraft | null>(() => readDraft<LetterValues>(draftKey(letterFormId, clientId))?.draft ?? null);
  const [message, setMessage] = useState<Message>(null);
  // Neither kind: choices for making a draft, sent once; the draft itself is then the keep-kind form below.
  const setup = useContractForm({
    schema: letterSetupSchema,
    defaultValues: { kind: 'progress', includeProcessNotes: false, authorisationId: null, includeSafetyPlan: false },
    // No authorisation chosen: the first one listed, as the select shows; none without process notes.
    prepare: (v) => ({ ...v, authorisationId: v.includeProcessNotes ? (v.authorisationId ?? authorisations[0]?.id ?? null) : null }),
    save: (values) => mutateChannel('letters.draft', { clientId, ...values }),
    onSaved: (value) => {
      setMessage(null);
      setDraft(value);
    },
  });
  const kind = setup.bind('kind');
  const withPlan = setup.bind('includeSafetyPlan');
  const withProcess = setup.bind('includeProcessNotes');
  const authorisation = setup.bind('authorisationId');

  return (
    <section aria-labelledby="letter-heading" className="panel">
      <h2 id="letter-heading">Write a letter</h2>
      {message && (
        <Alert kind={message.kind}>
          <span>{message.text}</span>
          <ShowInFolder fileId={message.fileId} />
        </Alert>
      )}
      {!draft ? (
        <form onSubmit={(e) => void setup.submit(e)} noValidate>
          {setup.formError && <Alert>{setup.formError}</Alert>}
          <div className="grid">
            <SelectField label="Kind of letter" {...kind} options={LETTER_KIND_LABELS} />
          </div>
          <CheckboxField label="Include the safety plan in the risk section" checked={Boolean(withPlan.value)} onChange={withPlan.onChange} />
          <CheckboxField label="Include psychotherapy (process) notes, with the client’s authorisation" checked={Boolean(withProcess.value)} onChange={withProcess.onChange} />
          {withProcess.value &&
            (authorisations.length === 0 ? (
              <Alert kind="info">Record the client’s authorisation below first.</Alert>
            ) : (
              <SelectField
                label="Authorisation"
                value={authorisation.value ?? authorisations[0]!.id}
                options={Object.fromEntries(authorisations.map((a) => [a.id, `${formatDate(a.date)}: ${a.scope}`]))}
                onChange={authorisation.onChange}
                error={authorisation.error}
              />
            ))}
          <button type="submit" className="primary" disabled={setup.form.formState.isSubmitting}>
            Write the letter
          </button>
        </form>
      ) : (
        <LetterEditor
          clientId={clientId}
          draft={draft}
          onDone={(next) => {
            setMessage(next);
            if (next?.kind !== 'info') setDraft(null);
          }}
        />
      )}
    </section>
  );
}

/** The letter text being edited, checked by the shared export schema before it is sent. */
function LetterEditor({ clientId, draft, onDone }: { clientId: string; draft: LetterDraft; onDone: (message: Message) => void }) {
  // keep: explicit Export, since the letter only exists once exported; edited text survives tab switches and a lock asks about it.
  const f = useContractForm({
    schema: letterExportSchema,
    defaultValues: { draft, consentOverrideReason: '' } satisfies LetterValues,
    save: (values) => mutateChannel('letters.export', values),
    onSaved: (result) =>
      onDone(result.saved ? { kind: 'success', text: `Saved ${result.fileName}. A copy of the letter is kept in the record.`, fileId: result.fileId } : { kind: 'info', text: 'The letter was not saved.' }),
    keep: { formId: letterFormId, recordId: clientId, label: 'the letter being written' },
  });
  const { register, errorAt, form } = f;
  const isGp = f.bind('draft.recipient.isGp');
  const sections = form.watch('draft.sections');
  const reasonError = errorAt('consentOverrideReason');
  return (
    <form onSubmit={(e) => void f.submit(e)} noValidate aria-label="Letter preview" className="letter-preview">
      <p className="hint">Check and edit the text. Tables, the chart and the circle are taken from the record when the letter is made.</p>
      {f.formError && <Alert>{f.formError}</Alert>}
      {f.restored && <Alert kind="info">Your unsaved letter from before is back. Export it, or discard it.</Alert>}
      <fieldset>
        <legend>To</legend>
        <div className="grid">
          <TextField label="Recipient" {...register('draft.recipient.name')} error={errorAt('draft.recipient.name')} />
          <TextField label="Recipient’s practice" {...register('draft.recipient.practice')} error={errorAt('draft.recipient.practice')} />
        </div>
        <TextAreaField label="Recipient’s address" {...register('draft.recipient.address')} error={errorAt('draft.recipient.address')} />
        <CheckboxField label="The recipient is the client’s GP" checked={Boolean(isGp.value)} onChange={isGp.onChange} />
      </fieldset>
      {draft.consentWarning && isGp.value && (
        <>
          <Alert kind="error">{draft.consentWarning}</Alert>
          <TextAreaField label="Why you are writing without consent" {...register('consentOverrideReason')} error={reasonError} />
        </>
      )}
      {sections.map((section, i) => (
        <LetterSection key={section.id} title={section.title} included={section.included} text={section.text} onIncluded={(v) => form.setValue(`draft.sections.${i}.included`, v, { shouldDirty: true })} textField={register(`draft.sections.${i}.text`)} error={errorAt(`draft.sections.${i}.text`)} />
      ))}
      <div className="actions sticky-actions">
        <button
          type="button"
          onClick={() => {
            f.discard();
            onDone(null);
          }}
        >
          Discard
        </button>
        <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
          Export as a Word document
        </button>
      </div>
    </form>
  );
}

function LetterSection({ title, included, text, onIncluded, textField, error }: { title: string; included: boolean; text: string; onIncluded: (v: boolean) => void; textField: ReturnType<ReturnType<typeof useContractForm>['register']>; error: string | undefined }) {
  return (
    <fieldset className={included ? '' : 'excluded'}>
      <legend>{title}</legend>
      <CheckboxField label={`Include “${title}”`} checked={included} onChange={onIncluded} />
      {included && <TextAreaField label={`${title}: text`} rows={Math.min(10, 2 + Math.ceil(text.length / 90))} {...textField} error={error} />}
    </fieldset>
  );
}

/**
 * The packet's choices: the selection main checks, without the client (the screen supplies it),
 * plus two screen-only fields. `leftOut` holds the sessions unticked, because the list shows every
 * session of the chosen courses and main reads an empty `sessionIds` as all of them; `encrypt`
 * off sends an empty passphrase, a plain zip.
 */
const packetFormSchema = packetSelectionSchema.omit({ clientId: true }).extend({ leftOut: z.array(uuid).max(2000), encrypt: z.boolean() });
type PacketValues = z.output<typeof packetFormSchema>;

function PacketBuilder({ clientId, courses, authorisations }: { clientId: string; courses: { id: string; label: string }[]; authorisations: { id: string; date: string; scope: string }[] }) {
  const [preview, setPreview] = useState<{ files: { name: string; description: string }[]; sessions: number; measures: number; includesProcessNotes: boolean; suggestedPassphrase: string; warnings: string[] } | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const toSelection = ({ leftOut: _leftOut, encrypt: _encrypt, ...selection }: PacketValues): PacketSelection => ({ clientId, ...selection });
  // Neither kind: the choices for one packet, sent to be reviewed and then exported. The zip passphrase is never kept in any store.
  // Typed here because onSaved below fills in the suggested passphrase through the form itself.
  const f: ContractForm<typeof packetFormSchema> = useContractForm({
    schema: packetFormSchema,
    defaultValues: { courseIds: [], leftOut: [], includeMeasures: true, includeLetter: true, includeSafetyPlan: true, recipient: { name: '', practice: '', address: '', isGp: false }, includeProcessNotes: false, authorisationId: null, encrypt: true, zipPassphrase: '' },
    // What the boxes show becomes what is sent: no course ticked means every course, the left-out sessions become the included ones.
    prepare: (v) => ({
      ...v,
      courseIds: courseIdsOf(v.courseIds),
      sessionIds: v.leftOut?.length ? sessionIdsOf(v.leftOut) : [],
      authorisationId: v.includeProcessNotes ? (authorisations[0]?.id ?? null) : null,
      zipPassphrase: v.encrypt ? v.zipPassphrase : '',
    }),
    save: (values) => mutateChannel('packet.preview', toSelection(values)),
    onSaved: (value) => {
      setMessage(null);
      setPreview(value);
      if (f.form.getValues('encrypt') && !f.form.getValues('zipPassphrase')) f.form.setValue('zipPassphrase', value.suggestedPassphrase);
    },
  });
  const values = f.form.watch();
  const courseIdsOf = (ids: string[] | undefined) => (ids?.length ? ids : courses.map((c) => c.id));
  const courseIds = courseIdsOf(values.courseIds);
  // One cached read per course: the same entries the course tab reads.
  const sessionLists = useQueries({
    queries: courseIds.map((courseId) => ({ queryKey: channelKey('sessions.list', { courseId }), queryFn: () => callChannel('sessions.list', { courseId }) })),
  });
  const sessions = { data: sessionLists.every((q) => q.data) ? sessionLists.flatMap((q) => q.data ?? []) : null };
  const leftOut = values.leftOut ?? [];
  function sessionIdsOf(out: string[]) {
    return (sessions.data ?? []).map((s) => s.id).filter((id) => !out.includes(id));
  }
  const sessionIds = sessionIdsOf(leftOut);
  const setCourses = f.bind('courseIds').onChange;
  const setLeftOut = f.bind('leftOut').onChange;
  const includeMeasures = f.bind('includeMeasures');
  const includeLetter = f.bind('includeLetter');
  const includeSafetyPlan = f.bind('includeSafetyPlan');
  const withProcess = f.bind('includeProcessNotes');
  const encrypt = f.bind('encrypt');

  const [building, setBuilding] = useState(false);
  // The reviewed choices, checked again by the same schema; a choice that no longer passes goes back to the form to show at its field.
  const exportPacket = f.form.handleSubmit(
    async (checked) => {
      setPreview(null);
      setBuilding(true);
      try {
        const value = await mutateChannel('packet.export', toSelection(checked));
        setMessage(value.saved ? { kind: 'success', text: `Saved ${value.fileName}.${checked.encrypt ? ' Send the passphrase separately, for example by phone.' : ''}`, fileId: value.fileId } : { kind: 'info', text: 'The packet was not saved.' });
      } catch (error) {
        setMessage({ kind: 'error', text: errorText(error) });
      } finally {
        setBuilding(false);
      }
    },
    () => setPreview(null),
  );

  return (
    <section aria-labelledby="packet-heading" className="panel">
      <h2 id="packet-heading">Referral packet</h2>
      <p className="hint">For handing the record over when you refer the client on: a letter, a record summary and the same record as FHIR data, in one zip.</p>
      {message && (
        <Alert kind={message.kind}>
          <span>{message.text}</span>
          <ShowInFolder fileId={message.fileId} />
        </Alert>
      )}
      {!preview ? (
        <form onSubmit={(e) => void f.submit(e)} noValidate aria-label="Choose what goes in the packet">
          {f.formError && <Alert>{f.formError}</Alert>}
          <fieldset className="choice-group">
            <legend>Courses</legend>
            {courses.map((c) => (
              <CheckboxField key={c.id} label={c.label} checked={courseIds.includes(c.id)} onChange={(v) => setCourses(v ? [...new Set([...courseIds, c.id])] : courseIds.filter((x) => x !== c.id))} />
            ))}
          </fieldset>
          {(sessions.data ?? []).length > 0 && (
            <details>
              <summary>Sessions ({sessionIds.length} of {sessions.data!.length} included)</summary>
              <fieldset className="choice-group">
                <legend>Sessions to include</legend>
                {sessions.data!.map((s) => (
                  <CheckboxField key={s.id} label={`${formatDate(s.date)}${s.number ? `, session ${s.number}` : ''}`} checked={!leftOut.includes(s.id)} onChange={(v) => setLeftOut(v ? leftOut.filter((x) => x !== s.id) : [...leftOut, s.id])} />
                ))}
              </fieldset>
            </details>
          )}
          <CheckboxField label="Include PHQ-9 and GAD-7 results" checked={Boolean(includeMeasures.value)} onChange={includeMeasures.onChange} />
          <CheckboxField label="Include a referral letter" checked={Boolean(includeLetter.value)} onChange={includeLetter.onChange} />
          <CheckboxField label="Include the safety plan (the client’s copy), if there is one" checked={Boolean(includeSafetyPlan.value)} onChange={includeSafetyPlan.onChange} />
          <div className="grid">
            <TextField label="Packet recipient" {...f.register('recipient.name')} error={f.errorAt('recipient.name')} />
            <TextField label="Packet recipient’s service" {...f.register('recipient.practice')} error={f.errorAt('recipient.practice')} />
          </div>
          <CheckboxField label="Include psychotherapy (process) notes (needs a recorded authorisation)" checked={Boolean(withProcess.value)} onChange={withProcess.onChange} />
          {f.errorAt('authorisationId') && <Alert>{f.errorAt('authorisationId')}</Alert>}
          <CheckboxField label="Protect the zip with a passphrase (AES-256)" checked={Boolean(encrypt.value)} onChange={encrypt.onChange} />
          {encrypt.value && (
            <TextField
              label="Zip passphrase"
              {...f.register('zipPassphrase')}
              error={f.errorAt('zipPassphrase')}
              hint="Leave empty to get a strong one suggested. It must be strong: the zip's encryption is only as safe as its passphrase. Send it another way than the packet (for example by phone), never in the same email."
            />
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={f.form.formState.isSubmitting}>
              Review what will be exported
            </button>
          </div>
        </form>
      ) : (
        <div aria-label="What will be exported" role="region">
          <h3>What will be exported</h3>
          {preview.warnings.map((w) => (
            <Alert key={w} kind="info">
              {w}
            </Alert>
          ))}
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">What it holds</th>
              </tr>
            </thead>
            <tbody>
              {preview.files.map((f) => (
                <tr key={f.name}>
                  <td>
                    <code>{f.name}</code>
                  </td>
                  <td>{f.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {plural(preview.sessions, { one: 'session', other: 'sessions' })}, {plural(preview.measures, { one: 'questionnaire', other: 'questionnaires' })}. Psychotherapy notes: {preview.includesProcessNotes ? 'included, with authorisation' : 'not included'}.
          </p>
          {values.encrypt && (
            <p>
              Passphrase: <code data-testid="packet-passphrase">{values.zipPassphrase}</code>
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={() => setPreview(null)}>
              Change the selection
            </button>
            <button type="button" className="primary" onClick={() => void exportPacket()} disabled={f.form.formState.isSubmitting}>
              Export the packet
            </button>
          </div>
        </div>
      )}
      {building && (
        <p role="status">
          Building the packet…
          <progress className="busy" aria-label="Building the packet" />
        </p>
      )}
    </section>
  );
}

function AuthorisationForm({ clientId, list }: { clientId: string; list: { id: string; date: string; scope: string; authorisedBy: string }[] }) {
  // A create form: nothing stored yet, so neither autosave nor keep; checked by the shared schema.
  const f = useContractForm({
    schema: authorisationInputSchema,
    defaultValues: { clientId, authorisedBy: '', date: todayIso(), scope: '' },
    save: (values) => mutateChannel('authorisations.record', values),
    savedValues: (saved) => ({ clientId, authorisedBy: '', date: saved.date, scope: '' }),
  });
  const { register, errorAt } = f;
  return (
    <form onSubmit={(e) => void f.submit(e)} noValidate aria-labelledby="auth-heading" className="panel">
      <h2 id="auth-heading">Authorisations to disclose psychotherapy notes</h2>
      <p className="hint">Process notes stay out of every letter, print and export unless an authorisation is recorded here and you choose to include them.</p>
      {list.length > 0 && (
        <ul>
          {list.map((a) => (
            <li key={a.id}>
              {formatDate(a.date)}: {a.scope} (authorised by {a.authorisedBy})
            </li>
          ))}
        </ul>
      )}
      {f.formError && <Alert>{f.formError}</Alert>}
      {f.saved && <Alert kind="success">Authorisation recorded.</Alert>}
      <div className="grid">
        <TextField label="Authorised by" {...register('authorisedBy')} error={errorAt('authorisedBy')} />
        <TextField label="Date of authorisation" type="date" {...register('date')} error={errorAt('date')} />
      </div>
      <TextAreaField label="What may be disclosed, and to whom" {...register('scope')} error={errorAt('scope')} />
      <div className="actions">
        <button type="submit" disabled={f.form.formState.isSubmitting}>
          Record authorisation
        </button>
      </div>
    </form>
  );
}
