import { useEffect, useRef } from 'react';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { errorText } from '../ipt.ts';
import { useChannel, useChannelMutation } from '../query.ts';
import { BackupList } from './BackupsPanel.tsx';

/** Restoring without an open vault: choose the backup folder, then a backup, then the key. */
export function RestoreFromBackup({ onRestored, onCancel }: { onRestored: (status: VaultStatus) => void; onCancel: () => void }) {
  const status = useChannel('backups.status', {});
  const list = useChannel('backups.list', {});
  // Choosing a folder invalidates the `backups` reads, so the list follows the new folder.
  const choose = useChannelMutation('backups.chooseFolder');
  // The button that opened this step is gone: the keyboard starts again at this step's heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="restore-backup-heading" className="card">
      <h2 id="restore-backup-heading" ref={heading} tabIndex={-1}>
        Restore from a backup
      </h2>
      <p>Choose the folder that holds your backups, then the backup, then how to open it.</p>
      <p>
        Folder: {status.data?.folder ? <code>{status.data.folder}</code> : 'not chosen'}{' '}
        <button type="button" onClick={() => choose.mutate({})} disabled={choose.isPending}>
          Choose the backup folder
        </button>
      </p>
      {choose.error && <Alert>{errorText(choose.error)}</Alert>}
      {list.error && <Alert>{errorText(list.error)}</Alert>}
      {status.data?.folder && (list.data ?? []).length === 0 && <p className="muted">No backups in this folder.</p>}
      {(list.data ?? []).length > 0 && <BackupList backups={list.data!} onStatus={onRestored} />}
      <button type="button" className="link-button" onClick={onCancel}>
        Back
      </button>
    </section>
  );
}
