import { useEffect, useRef, useState } from 'react';
import { Alert } from '../components/Alert.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { formatDateTime } from '../format.ts';
import { errorText } from '../ipt.ts';
import { useChannel, useChannelMutation } from '../query.ts';
import { ClientDetails } from './ClientDetail.tsx';
import { CircleTab } from './tabs/CircleTab.tsx';
import { CourseTab } from './tabs/CourseTab.tsx';
import { DocumentsTab } from './tabs/DocumentsTab.tsx';
import { InventoryTab } from './tabs/InventoryTab.tsx';
import { MeasuresTab } from './tabs/MeasuresTab.tsx';
import { OverviewTab } from './tabs/OverviewTab.tsx';
import { TimelineTab } from './tabs/TimelineTab.tsx';
import type { ClientTab } from './client-tab.ts';

export type { ClientTab } from './client-tab.ts';

const TABS: { key: ClientTab; label: string }[] = [
  { key: 'overview', label: 'Overview' },
  { key: 'course', label: 'Course' },
  { key: 'measures', label: 'Measures' },
  { key: 'inventory', label: 'Inventory' },
  { key: 'circle', label: 'Closeness circle' },
  { key: 'timeline', label: 'Timeline' },
  { key: 'documents', label: 'Letters and exports' },
  { key: 'details', label: 'Details' },
];

/** One client: a header, and tabs for the IPT work and the record. */
export function ClientPage({ id, onEdit, openSessionId = null, initialTab = null, focusHeading = false }: { id: string; onEdit: () => void; openSessionId?: string | null; initialTab?: ClientTab | null; focusHeading?: boolean }) {
  const [tab, setTab] = useState<ClientTab>(initialTab ?? (openSessionId ? 'course' : 'overview'));
  const client = useChannel('clients.get', { id });
  // Both change the 'clients' group, so this page and the list refetch.
  const archive = useChannelMutation('clients.archive');
  const restore = useChannelMutation('clients.restore');
  const failed = archive.error ?? restore.error;
  // Opened from elsewhere (a search result): the keyboard starts at the client's name, not at the top of the window.
  // A session opened with it focuses the note's own heading instead.
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = client.data !== undefined;
  useEffect(() => {
    if (loaded && focusHeading && !openSessionId) heading.current?.focus();
  }, [loaded, focusHeading, openSessionId]);

  function setArchived(archived: boolean) {
    archive.reset();
    restore.reset();
    (archived ? archive : restore).mutate({ id });
  }

  if (client.error) return <Alert>{errorText(client.error)}</Alert>;
  if (!client.data) return <p aria-busy="true">Loading…</p>;
  const c = client.data;
  const name = c.fields.fullName;

  return (
    <article aria-labelledby="client-heading" className="client-page">
      <div className="detail-header">
        <h1 id="client-heading" ref={heading} tabIndex={-1}>
          {name}
          {c.fields.preferredName && <span className="muted"> ({c.fields.preferredName})</span>}
        </h1>
        <div className="actions">
          <button type="button" onClick={onEdit} disabled={c.archivedAt !== null}>
            Edit details
          </button>
          {c.archivedAt === null ? (
            <button type="button" onClick={() => setArchived(true)}>
              Archive
            </button>
          ) : (
            <button type="button" onClick={() => setArchived(false)}>
              Restore
            </button>
          )}
        </div>
      </div>
      {failed && <Alert>{errorText(failed)}</Alert>}
      {c.archivedAt && <Alert kind="info">Archived on {formatDateTime(c.archivedAt)}. Restore the client to make changes.</Alert>}
      <Tabs tabs={TABS} active={tab} onChange={setTab} label={`Record of ${name}`}>
        {tab === 'overview' && <OverviewTab clientId={id} clientName={c.fields.preferredName || name} onGo={setTab} />}
        {tab === 'course' && <CourseTab clientId={id} openSessionId={openSessionId} />}
        {tab === 'measures' && <MeasuresTab clientId={id} />}
        {tab === 'inventory' && <InventoryTab clientId={id} />}
        {tab === 'circle' && <CircleTab clientId={id} clientName={c.fields.preferredName || name} />}
        {tab === 'timeline' && <TimelineTab clientId={id} />}
        {tab === 'documents' && <DocumentsTab clientId={id} />}
        {tab === 'details' && <ClientDetails client={c} />}
      </Tabs>
    </article>
  );
}
