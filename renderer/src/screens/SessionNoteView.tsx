import { useEffect, useState, type FormEvent } from 'react';
import { LAYOUT_SECTIONS, NOTE_FIELD_LABELS, NOTE_LAYOUT_LABELS, type NoteLayout } from '../../../shared/ipt/note-layouts.ts';
import { FOLLOW_ON } from '../../../shared/ipt/templates/logic.ts';
import type { EntryValues, TemplateDefinition } from '../../../shared/ipt/templates/types.ts';
import { ATTENDANCE_LABELS, PHASE_LABELS } from '../../../shared/ipt/vocabulary.ts';
import type { Entry, NoteFields, SessionNote } from '../../../shared/schemas/note.ts';
import { Alert } from '../components/Alert.tsx';
import { SelectField } from '../components/Controls.tsx';
import { TextAreaField } from '../components/Field.tsx';
import { TemplateForm } from '../components/TemplateForm.tsx';
import { describeSaveState, useAutosave } from '../autosave.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { useResource } from '../hooks.ts';
import { ipt, errorText } from '../ipt.ts';
import { useAppInfo, useSettings } from '../query.ts';
import { useAreaLabels } from '../labels.tsx';
import { MoveNote } from './MoveNote.tsx';

const RISK_LABELS = { unset: 'Not recorded', none: 'No risk identified', low: 'Low risk', needs_assessment: 'Needs assessment' } as const;
const TASK_REVIEW_LABELS = { unset: 'Not reviewed yet', done: 'Done', partly: 'Partly done', not_done: 'Not done', none_set: 'No task was set' } as const;

function failureText(result: { ok: boolean; error?: { message: string; fields?: Record<string, string> } }): string | null {
  if (result.ok) return null;
  return errorText(result.error);
}

/** One session's note: the structured note, technique entries, signing, addenda and the private process note. */
export function SessionNoteView({ sessionId, onBack }: { sessionId: string; onBack: () => void }) {
  const note = useResource(() => ipt.notes.get({ sessionId }), sessionId);
  const settings = useSettings();
  const [layout, setLayout] = useState<NoteLayout | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'info'; text: string } | null>(null);

  if (note.error) return <Alert>{note.error.message}</Alert>;
  if (!note.data) return <p aria-busy="true">Loading…</p>;
  const n = note.data;
  const activeLayout = layout ?? settings.data?.noteLayout ?? 'ipt';
  const title = n.number === null ? `Session of ${formatDate(n.date)} (${ATTENDANCE_LABELS[n.attendance].toLowerCase()})` : `Session ${n.number} of ${n.plannedSessions}`;

  async function sign() {
    const result = await ipt.notes.sign({ sessionId });
    if (result.ok) {
      note.set(result.value);
      setMessage({ kind: 'success', text: 'The note is signed. Later changes go in addenda.' });
    } else setMessage({ kind: 'error', text: failureText(result)! });
  }

  return (
    <article aria-labelledby="note-heading" className="session-note">
      <button type="button" className="link-button" onClick={onBack}>
        ← Back to the course
      </button>
      <div className="detail-header">
        <h2 id="note-heading">
          {title}
          {n.phase && <span className="muted"> · {PHASE_LABELS[n.phase]}</span>}
        </h2>
        <span className={`status-badge status-${n.status}`}>{n.status === 'draft' ? 'Draft' : n.status === 'signed' ? 'Signed' : 'Void'}</span>
      </div>
      <p className="muted">
        Session date {formatDate(n.date)}
        {n.time && ` at ${n.time}`}
        {n.writtenAt && ` · first written ${formatDateTime(n.writtenAt)}`}
        {n.signedAt && ` · signed ${formatDateTime(n.signedAt)}${n.frozen ? ` by ${n.frozen.clinicianName}${n.frozen.credentials ? `, ${n.frozen.credentials}` : ''}` : ''}`}
      </p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {n.status === 'voided' && <Alert kind="info">This note is void: {n.voidReason}</Alert>}
      <RiskPanel note={n} onChanged={() => void note.reload()} />
      <div className="layout-picker">
        <SelectField label="Note layout" value={activeLayout} options={NOTE_LAYOUT_LABELS} onChange={(v) => setLayout(v)} hint="The same note, grouped differently. Your default is in Settings." />
      </div>
      {n.status === 'draft' ? <NoteEditor note={n} layout={activeLayout} onSaved={() => undefined} onReload={(fresh) => note.set(fresh)} /> : <NoteReadOnly note={n} layout={activeLayout} />}
      <EntriesPanel note={n} onChanged={(fresh) => note.set(fresh)} />
      {n.status === 'draft' && (
        <section aria-labelledby="sign-heading" className="panel">
          <h2 id="sign-heading">Sign the note</h2>
          <p className="hint">Signing makes the note and its entries read-only. It keeps the session number, phase, names and your details as they are now. Later changes become addenda.</p>
          <button type="button" className="primary" onClick={() => void sign()}>
            Sign note
          </button>
        </section>
      )}
      {n.status !== 'draft' && <AddendaPanel note={n} onChanged={(fresh) => note.set(fresh)} />}
      <PrintPanel sessionId={sessionId} />
      <ProcessNotePanel sessionId={sessionId} />
      <VoidPanel note={n} onChanged={(fresh) => note.set(fresh)} />
      <MoveNote note={n} onMoved={onBack} />
    </article>
  );
}

