import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm, type FieldErrors as FormErrors, type Path } from 'react-hook-form';
import { clientInputSchema, type Client, type ClientFields, type ClientInput } from '../../../shared/schemas/client.ts';
import { Alert } from '../components/Alert.tsx';
import { FieldShell, TextAreaField, TextField } from '../components/Field.tsx';
import { ipt } from '../ipt.ts';

const EMPTY: ClientFields = clientInputSchema.parse({ fullName: 'x', dateOfBirth: '2000-01-01' });
const BLANK: ClientInput = { ...EMPTY, fullName: '', dateOfBirth: '' };

function errorAt(errors: FormErrors<ClientInput>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** Create or edit a client. The same schema checks here and again in main. */
export function ClientForm({ id, onSaved, onCancel }: { id?: string; onSaved: (client: Client) => void; onCancel: () => void }) {
  const [loaded, setLoaded] = useState<Client | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ClientInput, unknown, ClientFields>({
    resolver: zodResolver(clientInputSchema),
    defaultValues: BLANK,
    mode: 'onBlur',
  });
  const { register, handleSubmit, reset, setError, formState } = form;
  const identifiers = useFieldArray({ control: form.control, name: 'identifiers' });

  useEffect(() => {
    if (!id) return;
    void ipt.clients.get({ id }).then((result) => {
      if (result.ok) {
        setLoaded(result.value);
        reset(result.value.fields);
      } else setFormError(result.error.message);
    });
  }, [id, reset]);

  const save = handleSubmit(async (fields) => {
    setFormError(null);
    const result = loaded
      ? await ipt.clients.update({ id: loaded.id, expectedUpdatedAt: loaded.updatedAt, fields })
      : await ipt.clients.create({ fields });
    if (result.ok) return onSaved(result.value);
    setFormError(result.error.message);
    for (const [path, message] of Object.entries(result.error.fields ?? {})) {
      setError(path.replace(/^fields\./, '') as Path<ClientInput>, { message });
    }
  });

  const e = (path: string) => errorAt(formState.errors, path);
  const title = id ? 'Edit client' : 'New client';

  return (
    <form onSubmit={save} noValidate aria-labelledby="client-form-heading" className="client-form">
      <h1 id="client-form-heading">{title}</h1>
      {formError && <Alert>{formError}</Alert>}
      <fieldset>
        <legend>About the client</legend>
        <div className="grid">
          <TextField label="Full name (required)" {...register('fullName')} error={e('fullName')} autoFocus />
          <TextField label="Preferred name" {...register('preferredName')} error={e('preferredName')} />
          <TextField label="Date of birth (required)" type="date" {...register('dateOfBirth')} error={e('dateOfBirth')} />
          <TextField label="Pronouns" {...register('pronouns')} error={e('pronouns')} />
          <TextField label="Phone" type="tel" {...register('phone')} error={e('phone')} />
          <TextField label="Email" type="email" {...register('email')} error={e('email')} />
        </div>
        <TextAreaField label="Postal address" {...register('address')} error={e('address')} />
      </fieldset>

      <fieldset>
        <legend>Identifiers</legend>
        {identifiers.fields.length === 0 && <p className="hint">For example an NHS number or an insurance id.</p>}
        {identifiers.fields.map((field, index) => (
          <div className="grid identifier" key={field.id}>
            <TextField label={`Identifier ${index + 1}: kind`} {...register(`identifiers.${index}.type`)} error={e(`identifiers.${index}.type`)} />
            <TextField label={`Identifier ${index + 1}: value`} {...register(`identifiers.${index}.value`)} error={e(`identifiers.${index}.value`)} />
            <button type="button" onClick={() => identifiers.remove(index)}>
              Remove identifier {index + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => identifiers.append({ type: '', value: '' })}>
          Add an identifier
        </button>
      </fieldset>

      <fieldset>
        <legend>Emergency contact</legend>
        <div className="grid">
          <TextField label="Contact name" {...register('emergencyContact.name')} error={e('emergencyContact.name')} />
          <TextField label="Relationship" {...register('emergencyContact.relationship')} error={e('emergencyContact.relationship')} />
          <TextField label="Contact phone" type="tel" {...register('emergencyContact.phone')} error={e('emergencyContact.phone')} />
        </div>
      </fieldset>

      <fieldset>
        <legend>GP or referrer</legend>
        <div className="grid">
          <TextField label="GP or referrer name" {...register('referrer.name')} error={e('referrer.name')} />
          <TextField label="Practice" {...register('referrer.practice')} error={e('referrer.practice')} />
          <TextField label="GP or referrer email" type="email" {...register('referrer.email')} error={e('referrer.email')} />
        </div>
        <TextAreaField label="Practice address" {...register('referrer.address')} error={e('referrer.address')} />
        <div className="grid">
          <FieldShell label="Consent to contact the GP" error={e('gpConsent')}>
            {({ id: fieldId, describedBy }) => (
              <select id={fieldId} aria-describedby={describedBy} {...register('gpConsent')}>
                <option value="unset">Not asked yet</option>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
            )}
          </FieldShell>
          <TextField label="Date consent was recorded" type="date" {...register('gpConsentDate')} error={e('gpConsentDate')} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Clinical</legend>
        <TextAreaField label="Presenting problem" rows={5} {...register('presentingProblem')} error={e('presentingProblem')} />
        <TextField
          label="Date of death"
          type="date"
          {...register('dateOfDeath')}
          error={e('dateOfDeath')}
          hint="Only if the client has died. It affects how long records are kept."
        />
      </fieldset>

      <div className="actions sticky-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving…' : id ? 'Save changes' : 'Save client'}
        </button>
      </div>
    </form>
  );
}
