import { useState } from 'react';
import {
  CONTACT_FREQUENCY_LABELS,
  ONSET_ROLE_LABELS,
  RELATIONSHIP_LABELS,
} from '../../../../shared/ipt/vocabulary.ts';
import { personFieldsSchema, type Person, type PersonInput } from '../../../../shared/schemas/inventory.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxField, NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { useContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { mutateChannel, useChannel, useChannelMutation } from '../../query.ts';

const BLANK: PersonInput = {
  name: '', relationship: 'friend', relationshipOther: '', age: null, livesWithClient: false, contactFrequency: 'unset', timeTogether: '', sharedActivities: '',
  values: '', dislikes: '', canTalkAbout: '', cannotTalkAbout: '', knowsAboutDifficulties: 'unset', feelingsWhenTogether: '', argueFrequency: 'unset',
  howArgumentsEnd: '', clientExpectations: '', theirExpectations: '', expectationsMet: 'unset', wishToChange: '', roleNearOnset: 'unset', notes: '',
};

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; person: Person };

/** The interpersonal inventory: one record per important person. */
export function InventoryTab({ clientId }: { clientId: string }) {
  const people = useChannel('people.list', { clientId, includeArchived: true });
  const reorder = useChannelMutation('people.reorder');
  const removePerson = useChannelMutation('people.remove');
  const archivePerson = useChannelMutation('people.archive');
  const restorePerson = useChannelMutation('people.restore');
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<{ kind: 'error' | 'info' | 'success'; text: string; usedIn?: string[]; person?: Person } | null>(null);

  if (people.error) return <Alert>{errorText(people.error)}</Alert>;
  if (!people.data) return <p aria-busy="true">Loading…</p>;
  const active = people.data.filter((p) => !p.archivedAt);
  const archived = people.data.filter((p) => p.archivedAt);

  async function move(index: number, delta: number) {
    const order = active.map((p) => p.id);
    const [id] = order.splice(index, 1);
    order.splice(index + delta, 0, id!);
    try {
      await reorder.mutateAsync({ clientId, order: [...order, ...archived.map((p) => p.id)] });
    } catch (error) {
      setNotice({ kind: 'error', text: errorText(error) });
    }
  }

  async function remove(person: Person) {
    let result;
    try {
      result = await removePerson.mutateAsync({ id: person.id });
    } catch (error) {
      return setNotice({ kind: 'error', text: errorText(error) });
    }
    if (result.outcome === 'in-use') {
      return setNotice({ kind: 'info', text: `${person.fields.name} is part of this client’s record, so they cannot be removed. You can archive them instead: they leave the lists and the circle but stay in the record.`, usedIn: result.usedIn, person });
    }
    setNotice({ kind: 'success', text: `${person.fields.name} was removed.` });
  }

  async function setArchived(person: Person, archived: boolean) {
    try {
      await (archived ? archivePerson : restorePerson).mutateAsync({ id: person.id });
    } catch (error) {
      return setNotice({ kind: 'error', text: errorText(error) });
    }
    setNotice({ kind: 'success', text: `${person.fields.name} was ${archived ? 'archived' : 'restored'}.` });
  }

  if (editing.kind !== 'none') {
    return (
      <PersonForm
        clientId={clientId}
        person={editing.kind === 'edit' ? editing.person : null}
        onDone={() => setEditing({ kind: 'none' })}
      />
    );
  }

  return (
    <section aria-labelledby="inventory-heading">
      <div className="section-header">
        <h2 id="inventory-heading">Interpersonal inventory</h2>
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
          Add a person
        </button>
      </div>
      {notice && (
        <Alert kind={notice.kind}>
          <p>{notice.text}</p>
          {notice.usedIn && (
            <>
              <p>Used in:</p>
              <ul>
                {notice.usedIn.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
              <button type="button" onClick={() => void setArchived(notice.person!, true)}>
                Archive {notice.person!.fields.name}
              </button>
            </>
          )}
        </Alert>
      )}
      {active.length === 0 ? (
        <p className="muted">No one in the inventory yet. Add the people who matter in the client’s life, past and present.</p>
      ) : (
        <ol className="people-list">
          {active.map((p, i) => (
            <li key={p.id}>
              <div>
                <strong>{p.fields.name}</strong>{' '}
                <span className="muted">
                  {p.fields.relationship === 'other' && p.fields.relationshipOther ? p.fields.relationshipOther : RELATIONSHIP_LABELS[p.fields.relationship]}
                  {' · '}
                  {ONSET_ROLE_LABELS[p.fields.roleNearOnset]}
                  {p.fields.contactFrequency !== 'unset' && ` · ${CONTACT_FREQUENCY_LABELS[p.fields.contactFrequency]}`}
                </span>
              </div>
              <div className="row-actions">
                <button type="button" onClick={() => void move(i, -1)} disabled={i === 0} aria-label={`Move ${p.fields.name} up`}>
                  ↑
                </button>
                <button type="button" onClick={() => void move(i, 1)} disabled={i === active.length - 1} aria-label={`Move ${p.fields.name} down`}>
                  ↓
                </button>
                <button type="button" onClick={() => setEditing({ kind: 'edit', person: p })} aria-label={`Edit ${p.fields.name}`}>
                  Edit
                </button>
                <button type="button" onClick={() => void remove(p)} aria-label={`Remove ${p.fields.name}`}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {archived.length > 0 && (
        <details>
          <summary>Archived people ({archived.length})</summary>
          <ul className="people-list">
            {archived.map((p) => (
              <li key={p.id}>
                <span>{p.fields.name}</span>
                <button type="button" onClick={() => void setArchived(p, false)} aria-label={`Restore ${p.fields.name}`}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function PersonForm({ clientId, person, onDone }: { clientId: string; person: Person | null; onDone: () => void }) {
  // keep: explicit Save, since a person is only valid once named and a choice ("other") reshapes the form; edits survive leaving it.
  const f = useContractForm({
    schema: personFieldsSchema,
    defaultValues: person?.fields ?? BLANK,
    save: (fields) => (person ? mutateChannel('people.update', { id: person.id, expectedUpdatedAt: person.updatedAt, fields }) : mutateChannel('people.create', { clientId, fields })),
    savedValues: (saved) => saved.fields,
    onSaved: onDone,
    fieldPrefix: 'fields.',
    keep: { formId: 'person', recordId: person?.id ?? `new:${clientId}`, label: person ? `the inventory entry for ${person.fields.name}` : 'the new person in the inventory' },
  });
  const { register, bind, errorAt, formError } = f;
  const relationship = bind('relationship');
  const age = bind('age');
  const livesWith = bind('livesWithClient');
  const contact = bind('contactFrequency');
  const knows = bind('knowsAboutDifficulties');
  const argue = bind('argueFrequency');
  const met = bind('expectationsMet');
  const role = bind('roleNearOnset');

  return (
    <form onSubmit={f.submit} noValidate aria-labelledby="person-heading" className="panel">
      <h2 id="person-heading">{person ? `Edit ${person.fields.name}` : 'Add a person'}</h2>
      {formError && <Alert>{formError}</Alert>}
      {f.restored && <Alert kind="info">Your unsaved changes from before are back. Save them, or cancel to discard them.</Alert>}
      <fieldset>
        <legend>Who they are</legend>
        <div className="grid">
          <TextField label="Name or initials" {...register('name')} error={errorAt('name')} autoFocus />
          <SelectField label="Relationship" value={relationship.value} options={RELATIONSHIP_LABELS} onChange={relationship.onChange} error={relationship.error} />
          {relationship.value === 'other' && <TextField label="Relationship, in words" {...register('relationshipOther')} error={errorAt('relationshipOther')} />}
          <NumberField label="Age" value={age.value ?? null} onChange={age.onChange} min={0} max={120} error={age.error} />
          <SelectField label="Role near the onset" value={role.value ?? 'unset'} options={ONSET_ROLE_LABELS} onChange={role.onChange} error={role.error} />
        </div>
        <CheckboxField label="Lives with the client" checked={livesWith.value ?? false} onChange={livesWith.onChange} />
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <div className="grid">
          <SelectField label="How often in contact" value={contact.value ?? 'unset'} options={CONTACT_FREQUENCY_LABELS} onChange={contact.onChange} error={contact.error} />
          <TextField label="Time together" {...register('timeTogether')} error={errorAt('timeTogether')} />
        </div>
        <TextAreaField label="Shared activities" {...register('sharedActivities')} error={errorAt('sharedActivities')} />
      </fieldset>
      <fieldset>
        <legend>The relationship</legend>
        <div className="grid">
          <TextAreaField label="What the client values about them" {...register('values')} error={errorAt('values')} />
          <TextAreaField label="What the client dislikes" {...register('dislikes')} error={errorAt('dislikes')} />
          <TextAreaField label="What can be talked about" {...register('canTalkAbout')} error={errorAt('canTalkAbout')} />
          <TextAreaField label="What cannot be talked about" {...register('cannotTalkAbout')} error={errorAt('cannotTalkAbout')} />
        </div>
        <div className="grid">
          <SelectField label="Knows about the client’s difficulties" value={knows.value ?? 'unset'} options={{ unset: 'Not recorded', yes: 'Yes', no: 'No', unsure: 'Not sure' }} onChange={knows.onChange} error={knows.error} />
          <SelectField label="How often they argue" value={argue.value ?? 'unset'} options={{ unset: 'Not recorded', never: 'Never', rarely: 'Rarely', sometimes: 'Sometimes', often: 'Often' }} onChange={argue.onChange} error={argue.error} />
        </div>
        <TextAreaField label="Feelings when together" {...register('feelingsWhenTogether')} error={errorAt('feelingsWhenTogether')} />
        <TextAreaField label="How arguments end" {...register('howArgumentsEnd')} error={errorAt('howArgumentsEnd')} />
      </fieldset>
      <fieldset>
        <legend>Expectations and change</legend>
        <div className="grid">
          <TextAreaField label="What the client expects of them" {...register('clientExpectations')} error={errorAt('clientExpectations')} />
          <TextAreaField label="What they expect of the client" {...register('theirExpectations')} error={errorAt('theirExpectations')} />
        </div>
        <SelectField label="Are the expectations met?" value={met.value ?? 'unset'} options={{ unset: 'Not recorded', met: 'Met', partly: 'Partly', not_met: 'Not met' }} onChange={met.onChange} error={met.error} />
        <TextAreaField label="What the client would like to change" {...register('wishToChange')} error={errorAt('wishToChange')} />
        <TextAreaField label="Notes" {...register('notes')} error={errorAt('notes')} />
      </fieldset>
      <div className="actions sticky-actions">
        <button
          type="button"
          onClick={() => {
            f.discard();
            onDone();
          }}
        >
          Cancel
        </button>
        <button type="submit" className="primary" disabled={f.form.formState.isSubmitting}>
          {person ? 'Save changes' : 'Add to inventory'}
        </button>
      </div>
    </form>
  );
}
