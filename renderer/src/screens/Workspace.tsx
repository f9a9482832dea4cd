import { useCallback, useEffect, useState } from 'react';
import type { ClientSummary } from '../../../shared/schemas/client.ts';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { ipt } from '../ipt.ts';
import { ClientPage } from './ClientPage.tsx';
import { ClientForm } from './ClientForm.tsx';
import { ClientList, type ListStatus } from './ClientList.tsx';

type Pane = { kind: 'empty' } | { kind: 'new' } | { kind: 'view'; id: string } | { kind: 'edit'; id: string };

/** The unlocked app: a header with the lock button, the client list, and the selected client. */
export function Workspace({ onLocked }: { onLocked: (status: VaultStatus) => void }) {
  const [clients, setClients] = useState<ClientSummary[]>([]);
  const [status, setStatus] = useState<ListStatus>('active');
  const [filter, setFilter] = useState('');
  const [pane, setPane] = useState<Pane>({ kind: 'empty' });
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await ipt.clients.list({ status, nameFilter: filter });
    if (result.ok) {
      setClients(result.value);
      setError(null);
    } else if (result.error.code === 'VAULT_LOCKED') {
      const s = await ipt.vault.status({});
      if (s.ok) onLocked(s.value);
    } else setError(result.error.message);
  }, [status, filter, onLocked]);

  useEffect(() => {
    // The list follows the filter and status controls; fetching on change is this effect's job.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  async function lock() {
    const result = await ipt.vault.lock({});
    if (result.ok) onLocked(result.value);
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <span className="brand">IPT Workstation</span>
        <nav aria-label="Main">
          <button type="button" className="primary" onClick={() => setPane({ kind: 'new' })}>
            New client
          </button>
          <button type="button" onClick={() => void lock()}>
            Lock
          </button>
        </nav>
      </header>
      <div className="columns">
        <ClientList
          clients={clients}
          status={status}
          filter={filter}
          selectedId={pane.kind === 'view' || pane.kind === 'edit' ? pane.id : null}
          onStatus={setStatus}
          onFilter={setFilter}
          onSelect={(id) => setPane({ kind: 'view', id })}
        />
        <main className="detail" aria-label="Client">
          {error && <Alert>{error}</Alert>}
          {pane.kind === 'empty' && (
            <div className="empty-state">
              <h1>Clients</h1>
              <p>{clients.length === 0 && !filter ? 'No clients yet. Add your first client to begin.' : 'Choose a client from the list.'}</p>
            </div>
          )}
          {pane.kind === 'new' && (
            <ClientForm
              key="new"
              onSaved={(client) => {
                setPane({ kind: 'view', id: client.id });
                void reload();
              }}
              onCancel={() => setPane({ kind: 'empty' })}
            />
          )}
          {pane.kind === 'view' && (
            <ClientPage
              key={pane.id}
              id={pane.id}
              onEdit={() => setPane({ kind: 'edit', id: pane.id })}
              onChanged={() => void reload()}
            />
          )}
          {pane.kind === 'edit' && (
            <ClientForm
              key={`edit-${pane.id}`}
              id={pane.id}
              onSaved={() => {
                setPane({ kind: 'view', id: pane.id });
                void reload();
              }}
              onCancel={() => setPane({ kind: 'view', id: pane.id })}
            />
          )}
        </main>
      </div>
    </div>
  );
}
