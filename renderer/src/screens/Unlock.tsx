import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { TextField } from '../components/Field.tsx';
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
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [wait, startWait] = useCountdown();
  const passphraseInput = useRef<HTMLInputElement>(null);
  const [restoring, setRestoring] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || wait > 0) return;
    setBusy(true);
    setError(null);
    // A passphrase form is no record: plain checks, never kept in any store. Unlocking invalidates the `vault` and `backups` reads.
    const pending = mode === 'passphrase' ? mutateChannel('vault.unlock', { passphrase }) : mutateChannel('vault.recover', { recoveryKey, newPassphrase });
    const result = await pending.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: error instanceof IptError ? error.payload : { code: 'INTERNAL' as const, message: 'Something went wrong. Please try again.', retryAfterMs: undefined, fields: undefined } }),
    );
    setBusy(false);
    if (result.ok) {
      performance.mark(PERF.unlocked);
      setPassphrase('');
      return onUnlocked(result.value);
    }
    setError(result.error.message);
    setFieldErrors(result.error.fields ?? {});
    if (result.error.retryAfterMs) startWait(result.error.retryAfterMs);
    if (mode === 'passphrase') {
      setPassphrase('');
      passphraseInput.current?.focus();
    }
  }

  return (
    <main className="centered">
      <h1>IPT Workstation</h1>
      {restoring && <RestoreFromBackup onRestored={onUnlocked} onCancel={() => setRestoring(false)} />}
      {!restoring && <form onSubmit={submit} noValidate aria-labelledby="unlock-heading" className="card">
        <h2 id="unlock-heading">{mode === 'passphrase' ? 'Unlock your vault' : 'Unlock with your recovery key'}</h2>
        {clientMode && <Alert kind="info">The app locked while a questionnaire was open. The answers so far are kept; unlock to carry on.</Alert>}
        {error && <Alert>{error}</Alert>}
        {wait > 0 && <Alert kind="info">You can try again in {wait} second{wait === 1 ? '' : 's'}.</Alert>}
        {mode === 'passphrase' ? (
          <TextField
            ref={passphraseInput}
            label="Passphrase"
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoFocus
          />
        ) : (
          <>
            <TextField
              label="Recovery key"
              value={recoveryKey}
              onChange={(e) => setRecoveryKey(e.target.value)}
              error={fieldErrors['recoveryKey']}
              spellCheck={false}
              autoFocus
            />
            <TextField
              label="New passphrase"
              type="password"
              value={newPassphrase}
              onChange={(e) => setNewPassphrase(e.target.value)}
              error={fieldErrors['newPassphrase']}
              hint="Your recovery key stays the same. Choose a new passphrase to use from now on."
            />
          </>
        )}
        <div className="actions">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setMode(mode === 'passphrase' ? 'recovery' : 'passphrase');
              setError(null);
              setFieldErrors({});
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
