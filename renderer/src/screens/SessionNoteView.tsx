import { useEffect, useRef, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { contract } from '../../../shared/contract.ts';
import { LAYOUT_SECTIONS, NOTE_FIELD_LABELS, NOTE_LAYOUT_LABELS, type NoteLayout } from '../../../shared/ipt/note-layouts.ts';
import { followOnFor } from '../../../shared/ipt/templates/logic.ts';
import type { EntryValues, TemplateDefinition } from '../../../shared/ipt/templates/types.ts';
import { ATTENDANCE_LABELS, PHASE_LABELS } from '../../../shared/ipt/vocabulary.ts';
import type { Entry, NoteFields, SessionNote } from '../../../shared/schemas/note.ts';
import { Alert } from '../components/Alert.tsx';
import { ShowInFolder } from '../components/ShowInFolder.tsx';
import { SelectField } from '../components/Controls.tsx';
import { TextAreaField } from '../components/Field.tsx';
import { RiskList } from '../components/RiskList.tsx';
import { TemplateForm } from '../components/TemplateForm.tsx';
import { describeSaveState, useAutosave } from '../autosave.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { useContractForm } from '../form.ts';
import { errorText, IptError } from '../ipt.ts';
import { callChannel, channelKey, mutateChannel, queryClient, useAppInfo, useChannel, useChannelMutation, useSettings } from '../query.ts';
import { draftKey, useHasDraft } from '../unsaved.tsx';
import { useAreaLabels } from '../labels.tsx';
import { MoveNote } from './MoveNote.tsx';
import { usePrintTarget } from '../print-target.ts';

const RISK_LABELS = { unset: 'Not recorded', none: 'No risk identified', low: 'Low risk', needs_assessment: 'Needs assessment' } as const;
const TASK_REVIEW_LABELS = { unset: 'Not reviewed yet', done: 'Done', partly: 'Partly done', not_done: 'Not done', none_set: 'No task was set' } as const;

/** Runs an autosave call: null when saved, else the line to show. */
async function autosaveCall(call: () => Promise<unknown>): Promise<string | null> {
  try {
    await call();
    return null;
  } catch (error) {
    return errorText(error);
  }
}

/** Autosaves do not refetch the note (the editor holds the text); they patch the cached copy so reopening shows it. */
function patchNote(sessionId: string, patch: (note: SessionNote) => SessionNote): void {
  queryClient.setQueryData<SessionNote>(channelKey('notes.get', { sessionId }), (old) => (old ? patch(old) : old));
}

const addendumSchema = contract['notes.addAddendum'].input.pick({ text: true });
const voidSchema = contract['notes.void'].input.pick({ reason: true });
/** Which technique to add: the entry's create input without the session and source the screen supplies. */
const addEntrySchema = contract['entries.create'].input.pick({ templateId: true });

/** One session's note: the structured note, technique entries, signing, addenda and the private process note. */
export function SessionNoteView({ sessionId, onBack }: { sessionId: string; onBack: () => void }) {
  const note = useChannel('notes.get', { sessionId });
  usePrintTarget({ sessionId });
  const settings = useSettings();
  const [layout, setLayout] = useState<NoteLayout | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'info'; text: string } | null>(null);
  const sign = useChannelMutation('notes.sign', {
    onSuccess: () => setMessage({ kind: 'success', text: 'The note is signed. Later changes go in addenda.' }),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  // Opening a note (from the course or a search result) puts focus on its heading, not on the page top.
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(note.data);
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded, sessionId]);

  if (note.error) return <Alert>{errorText(note.error)}</Alert>;
  if (!note.data) return <p aria-busy="true">Loading…</p>;
  const n = note.data;
  const activeLayout = layout ?? settings.data?.noteLayout ?? 'ipt';
  const title = n.number === null ? `Session of ${formatDate(n.date)} (${ATTENDANCE_LABELS[n.attendance].toLowerCase()})` : `Session ${n.number} of ${n.plannedSessions}`;

  return (
    <article aria-labelledby="note-heading" className="session-note">
      <button type="button" className="link-button" onClick={onBack}>
        ← Back to the course
      </button>
      <div className="detail-header">
        <h2 id="note-heading" ref={heading} tabIndex={-1}>
          {title}
          {n.phase && <span className="muted"> · {PHASE_LABELS[n.phase]}</span>}
          {/* A signed note keeps the number it was signed with; a later correction may renumber the session. */}
          {n.frozen && n.currentNumber !== n.number && <span className="muted"> · now {n.currentNumber === null ? 'not numbered' : `session ${n.currentNumber}`}</span>}
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
      <RiskList risks={n.openRisks} />
      <div className="layout-picker">
        <SelectField label="Note layout" value={activeLayout} options={NOTE_LAYOUT_LABELS} onChange={(v) => setLayout(v)} hint="The same note, grouped differently. Your default is in Settings." />
      </div>
      {n.status === 'draft' ? <NoteEditor key={n.sessionId} note={n} layout={activeLayout} /> : <NoteReadOnly note={n} layout={activeLayout} />}
      <EntriesPanel note={n} />
      {n.status === 'draft' && (
        <section aria-labelledby="sign-heading" className="panel">
          <h2 id="sign-heading">Sign the note</h2>
          <p className="hint">Signing makes the note and its entries read-only. It keeps the session number, phase, names and your details as they are now. Later changes become addenda.</p>
          <button type="button" className="primary" onClick={() => sign.mutate({ sessionId })} disabled={sign.isPending}>
            Sign note
          </button>
        </section>
      )}
      {n.status !== 'draft' && <AddendaPanel note={n} />}
      <PrintPanel sessionId={sessionId} />
      <ProcessNotePanel sessionId={sessionId} />
      <VoidPanel note={n} />
      <MoveNote note={n} onMoved={onBack} />
    </article>
  );
}

