import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { z } from 'zod';
import { latestBuiltIns } from '../../../shared/ipt/templates/built-in.ts';
import type { ClientSummary } from '../../../shared/schemas/client.ts';
import { searchQuerySchema, type SearchHit } from '../../../shared/schemas/note.ts';
import { Alert } from '../components/Alert.tsx';
import { CheckboxField, SelectField } from '../components/Controls.tsx';
import { TextField } from '../components/Field.tsx';
import { useContractForm } from '../form.ts';
import { formatDate, plural } from '../format.ts';
import { errorText } from '../ipt.ts';
import { useChannel } from '../query.ts';
import { measureAfterPaint, PERF } from '../perf.ts';

const KIND_LABELS: Record<SearchHit['kind'], string> = { client: 'Client record', note: 'Session note', entry: 'Technique', addendum: 'Addendum', process_note: 'Private process note' };

type SearchQuery = z.output<typeof searchQuerySchema>;

const START = String.fromCharCode(2);
const END = String.fromCharCode(3);

/** Shows a snippet with the matched words marked. */
function Snippet({ text }: { text: string }) {
  // Matches are wrapped in U+0002 … U+0003 by the search service.
  const parts: { text: string; marked: boolean }[] = [];
  let rest = text;
  for (let start = rest.indexOf(START); start >= 0; start = rest.indexOf(START)) {
    const end = rest.indexOf(END, start);
    if (end < 0) break;
    parts.push({ text: rest.slice(0, start), marked: false }, { text: rest.slice(start + 1, end), marked: true });
    rest = rest.slice(end + 1);
  }
  parts.push({ text: rest, marked: false });
  return (
    <span className="snippet">
      {parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}

/** Full-text search with filters; arrow keys move through the results, Enter opens one. */
export function SearchScreen({ initialText, clients, onOpen }: { initialText: string; clients: ClientSummary[]; onOpen: (clientId: string, sessionId: string | null) => void }) {
  const blank: SearchQuery = { text: initialText, clientId: null, from: '', to: '', templateId: '', includeProcessNotes: false, limit: 50 };
  // The query the search box sent runs once when the screen opens; then each Search sends the filters.
  const [query, setQuery] = useState<SearchQuery | null>(() => (searchQuerySchema.safeParse(blank).success ? blank : null));
  const measuring = useRef(false);
  // Neither kind: a search form edits no stored record; the filters are checked before the search runs.
  const form = useContractForm({
    schema: searchQuerySchema,
    defaultValues: blank,
    save: async (values) => {
      performance.mark(PERF.searchSubmitted);
      measuring.current = true;
      setQuery(values);
      return values;
    },
  });
  // Results change whenever notes do, so a search always re-runs when shown.
  const search = useChannel('search.query', query ?? blank, { enabled: query !== null, staleTime: 0 });
  const hits = query ? search.data : undefined;
  useEffect(() => {
    if (!measuring.current || !search.isSuccess || search.isFetching) return;
    measuring.current = false;
    measureAfterPaint([{ name: PERF.searchResults, from: PERF.searchSubmitted }]);
  }, [search.isSuccess, search.isFetching, search.dataUpdatedAt]);
  const list = useRef<HTMLOListElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    event.preventDefault();
  }

  /** From the words box, ArrowDown goes straight to the first result (one key, not a Tab through every filter). */
  function toResults(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowDown') return;
    const first = list.current?.querySelector<HTMLButtonElement>('button');
    if (!first) return;
    event.preventDefault();
    first.focus();
  }

  const { register, errorAt } = form;
  const client = form.bind('clientId');
  const templateId = form.bind('templateId');
  const includeProcess = form.bind('includeProcessNotes');
  return (
    <section aria-labelledby="search-heading" className="search-screen">
      <h1 id="search-heading">Search</h1>
      <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Search filters" className="panel">
        {form.formError && <Alert>{form.formError}</Alert>}
        <div className="grid">
          <TextField label="Words to find" type="search" {...register('text')} error={errorAt('text')} onKeyDown={toResults} hint="Words match their beginnings; put a phrase in quotes. Down arrow goes to the results." />
          <SelectField
            label="Client"
            value={client.value ?? ''}
            options={{ '': 'All clients', ...Object.fromEntries(clients.map((c) => [c.id, c.fullName])) } as Record<string, string>}
            onChange={(id) => client.onChange(id || null)}
            error={client.error}
          />
          <TextField label="From" type="date" {...register('from')} error={errorAt('from')} />
          <TextField label="To" type="date" {...register('to')} error={errorAt('to')} />
          <SelectField label="Technique" value={templateId.value ?? ''} options={{ '': 'Any', ...Object.fromEntries(latestBuiltIns().map((t) => [t.id, t.title])) } as Record<string, string>} onChange={templateId.onChange} />
        </div>
        <CheckboxField label="Include private process notes" checked={Boolean(includeProcess.value)} onChange={includeProcess.onChange} />
        <div className="actions">
          <button type="submit" className="primary">
            Search
          </button>
        </div>
      </form>
      {query && search.error && <Alert>{errorText(search.error)}</Alert>}
      {hits && (
        <>
          <p role="status">
            {hits.length === 0 ? 'Nothing found.' : `${plural(hits.length, { one: 'result', other: 'results' })}, most recent first.`}
          </p>
          <ol className="search-results" ref={list} onKeyDown={onKeyDown}>
            {hits.map((hit) => (
              <li key={`${hit.kind}:${hit.recordId}`}>
                <button type="button" className="row" onClick={() => onOpen(hit.clientId, hit.sessionId)}>
                  <span className="row-name">
                    {hit.clientName} · {KIND_LABELS[hit.kind]}
                    {hit.kind === 'entry' && `: ${hit.title}`}
                  </span>
                  <span className="row-meta">{formatDate(hit.date)}</span>
                  <Snippet text={hit.snippet} />
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
