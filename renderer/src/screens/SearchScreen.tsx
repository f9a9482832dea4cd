import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { latestBuiltIns } from '../../../shared/ipt/templates/built-in.ts';
import type { ClientSummary } from '../../../shared/schemas/client.ts';
import type { SearchHit } from '../../../shared/schemas/note.ts';
import { Alert } from '../components/Alert.tsx';
import { CheckboxField, SelectField } from '../components/Controls.tsx';
import { TextField } from '../components/Field.tsx';
import { formatDate } from '../format.ts';
import { ipt, errorText } from '../ipt.ts';
import { measureAfterPaint, PERF } from '../perf.ts';

const KIND_LABELS: Record<SearchHit['kind'], string> = { client: 'Client record', note: 'Session note', entry: 'Technique', addendum: 'Addendum', process_note: 'Private process note' };

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
  const [text, setText] = useState(initialText);
  const [clientId, setClientId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [includeProcess, setIncludeProcess] = useState(false);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  async function run(query = text) {
    performance.mark(PERF.searchSubmitted);
    const result = await ipt.search.query({ text: query, clientId: clientId || null, from, to, templateId, includeProcessNotes: includeProcess });
    if (result.ok) {
      setHits(result.value);
      setError(null);
      measureAfterPaint([{ name: PERF.searchResults, from: PERF.searchSubmitted }]);
    } else setError(errorText(result.error));
  }

  const first = useRef(initialText);
  useEffect(() => {
    // Run the query the search box sent, once, when the screen opens.
    void (async () => {
      const result = await ipt.search.query({ text: first.current, clientId: null, from: '', to: '', templateId: '', includeProcessNotes: false });
      if (result.ok) setHits(result.value);
      else setError(result.error.message);
    })();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run();
  }

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    event.preventDefault();
  }

  return (
    <section aria-labelledby="search-heading" className="search-screen">
      <h1 id="search-heading">Search</h1>
      <form onSubmit={submit} noValidate aria-label="Search filters" className="panel">
        <div className="grid">
          <TextField label="Words to find" type="search" value={text} onChange={(e) => setText(e.target.value)} hint="Words match their beginnings; put a phrase in quotes." />
          <SelectField label="Client" value={clientId} options={{ '': 'All clients', ...Object.fromEntries(clients.map((c) => [c.id, c.fullName])) } as Record<string, string>} onChange={setClientId} />
          <TextField label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          <SelectField label="Technique" value={templateId} options={{ '': 'Any', ...Object.fromEntries(latestBuiltIns().map((t) => [t.id, t.title])) } as Record<string, string>} onChange={setTemplateId} />
        </div>
        <CheckboxField label="Include private process notes" checked={includeProcess} onChange={setIncludeProcess} />
        <div className="actions">
          <button type="submit" className="primary">
            Search
          </button>
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
      {hits && (
        <>
          <p role="status">
            {hits.length === 0 ? 'Nothing found.' : `${hits.length} result${hits.length === 1 ? '' : 's'}, most recent first.`}
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