function NoteEditor({ note, layout }: { note: SessionNote; layout: NoteLayout }) {
  const areaLabels = useAreaLabels();
  const [fields, setFields] = useState<NoteFields>(note.fields);
  // autosave: the note is long free text written in one go; every half-typed state is a valid draft.
  const autosave = useAutosave(
    fields,
    (value) =>
      autosaveCall(async () => {
        const { updatedAt } = await callChannel('notes.saveDraft', { sessionId: note.sessionId, fields: value });
        patchNote(note.sessionId, (old) => ({ ...old, fields: value, updatedAt }));
      }),
    { enabled: true },
  );
  const set = (patch: Partial<NoteFields>) => setFields((f) => ({ ...f, ...patch }));
  const fromLast = useChannelMutation('notes.startFromLast');

  async function startFromLast() {
    await autosave.flush();
    const fresh = await fromLast.mutateAsync({ sessionId: note.sessionId }).catch(() => null);
    if (fresh) {
      autosave.reset(fresh.fields);
      setFields(fresh.fields);
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
          <button type="button" onClick={() => void startFromLast()} disabled={fromLast.isPending}>
            Start from last note
          </button>
          {fromLast.error && <Alert>{errorText(fromLast.error)}</Alert>}
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

/** Template definitions by id and version: one cached read each. */
function useTemplates(entries: Entry[]): Record<string, TemplateDefinition> {
  const wanted = [...new Set(entries.map((e) => `${e.templateId}@${e.templateVersion}`))].sort();
  const results = useQueries({
    queries: wanted.map((k) => {
      const [id, version] = k.split('@') as [string, string];
      const input = { id, version: Number(version) };
      return { queryKey: channelKey('templates.get', input), queryFn: () => callChannel('templates.get', input), staleTime: Infinity };
    }),
  });
  const cache: Record<string, TemplateDefinition> = {};
  results.forEach((r, i) => {
    if (r.data) cache[wanted[i]!] = r.data as TemplateDefinition;
  });
  return cache;
}

function EntriesPanel({ note }: { note: SessionNote }) {
  const areaLabels = useAreaLabels();
  const course = useChannel('courses.get', { id: note.courseId });
  const area = note.fields.focusArea || course.data?.primaryArea?.area || null;
  const templates = useChannel('templates.list', { area });
  const people = useChannel('people.list', { clientId: note.clientId });
  const definitions = useTemplates(note.entries);
  // Both writes change the note, which is re-read (contract: entries.* change notes).
  const create = useChannelMutation('entries.create');
  const remove = useChannelMutation('entries.remove');
  const failure = create.error ?? remove.error;
  const editable = note.status === 'draft';
  const list = (templates.data ?? []) as TemplateDefinition[];
  // Neither kind: the choice for one new entry, sent once. Nothing chosen yet means the first listed, the best fit.
  const adding = useContractForm({
    schema: addEntrySchema,
    defaultValues: { templateId: '' },
    prepare: (v) => ({ templateId: v.templateId || list[0]?.id || '' }),
    save: (values) => {
      create.reset();
      remove.reset();
      return mutateChannel('entries.create', { sessionId: note.sessionId, sourceEntryId: null, ...values });
    },
  });
  const choice = adding.bind('templateId');
  const chosen = choice.value || list[0]?.id || '';

  function add(templateId: string, sourceEntryId: string | null = null) {
    remove.reset();
    create.mutate({ sessionId: note.sessionId, templateId, sourceEntryId });
  }

  const peopleList = (people.data ?? []).map((p) => ({ id: p.id, name: p.fields.name }));
  const names = { ...Object.fromEntries(peopleList.map((p) => [p.id, p.name])), ...note.peopleNames };
  return (
    <section aria-labelledby="entries-heading" className="panel">
      <h2 id="entries-heading">Techniques used</h2>
      {failure && <Alert>{errorText(failure)}</Alert>}
      {note.entries.length === 0 && <p className="muted">No technique entries in this session.</p>}
      {note.entries.map((entry, i) => {
        const template = definitions[`${entry.templateId}@${entry.templateVersion}`];
        if (!template) return <p key={entry.id} aria-busy="true">Loading…</p>;
        const followOn = followOnFor(entry.templateId);
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
                    <button type="button" onClick={() => add(followOn, entry.id)} disabled={create.isPending}>
                      Continue as {followTitle.toLowerCase()}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => {
                      create.reset();
                      remove.mutate({ id: entry.id });
                    }}
                    disabled={remove.isPending}
                  >
                    Remove<span className="visually-hidden"> entry {i + 1}, {template.title}</span>
                  </button>
                </div>
              )}
            </div>
            {source && <p className="hint">Started from entry {note.entries.indexOf(source) + 1} ({definitions[`${source.templateId}@${source.templateVersion}`]?.title ?? 'an earlier entry'}).</p>}
            <EntryEditor entry={entry} sessionId={note.sessionId} template={template} people={peopleList} peopleNames={names} readOnly={!editable} labelPrefix={`Entry ${i + 1}: `} />
          </section>
        );
      })}
      {editable && (
        <form className="inline-form add-entry" onSubmit={(e) => void adding.submit(e)} noValidate>
          {adding.formError && <Alert>{adding.formError}</Alert>}
          <SelectField
            label="Add a technique"
            value={chosen}
            options={Object.fromEntries(list.map((t) => [t.id, t.title]))}
            onChange={choice.onChange}
            error={choice.error}
            hint={area ? `Ordered by fit to ${areaLabels[area].toLowerCase()}.` : undefined}
          />
          <button type="submit" disabled={!chosen || adding.form.formState.isSubmitting}>
            Add technique
          </button>
        </form>
      )}
    </section>
  );
}

