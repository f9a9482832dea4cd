import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { useResource } from '../hooks.ts';
import { ipt } from '../ipt.ts';
import { BackupList } from './BackupsPanel.tsx';

/** Restoring without an open vault: choose the backup folder, then a backup, then the key. */
export function RestoreFromBackup({ onRestored, onCancel }: { onRestored: (status: VaultStatus) => void; onCancel: () => void }) {
  const status = useResource(() => ipt.backups.status({}), 'restore-status');
  const list = useResource(() => ipt.backups.list({}), `restore-list:${status.data?.folder ?? ''}`);
  async function choose() {
    const result = await ipt.backups.chooseFolder({});
    if (result.ok) status.set(result.value);
  }
  return (
    <section aria-labelledby="restore-backup-heading" className="card">
      <h2 id="restore-backup-heading">Restore from a backup</h2>
      <p>
        Folder: {status.data?.folder ? <code>{status.data.folder}</code> : 'not chosen'}{' '}
        <button type="button" onClick={() => void choose()}>
          Choose the backup folder
        </button>
      </p>
      {status.data?.folder && (list.data ?? []).length === 0 && <p className="muted">No backups in this folder.</p>}
      {(list.data ?? []).length > 0 && <BackupList backups={list.data!} onStatus={onRestored} />}
      <button type="button" className="link-button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
