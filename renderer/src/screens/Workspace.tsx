import { useMemo, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppEventName } from '../../../shared/contract.ts';
import type { ClientSummary } from '../../../shared/schemas/client.ts';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { Alert } from '../components/Alert.tsx';
import { UpdateNotice } from '../components/UpdateNotice.tsx';
import { lockVault } from '../lock.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorText, ipt } from '../ipt.ts';
import { callChannel, channelKey, invalidateGroups, mutateChannel, useAppInfo } from '../query.ts';
import { currentPrintTarget } from '../print-target.ts';
import { PERF } from '../perf.ts';
import { ClientForm } from './ClientForm.tsx';
import { ClientList, type ListStatus } from './ClientList.tsx';
import { ClientPage, type ClientTab } from './ClientPage.tsx';
import type { ClientModeResult } from './ClientModeScreen.tsx';
import { SearchScreen } from './SearchScreen.tsx';
import { AboutScreen, ShortcutsScreen } from './HelpScreens.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';
import { BackupStatusLine } from './BackupsPanel.tsx';

const NO_CLIENTS: ClientSummary[] = [];

/** The menu command a key press stands for (the same keys as the application menu), if any. */
function shortcutCommand(event: KeyboardEvent): AppEventName | null {
  if (event.key === 'F1') return 'menu.shortcuts';
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  const keys: Record<string, AppEventName> = { k: 'menu.search', p: 'menu.print', e: 'menu.export', b: 'menu.backup', ',': 'menu.settings' };
  return keys[event.key.toLowerCase()] ?? null;
}

type Pane =
  | { kind: 'empty' }
  | { kind: 'new' }
  | { kind: 'view'; id: string; sessionId?: string; nonce?: number; tab?: ClientTab; focusHeading?: boolean }
  | { kind: 'edit'; id: string }
  | { kind: 'search'; text: string; nonce: number }
  | { kind: 'settings'; show?: 'export' }
  | { kind: 'shortcuts' }
  | { kind: 'about' };

