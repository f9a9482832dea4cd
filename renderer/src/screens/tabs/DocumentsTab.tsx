import { useState, type FormEvent } from 'react';
import { LETTER_KIND_LABELS, type LetterDraft, type LetterKind, type Recipient } from '../../../../shared/schemas/documents.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { formatDate } from '../../format.ts';
import { useFieldErrors, useResource } from '../../hooks.ts';
import { ipt, errorText } from '../../ipt.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;

function firstError(result: { ok: false; error: { message: string; fields?: Record<string, string> } }): string {
  return errorText(result.error);
}

/** Letters, printed summaries, authorisations and the referral packet for one client. */
export function DocumentsTab({ clientId }: { clientId: string }) {
  const letters = useResource(() => ipt.letters.list({ clientId }), clientId);
  const authorisations = useResource(() => ipt.authorisations.list({ clientId }), `${clientId}:auth`);
  const courses = useResource(() => ipt.courses.list({ clientId }), `${clientId}:courses`);
  const [message, setMessage] = useState<Message>(null);

  async function printCourse(courseId: string) {
    const result = await ipt.documents.print({ courseId, output: 'pdf' });
    setMessage(result.ok ? (result.value.saved ? { kind: 'success', text: `Saved ${result.value.fileName}.` } : { kind: 'info', text: 'Not saved.' }) : { kind: 'error', text: firstError(result) });
  }

  return (
    <div className="documents-tab">
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <LetterWriter clientId={clientId} authorisations={authorisations.data ?? []} onExported={() => void letters.reload()} />
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
            <button key={c.id} type="button" onClick={() => void printCourse(c.id)}>
              Save the course from {formatDate(c.contract.startDate)} as PDF
            </button>
          ))}
        </div>
      </section>
      <PacketBuilder clientId={clientId} courses={(courses.data ?? []).map((c) => ({ id: c.id, label: `Course from ${formatDate(c.contract.startDate)}` }))} authorisations={authorisations.data ?? []} />
      <AuthorisationForm clientId={clientId} onRecorded={() => void authorisations.reload()} list={authorisations.data ?? []} />
    </div>
  );
}

