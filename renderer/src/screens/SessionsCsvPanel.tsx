import { sessionsCsvSchema } from '../../../shared/schemas/session.ts';
import { addDays } from '../../../shared/ipt/session-planner.ts';
import { todayIso } from '../../../shared/schemas/dates.ts';
import { useState } from 'react';
import { Alert } from '../components/Alert.tsx';
import { ShowInFolder } from '../components/ShowInFolder.tsx';
import { SelectField } from '../components/Controls.tsx';
import { TextField } from '../components/Field.tsx';
import { useContractForm } from '../form.ts';
import { callChannel } from '../query.ts';

/** Settings: sessions over a date range as a spreadsheet, for the therapist's own records (invoices, tax, supervision logs). */
export function SessionsCsvPanel() {
  const [fileId, setFileId] = useState<string | null>(null);
  // Not kept: an export, nothing stored.
  const csv = useContractForm({
    schema: sessionsCsvSchema,
    defaultValues: { from: addDays(todayIso(), -30), to: todayIso(), names: 'initials' },
    save: (values) => callChannel('sessions.exportCsv', values),
    onSaved: (value) => setFileId(value.saved ? value.fileId : null),
  });
  const names = csv.bind('names');
  return (
    <section aria-labelledby="sessions-csv-heading" className="panel">
      <h2 id="sessions-csv-heading">Sessions as a spreadsheet</h2>
      <p className="hint">Date, time, length, status and modality of every session in the range, with the client's initials unless you choose full names. No note text is included.</p>
      <form onSubmit={(e) => void csv.submit(e)} noValidate aria-labelledby="sessions-csv-heading">
        {csv.formError && <Alert>{csv.formError}</Alert>}
        <div className="grid">
          <TextField label="From" type="date" {...csv.register('from')} error={csv.errorAt('from')} />
          <TextField label="To" type="date" {...csv.register('to')} error={csv.errorAt('to')} />
          <SelectField label="Clients shown as" value={names.value ?? 'initials'} options={{ initials: 'Initials', full: 'Full names' }} onChange={names.onChange} error={names.error} />
        </div>
        <div className="actions">
          {csv.saved && (
            <span role="status" className="saved-note">
              Spreadsheet saved.
              <ShowInFolder fileId={fileId} />
            </span>
          )}
          <button type="submit" disabled={csv.form.formState.isSubmitting}>
            Export sessions as CSV…
          </button>
        </div>
      </form>
    </section>
  );
}
