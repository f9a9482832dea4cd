import { useCallback, useEffect, useState } from 'react';
import type { VaultStatus } from '../../shared/schemas/vault.ts';
import { ipt } from './ipt.ts';
import { ClientModeScreen, type ClientModeResult } from './screens/ClientModeScreen.tsx';
import { CreateVault } from './screens/CreateVault.tsx';
import { Unlock } from './screens/Unlock.tsx';
import { Workspace } from './screens/Workspace.tsx';
import { IdleWarning, useIdleLock } from './idle-lock.tsx';
import { AreaLabelsProvider } from './labels.tsx';
import { forgetVaultData, lockVault, saveBeforeClose } from './lock.ts';
import { useSettings } from './query.ts';
import { useTheme } from './theme.ts';
import { UnsavedChangesDialog } from './unsaved.tsx';

/** Top level: which of the three vault states the app is in decides the screen. */
export function App() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [afterClientMode, setAfterClientMode] = useState<ClientModeResult | null>(null);
  useTheme();
  const settings = useSettings().data;
  const deficitsLabel = settings?.deficitsLabel ?? 'deficits';
  const autoLockMinutes = settings?.autoLockMinutes ?? 10;

  /** Saves every draft, then locks: the path for idle, suspend and screen lock (nobody to ask). */
  const lockNow = useCallback(async () => {
    const next = await lockVault('auto');
    if (next) setStatus(next);
  }, []);

  const refresh = useCallback(async () => {
    const result = await ipt.vault.status({});
    if (result.ok) {
      if (result.value.state !== 'unlocked') forgetVaultData();
      setStatus(result.value);
    } else setLoadError(result.error.message);
  }, []);

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

  useEffect(() => {
    // Loading the vault state once on start is the point of this effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

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
