import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ClientSummary } from '../../../shared/schemas/client.ts';
import { formatDate, plural } from '../format.ts';
import { measureAfterPaint, PERF } from '../perf.ts';

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

const ROW_ESTIMATE_PX = 58;
/** Keys that move the focus through the list, and by how many rows (Home and End go to the ends). */
const STEPS: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };

/**
 * The client list: filter by name, show active / archived / all. Only the rows in view are in the
 * page (twenty years of clients would otherwise cost a long render on every change); arrow keys,
 * Page Up/Down, Home and End move between rows, scrolling as they go, and each row tells a screen
 * reader its position in the whole list.
 */
export function ClientList({ clients, status, filter, selectedId, onStatus, onFilter, onSelect }: Props) {
  const filterId = useId();
  const statusId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  // TanStack Virtual returns functions that the React compiler must not memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: clients.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 8,
  });

  useLayoutEffect(() => {
    if (!clients.length) return;
    measureAfterPaint([
      { name: PERF.clientListPainted, from: PERF.clientListData },
      { name: PERF.unlockToList, from: PERF.unlocked },
    ]);
  }, [clients]);

  useEffect(() => {
    if (focusIndex === null) return;
    scrollRef.current?.querySelector<HTMLButtonElement>(`li[data-index="${focusIndex}"] button`)?.focus();
  });

  function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
    const step = STEPS[event.key];
    if (step === undefined || !clients.length) return;
    const current = Number((document.activeElement?.closest('li') as HTMLElement | null)?.dataset['index'] ?? -1);
    const next = Math.min(clients.length - 1, Math.max(0, current + step));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    setFocusIndex(next);
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
        {plural(clients.length, { one: 'client', other: 'clients' })}
      </p>
      <div className="list-scroll" ref={scrollRef}>
        <ul onKeyDown={moveFocus} style={{ height: virtualizer.getTotalSize() }} onBlur={() => setFocusIndex(null)}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = clients[item.index]!;
            return (
              <li key={c.id} data-index={item.index} ref={virtualizer.measureElement} aria-setsize={clients.length} aria-posinset={item.index + 1} style={{ transform: `translateY(${item.start}px)` }}>
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
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
