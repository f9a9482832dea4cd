/**
 * The one way to lock: save what can be saved, forget what must not stay in memory, then lock.
 * `ask` (the Lock button, the menu) asks about unsaved edits in keep forms and may be cancelled;
 * `auto` (idle, suspend, screen lock) has nobody to ask, so it saves what validates and drops the rest.
 */
import type { VaultStatus } from '../../shared/schemas/vault.ts';
import { flushAllDrafts } from './autosave.ts';
import { ipt } from './ipt.ts';
import { clearQueryCache } from './query.ts';
import { clearKeptDrafts, confirmUnsaved, saveKeptDrafts } from './unsaved.tsx';

/** Resolves with the new status, or null when the user chose to stay (or the lock failed). */
export async function lockVault(mode: 'ask' | 'auto'): Promise<VaultStatus | null> {
  await flushAllDrafts();
  if (mode === 'ask') {
    if (!(await confirmUnsaved())) return null;
  } else await saveKeptDrafts();
  clearKeptDrafts();
  const result = await ipt.vault.lock({});
  forgetVaultData();
  return result.ok ? result.value : null;
}

/** After any lock (also one main did itself): no kept edits, no cached records. */
export function forgetVaultData(): void {
  clearKeptDrafts();
  clearQueryCache();
}

/** Before the window closes (main waits 3 s): autosaves, then kept edits that validate. */
export async function saveBeforeClose(): Promise<void> {
  await flushAllDrafts();
  await saveKeptDrafts();
}
