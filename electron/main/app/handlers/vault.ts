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
