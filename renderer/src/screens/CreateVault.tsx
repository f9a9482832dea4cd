import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { createVaultSchema, type VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { TextField } from '../components/Field.tsx';
import { PassphraseMeter, usePassphraseStrength } from '../components/PassphraseMeter.tsx';
import { useContractForm } from '../form.ts';
import { formatDate } from '../format.ts';
import { errorText, IptError } from '../ipt.ts';
import { callChannel, mutateChannel, useChannelMutation } from '../query.ts';
import { todayIso } from '../../../shared/schemas/dates.ts';
import { RestoreFromBackup } from './RestoreFromBackup.tsx';

type Step = 'passphrase' | 'recovery' | 'confirm';

/** The first step: the passphrase and its repeat, checked here with the estimator the meter uses. */
const chooseSchema = createVaultSchema
  .pick({ passphrase: true })
  .extend({ confirmation: z.string().max(1024) })
  .superRefine(async (v, ctx) => {
    // The same estimator as the meter, loaded on first use (its dictionaries are large).
    const { estimatePassphraseStrength } = await import('../../../shared/passphrase-strength.ts');
    const strength = await estimatePassphraseStrength(v.passphrase);
    if (!strength.acceptable) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: strength.suggestions[0] ?? 'Choose a stronger passphrase.' });
    if (v.confirmation !== v.passphrase) ctx.addIssue({ code: 'custom', path: ['confirmation'], message: 'The two passphrases are not the same.' });
  });

/** The last step: the recovery key typed back; the passphrase comes from the first step. */
const confirmSchema = createVaultSchema.pick({ recoveryKeyTypedBack: true });

export function CreateVault({ onCreated }: { onCreated: (status: VaultStatus) => void }) {
  const [step, setStep] = useState<Step>('passphrase');
  const [recoveryKey, setRecoveryKey] = useState('');
  // Not a field: a tick that unlocks the next button on the screen showing the key.
  const [wroteItDown, setWroteItDown] = useState(false);
  const [restoring, setRestoring] = useState(false);
  // Writes the shown key to a file the user picks; nothing is stored in the vault.
  const saveKey = useChannelMutation('vault.saveRecoveryKey');
  // Neither kind: a passphrase is no record. Plain checks with the shared schema; never kept in any store.
  const choose = useContractForm({
    schema: chooseSchema,
    defaultValues: { passphrase: '', confirmation: '' },
    save: async (values) => ({ shown: await callChannel('vault.beginCreate', {}), values }),
    // The chosen passphrase stays in this form until the vault is created.
    savedValues: ({ values }) => values,
    onSaved: ({ shown }) => {
      setRecoveryKey(shown.recoveryKey);
      setStep('recovery');
    },
  });
  const passphrase = useWatch({ control: choose.form.control, name: 'passphrase' });
  const strength = usePassphraseStrength(passphrase);

  // Creating invalidates the `vault` and `backups` reads (contract `changes`).
  const confirm = useContractForm({
    schema: confirmSchema,
    defaultValues: { recoveryKeyTypedBack: '' },
    save: async ({ recoveryKeyTypedBack }) => {
      try {
        return await mutateChannel('vault.create', { passphrase: choose.form.getValues('passphrase'), recoveryKeyTypedBack });
      } catch (error) {
        // Main's own strength check belongs to the first step: go back and say it there.
        const message = error instanceof IptError ? error.payload.fields?.['passphrase'] : undefined;
        if (message) {
          setStep('passphrase');
          choose.form.setError('passphrase', { type: 'server', message });
        }
        throw error;
      }
    },
    onSaved: onCreated,
  });
  const busy = confirm.form.formState.isSubmitting;

  return (
    <main className="centered onboarding">
      <h1>Welcome to IPT Workstation</h1>
      {/* Restoring is its own step: it replaces the create form while open, so two forms never compete. */}
      {restoring && <RestoreFromBackup onRestored={onCreated} onCancel={() => setRestoring(false)} />}
      {!restoring && step === 'passphrase' && (
        <p>
          Moving from another computer?{' '}
          <button type="button" className="link-button" onClick={() => setRestoring(true)}>
            Restore from a backup instead
          </button>
        </p>
      )}
      {!restoring && step === 'passphrase' && (
        <form onSubmit={(e) => void choose.submit(e)} noValidate aria-labelledby="create-heading">
          <h2 id="create-heading">Create your vault</h2>
          <p>
            Your records are kept in an encrypted vault on this computer. Only your passphrase opens it. Nobody, including
            us, can recover a forgotten passphrase without the recovery key you will see next.
          </p>
          {choose.formError && <Alert>{choose.formError}</Alert>}
          <TextField label="Passphrase" type="password" {...choose.register('passphrase')} error={choose.errorAt('passphrase')} autoFocus />
          <PassphraseMeter strength={strength} />
          <TextField label="Type the passphrase again" type="password" {...choose.register('confirmation')} error={choose.errorAt('confirmation')} />
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
          <div className="actions">
            {/* The print view shows only the sheet below (styles.css, @media print). */}
            <button type="button" onClick={() => window.print()}>
              Print the key
            </button>
            <button type="button" onClick={() => saveKey.mutate({ recoveryKey })} disabled={saveKey.isPending}>
              Save the key to a file…
            </button>
          </div>
          {saveKey.data?.saved && (
            <Alert kind="success">
              Saved as “{saveKey.data.fileName}”. Move it off this laptop, to a USB stick or printed paper, and delete it here.
            </Alert>
          )}
          {saveKey.error && <Alert>{errorText(saveKey.error)}</Alert>}
          <p className="hint">Do not keep the key on this laptop: if the laptop is lost or stolen, the key must not be with it.</p>
          <div className="recovery-sheet" aria-hidden="true">
            <h2>IPT Workstation: recovery key</h2>
            <p className="recovery-key">{recoveryKey}</p>
            <p>Made on {formatDate(todayIso())}.</p>
            <p>This key opens your encrypted vault if you forget your passphrase, and opens your backups on a new computer.</p>
            <p>Keep this sheet somewhere safe, away from the computer. Anyone with this key and your vault file can read your records.</p>
          </div>
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
        <form onSubmit={(e) => void confirm.submit(e)} noValidate aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Type your recovery key back</h2>
          <p>This checks that what you wrote down is right. Dashes and capital letters are optional.</p>
          {confirm.formError && <Alert>{confirm.formError}</Alert>}
          <TextField label="Recovery key" {...confirm.register('recoveryKeyTypedBack')} error={confirm.errorAt('recoveryKeyTypedBack')} spellCheck={false} autoFocus />
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
