import { useEffect, useMemo, useRef, useState } from 'react';
import { RETENTION_PROFILE_LABELS } from '../../../shared/ipt/retention.ts';
import { z } from 'zod';
import { contract } from '../../../shared/contract.ts';
import { fullExportRequestSchema } from '../../../shared/schemas/export.ts';
import { settingsSchema, type Settings } from '../../../shared/schemas/settings.ts';
import { AUDIT_EVENT_TYPES } from '../../../shared/schemas/audit.ts';
import { Alert } from '../components/Alert.tsx';
import { ShowInFolder } from '../components/ShowInFolder.tsx';
import { CheckboxField, SelectField } from '../components/Controls.tsx';
import { TextField } from '../components/Field.tsx';
import { formatDate, formatDateTime, plural } from '../format.ts';
import { auditRecordWords } from '../labels.tsx';
import { errorText } from '../ipt.ts';
import { useContractForm } from '../form.ts';
import { mutateChannel, useChannel, useChannelMutation } from '../query.ts';

/** fileId: the saved file, for "Show in folder". */
type Message = { kind: 'error' | 'success' | 'info'; text: string; fileId?: string | null } | null;

const YEARS_MESSAGE = 'Enter a whole number of years from 1 to 100.';
/** The typed years as the number the shared settings schema takes (a whole number, 1 to 100; main checks it with that schema), with one plain message. */
const yearsSchema = z.strictObject({
  retentionCustomYears: z
    .string()
    .regex(/^\s*\d{1,3}\s*$/, { message: YEARS_MESSAGE })
    .transform(Number)
    .pipe(z.number().min(1, { message: YEARS_MESSAGE }).max(100, { message: YEARS_MESSAGE })),
});

/** The rule on its own: the settings field, required here (the patch makes it optional). */
const ruleSchema = z.strictObject({ retentionProfile: settingsSchema.shape.retentionProfile.unwrap() });

/** Settings: the retention rule, records past it, and permanent deletion with a typed confirmation. */
export function RetentionPanel({ initial, onDeleted }: { initial: Settings; onDeleted?: (() => void) | undefined }) {
  // settings.update and clients.delete invalidate `retention` (contract `changes`), so the list follows.
  const list = useChannel('retention.list', {});
  const [confirming, setConfirming] = useState<{ id: string; name: string; past: boolean } | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  // Autosave kind: the rule saves as each choice is made (one valid choice at a time), checked by the shared settings schema.
  const rule = useContractForm({
    schema: ruleSchema,
    defaultValues: { retentionProfile: initial.retentionProfile },
    save: (values) => mutateChannel('settings.update', values),
    savedValues: (saved) => ({ retentionProfile: saved.retentionProfile }),
    onSaved: () => setMessage({ kind: 'success', text: 'Retention rule saved.' }),
  });
  const profile = rule.bind('retentionProfile');
  // Autosave kind too: the years save when the field is left, once they are a whole number in range.
  const years = useContractForm({
    schema: yearsSchema,
    defaultValues: { retentionCustomYears: String(initial.retentionCustomYears) },
    save: (values) => mutateChannel('settings.update', values),
    savedValues: (saved) => ({ retentionCustomYears: String(saved.retentionCustomYears) }),
    onSaved: () => setMessage({ kind: 'success', text: 'Retention rule saved.' }),
  });

  const past = (list.data ?? []).filter((row) => row.past);
  const shown = showAll ? (list.data ?? []) : past;
  return (
    <section aria-labelledby="retention-heading" className="panel">
      <h2 id="retention-heading">Keeping and deleting records</h2>
      <p className="hint">Nothing is deleted automatically. Records past their retention date are listed here so you can decide.</p>
      {rule.formError ? <Alert>{rule.formError}</Alert> : message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="grid">
        <SelectField
          label="Retention rule"
          {...profile}
          options={RETENTION_PROFILE_LABELS}
          onChange={(v) => {
            profile.onChange(v);
            void rule.submit();
          }}
        />
        {profile.value === 'custom' && (
          <TextField
            label="Years after the last contact"
            inputMode="numeric"
            {...years.register('retentionCustomYears', { onBlur: () => void (years.form.formState.isDirty && years.submit()) })}
            error={years.errorAt('retentionCustomYears')}
          />
        )}
      </div>
      <h3>{showAll ? 'All records, by retention date' : 'Past their retention date'}</h3>
      {list.error && <Alert>{errorText(list.error)}</Alert>}
      {list.data && past.length === 0 && <p>No records are past their retention date.</p>}
      <CheckboxField label="Show every record, to delete one made by mistake" checked={showAll} onChange={setShowAll} />
      {shown.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">{showAll ? 'All records' : 'Records past their retention date'}</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Last contact</th>
              <th scope="col">Keep until</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.clientId}>
                <td>{row.fullName}</td>
                <td>{formatDate(row.lastContact)}</td>
                <td>
                  {formatDate(row.retainUntil)}
                  {row.past && <> <span className="badge">past</span></>}
                </td>
                <td>
                  <button type="button" className="danger" aria-label={`Delete permanently… ${row.fullName}`} onClick={() => setConfirming({ id: row.clientId, name: row.fullName, past: row.past })}>
                    Delete permanently…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <DeleteConfirm
          key={confirming.id}
          client={confirming}
          onCancel={() => setConfirming(null)}
          onDeleted={(backupsStillHoldIt) => {
            setMessage({ kind: 'success', text: `${confirming.name}'s record was deleted.${backupsStillHoldIt ? ' Older backups still hold it until they are rotated out.' : ''}` });
            setConfirming(null);
            onDeleted?.();
          }}
        />
      )}
    </section>
  );
}