/** The unlocked app: a header with search and lock, the client list, and the selected pane. */
export function Workspace({ onLocked, afterClientMode = null, onClientModeSeen }: { onLocked: (status: VaultStatus) => void; afterClientMode?: ClientModeResult | null; onClientModeSeen?: () => void }) {
  const [status, setStatus] = useState<ListStatus>('active');
  const [filter, setFilter] = useState('');
  const [pane, setPane] = useState<Pane>(afterClientMode ? { kind: 'view', id: afterClientMode.clientId, tab: 'measures' } : { kind: 'empty' });
  const [searchText, setSearchText] = useState('');
  const searchInput = useRef<HTMLInputElement>(null);
  /** What a menu command (Print, Back up now) did, shown above the pane. */
  const [notice, setNotice] = useState<{ kind: 'error' | 'success' | 'info'; text: string; busy?: boolean } | null>(null);
  const shell = useAppInfo().data?.shell;

  // The list follows the filter and status controls. Each input is its own cache entry, so a
  // late reply for an earlier filter never replaces the list for the current one.
  const listInput = { status, nameFilter: filter };
  const list = useQuery({
    queryKey: channelKey('clients.list', listInput),
    queryFn: () => callChannel('clients.list', listInput),
    placeholderData: keepPreviousData,
  });
  const clients = list.data ?? NO_CLIENTS;
  // The list render is timed from the moment a list is in hand, fetched or from the cache (a filter
  // switched back within the cache's freshness): ClientList measures to the paint after it.
  useMemo(() => {
    if (list.data) performance.mark(PERF.clientListData);
  }, [list.data]);
  const error = list.error && list.error.payload.code !== 'VAULT_LOCKED' ? errorText(list.error) : null;
  const lockedUnderneath = list.error?.payload.code === 'VAULT_LOCKED';
  useEffect(() => {
    // Main locked the vault on its own (a damaged file): read the vault status again, and App shows the unlock screen.
    if (lockedUnderneath) void invalidateGroups(['vault']);
  }, [lockedUnderneath]);
  /** For screens not yet on the query layer: their writes make the list stale. */
  const reload = useCallback(() => invalidateGroups(['clients']), []);

  /** The user asked to lock: unsaved edits in keep forms are asked about first. */
  const lock = useCallback(async () => {
    const next = await lockVault('ask');
    if (next) onLocked(next);
  }, [onLocked]);

  /** File › Print: the session note or course on screen; the desktop app opens the print dialog. */
  const print = useCallback(async () => {
    const target = currentPrintTarget();
    if (!target) {
      setNotice({ kind: 'info', text: 'Open a session note or a course to print it.' });
      return;
    }
    const output = shell === 'electron' ? 'dialog' : 'pdf';
    setNotice({ kind: 'info', text: 'Preparing the print…', busy: true });
    try {
      const result = await callChannel('documents.print', { ...target, output });
      setNotice(result.saved ? { kind: 'success', text: output === 'pdf' ? `Saved ${result.fileName}.` : 'Sent to the printer.' } : { kind: 'info', text: 'Not printed.' });
    } catch (error) {
      setNotice({ kind: 'error', text: errorText(error) });
    }
  }, [shell]);

  /** File › Back up now: runs the backup here, whatever screen is open, and says how it went. */
  const backUp = useCallback(async () => {
    setNotice({ kind: 'info', text: 'Backing up… you can keep working.', busy: true });
    try {
      const result = await mutateChannel('backups.run', {});
      setNotice({ kind: 'success', text: `Backup ${result.name} written and checked.` });
    } catch (error) {
      setNotice({ kind: 'error', text: errorText(error) });
    }
  }, []);

  /** Menu commands and their shortcuts run the same code (the page handles the key first). */
  const runCommand = useCallback(
    (event: AppEventName) => {
    if (event === 'menu.newClient') setPane({ kind: 'new' });
    else if (event === 'menu.search') searchInput.current?.focus();
    else if (event === 'menu.lock') void lock();
    else if (event === 'menu.shortcuts') setPane({ kind: 'shortcuts' });
    else if (event === 'menu.about') setPane({ kind: 'about' });
    else if (event === 'menu.settings') setPane({ kind: 'settings' });
    else if (event === 'menu.export') setPane({ kind: 'settings', show: 'export' });
    else if (event === 'menu.print') void print();
    else if (event === 'menu.backup') void backUp();
    },
    [lock, print, backUp],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const chosen = shortcutCommand(event);
      if (!chosen) return;
      event.preventDefault();
      runCommand(chosen);
    }
    window.addEventListener('keydown', onKey);
    const unsubscribe = ipt.events.subscribe(runCommand);
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [runCommand]);

  function search(event: FormEvent) {
    event.preventDefault();
    if (searchText.trim()) setPane({ kind: 'search', text: searchText.trim(), nonce: Date.now() });
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <span className="brand">
          IPT Workstation <BackupStatusLine />
        </span>
        <form role="search" onSubmit={search} className="search-form" aria-label="Search records">
          <label htmlFor="global-search" className="visually-hidden">
            Search notes, techniques and clients
          </label>
          <input
            id="global-search"
            ref={searchInput}
            type="search"
            placeholder="Search (Ctrl+K)"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              // One key from the box to the results shown below, instead of a Tab through every filter.
              const first = e.key === 'ArrowDown' ? document.querySelector<HTMLButtonElement>('.search-results button') : null;
              if (!first) return;
              e.preventDefault();
              first.focus();
            }}
            autoComplete="off"
          />
          <button type="submit">Search</button>
        </form>
        <nav aria-label="Main">
          <button type="button" className="primary" onClick={() => setPane({ kind: 'new' })}>
            New client
          </button>
          <button type="button" onClick={() => setPane({ kind: 'settings' })}>
            Settings
          </button>
          <button type="button" onClick={() => setPane({ kind: 'shortcuts' })}>
            Help
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
          <UpdateNotice atUnlock />
          {notice && (
            <div className="command-notice">
              <Alert kind={notice.kind}>
                {notice.text}
                {notice.busy && <progress className="busy" aria-label="Working" />}
              </Alert>
              <button type="button" className="link-button" onClick={() => setNotice(null)}>
                Dismiss
              </button>
            </div>
          )}
          {afterClientMode && (
            <div className="alert alert-error" role="alert">
              <p>
                <strong>The questionnaire is back with you.</strong>{' '}
                {afterClientMode.alerts.length > 0
                  ? `PHQ-9 question 9 (thoughts of being better off dead or of self-harm) was answered with ${afterClientMode.alerts.map((a) => a.riskItemAnswer).join(', ')} out of 3. A risk assessment is needed before the session ends.`
                  : 'No answer needs an urgent risk assessment.'}
              </p>
              <button type="button" onClick={onClientModeSeen}>
                Dismiss this message
              </button>
            </div>
          )}
          {pane.kind === 'empty' && (
            <div className="empty-state">
              <h1>Clients</h1>
              <p>{clients.length === 0 && !filter ? 'No clients yet. Add your first client to begin.' : 'Choose a client from the list.'}</p>
            </div>
          )}
          {pane.kind === 'new' && (
            <ClientForm
              key="new"
              onSaved={(client) => setPane({ kind: 'view', id: client.id })}
              onCancel={() => setPane({ kind: 'empty' })}
            />
          )}
          {pane.kind === 'view' && (
            <ClientPage
              key={`${pane.id}:${pane.sessionId ?? ''}:${pane.nonce ?? 0}`}
              id={pane.id}
              openSessionId={pane.sessionId ?? null}
              initialTab={pane.tab ?? null}
              focusHeading={pane.focusHeading ?? false}
              onEdit={() => setPane({ kind: 'edit', id: pane.id })}
            />
          )}
          {pane.kind === 'edit' && (
            <ClientForm
              key={`edit-${pane.id}`}
              id={pane.id}
              onSaved={() => setPane({ kind: 'view', id: pane.id })}
              onCancel={() => setPane({ kind: 'view', id: pane.id })}
            />
          )}
          {pane.kind === 'search' && (
            <SearchScreen
              key={pane.nonce}
              initialText={pane.text}
              clients={clients}
              onOpen={(clientId, sessionId) => setPane({ kind: 'view', id: clientId, ...(sessionId ? { sessionId } : {}), nonce: Date.now(), focusHeading: true })}
            />
          )}
          {pane.kind === 'settings' && <SettingsScreen key={pane.show ?? 'all'} show={pane.show} onStatus={onLocked} onClientsChanged={() => void reload()} />}
          {pane.kind === 'shortcuts' && <ShortcutsScreen onAbout={() => setPane({ kind: 'about' })} />}
          {pane.kind === 'about' && <AboutScreen />}
        </main>
      </div>
    </div>
  );
}