function EntryEditor({ entry, sessionId, template, people, peopleNames, readOnly, labelPrefix }: { entry: Entry; sessionId: string; template: TemplateDefinition; people: { id: string; name: string }[]; peopleNames: Record<string, string>; readOnly: boolean; labelPrefix: string }) {
  const [values, setValues] = useState<EntryValues>(entry.values as EntryValues);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // autosave: an entry is part of the session note and saves as it is typed, like the note.
  const autosave = useAutosave(
    values,
    async (v) => {
      try {
        const saved = await callChannel('entries.save', { id: entry.id, values: v });
        setErrors({});
        patchNote(sessionId, (old) => ({ ...old, entries: old.entries.map((e) => (e.id === saved.id ? saved : e)) }));
        return null;
      } catch (error) {
        setErrors(error instanceof IptError ? (error.payload.fields ?? {}) : {});
        return errorText(error);
      }
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

function AddendaPanel({ note }: { note: SessionNote }) {
  // keep: explicit Add, since an addendum is final once added; unsaved text survives leaving the note and a lock asks first.
  const form = useContractForm({
    schema: addendumSchema,
    defaultValues: { text: '' },
    save: (values) => mutateChannel('notes.addAddendum', { sessionId: note.sessionId, ...values }),
    savedValues: () => ({ text: '' }),
    keep: { formId: 'note.addendum', recordId: note.sessionId, label: 'a new addendum' },
  });
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
        <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Add an addendum">
          {form.formError && <Alert>{form.formError}</Alert>}
          <TextAreaField label="New addendum" {...form.register('text')} error={form.errorAt('text')} />
          <div className="actions">
            {form.restored && <span className="saved-note">Your unsaved addendum from before is back.</span>}
            <button type="submit" className="primary" disabled={form.form.formState.isSubmitting}>
              Add addendum
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ProcessNotePanel({ sessionId }: { sessionId: string }) {
  const [open, setOpen] = useState(false);
  const loaded = useChannel('notes.getProcessNote', { sessionId }, { enabled: open });
  return (
    <section aria-labelledby="process-heading" className="panel process-note">
      <div className="section-header">
        <h2 id="process-heading">Private process note</h2>
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      <p className="hint">Kept apart from the record. It never appears in summaries, letters, prints, exports or search unless you include it on purpose.</p>
      {open && loaded.error && <Alert>{errorText(loaded.error)}</Alert>}
      {open && loaded.data && <ProcessNoteEditor sessionId={sessionId} initial={loaded.data.text} />}
    </section>
  );
}

function ProcessNoteEditor({ sessionId, initial }: { sessionId: string; initial: string }) {
  const [text, setText] = useState(initial);
  // autosave: free private text written in one go, like the note itself; every state of it is valid.
  const autosave = useAutosave(
    text,
    (t) =>
      autosaveCall(async () => {
        const saved = await callChannel('notes.saveProcessNote', { sessionId, text: t });
        queryClient.setQueryData(channelKey('notes.getProcessNote', { sessionId }), saved);
      }),
    { enabled: true },
  );
  return (
    <>
      <TextAreaField label="Process note" value={text} onChange={(e) => setText(e.target.value)} rows={6} />
      <p role="status" className="save-state">
        {describeSaveState(autosave.state)}
      </p>
    </>
  );
}

function VoidPanel({ note }: { note: SessionNote }) {
  const formId = 'note.void';
  const hasDraft = useHasDraft(draftKey(formId, note.sessionId));
  const [open, setOpen] = useState(hasDraft);
  if (note.status === 'voided' || !note.writtenAt) return null;
  return (
    <section aria-labelledby="void-heading" className="panel">
      <h2 id="void-heading">Filed in the wrong place?</h2>
      {!open && !hasDraft ? (
        <button type="button" onClick={() => setOpen(true)}>
          Void this note
        </button>
      ) : (
        <VoidForm note={note} formId={formId} onClose={() => setOpen(false)} />
      )}
    </section>
  );
}

function VoidForm({ note, formId, onClose }: { note: SessionNote; formId: string; onClose: () => void }) {
  // keep: explicit Void, since voiding cannot be undone; a half-written reason survives leaving the note and a lock asks first.
  const form = useContractForm({
    schema: voidSchema,
    defaultValues: { reason: '' },
    save: (values) => mutateChannel('notes.void', { sessionId: note.sessionId, ...values }),
    keep: { formId, recordId: note.sessionId, label: 'the reason for voiding' },
  });
  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Void this note">
      <p className="hint">A void note stays in the record, marked void with your reason, and leaves search.</p>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextAreaField label="Reason for voiding" {...form.register('reason')} error={form.errorAt('reason')} />
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            form.discard();
            onClose();
          }}
        >
          Cancel
        </button>
        <button type="submit" className="primary" disabled={form.form.formState.isSubmitting}>
          Void note
        </button>
      </div>
    </form>
  );
}

function PrintPanel({ sessionId }: { sessionId: string }) {
  const info = useAppInfo();
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'info'; text: string; fileId?: string | null } | null>(null);
  // Printing writes no record: a plain call, nothing to invalidate.
  async function print(output: 'pdf' | 'dialog') {
    try {
      const result = await callChannel('documents.print', { sessionId, output });
      setMessage(result.saved ? { kind: 'success', text: output === 'pdf' ? `Saved ${result.fileName}.` : 'Sent to the printer.', fileId: result.fileId } : { kind: 'info', text: 'Not printed.' });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  }
  return (
    <section aria-labelledby="print-session-heading" className="panel">
      <h2 id="print-session-heading">Print</h2>
      {message && (
        <Alert kind={message.kind}>
          <span>{message.text}</span>
          <ShowInFolder fileId={message.fileId} />
        </Alert>
      )}
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
