import { contract } from '../../../shared/contract.ts';
import type { RiskRecord } from '../../../shared/schemas/note.ts';
import { useContractForm } from '../form.ts';
import { formatDateTime } from '../format.ts';
import { mutateChannel } from '../query.ts';
import { Alert } from './Alert.tsx';
import { TextAreaField } from './Field.tsx';

const assessSchema = contract['risks.assess'].input.pick({ assessment: true });

/**
 * Open risk records, each with a form to record the assessment that closes it. Recording one
 * invalidates risks, clients (overview) and notes (contract), so every screen showing it updates;
 * `onAssessed` is for anything else the caller wants to do.
 */
export function RiskList({ risks, onAssessed, onSafetyPlan }: { risks: RiskRecord[]; onAssessed?: () => void; onSafetyPlan?: (riskId: string) => void }) {
  if (risks.length === 0) return null;
  return (
    <section aria-labelledby="risks-heading" className="panel risk-panel">
      <h2 id="risks-heading">Risk assessment needed</h2>
      {risks.map((r) => (
        <RiskForm key={r.id} risk={r} onAssessed={onAssessed} onSafetyPlan={onSafetyPlan} />
      ))}
    </section>
  );
}

function RiskForm({ risk, onAssessed, onSafetyPlan }: { risk: RiskRecord; onAssessed: (() => void) | undefined; onSafetyPlan: ((riskId: string) => void) | undefined }) {
  // keep: explicit Record, since an assessment closes the risk and is final; unsaved text survives leaving the screen and a lock asks first.
  const form = useContractForm({
    schema: assessSchema,
    defaultValues: { assessment: '' },
    save: (values) => mutateChannel('risks.assess', { id: risk.id, ...values }),
    onSaved: () => onAssessed?.(),
    keep: { formId: 'risk.assess', recordId: risk.id, label: 'a risk assessment' },
  });
  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Record a risk assessment" className="subform">
      <p>
        <strong>{risk.detail}</strong> Opened {formatDateTime(risk.openedAt)}. It stays open until you record an assessment.
      </p>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextAreaField label="Risk assessment" rows={4} {...form.register('assessment')} error={form.errorAt('assessment')} />
      <div className="actions">
        {form.restored && <span className="saved-note">Your unsaved assessment from before is back.</span>}
        {/* The plan answers the risk: a revision saved from here is linked to this record. */}
        {onSafetyPlan && (
          <button type="button" onClick={() => onSafetyPlan(risk.id)}>
            Make or review the safety plan
          </button>
        )}
        <button type="submit" className="primary" disabled={form.form.formState.isSubmitting}>
          Record assessment
        </button>
      </div>
    </form>
  );
}
