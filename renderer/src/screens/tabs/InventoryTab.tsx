import { useState, type FormEvent } from 'react';
import {
  CONTACT_FREQUENCY_LABELS,
  ONSET_ROLE_LABELS,
  RELATIONSHIP_LABELS,
} from '../../../../shared/ipt/vocabulary.ts';
import type { Person, PersonFields } from '../../../../shared/schemas/inventory.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxField, NumberField, SelectField } from '../../components/Controls.tsx';
import { TextAreaField, TextField } from '../../components/Field.tsx';
import { useFieldErrors, useResource } from '../../hooks.ts';
import { ipt } from '../../ipt.ts';

const BLANK: PersonFields = {
  name: '', relationship: 'friend', relationshipOther: '', age: null, livesWithClient: false, contactFrequency: 'unset', timeTogether: '', sharedActivities: '',
  values: '', dislikes: '', canTalkAbout: '', cannotTalkAbout: '', knowsAboutDifficulties: 'unset', feelingsWhenTogether: '', argueFrequency: 'unset',
  howArgumentsEnd: '', clientExpectations: '', theirExpectations: '', expectationsMet: 'unset', wishToChange: '', roleNearOnset: 'unset', notes: '',
};

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; person: Person };

/** The interpersonal inventory: one record per important person. */
export function InventoryTab({ clientId }: { clientId: string }) {
  const people = useResource(() => ipt.people.list({ clientId, includeArchived: true }), clientId);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<{ kind: 'error' | 'info' | 'success'; text: string; usedIn?: string[]; person?: Person } | null>(null);

  if (people.error) return <Alert>{people.error.message}</Alert>;
  if (!people.data) return <p aria-busy="true">Loading…</p>;
  const active = people.data.filter((p) => !p.archivedAt);
  const archived = people.data.filter((p) => p.archivedAt);

  async function move(index: number, delta: number) {
    const order = active.map((p) => p.id);
    const [id] = order.splice(index, 1);
    order.splice(index + delta, 0, id!);
    const result = await ipt.people.reorder({ clientId, order: [...order, ...archived.map((p) => p.id)] });
    if (result.ok) people.set(result.value);
    else setNotice({ kind: 'error', text: result.error.message });
  }

  async function remove(person: Person) {
    const result = await ipt.people.remove({ id: person.id });
    if (!result.ok) return setNotice({ kind: 'error', text: result.error.message });
    if (result.value.outcome === 'in-use') {
      return setNotice({ kind: 'info', text: `${person.fields.name} is part of this client’s record, so they cannot be removed. You can archive them instead: they leave the lists and the circle but stay in the record.`, usedIn: result.value.usedIn, person });
    }
    setNotice({ kind: 'success', text: `${person.fields.name} was removed.` });
    await people.reload();
  }

  async function setArchived(person: Person, archived: boolean) {
    const result = archived ? await ipt.people.archive({ id: person.id }) : await ipt.people.restore({ id: person.id });
    if (!result.ok) return setNotice({ kind: 'error', text: result.error.message });
    setNotice({ kind: 'success', text: `${person.fields.name} was ${archived ? 'archived' : 'restored'}.` });
    await people.reload();
  }

  if (editing.kind !== 'none') {
    return (
      <PersonForm
        clientId={clientId}
        person={editing.kind === 'edit' ? editing.person : null}
        onDone={() => {
          setEditing({ kind: 'none' });
          void people.reload();
        }}
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
  const [f, setF] = useState<PersonFields>(person?.fields ?? BLANK);
  const [error, setError] = useState<string | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  const set = (patch: Partial<PersonFields>) => setF({ ...f, ...patch });

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = person ? await ipt.people.update({ id: person.id, expectedUpdatedAt: person.updatedAt, fields: f }) : await ipt.people.create({ clientId, fields: f });
    if (result.ok) return onDone();
    setError(result.error.message);
    setErrors(result.error.fields);
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby="person-heading" className="panel">
      <h2 id="person-heading">{person ? `Edit ${person.fields.name}` : 'Add a person'}</h2>
      {error && <Alert>{error}</Alert>}
      <fieldset>
        <legend>Who they are</legend>
        <div className="grid">
          <TextField label="Name or initials" value={f.name} onChange={(e) => set({ name: e.target.value })} error={errorAt('name')} autoFocus />
          <SelectField label="Relationship" value={f.relationship} options={RELATIONSHIP_LABELS} onChange={(v) => set({ relationship: v })} />
          {f.relationship === 'other' && <TextField label="Relationship, in words" value={f.relationshipOther} onChange={(e) => set({ relationshipOther: e.target.value })} />}
          <NumberField label="Age" value={f.age} onChange={(v) => set({ age: v })} min={0} max={120} error={errorAt('age')} />
          <SelectField label="Role near the onset" value={f.roleNearOnset} options={ONSET_ROLE_LABELS} onChange={(v) => set({ roleNearOnset: v })} />
        </div>
        <CheckboxField label="Lives with the client" checked={f.livesWithClient} onChange={(v) => set({ livesWithClient: v })} />
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <div className="grid">
          <SelectField label="How often in contact" value={f.contactFrequency} options={CONTACT_FREQUENCY_LABELS} onChange={(v) => set({ contactFrequency: v })} />
          <TextField label="Time together" value={f.timeTogether} onChange={(e) => set({ timeTogether: e.target.value })} />
        </div>
        <TextAreaField label="Shared activities" value={f.sharedActivities} onChange={(e) => set({ sharedActivities: e.target.value })} />
      </fieldset>
      <fieldset>
        <legend>The relationship</legend>
        <div className="grid">
          <TextAreaField label="What the client values about them" value={f.values} onChange={(e) => set({ values: e.target.value })} />
          <TextAreaField label="What the client dislikes" value={f.dislikes} onChange={(e) => set({ dislikes: e.target.value })} />
          <TextAreaField label="What can be talked about" value={f.canTalkAbout} onChange={(e) => set({ canTalkAbout: e.target.value })} />
          <TextAreaField label="What cannot be talked about" value={f.cannotTalkAbout} onChange={(e) => set({ cannotTalkAbout: e.target.value })} />
        </div>
        <div className="grid">
          <SelectField label="Knows about the client’s difficulties" value={f.knowsAboutDifficulties} options={{ unset: 'Not recorded', yes: 'Yes', no: 'No', unsure: 'Not sure' }} onChange={(v) => set({ knowsAboutDifficulties: v })} />
          <SelectField label="How often they argue" value={f.argueFrequency} options={{ unset: 'Not recorded', never: 'Never', rarely: 'Rarely', sometimes: 'Sometimes', often: 'Often' }} onChange={(v) => set({ argueFrequency: v })} />
        </div>
        <TextAreaField label="Feelings when together" value={f.feelingsWhenTogether} onChange={(e) => set({ feelingsWhenTogether: e.target.value })} />
        <TextAreaField label="How arguments end" value={f.howArgumentsEnd} onChange={(e) => set({ howArgumentsEnd: e.target.value })} />
      </fieldset>
      <fieldset>
        <legend>Expectations and change</legend>
        <div className="grid">
          <TextAreaField label="What the client expects of them" value={f.clientExpectations} onChange={(e) => set({ clientExpectations: e.target.value })} />
          <TextAreaField label="What they expect of the client" value={f.theirExpectations} onChange={(e) => set({ theirExpectations: e.target.value })} />
        </div>
        <SelectField label="Are the expectations met?" value={f.expectationsMet} options={{ unset: 'Not recorded', met: 'Met', partly: 'Partly', not_met: 'Not met' }} onChange={(v) => set({ expectationsMet: v })} />
        <TextAreaField label="What the client would like to change" value={f.wishToChange} onChange={(e) => set({ wishToChange: e.target.value })} />
        <TextAreaField label="Notes" value={f.notes} onChange={(e) => set({ notes: e.target.value })} />
      </fieldset>
      <div className="actions sticky-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {person ? 'Save changes' : 'Add to inventory'}
        </button>
      </div>
    </form>
  );
}
