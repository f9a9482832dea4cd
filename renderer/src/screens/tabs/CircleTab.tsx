import { useState, type FormEvent } from 'react';
import { snapshotCreateSchema, type Circle, type Placement, type SnapshotComparison } from '../../../../shared/schemas/circle.ts';
import { useAutosave } from '../../autosave.ts';
import { Alert } from '../../components/Alert.tsx';
import { CircleLegend, CircleView } from '../../components/CircleView.tsx';
import { SelectField } from '../../components/Controls.tsx';
import { TextField } from '../../components/Field.tsx';
import { formatDate } from '../../format.ts';
import { useContractForm } from '../../form.ts';
import { errorText } from '../../ipt.ts';
import { mutateChannel, useChannel } from '../../query.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';

/** The snapshot form's own fields: the client comes from the screen. */
const snapshotFieldsSchema = snapshotCreateSchema.omit({ clientId: true });

const CHANGE_LABELS: Record<SnapshotComparison['changes'][number]['change'], string> = {
  'moved-closer': 'moved closer',
  'moved-further': 'moved further away',
  'moved-around': 'moved around the same ring',
  added: 'added',
  removed: 'no longer on the circle',
  unchanged: 'did not move',
};

/** The closeness circle: place and move people, save dated snapshots, compare two of them. */
export function CircleTab({ clientId, clientName }: { clientId: string; clientName: string }) {
  const circle = useChannel('circle.get', { clientId });
  const people = useChannel('people.list', { clientId });
  const snapshots = useChannel('circle.snapshots', { clientId });
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The circle as moved here, ahead of the stored one until the pending save lands.
  const [edited, setEdited] = useState<Circle | null>(null);
  // Saves as you move: a drag or a burst of arrow-key nudges is one circle.update (and one audit
  // entry) after a short pause; autosave flushes it before a lock, on leaving the tab and before a snapshot.
  const autosave = useAutosave(
    edited,
    async (next) => {
      if (!next) return null;
      try {
        await mutateChannel('circle.update', { clientId, rings: next.rings, placements: next.placements });
        setError(null);
        // The stored circle (just re-read) shows again, unless the user moved someone meanwhile.
        setEdited((current) => (current === next ? null : current));
        return null;
      } catch (e) {
        // Back to what is stored: the screen never keeps showing a circle that was not saved.
        setEdited(null);
        setError(errorText(e));
        return errorText(e);
      }
    },
    { enabled: edited !== null, delayMs: 500, maxWaitMs: 2000 },
  );
  // Neither kind: a create form (a new snapshot), nothing stored yet.
  const snapshotForm = useContractForm({
    schema: snapshotFieldsSchema,
    defaultValues: { takenOn: todayIso(), label: '' },
    save: async (values) => {
      await autosave.flush();
      return mutateChannel('circle.saveSnapshot', { clientId, ...values });
    },
    savedValues: (snapshot) => ({ takenOn: snapshot.takenOn, label: '' }),
    onSaved: (snapshot) => setAnnouncement(`Snapshot of ${formatDate(snapshot.takenOn)} saved.`),
  });
  const [compareIds, setCompareIds] = useState<{ before: string; after: string }>({ before: '', after: '' });
  const [requested, setRequested] = useState<{ beforeId: string; afterId: string } | null>(null);
  const compared = useChannel('circle.compare', requested ?? { beforeId: '', afterId: '' }, { enabled: requested !== null });
  const comparison: SnapshotComparison | null = requested ? (compared.data ?? null) : null;

  if (circle.error || people.error) return <Alert>{errorText(circle.error ?? people.error)}</Alert>;
  if (!circle.data || !people.data) return <p aria-busy="true">Loading…</p>;
  const c: Circle = edited ?? circle.data;
  const info = people.data.map((p) => ({ id: p.id, name: p.fields.name, role: p.fields.roleNearOnset }));
  const placed = new Set(c.placements.map((p) => p.personId));
  const unplaced = info.filter((p) => !placed.has(p.id));

  function save(rings: 3 | 4, placements: Placement[], message: string) {
    setEdited({ ...c, rings, placements });
    setAnnouncement(message);
  }

  function place(personId: string, name: string) {
    const angle = (c.placements.length * 47) % 360;
    save(c.rings, [...c.placements, { personId, ring: 2, angle }], `${name} placed on ring 2 of ${c.rings}.`);
  }

  function takeOff(personId: string, name: string) {
    save(c.rings, c.placements.filter((p) => p.personId !== personId), `${name} taken off the circle.`);
  }

  function compare(event: FormEvent) {
    event.preventDefault();
    const list = snapshots.data ?? [];
    const beforeId = compareIds.before || list[0]?.id || '';
    const afterId = compareIds.after || list.at(-1)?.id || '';
    setRequested({ beforeId, afterId });
  }

  const snapshotOptions = Object.fromEntries((snapshots.data ?? []).map((s) => [s.id, `${formatDate(s.takenOn)}${s.label ? `: ${s.label}` : ''}`]));
  const moved = comparison ? comparison.changes.filter((ch) => ch.change !== 'unchanged').map((ch) => ch.personId) : [];

  return (
    <div className="circle-tab">
      <section aria-labelledby="circle-heading">
        <div className="section-header">
          <h2 id="circle-heading">Closeness circle</h2>
          <SelectField label="Rings" value={String(c.rings) as '3' | '4'} options={{ '3': '3 rings', '4': '4 rings' }} onChange={(v) => save(Number(v) as 3 | 4, c.placements.map((p) => ({ ...p, ring: Math.min(p.ring, Number(v)) })), `The circle now has ${v} rings.`)} />
        </div>
        <p className="hint">Drag a person to move them, or select them and use the arrow keys: up and down change the ring (ring 1 is closest), left and right move them round.</p>
        {error && <Alert>{error}</Alert>}
        <p className="visually-hidden" aria-live="polite" role="status">
          {announcement}
        </p>
        <div className="circle-layout">
          <CircleView
            centreLabel={clientName}
            rings={c.rings}
            people={info}
            placements={c.placements}
            label={`Closeness circle of ${clientName}, ${c.rings} rings`}
            onMove={(placements, message) => save(c.rings, placements, message)}
          />
          <div>
            <CircleLegend />
            <h3>Not on the circle</h3>
            {unplaced.length === 0 ? (
              <p className="muted">{info.length === 0 ? 'Add people in the inventory first.' : 'Everyone in the inventory is on the circle.'}</p>
            ) : (
              <ul className="plain-list">
                {unplaced.map((p) => (
                  <li key={p.id}>
                    <button type="button" onClick={() => place(p.id, p.name)}>
                      Place {p.name} on the circle
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {c.placements.length > 0 && (
              <>
                <h3>On the circle</h3>
                <ul className="plain-list">
                  {c.placements.map((p) => {
                    const person = info.find((x) => x.id === p.personId);
                    return person ? (
                      <li key={p.personId}>
                        {person.name}: ring {p.ring}{' '}
                        <button type="button" className="link-button" onClick={() => takeOff(p.personId, person.name)}>
                          Take off<span className="visually-hidden"> the circle: {person.name}</span>
                        </button>
                      </li>
                    ) : null;
                  })}
                </ul>
              </>
            )}
          </div>
        </div>
      </section>

      <form onSubmit={snapshotForm.submit} noValidate aria-labelledby="snapshot-heading" className="panel">
        <h2 id="snapshot-heading">Save a snapshot</h2>
        <p className="hint">A snapshot keeps the circle as it is today, with names as they are now, so you can compare the start and end of treatment.</p>
        {snapshotForm.formError && <Alert>{snapshotForm.formError}</Alert>}
        <div className="grid">
          <TextField label="Snapshot date" type="date" {...snapshotForm.register('takenOn')} error={snapshotForm.errorAt('takenOn')} />
          <TextField label="Label (optional)" {...snapshotForm.register('label')} error={snapshotForm.errorAt('label')} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={snapshotForm.form.formState.isSubmitting}>
            Save snapshot
          </button>
        </div>
      </form>

      {(snapshots.data?.length ?? 0) >= 2 && (
        <form onSubmit={compare} noValidate aria-labelledby="compare-heading" className="panel">
          <h2 id="compare-heading">Compare snapshots</h2>
          <div className="grid">
            <SelectField label="Earlier snapshot" value={compareIds.before || snapshots.data![0]!.id} options={snapshotOptions} onChange={(v) => setCompareIds({ ...compareIds, before: v })} />
            <SelectField label="Later snapshot" value={compareIds.after || snapshots.data!.at(-1)!.id} options={snapshotOptions} onChange={(v) => setCompareIds({ ...compareIds, after: v })} />
          </div>
          <div className="actions">
            <button type="submit">Compare</button>
          </div>
          {compared.error && <Alert>{errorText(compared.error)}</Alert>}
          {comparison && (
            <div className="comparison">
              {[comparison.before, comparison.after].map((s) => (
                <figure key={s.id}>
                  <CircleView
                    centreLabel={clientName}
                    rings={s.rings}
                    people={s.entries.map((e) => ({ id: e.personId, name: e.name, role: e.role }))}
                    placements={s.entries.map((e) => ({ personId: e.personId, ring: e.ring, angle: e.angle }))}
                    highlight={moved}
                    size={340}
                    label={`Circle on ${formatDate(s.takenOn)}`}
                  />
                  <figcaption>
                    {formatDate(s.takenOn)}
                    {s.label && `: ${s.label}`}
                  </figcaption>
                </figure>
              ))}
              <ul className="change-list" aria-label="What changed">
                {comparison.changes.map((ch) => (
                  <li key={ch.personId} className={ch.change === 'unchanged' ? 'muted' : ''}>
                    <strong>{ch.name}</strong> {CHANGE_LABELS[ch.change]}
                    {ch.ringBefore !== null && ch.ringAfter !== null && ch.ringBefore !== ch.ringAfter && ` (ring ${ch.ringBefore} → ${ch.ringAfter})`}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </form>
      )}
    </div>
  );
}
