import type { z } from 'zod';
import type { SearchHit, searchQuerySchema } from '../../../shared/schemas/note.ts';
import type { Db } from './vault/database.ts';

export type SearchKind = 'client' | 'note' | 'entry' | 'addendum';

export interface SearchDoc {
  kind: SearchKind;
  recordId: string;
  clientId: string;
  sessionId: string | null;
  date: string;
  templateId?: string;
  title: string;
  body: string;
}

/** Documents per day the rowid scheme allows; far beyond what one therapist writes. */
const PER_DAY = 4_194_304;
const EPOCH = Date.UTC(1900, 0, 1);

/** The first rowid of a calendar day: rowids sort by date, newest highest. */
export function dayBase(isoDate: string): number {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  const days = Number.isNaN(time) ? 0 : Math.max(0, Math.floor((time - EPOCH) / 86_400_000));
  return days * PER_DAY;
}

const MARK_START = '\u0002';
const MARK_END = '\u0003';

/**
 * Turns what a person typed into a safe FTS5 query: quoted phrases stay phrases, other words
 * become prefix terms, all of them required. No FTS5 syntax from the user reaches the engine.
 */
export function toFtsQuery(text: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = (m[1] ?? m[2] ?? '').replace(/"/g, '').trim();
    const words = raw.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0) continue;
    if (m[1] !== undefined) parts.push(`"${words.join(' ')}"`);
    else for (const w of words) parts.push(`"${w}"*`);
  }
  return parts.length ? parts.join(' AND ') : null;
}

/** The full-text index inside the vault. Callers write to it inside their own transaction. */
export class SearchIndex {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  put(doc: SearchDoc): void {
    this.remove(doc.kind, doc.recordId);
    const base = dayBase(doc.date);
    const { last } = this.db.prepare('SELECT max(doc_id) AS last FROM search_docs WHERE doc_id >= ? AND doc_id < ?').get(base, base + PER_DAY) as { last: number | null };
    const docId = last === null ? base : last + 1;
    this.db
      .prepare('INSERT INTO search_docs (doc_id, kind, record_id, client_id, session_id, date, template_id, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(docId, doc.kind, doc.recordId, doc.clientId, doc.sessionId, doc.date, doc.templateId ?? '', doc.title);
    this.db.prepare('INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)').run(docId, doc.title, doc.body);
  }

  remove(kind: SearchKind, recordId: string): void {
    const row = this.db.prepare('SELECT doc_id FROM search_docs WHERE kind = ? AND record_id = ?').get(kind, recordId) as { doc_id: number } | undefined;
    if (!row) return;
    this.db.prepare('DELETE FROM search_index WHERE rowid = ?').run(row.doc_id);
    this.db.prepare('DELETE FROM search_docs WHERE doc_id = ?').run(row.doc_id);
  }

  /** Removes everything indexed for a session: its note, entries and addenda. */
  removeSession(sessionId: string): void {
    this.removeDocs(this.db.prepare('SELECT doc_id FROM search_docs WHERE session_id = ?').all(sessionId) as { doc_id: number }[]);
  }

  /** Removes everything indexed for a client, process notes included (the client is being deleted). */
  removeClient(clientId: string): void {
    this.removeDocs(this.db.prepare('SELECT doc_id FROM search_docs WHERE client_id = ?').all(clientId) as { doc_id: number }[]);
    const processRows = this.db.prepare('SELECT p.rowid FROM process_notes p JOIN sessions s ON s.id = p.session_id WHERE s.client_id = ?').all(clientId) as { rowid: number }[];
    for (const { rowid } of processRows) this.removeProcessNote(rowid);
  }

  private removeDocs(rows: { doc_id: number }[]): void {
    const fromIndex = this.db.prepare('DELETE FROM search_index WHERE rowid = ?');
    const fromDocs = this.db.prepare('DELETE FROM search_docs WHERE doc_id = ?');
    for (const { doc_id } of rows) {
      fromIndex.run(doc_id);
      fromDocs.run(doc_id);
    }
  }

  putProcessNote(rowid: number, body: string): void {
    this.db.prepare('DELETE FROM process_search WHERE rowid = ?').run(rowid);
    if (body.trim()) this.db.prepare('INSERT INTO process_search (rowid, body) VALUES (?, ?)').run(rowid, body);
  }

  removeProcessNote(rowid: number): void {
    this.db.prepare('DELETE FROM process_search WHERE rowid = ?').run(rowid);
  }

  query(q: z.output<typeof searchQuerySchema>): SearchHit[] {
    const match = toFtsQuery(q.text);
    if (!match) return [];
    const filters = (alias: string) => {
      const clauses: string[] = [];
      const values: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        clauses.push(clause);
        values.push(value);
      };
      if (q.clientId) add(`${alias}.client_id = ?`, q.clientId);
      if (q.from) add(`${alias}.date >= ?`, q.from);
      if (q.to) add(`${alias}.date <= ?`, q.to);
      return { clauses, values };
    };
    const main = filters('d');
    const where = ['search_index MATCH ?', ...main.clauses];
    const params: unknown[] = [match, ...main.values];
    if (q.templateId) {
      where.push("d.kind = 'entry' AND d.template_id = ?");
      params.push(q.templateId);
    }
    const hits = this.db
      .prepare(
        `SELECT d.kind, d.record_id AS recordId, d.client_id AS clientId, d.session_id AS sessionId, d.date, d.title,
                c.full_name AS clientName,
                snippet(search_index, 1, '${MARK_START}', '${MARK_END}', '…', 14) AS snippet
         FROM search_index JOIN search_docs d ON d.doc_id = search_index.rowid JOIN clients c ON c.id = d.client_id
         WHERE ${where.join(' AND ')}
         ORDER BY search_index.rowid DESC LIMIT ?`,
      )
      .all(...params, q.limit) as SearchHit[];
    if (!q.includeProcessNotes || q.templateId) return hits;
    const session = filters('s');
    const processWhere = ['process_search MATCH ?', ...session.clauses];
    const processParams: unknown[] = [match, ...session.values];
    const process = this.db
      .prepare(
        `SELECT 'process_note' AS kind, p.session_id AS recordId, s.client_id AS clientId, p.session_id AS sessionId, s.date,
                'Private process note' AS title, c.full_name AS clientName,
                snippet(process_search, 0, '${MARK_START}', '${MARK_END}', '…', 14) AS snippet
         FROM process_search JOIN process_notes p ON p.rowid = process_search.rowid
         JOIN sessions s ON s.id = p.session_id JOIN clients c ON c.id = s.client_id
         WHERE ${processWhere.join(' AND ')} ORDER BY s.date DESC LIMIT ?`,
      )
      .all(...processParams, q.limit) as SearchHit[];
    return [...hits, ...process].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, q.limit);
  }
}
