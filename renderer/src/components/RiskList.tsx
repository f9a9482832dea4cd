import { useState, type FormEvent } from 'react';
import type { RiskRecord } from '../../../shared/schemas/note.ts';
import { formatDateTime } from '../format.ts';
import { ipt, errorText } from '../ipt.ts';
import { Alert } from './Alert.tsx';
import { TextAreaField } from './Field.tsx';

/** Open risk records, each with a form to record the assessment that closes it. */
export function RiskList({ risks, onAssessed }: { risks: RiskRecord[]; onAssessed: () => void }) {
  if (risks.length === 0) return null;
  return (
    <section aria-labelledby="risks-heading" className="panel risk-panel">
      <h2 id="risks-heading">Risk assessment needed</h2>
      {risks.map((r) => (
        <RiskForm key={r.id} risk={r} onAssessed={onAssessed} />
      ))}
    </section>
  );
}

function RiskForm({ risk, onAssessed }: { risk: RiskRecord; onAssessed: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.risks.assess({ id: risk.id, assessment: text });
    if (!result.ok) return setError(errorText(result.error));
    onAssessed();
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Record a risk assessment" className="subform">
      <p>
        <strong>{risk.detail}</strong> Opened {formatDateTime(risk.openedAt)}. It stays open until you record an assessment.
      </p>
      {error && <Alert>{error}</Alert>}
      <TextAreaField label="Risk assessment" value={text} onChange={(e) => setText(e.target.value)} rows={4} />
      <div className="actions">
        <button type="submit" className="primary">
          Record assessment
        </button>
      </div>
    </form>
  );
}
