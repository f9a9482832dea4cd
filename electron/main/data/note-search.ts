/**
 * The search documents of session notes, addenda, technique entries and process notes: what text
 * of each goes into the index and under which date. It writes only through SearchIndex (which
 * owns the FTS tables) and reads no record table: callers hand it the record and where it sits.
 * Callers write inside their own transaction.
 */
import { NOTE_TEXT_FIELDS } from '../../../shared/ipt/note-layouts.ts';
import type { EntryValues } from '../../../shared/ipt/templates/types.ts';
import { localDateOf } from '../../../shared/schemas/dates.ts';
import type { NoteFields } from '../../../shared/schemas/note.ts';
import type { SearchIndex } from './search.ts';

export function noteSearchBody(fields: NoteFields): string {
  return NOTE_TEXT_FIELDS.map((k) => fields[k]).filter(Boolean).join('\n');
}

export function entrySearchBody(values: EntryValues): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  Object.values(values).forEach(walk);
  // Person ids are not words anyone searches for.
  return parts.filter((p) => !/^[0-9a-f-]{36}$/.test(p)).join('\n');
}

/** The session a document belongs to: its id, client and date. */
export interface IndexedSession {
  id: string;
  clientId: string;
  date: string;
}

export class NoteSearch {
  private readonly search: SearchIndex;

  constructor(search: SearchIndex) {
    this.search = search;
  }

  putNote(session: IndexedSession, fields: NoteFields): void {
    this.search.put({ kind: 'note', recordId: session.id, clientId: session.clientId, sessionId: session.id, date: session.date, title: 'Session note', body: noteSearchBody(fields) });
  }

  /** An addendum is found under the day it was written. */
  putAddendum(session: IndexedSession, addendum: { id: string; text: string; writtenAt: string }): void {
    this.search.put({ kind: 'addendum', recordId: addendum.id, clientId: session.clientId, sessionId: session.id, date: localDateOf(addendum.writtenAt), title: 'Addendum', body: addendum.text });
  }

  putEntry(session: IndexedSession, entry: { id: string; templateId: string; values: EntryValues }, templateTitle: string): void {
    this.search.put({ kind: 'entry', recordId: entry.id, clientId: session.clientId, sessionId: session.id, date: session.date, templateId: entry.templateId, title: templateTitle, body: entrySearchBody(entry.values) });
  }

  removeEntry(entryId: string): void {
    this.search.remove('entry', entryId);
  }

  /** Removes the session's note, addenda and entries from search (voided or moved away). */
  removeSession(sessionId: string): void {
    this.search.removeSession(sessionId);
  }

  removeProcessNote(rowid: number): void {
    this.search.removeProcessNote(rowid);
  }

  /** The private process note has its own index, keyed by its row. */
  putProcessNote(rowid: number, text: string): void {
    this.search.putProcessNote(rowid, text);
  }
}
