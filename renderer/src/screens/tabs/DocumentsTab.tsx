import { useQueries } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authorisationInputSchema, letterExportSchema, LETTER_KIND_LABELS, type LetterDraft, type LetterKind, type Recipient } from '../../../../shared/schemas/documents.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate } from '../../format.ts';
import { useContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { callChannel, channelKey, mutateChannel, useChannel, useChannelMutation } from '../../query.ts';
import { draftKey, readDraft } from '../../unsaved.tsx';
import { todayIso } from '../../../../shared/schemas/dates.ts';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;


/** Letters, printed summaries, authorisations and the referral packet for one client. */
export function DocumentsTab({ clientId }: { clientId: string }) {
  // letters.export and authorisations.record invalidate these reads (their own groups).
  const letters = useChannel('letters.list', { clientId });
  const authorisations = useChannel('authorisations.list', { clientId });
  const courses = useChannel('courses.list', { clientId });
  const [message, setMessage] = useState<Message>(null);
  const print = useChannelMutation('documents.print', {
    onSuccess: (value) => setMessage(value.saved ? { kind: 'success', text: `Saved ${value.fileName}.` } : { kind: 'info', text: 'Not saved.' }),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  const printCourse = (courseId: string) => print.mutate({ courseId, output: 'pdf' });
  const loadError = letters.error ?? authorisations.error ?? courses.error;

  return (
    <div className="documents-tab">
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
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

function LetterWriter({ clientId, authorisations }: { clientId: string; authorisations: { id: string; date: string; scope: string }[] }) {
  const [kind, setKind] = useState<LetterKind>('progress');
  const [withProcess, setWithProcess] = useState(false);
  const [authorisationId, setAuthorisationId] = useState('');
  // A letter being edited when the tab was left comes back from the unsaved store.
  const [draft, setDraft] = useState<LetterDraft | null>(() => readDraft<LetterValues>(draftKey(letterFormId, clientId))?.draft ?? null);
  const [message, setMessage] = useState<Message>(null);
  const writing = useChannelMutation('letters.draft', {
    onSuccess: (value) => {
      setMessage(null);
      setDraft(value);
    },
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });

  function write() {
    writing.mutate({ clientId, kind, includeProcessNotes: withProcess, authorisationId: withProcess ? authorisationId || authorisations[0]?.id || null : null });
  }

  return (
    <section aria-labelledby="letter-heading" className="panel">
      <h2 id="letter-heading">Write a letter</h2>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {!draft ? (
        <div>
          <div className="grid">
            <SelectField label="Kind of letter" value={kind} options={LETTER_KIND_LABELS} onChange={setKind} />
          </div>
          <CheckboxField label="Include psychotherapy (process) notes, with the client’s authorisation" checked={withProcess} onChange={setWithProcess} />
          {withProcess &&
            (authorisations.length === 0 ? (
              <Alert kind="info">Record the client’s authorisation below first.</Alert>
            ) : (
              <SelectField label="Authorisation" value={authorisationId || authorisations[0]!.id} options={Object.fromEntries(authorisations.map((a) => [a.id, `${formatDate(a.date)}: ${a.scope}`]))} onChange={setAuthorisationId} />
            ))}
          <button type="button" className="primary" onClick={write} disabled={writing.isPending}>
            Write the letter
          </button>
        </div>
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
      onDone(result.saved ? { kind: 'success', text: `Saved ${result.fileName}. A copy of the letter is kept in the record.` } : { kind: 'info', text: 'The letter was not saved.' }),
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

function PacketBuilder({ clientId, courses, authorisations }: { clientId: string; courses: { id: string; label: string }[]; authorisations: { id: string; date: string; scope: string }[] }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [leftOut, setLeftOut] = useState<string[]>([]);
  const [includeMeasures, setIncludeMeasures] = useState(true);
  const [includeLetter, setIncludeLetter] = useState(true);
  const [recipient, setRecipient] = useState<Recipient>({ name: '', practice: '', address: '', isGp: false });
  const [encrypt, setEncrypt] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [withProcess, setWithProcess] = useState(false);
  const [preview, setPreview] = useState<{ files: { name: string; description: string }[]; sessions: number; measures: number; includesProcessNotes: boolean; suggestedPassphrase: string; warnings: string[] } | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const courseIds = chosen.length ? chosen : courses.map((c) => c.id);
  // One cached read per course: the same entries the course tab reads.
  const sessionLists = useQueries({
    queries: courseIds.map((courseId) => ({ queryKey: channelKey('sessions.list', { courseId }), queryFn: () => callChannel('sessions.list', { courseId }) })),
  });
  const sessions = { data: sessionLists.every((q) => q.data) ? sessionLists.flatMap((q) => q.data ?? []) : null };
  const sessionIds = (sessions.data ?? []).map((s) => s.id).filter((id) => !leftOut.includes(id));
  const selection = () => ({
    clientId,
    courseIds,
    sessionIds: leftOut.length ? sessionIds : [],
    includeMeasures,
    includeLetter,
    recipient,
    includeProcessNotes: withProcess,
    authorisationId: withProcess ? (authorisations[0]?.id ?? null) : null,
    zipPassphrase: encrypt ? passphrase : '',
  });

  const onError = (error: unknown) => setMessage({ kind: 'error', text: errorText(error) });
  const previewing = useChannelMutation('packet.preview', {
    onSuccess: (value) => {
      setMessage(null);
      setPreview(value);
      if (encrypt && !passphrase) setPassphrase(value.suggestedPassphrase);
    },
    onError,
  });
  const exporting = useChannelMutation('packet.export', {
    onSuccess: (value) => setMessage(value.saved ? { kind: 'success', text: `Saved ${value.fileName}.${encrypt ? ' Send the passphrase separately, for example by phone.' : ''}` } : { kind: 'info', text: 'The packet was not saved.' }),
    onError,
  });

  function review(event: FormEvent) {
    event.preventDefault();
    previewing.mutate(selection());
  }

  function exportPacket() {
    exporting.mutate(selection());
    setPreview(null);
  }

  return (
    <section aria-labelledby="packet-heading" className="panel">
      <h2 id="packet-heading">Referral packet</h2>
      <p className="hint">For handing the record over when you refer the client on: a letter, a record summary and the same record as FHIR data, in one zip.</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {!preview ? (
        <form onSubmit={review} noValidate aria-label="Choose what goes in the packet">
          <fieldset className="choice-group">
            <legend>Courses</legend>
            {courses.map((c) => (
              <CheckboxField key={c.id} label={c.label} checked={courseIds.includes(c.id)} onChange={(v) => setChosen(v ? [...new Set([...courseIds, c.id])] : courseIds.filter((x) => x !== c.id))} />
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
          <CheckboxField label="Include PHQ-9 and GAD-7 results" checked={includeMeasures} onChange={setIncludeMeasures} />
          <CheckboxField label="Include a referral letter" checked={includeLetter} onChange={setIncludeLetter} />
          <div className="grid">
            <TextField label="Packet recipient" value={recipient.name} onChange={(e) => setRecipient({ ...recipient, name: e.target.value })} />
            <TextField label="Packet recipient’s service" value={recipient.practice} onChange={(e) => setRecipient({ ...recipient, practice: e.target.value })} />
          </div>
          <CheckboxField label="Include psychotherapy (process) notes (needs a recorded authorisation)" checked={withProcess} onChange={setWithProcess} />
          <CheckboxField label="Protect the zip with a passphrase (AES-256)" checked={encrypt} onChange={setEncrypt} />
          {encrypt && <TextField label="Zip passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} hint="Leave empty to get a strong one suggested." />}
          <div className="actions">
            <button type="submit" className="primary">
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
            {preview.sessions} sessions, {preview.measures} questionnaires. Psychotherapy notes: {preview.includesProcessNotes ? 'included, with authorisation' : 'not included'}.
          </p>
          {encrypt && (
            <p>
              Passphrase: <code data-testid="packet-passphrase">{passphrase}</code>
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={() => setPreview(null)}>
              Change the selection
            </button>
            <button type="button" className="primary" onClick={exportPacket} disabled={exporting.isPending}>
              Export the packet
            </button>
          </div>
        </div>
      )}
      {exporting.isPending && (
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