function NoteEditor({ note, layout, onReload }: { note: SessionNote; layout: NoteLayout; onSaved: () => void; onReload: (fresh: SessionNote) => void }) {
  const areaLabels = useAreaLabels();
  const [fields, setFields] = useState<NoteFields>(note.fields);
  const autosave = useAutosave(fields, async (value) => failureText(await ipt.notes.saveDraft({ sessionId: note.sessionId, fields: value })), { enabled: true });
  const set = (patch: Partial<NoteFields>) => setFields((f) => ({ ...f, ...patch }));

  async function startFromLast() {
    await autosave.flush();
    const result = await ipt.notes.startFromLast({ sessionId: note.sessionId });
    if (result.ok) {
      autosave.reset(result.value.fields);
      setFields(result.value.fields);
      onReload(result.value);
    }
  }

  return (
    <section aria-labelledby="note-fields-heading" className="panel note-editor">
      <div className="section-header">
        <h2 id="note-fields-heading">Session note</h2>
        <span role="status" className="save-state">
          {describeSaveState(autosave.state)}
        </span>
      </div>
      {note.previous && (
        <div className="previous-note">
          <p>
            <strong>From the last note:</strong> plan “{note.previous.planNext || 'none written'}”{note.previous.task && `; task “${note.previous.task}”`}.
          </p>
          <button type="button" onClick={() => void startFromLast()}>
            Start from last note
          </button>
        </div>
      )}
      <div className="grid">
        <SelectField
          label="Problem-area focus"
          value={fields.focusArea}
          options={{ '': 'Not chosen', ...areaLabels } as Record<NoteFields['focusArea'], string>}
          onChange={(v) => set({ focusArea: v })}
        />
        <SelectField label="Risk check" value={fields.riskCheck} options={RISK_LABELS} onChange={(v) => set({ riskCheck: v })} hint="“Needs assessment” opens a risk record." />
        <SelectField label="Last task reviewed" value={fields.taskReview} options={TASK_REVIEW_LABELS} onChange={(v) => set({ taskReview: v })} />
      </div>
      {LAYOUT_SECTIONS[layout].map((section) => (
        <fieldset key={section.title}>
          <legend>{section.title}</legend>
          {section.fields.map((key) => (
            <TextAreaField key={key} label={NOTE_FIELD_LABELS[key]} value={fields[key]} onChange={(e) => set({ [key]: e.target.value })} rows={key === 'workDone' ? 5 : 3} />
          ))}
        </fieldset>
      ))}
    </section>
  );
}

