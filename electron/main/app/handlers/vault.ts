import { todayIso } from '../../../../shared/schemas/dates.ts';
import { AppError } from '../../data/errors.ts';
import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

export function vaultHandlers(ctx: AppContext): HandlerSlice<'vault'> {
  return {
    'vault.status': () => ctx.status(),
    'vault.beginCreate': () => ctx.vault.beginCreate(),
    'vault.create': async ({ passphrase, recoveryKeyTypedBack }) => {
      ctx.opened(await ctx.vault.create(passphrase, recoveryKeyTypedBack));
      return ctx.status();
    },
    'vault.saveRecoveryKey': async ({ recoveryKey }) => {
      // Only the key being shown for the vault being created; afterwards this channel has nothing to save.
      if (!ctx.vault.isPendingRecoveryKey(recoveryKey)) throw new AppError('RECOVERY_KEY_MISMATCH');
      const documents = ctx.platform?.documents;
      if (!documents) throw new AppError('INTERNAL', { message: 'Files cannot be saved here.' });
      return { ...(await documents.saveFile(`IPT Workstation recovery key ${todayIso()}.txt`, new TextEncoder().encode(recoveryKeySheet(recoveryKey)))), id: null };
    },
    'vault.unlock': async ({ passphrase }) => {
      ctx.opened(await ctx.vault.unlock(passphrase));
      return ctx.status();
    },
    'vault.recover': async ({ recoveryKey, newPassphrase }) => {
      ctx.opened(await ctx.vault.recover(recoveryKey, newPassphrase));
      return ctx.status();
    },
    'vault.lock': async () => {
      // An automatic backup that is due runs before the key is dropped.
      await ctx.backups.autoIfDue().catch(() => false);
      await ctx.backups.idle();
      ctx.lock();
      return ctx.status();
    },
    'vault.changePassphrase': async ({ currentPassphrase, newPassphrase }) => {
      await ctx.vault.changePassphrase(currentPassphrase, newPassphrase);
      ctx.session().audit.append({ type: 'vault.passphrase_changed' });
      return { changed: true as const };
    },
  };
}

/** The text of the saved key: the key, the date, what it is for, and where not to keep it. */
export function recoveryKeySheet(recoveryKey: string): string {
  return [
    'IPT Workstation: recovery key',
    '',
    recoveryKey,
    '',
    `Made on ${todayIso()}.`,
    'This key opens your encrypted vault if you forget your passphrase, and opens your backups on a new computer.',
    'Keep it away from this computer: print it or copy it to a USB stick kept somewhere safe, then delete this file from the laptop.',
    'Anyone with this key and your vault file can read your records.',
    '',
  ].join('\r\n');
}
