import { randomUUID } from 'node:crypto';
import { entryValuesSchema, referencedPeople } from '../../../shared/ipt/templates/logic.ts';
import type { EntryValues } from '../../../shared/ipt/templates/types.ts';
import type { Entry } from '../../../shared/schemas/note.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { IndexedSession, NoteSearch } from './note-search.ts';
import { requireRow } from './records.ts';
import type { SessionPlace } from './sessions.ts';
import type { TemplateRegistry } from './templates.ts';
import type { Db } from './vault/database.ts';

interface EntryRow {
  id: string;
  session_id: string;
  client_id: string;
  template_id: string;
  template_version: number;
  values: string;
  source_entry_id: string | null;
  created_at: string;
  updated_at: string;
}

function toEntry(r: EntryRow): Entry {
  return {
    id: r.id,
    sessionId: r.session_id,
    templateId: r.template_id,
    templateVersion: r.template_version,
    values: JSON.parse(r.values) as Record<string, unknown>,
    sourceEntryId: r.source_entry_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What entries need from the session they are written in (the session repository answers). */
export interface EntrySessionFacts {
  place(sessionId: string): SessionPlace;
}

/** What entries need from the session's note (the note repository answers): entries change only while it is a draft. */
export interface EntryNoteFacts {
  assertEditable(sessionId: string): void;
}

/** What entries need from the inventory (the person repository answers). */
export interface EntryPeopleFacts {
  clientOf(personId: string): string | null;
  names(ids: Iterable<string>): Record<string, string>;
}

/**
 * Technique entries (`technique_entries`) and the people they refer to (`entry_people`). Each
 * entry keeps the template version it was made with and is validated against exactly that version.
 */
export class EntryRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly search: NoteSearch;
  private readonly sessions: EntrySessionFacts;
  private readonly notes: EntryNoteFacts;
  private readonly people: EntryPeopleFacts;
  private readonly templates: Pick<TemplateRegistry, 'latest' | 'resolve'>;
  private readonly now: () => Date;

  constructor(deps: {
    db: Db;
    audit: AuditService;
    search: NoteSearch;
    sessions: EntrySessionFacts;
    notes: EntryNoteFacts;
    people: EntryPeopleFacts;
    templates: Pick<TemplateRegistry, 'latest' | 'resolve'>;
    now?: () => Date;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.search = deps.search;
    this.sessions = deps.sessions;
    this.notes = deps.notes;
    this.people = deps.people;
    this.templates = deps.templates;
    this.now = deps.now ?? (() => new Date());
  }

  create(sessionId: string, templateId: string, sourceEntryId: string | null, initial: EntryValues): Entry {
    const id = randomUUID();
    this.db.transaction(() => {
      const session = this.sessions.place(sessionId);
      this.notes.assertEditable(sessionId);
      const template = this.templates.latest(templateId);
      if (sourceEntryId) {
        const source = this.db.prepare('SELECT client_id FROM technique_entries WHERE id = ?').get(sourceEntryId) as { client_id: string } | undefined;
        if (!source || source.client_id !== session.clientId) throw new AppError('VALIDATION_FAILED', { fields: { sourceEntryId: 'Start from an entry of the same client.' } });
      }
      const values = entryValuesSchema(template).parse(initial);
      const at = this.now().toISOString();
      this.db
        .prepare('INSERT INTO technique_entries (id, session_id, client_id, template_id, template_version, "values", source_entry_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, sessionId, session.clientId, template.id, template.version, JSON.stringify(values), sourceEntryId, at, at);
      this.writePeople(id, session.clientId, referencedPeople(template, values));
      this.index(this.get(id), session);
      this.audit.append({ type: 'entry.created', recordType: 'entry', recordId: id });
    })();
    return this.get(id);
  }

  save(id: string, rawValues: Record<string, unknown>): Entry {
    this.db.transaction(() => {
      const row = this.row(id);
      this.notes.assertEditable(row.session_id);
      const template = this.templates.resolve(row.template_id, row.template_version);
      const parsed = entryValuesSchema(template).safeParse(rawValues);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'values'] ??= issue.code === 'unrecognized_keys' ? `This template (version ${row.template_version}) has no field named ${issue.keys.join(', ')}.` : issue.message;
        throw new AppError('VALIDATION_FAILED', { fields });
      }
      this.db.prepare('UPDATE technique_entries SET "values" = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(parsed.data), this.now().toISOString(), id);
      this.writePeople(id, row.client_id, referencedPeople(template, parsed.data));
      this.index(this.get(id), this.sessions.place(row.session_id));
      this.audit.appendChange({ type: 'entry.changed', recordType: 'entry', recordId: id }, this.now());
    })();
    return this.get(id);
  }

  remove(id: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      this.notes.assertEditable(row.session_id);
      // entry_people rows go with it (foreign key, ON DELETE CASCADE).
      this.db.prepare('DELETE FROM technique_entries WHERE id = ?').run(id);
      this.search.removeEntry(id);
      this.audit.append({ type: 'entry.removed', recordType: 'entry', recordId: id });
    })();
  }

  get(id: string): Entry {
    return toEntry(this.row(id));
  }

  /** The session's entries, oldest first. */
  forSession(sessionId: string): Entry[] {
    return (this.db.prepare('SELECT * FROM technique_entries WHERE session_id = ? ORDER BY created_at, id').all(sessionId) as EntryRow[]).map(toEntry);
  }

  /** The entries that name this person: template and session (the inventory's "used in"). */
  namingPerson(personId: string): { templateId: string; sessionId: string }[] {
    return (
      this.db.prepare('SELECT e.template_id, e.session_id FROM entry_people ep JOIN technique_entries e ON e.id = ep.entry_id WHERE ep.person_id = ?').all(personId) as { template_id: string; session_id: string }[]
    ).map((r) => ({ templateId: r.template_id, sessionId: r.session_id }));
  }

  /** The current names of the people these entries refer to, by person id. */
  peopleNames(entries: Entry[]): Record<string, string> {
    const ids = new Set<string>();
    for (const e of entries) {
      const template = this.templates.resolve(e.templateId, e.templateVersion);
      for (const id of referencedPeople(template, e.values as EntryValues)) ids.add(id);
    }
    return this.people.names(ids);
  }

  /**
   * Re-homes a session's entries to another session (part of moving a note; call inside its
   * transaction). Person links are dropped when the client changes: inventory people belong to one client.
   */
  moveSession(fromSessionId: string, to: { id: string; clientId: string }, otherClient: boolean): void {
    if (otherClient) {
      this.db.prepare('DELETE FROM entry_people WHERE entry_id IN (SELECT id FROM technique_entries WHERE session_id = ?)').run(fromSessionId);
    }
    this.db.prepare('UPDATE technique_entries SET session_id = ?, client_id = ? WHERE session_id = ?').run(to.id, to.clientId, fromSessionId);
  }

  /** Writes the search documents of every entry of the session (after a move). */
  indexSession(session: IndexedSession): void {
    for (const e of this.forSession(session.id)) this.index(e, session);
  }

  /** The ids of the client's technique entries: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM technique_entries WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private index(entry: Entry, session: IndexedSession): void {
    const template = this.templates.resolve(entry.templateId, entry.templateVersion);
    this.search.putEntry(session, { id: entry.id, templateId: entry.templateId, values: entry.values as EntryValues }, template.title);
  }

  private writePeople(entryId: string, clientId: string, people: string[]): void {
    this.db.prepare('DELETE FROM entry_people WHERE entry_id = ?').run(entryId);
    const insert = this.db.prepare('INSERT INTO entry_people (entry_id, person_id) VALUES (?, ?)');
    for (const personId of new Set(people)) {
      if (this.people.clientOf(personId) !== clientId) throw new AppError('VALIDATION_FAILED', { fields: { values: 'Choose people from this client’s inventory.' } });
      insert.run(entryId, personId);
    }
  }

  private row(id: string): EntryRow {
    return requireRow(this.db.prepare('SELECT * FROM technique_entries WHERE id = ?').get(id) as EntryRow | undefined);
  }
}
