import { useEffect, useRef, useState, type FormEvent } from 'react';
import { instrument } from '../../../shared/ipt/instruments.ts';
import { clientModeExitSchema, type ClientModeDraft } from '../../../shared/schemas/measures.ts';
import { Alert } from '../components/Alert.tsx';
import { TextField } from '../components/Field.tsx';
import { Questionnaire, type Answer } from '../components/Questionnaire.tsx';
import { describeSaveState, useAutosave } from '../autosave.ts';
import { useContractForm } from '../form.ts';
import { errorText } from '../ipt.ts';
import { mutateChannel, useChannel, useChannelMutation } from '../query.ts';

export interface ClientModeResult {
  clientId: string;
  alerts: { administrationId: string; instrumentId: 'phq9' | 'gad7'; riskItemAnswer: number }[];
}

/**
 * What the client sees: the questionnaire and nothing else. No name, no menu, no alert.
 * The therapist ends it with the passphrase.
 */
export function ClientModeScreen({ onEnded }: { onEnded: (result: ClientModeResult) => void }) {
  // Not kept after the screen goes: the next client mode must not open on this one's answers.
  const view = useChannel('clientMode.view', {}, { gcTime: 0, staleTime: 0 });
  if (view.error) return <Alert>{errorText(view.error)}</Alert>;
  if (!view.data) return <p aria-busy="true">Loading…</p>;
  return (
    <main className="client-mode" aria-labelledby="cm-heading">
      <h1 id="cm-heading">{view.data.submitted ? 'Thank you' : 'Questionnaire'}</h1>
      {view.data.submitted ? (
        <p className="big-line">Thank you for filling this in. Please hand the laptop back to your therapist.</p>
      ) : (
        <ClientForm initial={view.data.draft} instruments={view.data.instruments} />
      )}
      <TherapistExit onEnded={onEnded} />
    </main>
  );
}

function ClientForm({ initial, instruments }: { initial: ClientModeDraft; instruments: ('phq9' | 'gad7')[] }) {
  // autosave: the client's answers are saved as they are given (every half-filled state is valid),
  // so nothing is lost if the laptop locks. The view it refetches does not reset this form.
  const [draft, setDraft] = useState<ClientModeDraft>(initial);
  const autosave = useAutosave(
    draft,
    async (d) => {
      try {
        await mutateChannel('clientMode.saveDraft', d);
        return null;
      } catch (failure) {
        return errorText(failure);
      }
    },
    { enabled: true },
  );
  // Submitting refetches the view (the 'clientMode' group), which then says thank you.
  const finish = useChannelMutation('clientMode.submit');

  async function submit(event: FormEvent) {
    event.preventDefault();
    await autosave.flush();
    finish.mutate({});
  }
  const error = finish.error ? errorText(finish.error) : null;

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

const exitSchema = clientModeExitSchema;

function TherapistExit({ onEnded }: { onEnded: (result: ClientModeResult) => void }) {
  const [open, setOpen] = useState(false);
  const clear = useRef<() => void>(() => undefined);
  // Neither kind: a passphrase is never kept; it is cleared after every try.
  const exit = useContractForm({
    schema: exitSchema,
    defaultValues: { passphrase: '' },
    save: async (values) => {
      try {
        return await mutateChannel('clientMode.exit', values);
      } finally {
        clear.current();
      }
    },
    savedValues: () => ({ passphrase: '' }),
    onSaved: (result) => onEnded({ clientId: result.clientId, alerts: result.alerts }),
  });
  useEffect(() => {
    clear.current = () => exit.form.setValue('passphrase', '');
  });
  return (
    <div className="therapist-exit">
      {!open ? (
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          For the therapist: end the questionnaire
        </button>
      ) : (
        <form onSubmit={(e) => void exit.submit(e)} noValidate aria-label="End the questionnaire">
          {exit.formError && <Alert>{exit.formError}</Alert>}
          <TextField label="Therapist’s passphrase" type="password" {...exit.register('passphrase')} error={exit.errorAt('passphrase')} autoFocus />
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                exit.discard();
                setOpen(false);
              }}
            >
              Cancel
            </button>
            <button type="submit" className="primary" disabled={exit.form.formState.isSubmitting}>
              End and return to the record
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
