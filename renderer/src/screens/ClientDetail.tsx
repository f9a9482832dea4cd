import { useCallback, useEffect, useState } from 'react';
import type { Client } from '../../../shared/schemas/client.ts';
import { Alert } from '../components/Alert.tsx';
import { ageOn, formatDate, formatDateTime } from '../format.ts';
import { ipt } from '../ipt.ts';

const CONSENT_LABEL = { unset: 'Not asked yet', yes: 'Yes', no: 'No' } as const;

function Row({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** One client's record, read-only, with edit, archive and restore. */
export function ClientDetail({ id, onEdit, onChanged }: { id: string; onEdit: () => void; onChanged: () => void }) {
  const [client, setClient] = useState<Client | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await ipt.clients.get({ id });
    if (result.ok) setClient(result.value);
    else setError(result.error.message);
  }, [id]);

  useEffect(() => {
    // Fetching the selected record is this effect's job.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  async function setArchived(archived: boolean) {
    const result = archived ? await ipt.clients.archive({ id }) : await ipt.clients.restore({ id });
    if (result.ok) {
      setClient(result.value);
      onChanged();
    } else setError(result.error.message);
  }

  if (error) return <Alert>{error}</Alert>;
  if (!client) return <p aria-busy="true">Loading…</p>;
  const f = client.fields;
  const age = ageOn(f.dateOfBirth);

  return (
    <article aria-labelledby="client-heading" className="client-detail">
      <div className="detail-header">
        <h1 id="client-heading">
          {f.fullName}
          {f.preferredName && <span className="muted"> ({f.preferredName})</span>}
        </h1>
        <div className="actions">
          <button type="button" onClick={onEdit} disabled={client.archivedAt !== null}>
            Edit
          </button>
          {client.archivedAt === null ? (
            <button type="button" onClick={() => void setArchived(true)}>
              Archive
            </button>
          ) : (
            <button type="button" onClick={() => void setArchived(false)}>
              Restore
            </button>
          )}
        </div>
      </div>
      {client.archivedAt && <Alert kind="info">Archived on {formatDateTime(client.archivedAt)}. Restore the client to make changes.</Alert>}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <dl>
          <Row label="Date of birth" value={`${formatDate(f.dateOfBirth)}${age !== null ? ` (age ${age})` : ''}`} />
          <Row label="Pronouns" value={f.pronouns} />
          <Row label="Phone" value={f.phone} />
          <Row label="Email" value={f.email} />
          <Row label="Address" value={f.address} />
          {f.identifiers.map((identifier, i) => (
            <Row key={i} label={identifier.type} value={identifier.value} />
          ))}
          <Row label="Date of death" value={formatDate(f.dateOfDeath)} />
        </dl>
      </section>
      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">Contacts</h2>
        <dl>
          <Row label="Emergency contact" value={[f.emergencyContact.name, f.emergencyContact.relationship, f.emergencyContact.phone].filter(Boolean).join(', ')} />
          <Row label="GP or referrer" value={[f.referrer.name, f.referrer.practice].filter(Boolean).join(', ')} />
          <Row label="GP address" value={f.referrer.address} />
          <Row label="GP email" value={f.referrer.email} />
          <Row label="Consent to contact the GP" value={`${CONSENT_LABEL[f.gpConsent]}${f.gpConsentDate ? ` (${formatDate(f.gpConsentDate)})` : ''}`} />
        </dl>
      </section>
      {f.presentingProblem && (
        <section aria-labelledby="problem-heading">
          <h2 id="problem-heading">Presenting problem</h2>
          <p className="prewrap">{f.presentingProblem}</p>
        </section>
      )}
      <p className="muted small">
        Added {formatDateTime(client.createdAt)} · last changed {formatDateTime(client.updatedAt)}
      </p>
    </article>
  );
}
