import { useState, type FormEvent } from 'react';
import { instrument } from '../../../shared/ipt/instruments.ts';
import type { ClientModeDraft } from '../../../shared/schemas/measures.ts';
import { Alert } from '../components/Alert.tsx';
import { TextField } from '../components/Field.tsx';
import { Questionnaire, type Answer } from '../components/Questionnaire.tsx';
import { describeSaveState, useAutosave } from '../autosave.ts';
import { useResource } from '../hooks.ts';
import { ipt, errorText } from '../ipt.ts';

export interface ClientModeResult {
  clientId: string;
  alerts: { administrationId: string; instrumentId: 'phq9' | 'gad7'; riskItemAnswer: number }[];
}

/**
 * What the client sees: the questionnaire and nothing else. No name, no menu, no alert.
 * The therapist ends it with the passphrase.
 */
export function ClientModeScreen({ onEnded }: { onEnded: (result: ClientModeResult) => void }) {
  const view = useResource(() => ipt.clientMode.view({}), 'client-mode');
  if (view.error) return <Alert>{view.error.message}</Alert>;
  if (!view.data) return <p aria-busy="true">Loading…</p>;
  return (
    <main className="client-mode" aria-labelledby="cm-heading">
      <h1 id="cm-heading">{view.data.submitted ? 'Thank you' : 'Questionnaire'}</h1>
      {view.data.submitted ? (
        <p className="big-line">Thank you for filling this in. Please hand the laptop back to your therapist.</p>
      ) : (
        <ClientForm initial={view.data.draft} instruments={view.data.instruments} onSubmitted={() => void view.reload()} />
      )}
      <TherapistExit onEnded={onEnded} />
    </main>
  );
}

function ClientForm({ initial, instruments, onSubmitted }: { initial: ClientModeDraft; instruments: ('phq9' | 'gad7')[]; onSubmitted: () => void }) {
  const [draft, setDraft] = useState<ClientModeDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const autosave = useAutosave(draft, async (d) => {
    const result = await ipt.clientMode.saveDraft(d);
    return result.ok ? null : result.error.message;
  }, { enabled: true });

  async function submit(event: FormEvent) {
    event.preventDefault();
    await autosave.flush();
    const result = await ipt.clientMode.submit({});
    if (!result.ok) return setError(errorText(result.error));
    onSubmitted();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Questionnaire">
      <p>Please choose one answer for each question. There are no right or wrong answers.</p>
      {instruments.map((id) => {
        const def = instrument(id);
        return (
          <Questionnaire
            key={id}
            def={def}
            answers={(draft.answers[id] ?? def.items.map(() => null)) as Answer[]}
            difficulty={(draft.difficulty[id] ?? null) as Answer}
            onAnswers={(answers) => setDraft((d) => ({ ...d, answers: { ...d.answers, [id]: answers } }))}
            onDifficulty={(value) => setDraft((d) => ({ ...d, difficulty: { ...d.difficulty, [id]: value } }))}
          />
        );
      })}
      {error && <Alert>{error}</Alert>}
      <p role="status" className="save-state">
        {describeSaveState(autosave.state)}
      </p>
      <div className="actions">
        <button type="submit" className="primary">
          I have finished
        </button>
      </div>
    </form>
  );
}

function TherapistExit({ onEnded }: { onEnded: (result: ClientModeResult) => void }) {
  const [open, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function exit(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.clientMode.exit({ passphrase });
    setPassphrase('');
    if (!result.ok) return setError(result.error.message);
    onEnded({ clientId: result.value.clientId, alerts: result.value.alerts });
  }
  return (
    <div className="therapist-exit">
      {!open ? (
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          For the therapist: end the questionnaire
        </button>
      ) : (
        <form onSubmit={exit} noValidate aria-label="End the questionnaire">
          {error && <Alert>{error}</Alert>}
          <TextField label="Therapist’s passphrase" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
          <div className="actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="primary">
              End and return to the record
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
