import { useFieldArray } from 'react-hook-form';
import { clientInputSchema, type Client, type ClientFields, type ClientInput } from '../../../shared/schemas/client.ts';
import { Alert } from '../components/Alert.tsx';
import { FieldShell, TextAreaField, TextField } from '../components/Field.tsx';
import { useContractForm } from '../form.ts';
import { errorText } from '../ipt.ts';
import { mutateChannel, useChannel } from '../query.ts';

const EMPTY: ClientFields = clientInputSchema.parse({ fullName: 'x', dateOfBirth: '2000-01-01' });
const BLANK: ClientInput = { ...EMPTY, fullName: '', dateOfBirth: '' };

/** Create or edit a client. The same schema checks here and again in main. */
export function ClientForm({ id, onSaved, onCancel }: { id?: string; onSaved: (client: Client) => void; onCancel: () => void }) {
  const client = useChannel('clients.get', { id: id ?? '' }, { enabled: Boolean(id) });
  if (id && client.error) return <Alert>{errorText(client.error)}</Alert>;
  if (id && !client.data) return <p aria-busy="true">Loading…</p>;
  // The form mounts once the record is here, so its stored values are its starting point.
  return <ClientFormBody loaded={id ? client.data! : null} onSaved={onSaved} onCancel={onCancel} />;
}

function ClientFormBody({ loaded, onSaved, onCancel }: { loaded: Client | null; onSaved: (client: Client) => void; onCancel: () => void }) {
  const id = loaded?.id;
  // keep: explicit Save, since a half-typed date or email is not a valid record yet; edits survive leaving the form.
  const f = useContractForm({
    schema: clientInputSchema,
    defaultValues: loaded?.fields ?? BLANK,
    save: (fields) => (loaded ? mutateChannel('clients.update', { id: loaded.id, expectedUpdatedAt: loaded.updatedAt, fields }) : mutateChannel('clients.create', { fields })),
    savedValues: (client) => client.fields,
    onSaved,
    fieldPrefix: 'fields.',
    keep: { formId: 'client', recordId: loaded?.id ?? 'new', label: loaded ? `the details of ${loaded.fields.fullName}` : 'the new client' },
  });
  const { register, form, formError } = f;
  const identifiers = useFieldArray({ control: form.control, name: 'identifiers' });
  const save = f.submit;
  const formState = form.formState;

  const e = f.errorAt;
  const title = id ? 'Edit client' : 'New client';

  return (
    <form onSubmit={save} noValidate aria-labelledby="client-form-heading" className="client-form">
      <h1 id="client-form-heading">{title}</h1>
      {formError && <Alert>{formError}</Alert>}
      {f.restored && <Alert kind="info">Your unsaved changes from before are back. Save them, or cancel to discard them.</Alert>}
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
        <button
          type="button"
          onClick={() => {
            f.discard();
            onCancel();
          }}
        >
          Cancel
        </button>
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving…' : id ? 'Save changes' : 'Save client'}
        </button>
      </div>
    </form>
  );
}
