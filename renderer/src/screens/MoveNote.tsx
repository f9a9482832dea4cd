import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { contract } from '../../../shared/contract.ts';
import type { SessionNote } from '../../../shared/schemas/note.ts';
import { Alert } from '../components/Alert.tsx';
import { SelectField } from '../components/Controls.tsx';
import { useContractForm } from '../form.ts';
import { formatDate } from '../format.ts';
import { errorText } from '../ipt.ts';
import { callChannel, channelKey, mutateChannel, useChannel } from '../query.ts';

const moveSchema = contract['notes.move'].input.pick({ targetSessionId: true });

/** Moves a note to the session (of this or another client) it belongs to. */
export function MoveNote({ note, onMoved }: { note: SessionNote; onMoved: () => void }) {
  const [open, setOpen] = useState(false);
  if (note.status === 'voided' || !note.writtenAt) return null;
  return (
    <section aria-labelledby="move-heading" className="panel">
      <h2 id="move-heading">Move the note</h2>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Move to another session
        </button>
      ) : (
        <MoveForm note={note} onMoved={onMoved} onCancel={() => setOpen(false)} />
      )}
    </section>
  );
}

function MoveForm({ note, onMoved, onCancel }: { note: SessionNote; onMoved: () => void; onCancel: () => void }) {
  // The client only filters the sessions offered; it is not part of what is sent.
  const [clientId, setClientId] = useState(note.clientId);
  const clients = useChannel('clients.list', { status: 'all' });
  const courses = useChannel('courses.list', { clientId });
  const sessionLists = useQueries({
    queries: (courses.data ?? []).map((c) => ({ queryKey: channelKey('sessions.list', { courseId: c.id }), queryFn: () => callChannel('sessions.list', { courseId: c.id }) })),
  });
  const sessions = sessionLists.flatMap((r) => r.data ?? []).filter((s) => s.id !== note.sessionId);
  const listError = courses.error ?? sessionLists.find((r) => r.error)?.error ?? null;
  // Neither kind: a one-off action on a choice, not an edit of a stored record; nothing to keep.
  const form = useContractForm({
    schema: moveSchema,
    defaultValues: { targetSessionId: '' },
    prepare: (values) => ({ targetSessionId: values.targetSessionId || sessions[0]?.id || '' }),
    save: (values) => mutateChannel('notes.move', { sessionId: note.sessionId, ...values }),
    onSaved: onMoved,
  });
  const target = form.bind('targetSessionId');
  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Move the note">
      {form.formError && <Alert>{form.formError}</Alert>}
      {listError && <Alert>{errorText(listError)}</Alert>}
      <div className="grid">
        <SelectField
          label="Client"
          value={clientId}
          options={Object.fromEntries((clients.data ?? []).map((c) => [c.id, c.fullName]))}
          onChange={(id) => {
            setClientId(id);
            target.onChange('');
          }}
        />
        <SelectField
          label="Session"
          value={target.value || sessions[0]?.id || ''}
          options={Object.fromEntries(sessions.map((s) => [s.id, `${formatDate(s.date)}${s.number ? ` (session ${s.number})` : ''}`]))}
          onChange={target.onChange}
          error={target.error}
        />
      </div>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={sessions.length === 0 || form.form.formState.isSubmitting}>
          Move note
        </button>
      </div>
    </form>
  );
}
