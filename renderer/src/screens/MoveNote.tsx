import { useEffect, useState } from 'react';
import type { SessionNote } from '../../../shared/schemas/note.ts';
import type { SessionSummary } from '../../../shared/schemas/session.ts';
import { Alert } from '../components/Alert.tsx';
import { SelectField } from '../components/Controls.tsx';
import { formatDate } from '../format.ts';
import { useResource } from '../hooks.ts';
import { ipt, errorText } from '../ipt.ts';

/** Moves a note to the session (of this or another client) it belongs to. */
export function MoveNote({ note, onMoved }: { note: SessionNote; onMoved: () => void }) {
  const [open, setOpen] = useState(false);
  const [clientId, setClientId] = useState(note.clientId);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const clients = useResource(() => ipt.clients.list({ status: 'all' }), 'all-clients');

  useEffect(() => {
    if (!open) return;
    let live = true;
    void (async () => {
      const courses = await ipt.courses.list({ clientId });
      if (!courses.ok) return;
      const all = (await Promise.all(courses.value.map((c) => ipt.sessions.list({ courseId: c.id })))).flatMap((r) => (r.ok ? r.value : []));
      if (live) setSessions(all.filter((s) => s.id !== note.sessionId));
    })();
    return () => {
      live = false;
    };
  }, [open, clientId, note.sessionId]);

  if (note.status === 'voided' || !note.writtenAt) return null;
  async function move() {
    const result = await ipt.notes.move({ sessionId: note.sessionId, targetSessionId: target || sessions[0]?.id || '' });
    if (!result.ok) return setError(errorText(result.error));
    onMoved();
  }
  return (
    <section aria-labelledby="move-heading" className="panel">
      <h2 id="move-heading">Move the note</h2>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Move to another session
        </button>
      ) : (
        <div>
          {error && <Alert>{error}</Alert>}
          <div className="grid">
            <SelectField label="Client" value={clientId} options={Object.fromEntries((clients.data ?? []).map((c) => [c.id, c.fullName]))} onChange={setClientId} />
            <SelectField
              label="Session"
              value={target || sessions[0]?.id || ''}
              options={Object.fromEntries(sessions.map((s) => [s.id, `${formatDate(s.date)}${s.number ? ` (session ${s.number})` : ''}`]))}
              onChange={setTarget}
            />
          </div>
          <div className="actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void move()} disabled={sessions.length === 0}>
              Move note
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
