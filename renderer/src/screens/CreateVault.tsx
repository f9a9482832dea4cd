import { useEffect, useState, type FormEvent } from 'react';
import type { PassphraseStrength } from '../../../shared/passphrase-strength.ts';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { TextField } from '../components/Field.tsx';
import { PassphraseMeter } from '../components/PassphraseMeter.tsx';
import { errorText, ipt, IptError } from '../ipt.ts';
import { mutateChannel } from '../query.ts';
import { RestoreFromBackup } from './RestoreFromBackup.tsx';

type Step = 'passphrase' | 'recovery' | 'confirm';

/** The estimator and its dictionaries are large: load them only on this screen. */
function useStrength(passphrase: string): PassphraseStrength | null {
  const [strength, setStrength] = useState<PassphraseStrength | null>(null);
  useEffect(() => {
    let live = true;
    if (!passphrase) {
      queueMicrotask(() => live && setStrength(null));
      return;
    }
    void import('../../../shared/passphrase-strength.ts')
      .then(({ estimatePassphraseStrength }) => estimatePassphraseStrength(passphrase))
      .then((next) => {
        if (live) setStrength(next);
      });
    return () => {
      live = false;
    };
  }, [passphrase]);
  return strength;
}

export function CreateVault({ onCreated }: { onCreated: (status: VaultStatus) => void }) {
  const [step, setStep] = useState<Step>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [typedBack, setTypedBack] = useState('');
  const [wroteItDown, setWroteItDown] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = useStrength(passphrase);
  const [restoring, setRestoring] = useState(false);

  async function choosePassphrase(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!strength?.acceptable) next['passphrase'] = strength?.suggestions[0] ?? 'Choose a stronger passphrase.';
    if (confirmation !== passphrase) next['confirmation'] = 'The two passphrases are not the same.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const result = await ipt.vault.beginCreate({});
    if (!result.ok) return setFormError(result.error.message);
    setRecoveryKey(result.value.recoveryKey);
    setStep('recovery');
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFormError(null);
    // A passphrase form is no record: plain checks, never kept in any store. Creating invalidates the `vault` and `backups` reads.
    try {
      const created = await mutateChannel('vault.create', { passphrase, recoveryKeyTypedBack: typedBack });
      setBusy(false);
      return onCreated(created);
    } catch (error) {
      setBusy(false);
      setErrors(error instanceof IptError ? (error.payload.fields ?? {}) : {});
      setFormError(error instanceof IptError ? error.payload.message : errorText(error));
    }
  }

  return (
    <main className="centered onboarding">
      <h1>Welcome to IPT Workstation</h1>
      {step === 'passphrase' && (
        <p>
          Moving from another computer?{' '}
          <button type="button" className="link-button" onClick={() => setRestoring(!restoring)}>
            Restore from a backup
          </button>
        </p>
      )}
      {restoring && <RestoreFromBackup onRestored={onCreated} onCancel={() => setRestoring(false)} />}
      {step === 'passphrase' && (
        <form onSubmit={choosePassphrase} noValidate aria-labelledby="create-heading">
          <h2 id="create-heading">Create your vault</h2>
          <p>
            Your records are kept in an encrypted vault on this computer. Only your passphrase opens it. Nobody, including
            us, can recover a forgotten passphrase without the recovery key you will see next.
          </p>
          {formError && <Alert>{formError}</Alert>}
          <TextField
            label="Passphrase"
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            error={errors['passphrase']}
            autoFocus
          />
          <PassphraseMeter strength={strength} />
          <TextField
            label="Type the passphrase again"
            type="password"
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            error={errors['confirmation']}
          />
          <button type="submit" className="primary">
            Continue
          </button>
        </form>
      )}
      {step === 'recovery' && (
        <section aria-labelledby="recovery-heading">
          <h2 id="recovery-heading">Write down your recovery key</h2>
          <p>
            If you ever forget your passphrase, this key is the only way back into your records. Write it on paper and keep it
            somewhere safe, away from this computer. It will not be shown again.
          </p>
          <p className="recovery-key" aria-label="Recovery key" data-testid="recovery-key">
            {recoveryKey}
          </p>
          <div className="checkbox">
            <input id="wrote-it-down" type="checkbox" checked={wroteItDown} onChange={(e) => setWroteItDown(e.target.checked)} />
            <label htmlFor="wrote-it-down">I have written down my recovery key</label>
          </div>
          <button type="button" className="primary" disabled={!wroteItDown} onClick={() => setStep('confirm')}>
            Continue
          </button>
        </section>
      )}
      {step === 'confirm' && (
        <form onSubmit={create} noValidate aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Type your recovery key back</h2>
          <p>This checks that what you wrote down is right. Dashes and capital letters are optional.</p>
          {formError && <Alert>{formError}</Alert>}
          <TextField
            label="Recovery key"
            value={typedBack}
            onChange={(e) => setTypedBack(e.target.value)}
            error={errors['recoveryKeyTypedBack']}
            spellCheck={false}
            autoFocus
          />
          <div className="actions">
            <button type="button" onClick={() => setStep('recovery')}>
              Show the key again
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Creating your vault…' : 'Create vault'}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