const NAME_MESSAGE = 'Type the client’s full name exactly to confirm.';

/**
 * The typed-name confirmation: the `clients.delete` input without the id the screen supplies, and
 * the same name check main makes (client-deletion.ts), so a mistyped name shows at the field first.
 */
function DeleteConfirm({ client, onCancel, onDeleted }: { client: { id: string; name: string; past: boolean }; onCancel: () => void; onDeleted: (backupsStillHoldIt: boolean) => void }) {
  // Neither kind: a confirmation for one action, never stored.
  const schema = useMemo(() => contract['clients.delete'].input.omit({ id: true }).refine((v) => v.confirmFullName.trim() === client.name, { path: ['confirmFullName'], message: NAME_MESSAGE }), [client.name]);
  const f = useContractForm({
    schema,
    defaultValues: { confirmFullName: '' },
    save: (values) => mutateChannel('clients.delete', { id: client.id, ...values }),
    onSaved: (result) => onDeleted(result.backupsStillHoldIt),
  });
  const typed = f.form.watch('confirmFullName');
  return (
    <form onSubmit={(e) => void f.submit(e)} noValidate aria-labelledby="confirm-delete-heading" className="confirm-box">
      <h3 id="confirm-delete-heading">Delete {client.name}'s record?</h3>
      {!client.past && <Alert kind="error">This record is still inside its retention period. Delete it only if it was made by mistake.</Alert>}
      <p>
        This removes the client and every course, session, note, measure and letter from the vault. The audit trail keeps only the fact that a record was deleted. It cannot be undone here. Backups made before today still
        contain the record until they are rotated out, and so do the copies the app keeps inside its data folder after a restore or an update, until they are removed after the time set under Backups (30 days unless you changed it). Export the record first if you may need it.
      </p>
      {f.formError && <Alert>{f.formError}</Alert>}
      <TextField label={`Type the client's full name (${client.name}) to confirm`} {...f.register('confirmFullName')} error={f.errorAt('confirmFullName')} />
      <div className="actions">
        <button type="submit" className="danger" disabled={typed.trim() !== client.name || f.form.formState.isSubmitting}>
          Delete permanently
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Settings: the tamper-evident audit trail — check it, read the latest entries, export as CSV. */
export function AuditPanel() {
  const [clientId, setClientId] = useState('');
  const [type, setType] = useState('');
  const clients = useChannel('clients.list', { status: 'all' });
  // Each filter is its own cache entry: a late reply for an old filter never replaces the shown one.
  const entries = useChannel('audit.list', { limit: 200, clientId: clientId || null, type });
  const [message, setMessage] = useState<Message>(null);
  const clientOptions: Record<string, string> = { '': 'Everyone, and the app itself' };
  for (const c of clients.data ?? []) clientOptions[c.id] = c.fullName;
  const typeOptions: Record<string, string> = { '': 'Every kind of event' };
  for (const t of AUDIT_EVENT_TYPES) typeOptions[t] = auditWords(t);

  const onError = (error: unknown) => setMessage({ kind: 'error', text: errorText(error) });
  // Both write an audit entry, so they invalidate the `audit` reads (the list reloads).
  const verify = useChannelMutation('audit.verify', {
    onSuccess: (r) =>
      setMessage(
        r.ok
          ? { kind: 'success', text: `The audit trail is intact: ${plural(r.rows, { one: 'entry', other: 'entries' })} checked.` }
          : r.firstBroken === null && r.tailCut
            ? { kind: 'error', text: 'The latest entries of the audit trail are missing: the vault file is older than the one last used here, or entries were removed. Check the vault file and your backups.' }
            : { kind: 'error', text: `The audit trail has been altered at entry ${r.firstBroken ?? '?'}. Entries from there on cannot be trusted.` },
      ),
    onError,
  });
  const exportCsv = useChannelMutation('audit.exportCsv', {
    onSuccess: (value) => {
      if (value.saved) setMessage({ kind: 'success', text: `Saved ${value.fileName}.`, fileId: value.fileId });
    },
    onError,
  });

  return (
    <section aria-labelledby="audit-heading" className="panel">
      <h2 id="audit-heading">Audit trail</h2>
      <p className="hint">Every unlock, change, print and export is recorded here, without clinical content. Each entry is sealed to the one before it, so any change shows.</p>
      {message && (
        <Alert kind={message.kind}>
          <span>{message.text}</span>
          <ShowInFolder fileId={message.fileId} />
        </Alert>
      )}
      <div className="grid">
        <SelectField label="Show entries for" value={clientId} options={clientOptions} onChange={setClientId} />
        <SelectField label="Kind of event" value={type} options={typeOptions} onChange={setType} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => verify.mutate({})} disabled={verify.isPending}>
          Check the audit trail
        </button>
        <button type="button" onClick={() => exportCsv.mutate({ clientId: clientId || null })} disabled={exportCsv.isPending}>
          {clientId ? 'Export this client’s entries as CSV…' : 'Export as CSV…'}
        </button>
      </div>
      {entries.error && <Alert>{errorText(entries.error)}</Alert>}
      {entries.data && (
        <table className="data-table">
          <caption>Latest {plural(entries.data.length, { one: 'entry', other: 'entries' })}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {entries.data.map((e) => (
              <tr key={e.seq}>
                <td>{formatDateTime(e.at)}</td>
                <td>{auditWords(e.type)}</td>
                <td>{auditRecordWords(e.recordType)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** `client.created` → "Client created": the stored codes stay stable, the screen reads as words. */
function auditWords(type: string): string {
  const words = type.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SHORT_MESSAGE = 'Use at least 12 characters.';

/**
 * The export request, plus the acknowledgement the screen asks for before a plain zip. Twelve
 * characters is the floor checked here as the user types; main then applies the vault passphrase's
 * strength rule (document-service.ts `assertZipPassphrase`), whose message comes back to the field.
 */
const exportAllSchema = fullExportRequestSchema
  .extend({ plainZipAcknowledged: z.boolean() })
  .refine((v) => v.zipPassphrase === '' || v.zipPassphrase.length >= 12, { path: ['zipPassphrase'], message: SHORT_MESSAGE })
  .refine((v) => v.zipPassphrase !== '' || v.plainZipAcknowledged, { path: ['plainZipAcknowledged'], message: 'Enter a passphrase, or confirm that anyone with the file may read it.' });

/** Settings: the whole vault as open formats, so ten years of records always have a way out. */
export function ExportAllPanel({ focusOnOpen = false }: { focusOnOpen?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Opened from File › Export: bring the panel into view and put focus on its heading.
    if (!focusOnOpen) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [focusOnOpen]);
  const [message, setMessage] = useState<Message>(null);
  // Neither kind: the choices for one export. The zip passphrase is no record: never kept in any store.
  const f = useContractForm({
    schema: exportAllSchema,
    defaultValues: { zipPassphrase: '', plainZipAcknowledged: false, includeProcessNotes: false },
    save: (values) => {
      setMessage({ kind: 'info', text: 'Preparing the export… you can keep working.' });
      return mutateChannel('export.full', { includeProcessNotes: values.includeProcessNotes, zipPassphrase: values.zipPassphrase });
    },
    onSaved: (value) => setMessage(value.saved ? { kind: 'success', text: `Saved ${value.fileName}.`, fileId: value.fileId } : { kind: 'info', text: 'Nothing was saved.' }),
  });
  const values = f.form.watch();
  const busy = f.form.formState.isSubmitting;
  const ready = !busy && exportAllSchema.safeParse(values).success;
  const plainOk = f.bind('plainZipAcknowledged');
  const processNotes = f.bind('includeProcessNotes');

  return (
    <section aria-labelledby="export-all-heading" className="panel">
      <h2 id="export-all-heading" ref={heading} tabIndex={-1}>
        Export everything
      </h2>
      <p className="hint">
        One zip file with every client: a FHIR R4 record that other clinical systems can read, the complete record as JSON with a description of its format, and a checksum for
        every file. Use it when you move to another system or close your practice.
      </p>
      {f.formError ? (
        <Alert>{f.formError}</Alert>
      ) : (
        message && (
          <Alert kind={message.kind}>
            <span>{message.text}</span>
            <ShowInFolder fileId={message.fileId} />
          </Alert>
        )
      )}
      <form onSubmit={(e) => void f.submit(e)} noValidate>
        <TextField
          label="Passphrase for the zip file"
          type="password"
          // Checked as it is typed: the button stays off until the passphrase is long enough, so say why at once.
          {...f.register('zipPassphrase', { onChange: () => void f.form.trigger('zipPassphrase') })}
          hint="Use a strong passphrase of several unrelated words: the zip's encryption is only as strong as its passphrase, which is quicker to guess than your vault's. Keep it somewhere safe, and if you send the file, send the passphrase another way (for example by phone), never with the file."
          error={f.errorAt('zipPassphrase')}
        />
        {values.zipPassphrase === '' && <CheckboxField label="Save without a passphrase: I understand anyone with the file can read every record" checked={Boolean(plainOk.value)} onChange={plainOk.onChange} />}
        <CheckboxField label="Include psychotherapy (process) notes" checked={Boolean(processNotes.value)} onChange={processNotes.onChange} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready}>
            {busy ? 'Exporting…' : 'Export everything…'}
          </button>
          {busy && <progress className="busy" aria-label="Exporting" />}
        </div>
      </form>
    </section>
  );
}