function NoteReadOnly({ note, layout }: { note: SessionNote; layout: NoteLayout }) {
  const areaLabels = useAreaLabels();
  const f = note.fields;
  return (
    <section aria-labelledby="note-read-heading" className="panel">
      <h2 id="note-read-heading">Session note</h2>
      <dl>
        <dt>Problem-area focus</dt>
        <dd>{f.focusArea ? areaLabels[f.focusArea] : 'Not chosen'}</dd>
        <dt>Risk check</dt>
        <dd>{RISK_LABELS[f.riskCheck]}</dd>
        <dt>Last task</dt>
        <dd>{TASK_REVIEW_LABELS[f.taskReview]}</dd>
      </dl>
      {LAYOUT_SECTIONS[layout].map((section) => (
        <div key={section.title}>
          <h3>{section.title}</h3>
          {section.fields
            .filter((key) => f[key])
            .map((key) => (
              <div key={key} className="read-field">
                <div className="read-label">{NOTE_FIELD_LABELS[key]}</div>
                <div className="prewrap">{f[key]}</div>
              </div>
            ))}
        </div>
      ))}
    </section>
  );
}

function RiskPanel({ note, onChanged }: { note: SessionNote; onChanged: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (note.openRisks.length === 0) return null;
  const risk = note.openRisks[0]!;
  async function assess(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.risks.assess({ id: risk.id, assessment: text });
    if (!result.ok) return setError(failureText(result));
    setText('');
    onChanged();
  }
  return (
    <form onSubmit={assess} noValidate aria-labelledby="risk-heading" className="panel risk-panel">
      <h2 id="risk-heading">Risk assessment needed</h2>
      <p>{risk.detail} Opened {formatDateTime(risk.openedAt)}. It stays open until you record an assessment.</p>
      {error && <Alert>{error}</Alert>}
      <TextAreaField label="Risk assessment" value={text} onChange={(e) => setText(e.target.value)} rows={4} />
      <div className="actions">
        <button type="submit" className="primary">
          Record assessment
        </button>
      </div>
    </form>
  );
}

/** Template definitions by id and version, fetched once each. */
function useTemplates(entries: Entry[]) {
  const [cache, setCache] = useState<Record<string, TemplateDefinition>>({});
  const wanted = entries.map((e) => `${e.templateId}@${e.templateVersion}`).filter((k) => !cache[k]);
  const key = [...new Set(wanted)].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(
      key.split(',').map(async (k) => {
        const [id, version] = k.split('@') as [string, string];
        const result = await ipt.templates.get({ id, version: Number(version) });
        return result.ok ? ([k, result.value as TemplateDefinition] as const) : null;
      }),
    ).then((pairs) => {
      if (live) setCache((c) => ({ ...c, ...Object.fromEntries(pairs.filter((p) => p !== null)) }));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return cache;
}

function EntriesPanel({ note, onChanged }: { note: SessionNote; onChanged: (fresh: SessionNote) => void }) {
  const areaLabels = useAreaLabels();
  const course = useResource(() => ipt.courses.get({ id: note.courseId }), note.courseId);
  const area = note.fields.focusArea || course.data?.primaryArea?.area || null;
  const templates = useResource(() => ipt.templates.list({ area }), `templates:${area ?? ''}`);
  const people = useResource(() => ipt.people.list({ clientId: note.clientId }), note.clientId);
  const definitions = useTemplates(note.entries);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const editable = note.status === 'draft';
  const list = templates.data ?? [];
  const chosen = choice || list[0]?.id || '';

  async function reload() {
    const fresh = await ipt.notes.get({ sessionId: note.sessionId });
    if (fresh.ok) onChanged(fresh.value);
  }

  async function add(templateId: string, sourceEntryId: string | null = null) {
    const result = await ipt.entries.create({ sessionId: note.sessionId, templateId, sourceEntryId });
    if (!result.ok) return setError(failureText(result));
    setError(null);
    await reload();
  }

  async function remove(id: string) {
    const result = await ipt.entries.remove({ id });
    if (!result.ok) return setError(failureText(result));
    await reload();
  }

  const peopleList = (people.data ?? []).map((p) => ({ id: p.id, name: p.fields.name }));
  const names = { ...Object.fromEntries(peopleList.map((p) => [p.id, p.name])), ...note.peopleNames };
  return (
    <section aria-labelledby="entries-heading" className="panel">
      <h2 id="entries-heading">Techniques used</h2>
      {error && <Alert>{error}</Alert>}
      {note.entries.length === 0 && <p className="muted">No technique entries in this session.</p>}
      {note.entries.map((entry, i) => {
        const template = definitions[`${entry.templateId}@${entry.templateVersion}`];
        if (!template) return <p key={entry.id} aria-busy="true">Loading…</p>;
        const followOn = FOLLOW_ON[entry.templateId];
        const followTitle = followOn ? list.find((t) => t.id === followOn)?.title : undefined;
        const source = entry.sourceEntryId ? note.entries.find((e) => e.id === entry.sourceEntryId) : undefined;
        return (
          <section key={entry.id} className="entry" aria-labelledby={`entry-${entry.id}`}>
            <div className="section-header">
              <h3 id={`entry-${entry.id}`}>
                {i + 1}. {template.title}
                {template.id.startsWith('custom-') && <span className="muted"> (version {template.version})</span>}
              </h3>
              {editable && (
                <div className="row-actions">
                  {followOn && followTitle && (
                    <button type="button" onClick={() => void add(followOn, entry.id)}>
                      Continue as {followTitle.toLowerCase()}
                    </button>
                  )}
                  <button type="button" onClick={() => void remove(entry.id)}>
                    Remove<span className="visually-hidden"> entry {i + 1}, {template.title}</span>
                  </button>
                </div>
              )}
            </div>
            {source && <p className="hint">Started from entry {note.entries.indexOf(source) + 1} ({definitions[`${source.templateId}@${source.templateVersion}`]?.title ?? 'an earlier entry'}).</p>}
            <EntryEditor entry={entry} template={template} people={peopleList} peopleNames={names} readOnly={!editable} labelPrefix={`Entry ${i + 1}: `} />
          </section>
        );
      })}
      {editable && (
        <div className="inline-form add-entry">
          <SelectField
            label="Add a technique"
            value={chosen}
            options={Object.fromEntries(list.map((t) => [t.id, t.title]))}
            onChange={setChoice}
            hint={area ? `Ordered by fit to ${areaLabels[area].toLowerCase()}.` : undefined}
          />
          <button type="button" onClick={() => void add(chosen)} disabled={!chosen}>
            Add technique
          </button>
        </div>
      )}
    </section>
  );
}

function EntryEditor({ entry, template, people, peopleNames, readOnly, labelPrefix }: { entry: Entry; template: TemplateDefinition; people: { id: string; name: string }[]; peopleNames: Record<string, string>; readOnly: boolean; labelPrefix: string }) {
  const [values, setValues] = useState<EntryValues>(entry.values as EntryValues);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const autosave = useAutosave(
    values,
    async (v) => {
      const result = await ipt.entries.save({ id: entry.id, values: v });
      setErrors(result.ok ? {} : (result.error.fields ?? {}));
      return failureText(result);
    },
    { enabled: !readOnly },
  );
  return (
    <>
      {!readOnly && (
        <p role="status" className="save-state">
          {describeSaveState(autosave.state)}
        </p>
      )}
      <TemplateForm template={template} values={values} people={people} peopleNames={peopleNames} readOnly={readOnly} errors={errors} onChange={setValues} labelPrefix={labelPrefix} />
    </>
  );
}

function AddendaPanel({ note, onChanged }: { note: SessionNote; onChanged: (fresh: SessionNote) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.notes.addAddendum({ sessionId: note.sessionId, text });
    if (!result.ok) return setError(failureText(result));
    setText('');
    setError(null);
    onChanged(result.value);
  }
  return (
    <section aria-labelledby="addenda-heading" className="panel">
      <h2 id="addenda-heading">Addenda</h2>
      {note.addenda.length === 0 ? (
        <p className="muted">No addenda.</p>
      ) : (
        <ol className="addenda">
          {note.addenda.map((a) => (
            <li key={a.id}>
              <div className="muted small">Added {formatDateTime(a.writtenAt)}</div>
              <div className="prewrap">{a.text}</div>
            </li>
          ))}
        </ol>
      )}
      {note.status === 'signed' && (
        <form onSubmit={add} noValidate aria-label="Add an addendum">
          {error && <Alert>{error}</Alert>}
          <TextAreaField label="New addendum" value={text} onChange={(e) => setText(e.target.value)} />
          <div className="actions">
            <button type="submit" className="primary">
              Add addendum
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ProcessNotePanel({ sessionId }: { sessionId: string }) {
  const loaded = useResource(() => ipt.notes.getProcessNote({ sessionId }), sessionId);
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="process-heading" className="panel process-note">
      <div className="section-header">
        <h2 id="process-heading">Private process note</h2>
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      <p className="hint">Kept apart from the record. It never appears in summaries, letters, prints, exports or search unless you include it on purpose.</p>
      {open && loaded.data && <ProcessNoteEditor sessionId={sessionId} initial={loaded.data.text} />}
    </section>
  );
}

function ProcessNoteEditor({ sessionId, initial }: { sessionId: string; initial: string }) {
  const [text, setText] = useState(initial);
  const autosave = useAutosave(text, async (t) => failureText(await ipt.notes.saveProcessNote({ sessionId, text: t })), { enabled: true });
  return (
    <>
      <TextAreaField label="Process note" value={text} onChange={(e) => setText(e.target.value)} rows={6} />
      <p role="status" className="save-state">
        {describeSaveState(autosave.state)}
      </p>
    </>
  );
}

function VoidPanel({ note, onChanged }: { note: SessionNote; onChanged: (fresh: SessionNote) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (note.status === 'voided' || !note.writtenAt) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.notes.void({ sessionId: note.sessionId, reason });
    if (!result.ok) return setError(failureText(result));
    onChanged(result.value);
  }
  return (
    <section aria-labelledby="void-heading" className="panel">
      <h2 id="void-heading">Filed in the wrong place?</h2>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Void this note
        </button>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Void this note">
          <p className="hint">A void note stays in the record, marked void with your reason, and leaves search.</p>
          {error && <Alert>{error}</Alert>}
          <TextAreaField label="Reason for voiding" value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="primary">
              Void note
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function PrintPanel({ sessionId }: { sessionId: string }) {
  const info = useAppInfo();
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'info'; text: string } | null>(null);
  async function print(output: 'pdf' | 'dialog') {
    const result = await ipt.documents.print({ sessionId, output });
    if (!result.ok) return setMessage({ kind: 'error', text: failureText(result)! });
    setMessage(result.value.saved ? { kind: 'success', text: output === 'pdf' ? `Saved ${result.value.fileName}.` : 'Sent to the printer.' } : { kind: 'info', text: 'Not printed.' });
  }
  return (
    <section aria-labelledby="print-session-heading" className="panel">
      <h2 id="print-session-heading">Print</h2>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="button-row">
        <button type="button" onClick={() => void print('pdf')}>
          Save this session as PDF
        </button>
        {info.data?.shell === 'electron' && (
          <button type="button" onClick={() => void print('dialog')}>
            Print this session…
          </button>
        )}
      </div>
    </section>
  );
}
