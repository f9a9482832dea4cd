import type { Client } from '../../../shared/schemas/client.ts';
import { ageOn, formatDate, formatDateTime } from '../format.ts';

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

/** The client's record details, read-only. */
export function ClientDetails({ client }: { client: Client }) {
  const f = client.fields;
  const age = ageOn(f.dateOfBirth);
  return (
    <div className="client-detail">
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
    </div>
  );
}
