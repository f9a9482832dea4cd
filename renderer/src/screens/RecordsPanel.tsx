import { useState } from 'react';
import { RETENTION_PROFILE_LABELS } from '../../../shared/ipt/retention.ts';
import { settingsPatchSchema, type Settings } from '../../../shared/schemas/settings.ts';
import { AUDIT_EVENT_TYPES } from '../../../shared/schemas/audit.ts';
import { Alert } from '../components/Alert.tsx';
import { CheckboxField, SelectField } from '../components/Controls.tsx';
import { TextField } from '../components/Field.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { errorText } from '../ipt.ts';
import { useChannel, useChannelMutation } from '../query.ts';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;

/** Settings: the retention rule, records past it, and permanent deletion with a typed confirmation. */
export function RetentionPanel({ initial, onDeleted }: { initial: Settings; onDeleted?: (() => void) | undefined }) {
  const [profile, setProfile] = useState(initial.retentionProfile);
  const [years, setYears] = useState(String(initial.retentionCustomYears));
  // settings.update and clients.delete invalidate `retention` (contract `changes`), so the list follows.
  const list = useChannel('retention.list', {});
  const [confirming, setConfirming] = useState<{ id: string; name: string; past: boolean } | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<Message>(null);

  // Autosave kind: the rule saves as each choice is made (one valid choice at a time), checked by the shared settings schema.
  const update = useChannelMutation('settings.update', {
    onSuccess: () => setMessage({ kind: 'success', text: 'Retention rule saved.' }),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  function saveRule(patch: Partial<Pick<Settings, 'retentionProfile' | 'retentionCustomYears'>>) {
    const checked = settingsPatchSchema.safeParse(patch);
    if (!checked.success) return setMessage({ kind: 'error', text: 'Enter a whole number of years from 1 to 100.' });
    update.mutate(checked.data);
  }

  const deletion = useChannelMutation('clients.delete');
  async function remove() {
    if (!confirming) return;
    try {
      const result = await deletion.mutateAsync({ id: confirming.id, confirmFullName: typed });
      setMessage({
        kind: 'success',
        text: `${confirming.name}'s record was deleted.${result.backupsStillHoldIt ? ' Older backups still hold it until they are rotated out.' : ''}`,
      });
      setConfirming(null);
      setTyped('');
      onDeleted?.();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  }

  const past = (list.data ?? []).filter((row) => row.past);
  const shown = showAll ? (list.data ?? []) : past;
  return (
    <section aria-labelledby="retention-heading" className="panel">
      <h2 id="retention-heading">Keeping and deleting records</h2>
      <p className="hint">Nothing is deleted automatically. Records past their retention date are listed here so you can decide.</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="grid">
        <SelectField
          label="Retention rule"
          value={profile}
          options={RETENTION_PROFILE_LABELS}
          onChange={(v) => {
            setProfile(v);
            saveRule({ retentionProfile: v });
          }}
        />
        {profile === 'custom' && (
          <TextField
            label="Years after the last contact"
            value={years}
            inputMode="numeric"
            onChange={(e) => setYears(e.target.value)}
            onBlur={() => saveRule({ retentionCustomYears: years.trim() === '' ? Number.NaN : Number(years) })}
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
                  <button type="button" className="danger" aria-label={`Delete permanently… ${row.fullName}`} onClick={() => { setConfirming({ id: row.clientId, name: row.fullName, past: row.past }); setTyped(''); }}>
                    Delete permanently…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <div role="group" aria-labelledby="confirm-delete-heading" className="confirm-box">
          <h3 id="confirm-delete-heading">Delete {confirming.name}'s record?</h3>
          {!confirming.past && <Alert kind="error">This record is still inside its retention period. Delete it only if it was made by mistake.</Alert>}
          <p>
            This removes the client and every course, session, note, measure and letter from the vault. The audit trail keeps only the fact that a record was deleted. It cannot be undone here. Backups made before today still
            contain the record until they are rotated out, and so do the copies the app keeps inside its data folder after a restore or an update, until they are removed after the time set under Backups (30 days unless you changed it). Export the record first if you may need it.
          </p>
          <TextField label={`Type the client's full name (${confirming.name}) to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} />
          <div className="actions">
            <button type="button" className="danger" disabled={typed.trim() !== confirming.name || deletion.isPending} onClick={() => void remove()}>
              Delete permanently
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
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
          ? { kind: 'success', text: `The audit trail is intact: ${r.rows} entries checked.` }
          : r.firstBroken === null && r.tailCut
            ? { kind: 'error', text: 'The latest entries of the audit trail are missing: the vault file is older than the one last used here, or entries were removed. Check the vault file and your backups.' }
            : { kind: 'error', text: `The audit trail has been altered at entry ${r.firstBroken ?? '?'}. Entries from there on cannot be trusted.` },
      ),
    onError,
  });
  const exportCsv = useChannelMutation('audit.exportCsv', {
    onSuccess: (value) => {
      if (value.saved) setMessage({ kind: 'success', text: 'Audit trail exported.' });
    },
    onError,
  });

  return (
    <section aria-labelledby="audit-heading" className="panel">
      <h2 id="audit-heading">Audit trail</h2>
      <p className="hint">Every unlock, change, print and export is recorded here, without clinical content. Each entry is sealed to the one before it, so any change shows.</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
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
          <caption>Latest {entries.data.length} entries</caption>
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
                <td>{e.recordType ?? ''}</td>
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

/** Settings: the whole vault as open formats, so ten years of records always have a way out. */
export function ExportAllPanel() {
  const [passphrase, setPassphrase] = useState('');
  const [plainOk, setPlainOk] = useState(false);
  const [processNotes, setProcessNotes] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  // The zip passphrase is no record: plain checks here, never kept in any store.
  const exporting = useChannelMutation('export.full', {
    onMutate: () => setMessage({ kind: 'info', text: 'Preparing the export… you can keep working.' }),
    onSuccess: (value) => setMessage(value.saved ? { kind: 'success', text: `Saved ${value.fileName}.` } : { kind: 'info', text: 'Nothing was saved.' }),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  const busy = exporting.isPending;
  const tooShort = passphrase !== '' && passphrase.length < 12;
  const ready = !busy && !tooShort && (passphrase !== '' || plainOk);

  function run() {
    exporting.mutate({ includeProcessNotes: processNotes, zipPassphrase: passphrase });
  }

  return (
    <section aria-labelledby="export-all-heading" className="panel">
      <h2 id="export-all-heading">Export everything</h2>
      <p className="hint">
        One zip file with every client: a FHIR R4 record that other clinical systems can read, the complete record as JSON with a description of its format, and a checksum for
        every file. Use it when you move to another system or close your practice.
      </p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <TextField
        label="Passphrase for the zip file"
        type="password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        hint="At least 12 characters. The file is encrypted with AES-256; keep the passphrase somewhere safe and separate."
        error={tooShort ? 'Use at least 12 characters.' : undefined}
      />
      {passphrase === '' && <CheckboxField label="Save without a passphrase: I understand anyone with the file can read every record" checked={plainOk} onChange={setPlainOk} />}
      <CheckboxField label="Include psychotherapy (process) notes" checked={processNotes} onChange={setProcessNotes} />
      <div className="actions">
        <button type="button" className="primary" disabled={!ready} onClick={run}>
          {busy ? 'Exporting…' : 'Export everything…'}
        </button>
      </div>
    </section>
  );
}
