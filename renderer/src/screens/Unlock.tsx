import { useEffect, useState } from 'react';
import { recoverSchema, unlockSchema, type VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { TextField } from '../components/Field.tsx';
import { useContractForm } from '../form.ts';
import { plural } from '../format.ts';
import { IptError } from '../ipt.ts';
import { mutateChannel } from '../query.ts';
import { PERF } from '../perf.ts';
import { RestoreFromBackup } from './RestoreFromBackup.tsx';

/** Counts down to zero from a number of milliseconds, in whole seconds. */
function useCountdown(): [number, (ms: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return [seconds, (ms) => {
    setNow(Date.now());
    setUntil(Date.now() + ms);
  }];
}

export function Unlock({ onUnlocked, clientMode = false }: { onUnlocked: (status: VaultStatus) => void; clientMode?: boolean }) {
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [wait, startWait] = useCountdown();
  const [restoring, setRestoring] = useState(false);

  /** Sends one try; a refusal with a delay starts the countdown. The passphrase is cleared after every try. */
  async function attempt(call: () => Promise<VaultStatus>, clear: () => void): Promise<VaultStatus> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof IptError && error.payload.retryAfterMs) startWait(error.payload.retryAfterMs);
      throw error;
    } finally {
      clear();
    }
  }
  function unlocked(status: VaultStatus) {
    performance.mark(PERF.unlocked);
    onUnlocked(status);
  }
  // Neither kind: a passphrase is no record. Plain checks with the shared schema; never kept in any store.
  // Unlocking invalidates the `vault` and `backups` reads (contract `changes`).
  const byPassphrase = useContractForm({
    schema: unlockSchema,
    defaultValues: { passphrase: '' },
    save: (values) =>
      attempt(
        () => mutateChannel('vault.unlock', values),
        () => {
          byPassphrase.form.setValue('passphrase', '');
          byPassphrase.form.setFocus('passphrase');
        },
      ),
    savedValues: () => ({ passphrase: '' }),
    onSaved: unlocked,
  });
  const byRecovery = useContractForm({
    schema: recoverSchema,
    defaultValues: { recoveryKey: '', newPassphrase: '' },
    save: (values) => attempt(() => mutateChannel('vault.recover', values), () => byRecovery.form.setValue('newPassphrase', '')),
    savedValues: () => ({ recoveryKey: '', newPassphrase: '' }),
    onSaved: unlocked,
  });
  const form = mode === 'passphrase' ? byPassphrase : byRecovery;
  const busy = form.form.formState.isSubmitting;

  return (
    <main className="centered">
      <h1>IPT Workstation</h1>
      {restoring && <RestoreFromBackup onRestored={onUnlocked} onCancel={() => setRestoring(false)} />}
      {!restoring && <form onSubmit={(e) => void (wait > 0 ? e.preventDefault() : form.submit(e))} noValidate aria-labelledby="unlock-heading" className="card">
        <h2 id="unlock-heading">{mode === 'passphrase' ? 'Unlock your vault' : 'Unlock with your recovery key'}</h2>
        {clientMode && <Alert kind="info">The app locked while a questionnaire was open. The answers so far are kept; unlock to carry on.</Alert>}
        {form.formError && <Alert>{form.formError}</Alert>}
        {wait > 0 && <Alert kind="info">You can try again in {plural(wait, { one: 'second', other: 'seconds' })}.</Alert>}
        {mode === 'passphrase' ? (
          <TextField label="Passphrase" type="password" {...byPassphrase.register('passphrase')} error={byPassphrase.errorAt('passphrase')} autoFocus />
        ) : (
          <>
            <TextField label="Recovery key" {...byRecovery.register('recoveryKey')} error={byRecovery.errorAt('recoveryKey')} spellCheck={false} autoFocus />
            <TextField
              label="New passphrase"
              type="password"
              {...byRecovery.register('newPassphrase')}
              error={byRecovery.errorAt('newPassphrase')}
              hint="Your recovery key stays the same. Choose a new passphrase to use from now on."
            />
          </>
        )}
        <div className="actions">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              // The other way in starts empty: nothing typed for one is kept for the other.
              form.discard();
              setMode(mode === 'passphrase' ? 'recovery' : 'passphrase');
            }}
          >
            {mode === 'passphrase' ? 'I forgot my passphrase' : 'Use my passphrase instead'}
          </button>
          <button type="submit" className="primary" disabled={busy || wait > 0}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
      </form>}
      {!restoring && (
        <p>
          <button type="button" className="link-button" onClick={() => setRestoring(true)}>
            Restore from a backup
          </button>
        </p>
      )}
    </main>
  );
}