function LetterWriter({ clientId, authorisations, onExported }: { clientId: string; authorisations: { id: string; date: string; scope: string }[]; onExported: () => void }) {
  const [kind, setKind] = useState<LetterKind>('progress');
  const [withProcess, setWithProcess] = useState(false);
  const [authorisationId, setAuthorisationId] = useState('');
  const [draft, setDraft] = useState<LetterDraft | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [, setErrors, errorAt] = useFieldErrors();

  async function write() {
    const result = await ipt.letters.draft({ clientId, kind, includeProcessNotes: withProcess, authorisationId: withProcess ? authorisationId || authorisations[0]?.id || null : null });
    if (!result.ok) return setMessage({ kind: 'error', text: firstError(result) });
    setMessage(null);
    setDraft(result.value);
  }

  async function exportLetter(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const result = await ipt.letters.export({ draft, consentOverrideReason: reason });
    if (!result.ok) {
      setErrors(result.error.fields);
      return setMessage({ kind: 'error', text: firstError(result) });
    }
    if (!result.value.saved) return setMessage({ kind: 'info', text: 'The letter was not saved.' });
    setMessage({ kind: 'success', text: `Saved ${result.value.fileName}. A copy of the letter is kept in the record.` });
    setDraft(null);
    onExported();
  }

  const setRecipient = (patch: Partial<Recipient>) => draft && setDraft({ ...draft, recipient: { ...draft.recipient, ...patch } });
  const setSection = (i: number, patch: Partial<LetterDraft['sections'][number]>) => draft && setDraft({ ...draft, sections: draft.sections.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

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
          <button type="button" className="primary" onClick={() => void write()}>
            Write the letter
          </button>
        </div>
      ) : (
        <form onSubmit={exportLetter} noValidate aria-label="Letter preview" className="letter-preview">
          <p className="hint">Check and edit the text. Tables, the chart and the circle are taken from the record when the letter is made.</p>
          <fieldset>
            <legend>To</legend>
            <div className="grid">
              <TextField label="Recipient" value={draft.recipient.name} onChange={(e) => setRecipient({ name: e.target.value })} error={errorAt('name')} />
              <TextField label="Recipient’s practice" value={draft.recipient.practice} onChange={(e) => setRecipient({ practice: e.target.value })} />
            </div>
            <TextAreaField label="Recipient’s address" value={draft.recipient.address} onChange={(e) => setRecipient({ address: e.target.value })} />
            <CheckboxField label="The recipient is the client’s GP" checked={draft.recipient.isGp} onChange={(v) => setRecipient({ isGp: v })} />
          </fieldset>
          {draft.consentWarning && draft.recipient.isGp && (
            <>
              <Alert kind="error">{draft.consentWarning}</Alert>
              <TextAreaField label="Why you are writing without consent" value={reason} onChange={(e) => setReason(e.target.value)} error={errorAt('consentOverrideReason')} />
            </>
          )}
          {draft.sections.map((section, i) => (
            <fieldset key={section.id} className={section.included ? '' : 'excluded'}>
              <legend>{section.title}</legend>
              <CheckboxField label={`Include “${section.title}”`} checked={section.included} onChange={(v) => setSection(i, { included: v })} />
              {section.included && <TextAreaField label={`${section.title}: text`} value={section.text} rows={Math.min(10, 2 + Math.ceil(section.text.length / 90))} onChange={(e) => setSection(i, { text: e.target.value })} />}
            </fieldset>
          ))}
          <div className="actions sticky-actions">
            <button type="button" onClick={() => setDraft(null)}>
              Discard
            </button>
            <button type="submit" className="primary">
              Export as a Word document
            </button>
          </div>
        </form>
      )}
    </section>
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
  const sessions = useResource(async () => {
    const lists = await Promise.all(courseIds.map((id) => ipt.sessions.list({ courseId: id })));
    return { ok: true as const, value: lists.flatMap((r) => (r.ok ? r.value : [])) };
  }, courseIds.join(','));
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

  async function review(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.packet.preview(selection());
    if (!result.ok) return setMessage({ kind: 'error', text: firstError(result) });
    setMessage(null);
    setPreview(result.value);
    if (encrypt && !passphrase) setPassphrase(result.value.suggestedPassphrase);
  }

  async function exportPacket() {
    const result = await ipt.packet.export(selection());
    if (!result.ok) return setMessage({ kind: 'error', text: firstError(result) });
    setMessage(result.value.saved ? { kind: 'success', text: `Saved ${result.value.fileName}.${encrypt ? ' Send the passphrase separately, for example by phone.' : ''}` } : { kind: 'info', text: 'The packet was not saved.' });
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
            <button type="button" className="primary" onClick={() => void exportPacket()}>
              Export the packet
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function AuthorisationForm({ clientId, onRecorded, list }: { clientId: string; onRecorded: () => void; list: { id: string; date: string; scope: string; authorisedBy: string }[] }) {
  const [by, setBy] = useState('');
  const [date, setDate] = useState(todayIso());
  const [scope, setScope] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  async function record(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.authorisations.record({ clientId, authorisedBy: by, date, scope });
    if (!result.ok) {
      setErrors(result.error.fields);
      return setMessage({ kind: 'error', text: result.error.message });
    }
    setErrors({});
    setBy('');
    setScope('');
    setMessage({ kind: 'success', text: 'Authorisation recorded.' });
    onRecorded();
  }
  return (
    <form onSubmit={record} noValidate aria-labelledby="auth-heading" className="panel">
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
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="grid">
        <TextField label="Authorised by" value={by} onChange={(e) => setBy(e.target.value)} error={errorAt('authorisedBy')} />
        <TextField label="Date of authorisation" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={errorAt('date')} />
      </div>
      <TextAreaField label="What may be disclosed, and to whom" value={scope} onChange={(e) => setScope(e.target.value)} error={errorAt('scope')} />
      <div className="actions">
        <button type="submit">Record authorisation</button>
      </div>
    </form>
  );
}
