import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { SelectField } from '../components/Controls.tsx';
import { TextField } from '../components/Field.tsx';
import { formatDateTime } from '../format.ts';
import { useResource } from '../hooks.ts';
import { ipt, errorText } from '../ipt.ts';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;

/** The last good backup in words, with a warning when none is recent. */
export function BackupStatusLine() {
  const status = useResource(() => ipt.backups.status({}), 'backup-status');
  if (!status.data) return null;
  const s = status.data;
  if (s.vaultIntegrity === 'damaged') return <span className="backup-status warn">The vault failed its integrity check: restore from a backup</span>;
  if (!s.folder) return <span className="backup-status warn">No backup folder chosen</span>;
  if (!s.lastBackupAt) return <span className="backup-status warn">No backup yet</span>;
  return (
    <span className={`backup-status${s.warning || !s.lastBackupOk ? ' warn' : ''}`}>
      Last backup {formatDateTime(s.lastBackupAt)}
      {!s.lastBackupOk && ' (failed its check)'}
    </span>
  );
}

/** Settings: where backups go, how often, how many; back up now; verify and restore. */
export function BackupsPanel({ onStatus }: { onStatus?: (status: VaultStatus) => void }) {
  const status = useResource(() => ipt.backups.status({}), 'backup-status-panel');
  const list = useResource(() => ipt.backups.list({}), 'backup-list');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  async function choose() {
    const result = await ipt.backups.chooseFolder({});
    if (result.ok) {
      status.set(result.value);
      await list.reload();
    }
  }

  async function runNow() {
    setBusy(true);
    setMessage({ kind: 'info', text: 'Backing up… you can keep working.' });
    const result = await ipt.backups.run({});
    setBusy(false);
    setMessage(result.ok ? { kind: 'success', text: `Backup ${result.value.name} written and checked.` } : { kind: 'error', text: result.error.message });
    await Promise.all([status.reload(), list.reload()]);
  }

  async function schedule(patch: { backupIntervalHours?: number; backupKeep?: number }) {
    await ipt.settings.update(patch);
    await status.reload();
  }

  const s = status.data;
  return (
    <section aria-labelledby="backups-heading" className="panel">
      <h2 id="backups-heading">Backups</h2>
      <p className="hint">Backups are encrypted copies of the vault. They open with the passphrase you had when they were made, or with your recovery key, so a backup folder and the recovery key are all you need on a new computer.</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {s && (
        <>
          <p>
            <strong>Folder:</strong> {s.folder ? <code>{s.folder}</code> : 'not chosen yet'}{' '}
            <button type="button" onClick={() => void choose()}>
              {s.folder ? 'Change folder' : 'Choose a folder'}
            </button>
          </p>
          <p role="status">{s.lastBackupAt ? `Last good backup: ${formatDateTime(s.lastBackupAt)}${s.lastBackupOk ? '' : ' (it failed its check)'}.` : 'No backup has been made yet.'}</p>
          {s.vaultIntegrity === 'damaged' && <Alert kind="error">The vault failed its full integrity check after unlocking. Some pages may be damaged. Restore the latest good backup, and keep this vault file until you have checked the restored one.</Alert>}
          {s.warning && s.folder && <Alert kind="error">There is no recent backup. Back up now, or check the folder is still there.</Alert>}
          <div className="grid">
            <SelectField label="Back up automatically every" value={String(s.intervalHours)} options={{ '6': '6 hours', '12': '12 hours', '24': 'day', '72': '3 days', '168': 'week' }} onChange={(v) => void schedule({ backupIntervalHours: Number(v) })} />
            <SelectField label="Keep the latest" value={String(s.keep)} options={{ '5': '5 backups', '10': '10 backups', '20': '20 backups', '50': '50 backups' }} onChange={(v) => void schedule({ backupKeep: Number(v) })} hint="Plus one a month for the past year." />
          </div>
          <button type="button" className="primary" onClick={() => void runNow()} disabled={!s.folder || busy}>
            {busy ? 'Backing up…' : 'Back up now'}
          </button>
        </>
      )}
      {(list.data ?? []).length > 0 && <BackupList backups={list.data!} onStatus={onStatus} />}
    </section>
  );
}

export function BackupList({ backups, onStatus }: { backups: { name: string; createdAt: string; rows: { clients: number; sessions: number }; readable: boolean }[]; onStatus?: ((status: VaultStatus) => void) | undefined }) {
  const [selected, setSelected] = useState(backups[0]?.name ?? '');
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const chosen = backups.find((b) => b.name === selected);
  const credential = () => ({ name: selected, ...(mode === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret, newPassphrase }) });

  async function verify() {
    const result = await ipt.backups.verify(credential());
    setMessage(result.ok ? (result.value.ok ? { kind: 'success', text: 'The backup is complete and readable.' } : { kind: 'error', text: `The backup has a problem: ${result.value.problems.join(' ')}` }) : { kind: 'error', text: errorText(result.error) });
  }

  async function restore(event: FormEvent) {
    event.preventDefault();
    if (!confirming) return setConfirming(true);
    const result = await ipt.backups.restore(credential());
    setConfirming(false);
    setSecret('');
    if (!result.ok) return setMessage({ kind: 'error', text: errorText(result.error) });
    setMessage({ kind: 'success', text: 'Restored. Your previous vault was kept in a pre-restore folder inside the data folder.' });
    onStatus?.(result.value);
  }

  return (
    <form onSubmit={restore} noValidate aria-labelledby="restore-heading" className="subform">
      <h3 id="restore-heading">Check or restore a backup</h3>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <SelectField
        label="Backup"
        value={selected}
        options={Object.fromEntries(backups.map((b) => [b.name, b.readable ? `${formatDateTime(b.createdAt)}: ${b.rows.clients} clients, ${b.rows.sessions} sessions` : `${b.name} (unreadable)`]))}
        onChange={(v) => {
          setSelected(v);
          setConfirming(false);
        }}
      />
      {chosen?.createdAt && <p className="hint">It opens with the passphrase you had on {formatDateTime(chosen.createdAt)}, or with your recovery key.</p>}
      <SelectField label="Open it with" value={mode} options={{ passphrase: 'The passphrase of that time', recovery: 'My recovery key' }} onChange={setMode} />
      <TextField label={mode === 'passphrase' ? 'Passphrase for the backup' : 'Recovery key for the backup'} type={mode === 'passphrase' ? 'password' : 'text'} value={secret} onChange={(e) => setSecret(e.target.value)} spellCheck={false} />
      {mode === 'recovery' && <TextField label="New passphrase after restoring" type="password" value={newPassphrase} onChange={(e) => setNewPassphrase(e.target.value)} />}
      {confirming && chosen && (
        <Alert kind="error">
          Restore the backup of {formatDateTime(chosen.createdAt)} ({chosen.rows.clients} clients, {chosen.rows.sessions} sessions)? Everything written since then will be set aside in a pre-restore folder. Press “Restore” again to go ahead.
        </Alert>
      )}
      <div className="actions">
        <button type="button" onClick={() => void verify()}>
          Check this backup
        </button>
        <button type="submit" className={confirming ? 'primary danger' : 'primary'}>
          Restore
        </button>
      </div>
    </form>
  );
}
