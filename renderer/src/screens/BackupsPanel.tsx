import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { backupCredentialSchema, type VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { SelectField } from '../components/Controls.tsx';
import { TextField } from '../components/Field.tsx';
import { PassphraseMeter, usePassphraseStrength } from '../components/PassphraseMeter.tsx';
import { formatDate, formatDateTime, plural } from '../format.ts';
import { useContractForm } from '../form.ts';
import { errorText } from '../ipt.ts';
import { mutateChannel, useChannel, useChannelMutation, useSettings } from '../query.ts';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;

/** The last good backup in words, with a warning when none is recent. */
export function BackupStatusLine() {
  // The same cached read as the Backups panel: choosing a folder or backing up updates it at once.
  const status = useChannel('backups.status', {});
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
  const status = useChannel('backups.status', {});
  const list = useChannel('backups.list', {});
  const [message, setMessage] = useState<Message>(null);
  // Each write invalidates the `backups` reads (contract `changes`), so the top bar follows too.
  const choose = useChannelMutation('backups.chooseFolder', { onError: (error) => setMessage({ kind: 'error', text: errorText(error) }) });
  const run = useChannelMutation('backups.run', {
    onMutate: () => setMessage({ kind: 'info', text: 'Backing up… you can keep working.' }),
    onSuccess: (value) => setMessage({ kind: 'success', text: `Backup ${value.name} written and checked.` }),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  const busy = run.isPending;

  function schedule(patch: { backupIntervalHours?: number; backupKeep?: number; localCopyKeepDays?: number }) {
    mutateChannel('settings.update', patch).catch((error: unknown) => setMessage({ kind: 'error', text: errorText(error) }));
  }

  const s = status.data;
  return (
    <section aria-labelledby="backups-heading" className="panel">
      <h2 id="backups-heading">Backups</h2>
      <p className="hint">Backups are encrypted copies of the vault. They open with the passphrase you had when they were made, or with your recovery key, so a backup folder and the recovery key are all you need on a new computer.</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {status.error && <Alert>{errorText(status.error)}</Alert>}
      {s && (
        <>
          <p>
            <strong>Folder:</strong> {s.folder ? <code>{s.folder}</code> : 'not chosen yet'}{' '}
            <button type="button" onClick={() => choose.mutate({})} disabled={choose.isPending}>
              {s.folder ? 'Change folder' : 'Choose a folder'}
            </button>
          </p>
          <p role="status">{s.lastBackupAt ? `Last good backup: ${formatDateTime(s.lastBackupAt)}${s.lastBackupOk ? '' : ' (it failed its check)'}.` : 'No backup has been made yet.'}</p>
          {s.vaultIntegrity === 'damaged' && <Alert kind="error">The vault failed its full integrity check after unlocking. Some pages may be damaged. Restore the latest good backup, and keep this vault file until you have checked the restored one.</Alert>}
          {s.auditTailCut && <Alert kind="error">The latest entries of the audit trail are missing: this vault file is older than the one last used on this computer, or entries were removed. If you did not restore a backup yourself, keep this file and check your backups.</Alert>}
          {s.warning && s.folder && <Alert kind="error">There is no recent backup. Back up now, or check the folder is still there.</Alert>}
          <div className="grid">
            <SelectField label="Back up automatically every" value={String(s.intervalHours)} options={{ '6': '6 hours', '12': '12 hours', '24': 'day', '72': '3 days', '168': 'week' }} onChange={(v) => schedule({ backupIntervalHours: Number(v) })} />
            <SelectField label="Keep the latest" value={String(s.keep)} options={{ '5': '5 backups', '10': '10 backups', '20': '20 backups', '50': '50 backups' }} onChange={(v) => schedule({ backupKeep: Number(v) })} hint="Plus one a month for the past year." />
          </div>
          <button type="button" className="primary" onClick={() => run.mutate({})} disabled={!s.folder || busy}>
            {busy ? 'Backing up…' : 'Back up now'}
          </button>
          {busy && <progress className="busy" aria-label="Backing up" />}
        </>
      )}
      {(list.data ?? []).length > 0 && <BackupList backups={list.data!} onStatus={onStatus} />}
      <LocalCopies onKeepDays={(days) => schedule({ localCopyKeepDays: days })} />
    </section>
  );
}

/** The copies of the vault the app keeps inside its own folder, and when each will be removed. */
function LocalCopies({ onKeepDays }: { onKeepDays: (days: number) => void }) {
  const copies = useChannel('backups.localCopies', {});
  const settings = useSettings();
  const keep = settings.data?.localCopyKeepDays ?? 30;
  return (
    <div className="subform" aria-labelledby="local-copies-heading" role="group">
      <h3 id="local-copies-heading">Copies kept inside the data folder</h3>
      <p className="hint">Restoring a backup and updating the app each keep an encrypted copy of the vault as it was. These copies hold every record, including deleted ones, so they are removed after the time you choose here, at the next unlock.</p>
      <SelectField label="Remove these copies after" value={String(keep)} options={{ '7': '7 days', '14': '14 days', '30': '30 days', '90': '90 days', '365': 'a year' }} onChange={(v) => onKeepDays(Number(v))} />
      {copies.error && <Alert>{errorText(copies.error)}</Alert>}
      {copies.data && copies.data.length === 0 && <p>There are no such copies now.</p>}
      {copies.data && copies.data.length > 0 && (
        <ul>
          {copies.data.map((c) => (
            <li key={c.name}>
              {c.kind === 'pre-restore' ? 'Before a restore' : 'Before an update'}, {formatDateTime(c.madeAt)}: removed after {formatDate(c.removeAfter)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The credential main checks, plus the new passphrase typed twice. A new passphrase, once typed, is checked here with
 * the estimator the meter uses and against its repeat (a typo would leave only the recovery key); an empty one is
 * refused by main's own strength check, so "Check this backup" needs no new passphrase.
 */
const restoreFormSchema = z
  .strictObject({
    name: z.string(),
    passphrase: z.string().max(1024).optional(),
    recoveryKey: z.string().max(200).optional(),
    newPassphrase: z.string().max(1024).optional(),
    newPassphraseAgain: z.string().max(1024).optional(),
  })
  .superRefine(async ({ newPassphraseAgain, ...credential }, ctx) => {
    const base = backupCredentialSchema.safeParse(credential);
    if (!base.success) for (const issue of base.error.issues) ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
    if (!credential.recoveryKey || !credential.newPassphrase) return;
    const { estimatePassphraseStrength } = await import('../../../shared/passphrase-strength.ts');
    const strength = await estimatePassphraseStrength(credential.newPassphrase);
    if (!strength.acceptable) ctx.addIssue({ code: 'custom', path: ['newPassphrase'], message: strength.suggestions[0] ?? 'Choose a stronger passphrase.' });
    if (newPassphraseAgain !== credential.newPassphrase) ctx.addIssue({ code: 'custom', path: ['newPassphraseAgain'], message: 'The two passphrases are not the same.' });
  });

type Credential = z.input<typeof restoreFormSchema>;
type Sent = z.input<typeof backupCredentialSchema>;
/** Only the secret of the chosen way is sent, and never the repeat. */
const sent = ({ newPassphraseAgain: _again, ...credential }: Credential): Sent => credential;

/** What a backup holds, in words: "1 client, 12 sessions". */
function backupRows(rows: { clients: number; sessions: number }): string {
  return `${plural(rows.clients, { one: 'client', other: 'clients' })}, ${plural(rows.sessions, { one: 'session', other: 'sessions' })}`;
}
const noSecrets = (name: string): Credential => ({ name, passphrase: '', recoveryKey: '', newPassphrase: '', newPassphraseAgain: '' });

export function BackupList({ backups, onStatus }: { backups: { name: string; createdAt: string; rows: { clients: number; sessions: number }; readable: boolean; problem: string | null }[]; onStatus?: ((status: VaultStatus) => void) | undefined }) {
  // Not a value sent: which of the two secrets the form asks for.
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  // Neither kind: a passphrase is no record. Plain checks with the shared schema; never kept in any store; cleared after every try.
  // Restoring changes the vault and its backups (contract `changes`), so App follows the new vault status.
  const f = useContractForm({
    schema: restoreFormSchema,
    defaultValues: noSecrets(backups[0]?.name ?? ''),
    // Only the secret of the chosen way is sent.
    prepare: (v) => (mode === 'passphrase' ? { name: v.name, passphrase: v.passphrase } : { name: v.name, recoveryKey: v.recoveryKey, newPassphrase: v.newPassphrase, newPassphraseAgain: v.newPassphraseAgain }),
    save: async (credential) => {
      try {
        return await mutateChannel('backups.restore', sent(credential));
      } finally {
        setConfirming(false);
        f.form.reset(noSecrets(credential.name));
      }
    },
    savedValues: (): Credential => noSecrets(f.form.getValues('name')),
    onSaved: (restored) => {
      setMessage({ kind: 'success', text: 'Restored. Your previous vault was kept in a pre-restore folder inside the data folder.' });
      onStatus?.(restored);
    },
  });
  const selected = useWatch({ control: f.form.control, name: 'name' });
  const chosen = backups.find((b) => b.name === selected);
  const name = f.bind('name');
  const newPassphrase = useWatch({ control: f.form.control, name: 'newPassphrase' }) ?? '';
  const strength = usePassphraseStrength(mode === 'recovery' ? newPassphrase : '');

  // Checking reads nothing back into the cache.
  const verifying = useChannelMutation('backups.verify', {
    onSuccess: (report) => setMessage(report.ok ? { kind: 'success', text: 'The backup is complete and readable.' } : { kind: 'error', text: `The backup has a problem: ${report.problems.join(' ')}` }),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  /** Checked like a restore, then verified; the first press of Restore asks to confirm. */
  const verify = f.form.handleSubmit((credential) => {
    setMessage(null);
    verifying.mutate(sent(credential));
  });
  const askFirst = f.form.handleSubmit(() => setConfirming(true));

  return (
    <form onSubmit={(e) => void (confirming ? f.submit(e) : askFirst(e))} noValidate aria-labelledby="restore-heading" className="subform">
      <h3 id="restore-heading">Check or restore a backup</h3>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {f.formError && <Alert>{f.formError}</Alert>}
      <SelectField
        label="Backup"
        value={name.value}
        options={Object.fromEntries(backups.map((b) => [b.name, b.readable ? `${formatDateTime(b.createdAt)}: ${backupRows(b.rows)}` : `${b.name}: ${b.problem ?? 'this backup cannot be read.'}`]))}
        onChange={(v) => {
          name.onChange(v);
          setConfirming(false);
        }}
      />
      {chosen?.createdAt && <p className="hint">It opens with the passphrase you had on {formatDateTime(chosen.createdAt)}, or with your recovery key.</p>}
      <SelectField label="Open it with" value={mode} options={{ passphrase: 'The passphrase of that time', recovery: 'My recovery key' }} onChange={setMode} />
      {mode === 'passphrase' ? (
        <TextField label="Passphrase for the backup" type="password" {...f.register('passphrase')} error={f.errorAt('passphrase')} spellCheck={false} />
      ) : (
        <>
          <TextField label="Recovery key for the backup" {...f.register('recoveryKey')} error={f.errorAt('recoveryKey') ?? f.errorAt('passphrase')} spellCheck={false} />
          <TextField label="New passphrase after restoring" type="password" {...f.register('newPassphrase')} error={f.errorAt('newPassphrase')} />
          <PassphraseMeter strength={strength} />
          <TextField label="Type the new passphrase again" type="password" {...f.register('newPassphraseAgain')} error={f.errorAt('newPassphraseAgain')} />
        </>
      )}
      {confirming && chosen && (
        <Alert kind="error">
          Restore the backup of {formatDateTime(chosen.createdAt)} ({backupRows(chosen.rows)})? Everything written since then will be set aside in a pre-restore folder. Press “Restore” again to go ahead.
        </Alert>
      )}
      <div className="actions">
        <button type="button" onClick={() => void verify()} disabled={verifying.isPending}>
          Check this backup
        </button>
        <button type="submit" className={confirming ? 'primary danger' : 'primary'} disabled={f.form.formState.isSubmitting}>
          Restore
        </button>
      </div>
    </form>
  );
}
