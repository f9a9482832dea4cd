import { useCallback, useEffect, useState } from 'react';
import type { VaultStatus } from '../../shared/schemas/vault.ts';
import { errorText, ipt } from './ipt.ts';
import { ClientModeScreen, type ClientModeResult } from './screens/ClientModeScreen.tsx';
import { CreateVault } from './screens/CreateVault.tsx';
import { Unlock } from './screens/Unlock.tsx';
import { Workspace } from './screens/Workspace.tsx';
import { IdleWarning, useIdleLock } from './idle-lock.tsx';
import { AreaLabelsProvider } from './labels.tsx';
import { forgetVaultData, lockVault, saveBeforeClose } from './lock.ts';
import { channelKey, invalidateGroups, queryClient, useChannel, useSettings } from './query.ts';
import { useTheme } from './theme.ts';
import { UnsavedChangesDialog } from './unsaved.tsx';

/** Top level: which of the three vault states the app is in decides the screen. */
export function App() {
  // The vault state is one shared read. The vault channels that change it declare `vault` in their
  // `changes` (create, unlock, recover, lock, restore, client mode start), so it refetches after them;
  // a call that already returned the new state puts it in the cache at once with `setStatus`.
  const vaultStatus = useChannel('vault.status', {}, { staleTime: Infinity });
  const status = vaultStatus.data ?? null;
  const loadError = vaultStatus.error && !status ? errorText(vaultStatus.error) : null;
  const setStatus = useCallback((next: VaultStatus) => queryClient.setQueryData(channelKey('vault.status', {}), next), []);
  const [afterClientMode, setAfterClientMode] = useState<ClientModeResult | null>(null);
  useTheme();
  const settings = useSettings().data;
  const deficitsLabel = settings?.deficitsLabel ?? 'deficits';
  const autoLockMinutes = settings?.autoLockMinutes ?? 10;

  /** Saves every draft, then locks: the path for idle, suspend and screen lock (nobody to ask). */
  const lockNow = useCallback(async () => {
    const next = await lockVault('auto');
    if (next) setStatus(next);
  }, [setStatus]);

  /** Main changed the state on its own (it locked the vault): read it again. */
  const refresh = useCallback(() => invalidateGroups(['vault']), []);

  // Whatever locked the vault (this window, main, another path), nothing of it stays in memory.
  const state = status?.state;
  useEffect(() => {
    if (state !== undefined && state !== 'unlocked') forgetVaultData();
  }, [state]);

  useEffect(
    () =>
      ipt.events.subscribe((event) => {
        // Closing the window: save every draft, then tell main it may close.
        if (event === 'app.flushDrafts') void saveBeforeClose().then(() => ipt.app.closeReady({}));
        if (event === 'vault.lockRequested') void lockNow();
        if (event === 'vault.lockedByMain') void refresh();
      }),
    [lockNow, refresh],
  );

  const unlocked = status?.state === 'unlocked';
  const idle = useIdleLock(unlocked ? autoLockMinutes : 0, () => void lockNow());

  if (loadError) {
    return (
      <main className="centered">
        <h1>IPT Workstation</h1>
        <p role="alert">{loadError}</p>
      </main>
    );
  }
  if (!status) {
    return (
      <main className="centered" aria-busy="true">
        <h1>IPT Workstation</h1>
        <p>Opening…</p>
      </main>
    );
  }
  if (status.state === 'no-vault') return <CreateVault onCreated={setStatus} />;
  if (status.state === 'locked') return <Unlock onUnlocked={setStatus} clientMode={status.clientMode} />;
  const warning = (
    <>
      {idle.warningSeconds !== null && <IdleWarning seconds={idle.warningSeconds} onStay={idle.stay} />}
      <UnsavedChangesDialog />
    </>
  );
  if (status.clientMode) {
    return (
      <>
        {warning}
        <ClientModeScreen
        onEnded={(result) => {
          setAfterClientMode(result);
          setStatus({ ...status, clientMode: false });
        }}
        />
      </>
    );
  }
  return (
    <AreaLabelsProvider deficitsLabel={deficitsLabel}>
      {warning}
      <Workspace
        onLocked={setStatus}
        afterClientMode={afterClientMode}
        onClientModeSeen={() => setAfterClientMode(null)}
      />
    </AreaLabelsProvider>
  );
}
