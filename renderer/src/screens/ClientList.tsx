import { useId, type KeyboardEvent } from 'react';
import type { ClientSummary } from '../../../shared/schemas/client.ts';
import { formatDate } from '../format.ts';

export type ListStatus = 'active' | 'archived' | 'all';

interface Props {
  clients: ClientSummary[];
  status: ListStatus;
  filter: string;
  selectedId: string | null;
  onStatus: (status: ListStatus) => void;
  onFilter: (filter: string) => void;
  onSelect: (id: string) => void;
}

/** The client list: filter by name, show active / archived / all; arrow keys move between rows. */
export function ClientList({ clients, status, filter, selectedId, onStatus, onFilter, onSelect }: Props) {
  const filterId = useId();
  const statusId = useId();

  function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    next?.focus();
    event.preventDefault();
  }

  return (
    <nav className="client-list" aria-label="Clients">
      <div className="list-controls">
        <label htmlFor={filterId}>Filter by name</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => onFilter(e.target.value)} autoComplete="off" />
        <label htmlFor={statusId}>Show</label>
        <select id={statusId} value={status} onChange={(e) => onStatus(e.target.value as ListStatus)}>
          <option value="active">Active clients</option>
          <option value="archived">Archived clients</option>
          <option value="all">All clients</option>
        </select>
      </div>
      <p className="list-count" aria-live="polite">
        {clients.length} {clients.length === 1 ? 'client' : 'clients'}
      </p>
      <ul onKeyDown={moveFocus}>
        {clients.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={c.id === selectedId ? 'row selected' : 'row'}
              aria-current={c.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(c.id)}
            >
              <span className="row-name">
                {c.fullName}
                {c.preferredName && <span className="muted"> ({c.preferredName})</span>}
              </span>
              <span className="row-meta">
                Born {formatDate(c.dateOfBirth)}
                {c.archived && <span className="badge">Archived</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
