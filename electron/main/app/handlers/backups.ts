import { todayIso } from '../../../../shared/schemas/dates.ts';
import { AppError } from '../../data/errors.ts';
import { assertStrongPassphrase } from '../../data/vault/vault-service.ts';
import { auditTrail } from '../../domain/audit-scope.ts';
import { listLocalCopies } from '../../domain/backup/local-copies.ts';
import { deleteClient } from '../../domain/client-deletion.ts';
import { fileNameFor } from '../../domain/documents/file-names.ts';
import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

/** Backups, retention and deletion, and the audit trail: the protection of the records. */
export function protectionHandlers(ctx: AppContext): HandlerSlice<'backups' | 'retention' | 'audit'> & Pick<HandlerSlice<'clients'>, 'clients.delete'> {
  return {
    'backups.status': () => ctx.backups.status(),
    'backups.chooseFolder': async () => {
      const folder = await ctx.platform?.chooseFolder?.();
      if (folder) ctx.settings.update({ backupFolder: folder });
      return ctx.backups.status();
    },
    'backups.run': async () => {
      const { name, verified } = await ctx.backups.backupNow('manual');
      return { name, verified };
    },
    'backups.list': () => ctx.backups.list(),
    'backups.localCopies': () => listLocalCopies(ctx.dataDir, ctx.settings.get().localCopyKeepDays),
    'backups.verify': async ({ name, passphrase, recoveryKey }) => {
      const report = await ctx.backups.verify(name, passphrase ? { passphrase } : { recoveryKey: recoveryKey! });
      return { ok: report.ok, problems: report.problems, createdAt: report.manifest?.createdAt ?? null };
    },
    'backups.restore': async ({ name, passphrase, recoveryKey, newPassphrase }) => {
      if (recoveryKey) await assertStrongPassphrase(newPassphrase ?? '', 'newPassphrase');
      // The credential and the backup are checked before the session is closed: a wrong one changes nothing.
      await ctx.backups.restore(name, passphrase ? { passphrase } : { recoveryKey: recoveryKey! }, () => ctx.lock());
      ctx.opened(passphrase ? await ctx.vault.unlock(passphrase) : await ctx.vault.recover(recoveryKey!, newPassphrase!));
      ctx.session().audit.append({ type: 'backup.restored' });
      return ctx.status();
    },
    'retention.list': () => {
      const s = ctx.settings.get();
      return ctx.session().retention.list(s.retentionProfile, s.retentionCustomYears, todayIso());
    },
    'clients.delete': ({ id, confirmFullName }) => {
      deleteClient(ctx.session(), id, confirmFullName);
      return { deleted: true as const, backupsStillHoldIt: ctx.settings.get().lastBackupAt !== '' };
    },
    'audit.verify': () => ctx.session().audit.verify(),
    'audit.list': (filter) => auditTrail(ctx.session(), filter),
    'audit.exportCsv': async ({ clientId }) => {
      const s = ctx.session();
      const rows = auditTrail(s, { clientId, type: '', limit: 1_000_000 }).reverse();
      const platform = ctx.platform?.documents;
      if (!platform) throw new AppError('INTERNAL', { message: 'Files cannot be saved here.' });
      const client = clientId ? s.clients.get(clientId).fields : null;
      const result = await platform.saveFile(fileNameFor('audit trail', client, todayIso(), ctx.settings.get().exportNameStyle, 'csv'), new TextEncoder().encode(s.audit.csv(rows)));
      if (result.saved) s.audit.append({ type: 'audit.exported', detail: { rows: rows.length } });
      return { ...result, id: null };
    },
  };
}
