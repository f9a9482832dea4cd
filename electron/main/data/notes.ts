import { randomUUID } from 'node:crypto';
import { NOTE_FIELD_LABELS, NOTE_TEXT_FIELDS } from '../../../shared/ipt/note-layouts.ts';
import { entryValuesSchema, referencedPeople } from '../../../shared/ipt/templates/logic.ts';
import type { EntryValues } from '../../../shared/ipt/templates/types.ts';
import { frozenSchema, noteFieldsSchema, type Entry, type NoteFields, type RiskRecord, type SessionNote } from '../../../shared/schemas/note.ts';
import type { Attendance } from '../../../shared/ipt/vocabulary.ts';
import type { AuditService } from './audit.ts';
import type { CourseRepository } from './courses.ts';
import { AppError } from './errors.ts';
import type { ProfileRepository } from './profile.ts';
import { readJson, requireRow } from './records.ts';
import type { SearchIndex } from './search.ts';
import type { SessionRepository } from './sessions.ts';
import type { TemplateRegistry } from './templates.ts';
import type { Db } from './vault/database.ts';

interface NoteRow {
  session_id: string;
  fields: string;
  written_at: string;
  updated_at: string;
  signed_at: string | null;
  frozen: string | null;
  voided_at: string | null;
  void_reason: string;
}

interface SessionRow {
  id: string;
  course_id: string;
  client_id: string;
  date: string;
  time: string;
  attendance: Attendance;
}

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

/** Drafts are saved often; the audit trail records a change at most once per this interval. */
const AUDIT_CHANGE_INTERVAL_MS = 10 * 60_000;

export function noteSearchBody(fields: NoteFields): string {
  return NOTE_TEXT_FIELDS.map((k) => fields[k]).filter(Boolean).join('\n');
}

function entrySearchBody(values: EntryValues): string {
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

/**
 * Session notes with their technique entries, addenda and the private process note. A note is a
 * draft until signed; signing freezes what it showed; after that only addenda, voiding or moving.
 */
export class NoteRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly search: SearchIndex;
  private readonly sessions: SessionRepository;
  private readonly courses: CourseRepository;
  private readonly templates: TemplateRegistry;
  private readonly profile: ProfileRepository;
  private readonly now: () => Date;

  constructor(deps: { db: Db; audit: AuditService; search: SearchIndex; sessions: SessionRepository; courses: CourseRepository; templates: TemplateRegistry; profile: ProfileRepository; now?: () => Date }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.search = deps.search;
    this.sessions = deps.sessions;
    this.courses = deps.courses;
    this.templates = deps.templates;
    this.profile = deps.profile;
    this.now = deps.now ?? (() => new Date());
  }

  get(sessionId: string): SessionNote {
    const session = this.session(sessionId);
    const note = this.noteRow(sessionId);
    const plan = this.courses.plan(session.course_id);
    const numbered = this.sessions.numberedOne(sessionId);
    const frozen = note?.frozen ? readJson(frozenSchema, note.frozen) : null;
    const entries = this.entries(sessionId);
    const peopleNames = frozen ? frozen.people : this.currentNames(entries);
    const status = note?.voided_at ? 'voided' : note?.signed_at ? 'signed' : 'draft';
    return {
      sessionId,
      clientId: session.client_id,
      courseId: session.course_id,
      date: session.date,
      time: session.time,
      attendance: session.attendance,
      number: frozen ? frozen.sessionNumber : numbered.number,
      phase: frozen ? frozen.phase : numbered.phase,
      plannedSessions: frozen ? frozen.plannedSessions : plan.plannedSessions,
      fields: note ? readJson(noteFieldsSchema, note.fields) : noteFieldsSchema.parse({}),
      status,
      writtenAt: note?.written_at ?? null,
      updatedAt: note?.updated_at ?? null,
      signedAt: note?.signed_at ?? null,
      frozen,
      voidReason: note?.void_reason ?? '',
      addenda: (this.db.prepare('SELECT id, text, written_at FROM note_addenda WHERE session_id = ? ORDER BY written_at, id').all(sessionId) as { id: string; text: string; written_at: string }[]).map((a) => ({
        id: a.id,
        text: a.text,
        writtenAt: a.written_at,
      })),
      entries,
      peopleNames,
      openRisks: this.openRisks(session.client_id, sessionId),
      previous: this.previous(session),
    };
  }

  /** Saves the draft. Called every second or two while typing: it must be cheap and durable. */
  saveDraft(sessionId: string, fields: NoteFields): { updatedAt: string } {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const session = this.session(sessionId);
      const note = this.noteRow(sessionId);
      if (note?.signed_at || note?.voided_at) throw new AppError('READ_ONLY');
      if (note) {
        this.db.prepare('UPDATE session_notes SET fields = ?, updated_at = ? WHERE session_id = ?').run(JSON.stringify(fields), at, sessionId);
        this.auditChange(sessionId);
      } else {
        this.db.prepare('INSERT INTO session_notes (session_id, fields, written_at, updated_at) VALUES (?, ?, ?, ?)').run(sessionId, JSON.stringify(fields), at, at);
        this.audit.append({ type: 'note.created', recordType: 'session', recordId: sessionId });
      }
      this.search.put({ kind: 'note', recordId: sessionId, clientId: session.client_id, sessionId, date: session.date, title: 'Session note', body: noteSearchBody(fields) });
      if (fields.riskCheck === 'needs_assessment') this.openRisk(session.client_id, sessionId, 'session_risk_check', 'The session risk check said an assessment is needed.');
    })();
    return { updatedAt: at };
  }

  /** Copies the carry-forward fields of the previous note into this draft. */
  startFromLast(sessionId: string): SessionNote {
    const session = this.session(sessionId);
    const previous = this.previous(session);
    if (!previous) throw new AppError('NOT_FOUND', { message: 'There is no earlier note in this course to start from.' });
    const current = this.get(sessionId);
    if (current.status !== 'draft') throw new AppError('READ_ONLY');
    const fields: NoteFields = {
      ...current.fields,
      focusArea: (previous.focusArea as NoteFields['focusArea']) || current.fields.focusArea,
      taskReviewNote: current.fields.taskReviewNote || (previous.task ? `Task from last session: ${previous.task}` : ''),
      taskReview: previous.task ? current.fields.taskReview : 'none_set',
    };
    this.saveDraft(sessionId, fields);
    return this.get(sessionId);
  }

  sign(sessionId: string): SessionNote {
    this.db.transaction(() => {
      const session = this.session(sessionId);
      const note = this.noteRow(sessionId);
      if (!note) throw new AppError('VALIDATION_FAILED', { fields: { note: 'Write the note before signing it.' } });
      if (note.signed_at || note.voided_at) throw new AppError('READ_ONLY');
      const profile = this.profile.get();
      if (!profile.clinicianName) throw new AppError('VALIDATION_FAILED', { fields: { clinicianName: 'Add your name to the practice profile before signing notes.' } });
      const plan = this.courses.plan(session.course_id);
      const numbered = this.sessions.numberedOne(sessionId);
      const frozen = {
        sessionNumber: numbered.number,
        plannedSessions: plan.plannedSessions,
        phase: numbered.phase,
        date: session.date,
        attendance: session.attendance,
        clinicianName: profile.clinicianName,
        credentials: profile.credentials,
        people: this.currentNames(this.entries(sessionId)),
      };
      this.db.prepare('UPDATE session_notes SET signed_at = ?, frozen = ? WHERE session_id = ?').run(this.now().toISOString(), JSON.stringify(frozen), sessionId);
      this.audit.append({ type: 'note.signed', recordType: 'session', recordId: sessionId });
    })();
    return this.get(sessionId);
  }

  addAddendum(sessionId: string, text: string): SessionNote {
    this.db.transaction(() => {
      const session = this.session(sessionId);
      const note = this.noteRow(sessionId);
      if (!note?.signed_at) throw new AppError('VALIDATION_FAILED', { fields: { text: 'Addenda are for signed notes. Edit the draft instead.' } });
      if (note.voided_at) throw new AppError('READ_ONLY', { message: 'This note was voided.' });
      const id = randomUUID();
      const at = this.now().toISOString();
      this.db.prepare('INSERT INTO note_addenda (id, session_id, text, written_at) VALUES (?, ?, ?, ?)').run(id, sessionId, text, at);
      this.search.put({ kind: 'addendum', recordId: id, clientId: session.client_id, sessionId, date: at.slice(0, 10), title: 'Addendum', body: text });
      this.audit.append({ type: 'addendum.added', recordType: 'session', recordId: sessionId });
    })();
    return this.get(sessionId);
  }

  /** Marks a wrongly filed note void, with the reason. It stays in the record, out of search. */
  void(sessionId: string, reason: string): SessionNote {
    this.db.transaction(() => {
      this.session(sessionId);
      const note = requireRow(this.noteRow(sessionId) ?? undefined);
      if (note.voided_at) return;
      this.db.prepare('UPDATE session_notes SET voided_at = ?, void_reason = ? WHERE session_id = ?').run(this.now().toISOString(), reason, sessionId);
      this.search.removeSession(sessionId);
      this.audit.append({ type: 'note.voided', recordType: 'session', recordId: sessionId });
    })();
    return this.get(sessionId);
  }

  /**
   * Moves a note (with its entries, addenda and process note) to the session it belongs to, which
   * may be another client's. The target must not have a note yet; person links are dropped when
   * the client changes, because inventory people belong to one client.
   */
  move(sessionId: string, targetSessionId: string): SessionNote {
    this.db.transaction(() => {
      const from = this.session(sessionId);
      const to = this.session(targetSessionId);
      if (sessionId === targetSessionId) throw new AppError('VALIDATION_FAILED', { fields: { targetSessionId: 'Choose a different session.' } });
      const note = this.noteRow(sessionId);
      if (!note) throw new AppError('NOT_FOUND', { message: 'There is no note to move.' });
      if (this.noteRow(targetSessionId)) throw new AppError('VALIDATION_FAILED', { fields: { targetSessionId: 'That session already has a note.' } });
      const otherClient = from.client_id !== to.client_id;
      this.db.prepare('UPDATE session_notes SET session_id = ? WHERE session_id = ?').run(targetSessionId, sessionId);
      this.db.prepare('UPDATE note_addenda SET session_id = ? WHERE session_id = ?').run(targetSessionId, sessionId);
      this.db.prepare('UPDATE process_notes SET session_id = ? WHERE session_id = ?').run(targetSessionId, sessionId);
      if (otherClient) {
        this.db.prepare('DELETE FROM entry_people WHERE entry_id IN (SELECT id FROM technique_entries WHERE session_id = ?)').run(sessionId);
      }
      this.db.prepare('UPDATE technique_entries SET session_id = ?, client_id = ? WHERE session_id = ?').run(targetSessionId, to.client_id, sessionId);
      this.search.removeSession(sessionId);
      this.reindexSession(targetSessionId);
      this.audit.append({ type: 'note.moved', recordType: 'session', recordId: targetSessionId, detail: { toOtherClient: otherClient } });
    })();
    return this.get(targetSessionId);
  }

  processNote(sessionId: string): { text: string; updatedAt: string | null } {
    this.session(sessionId);
    const row = this.db.prepare('SELECT text, updated_at FROM process_notes WHERE session_id = ?').get(sessionId) as { text: string; updated_at: string } | undefined;
    return { text: row?.text ?? '', updatedAt: row?.updated_at ?? null };
  }

  /** The private process note: its own table and index, never part of the record. */
  saveProcessNote(sessionId: string, text: string): { text: string; updatedAt: string } {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.session(sessionId);
      this.db
        .prepare('INSERT INTO process_notes (session_id, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at')
        .run(sessionId, text, at);
      const { rowid } = this.db.prepare('SELECT rowid FROM process_notes WHERE session_id = ?').get(sessionId) as { rowid: number };
      this.search.putProcessNote(rowid, text);
      this.auditChange(sessionId, 'process_note.changed');
    })();
    return { text, updatedAt: at };
  }

  // --- technique entries -------------------------------------------------------------------

  createEntry(sessionId: string, templateId: string, sourceEntryId: string | null, initial: EntryValues): Entry {
    const id = randomUUID();
    this.db.transaction(() => {
      const session = this.session(sessionId);
      this.assertEditable(sessionId);
      const template = this.templates.latest(templateId);
      if (sourceEntryId) {
        const source = this.db.prepare('SELECT client_id FROM technique_entries WHERE id = ?').get(sourceEntryId) as { client_id: string } | undefined;
        if (!source || source.client_id !== session.client_id) throw new AppError('VALIDATION_FAILED', { fields: { sourceEntryId: 'Start from an entry of the same client.' } });
      }
      const values = entryValuesSchema(template).parse(initial);
      const at = this.now().toISOString();
      this.db
        .prepare('INSERT INTO technique_entries (id, session_id, client_id, template_id, template_version, "values", source_entry_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, sessionId, session.client_id, template.id, template.version, JSON.stringify(values), sourceEntryId, at, at);
      this.writeEntryPeople(id, session.client_id, referencedPeople(template, values));
      this.indexEntry(id);
      this.audit.append({ type: 'entry.created', recordType: 'entry', recordId: id });
    })();
    return this.entry(id);
  }

  saveEntry(id: string, rawValues: Record<string, unknown>): Entry {
    this.db.transaction(() => {
      const row = this.entryRow(id);
      this.assertEditable(row.session_id);
      const template = this.templates.resolve(row.template_id, row.template_version);
      const parsed = entryValuesSchema(template).safeParse(rawValues);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'values'] ??= issue.code === 'unrecognized_keys' ? `This template (version ${row.template_version}) has no field named ${issue.keys.join(', ')}.` : issue.message;
        throw new AppError('VALIDATION_FAILED', { fields });
      }
      this.db.prepare('UPDATE technique_entries SET "values" = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(parsed.data), this.now().toISOString(), id);
      this.writeEntryPeople(id, row.client_id, referencedPeople(template, parsed.data));
      this.indexEntry(id);
      this.auditChange(id, 'entry.changed', 'entry');
    })();
    return this.entry(id);
  }

  removeEntry(id: string): void {
    this.db.transaction(() => {
      const row = this.entryRow(id);
      this.assertEditable(row.session_id);
      this.db.prepare('DELETE FROM technique_entries WHERE id = ?').run(id);
      this.search.remove('entry', id);
      this.audit.append({ type: 'entry.removed', recordType: 'entry', recordId: id });
    })();
  }

  entry(id: string): Entry {
    return this.toEntry(this.entryRow(id));
  }

  entries(sessionId: string): Entry[] {
    return (this.db.prepare('SELECT * FROM technique_entries WHERE session_id = ? ORDER BY created_at, id').all(sessionId) as EntryRow[]).map((r) => this.toEntry(r));
  }

  // --- risk records ------------------------------------------------------------------------

  openRisk(clientId: string, sessionId: string | null, source: RiskRecord['source'], detail: string): void {
    const existing = this.db
      .prepare('SELECT 1 FROM risk_records WHERE client_id = ? AND session_id IS ? AND source = ? AND assessed_at IS NULL')
      .get(clientId, sessionId, source);
    if (existing) return;
    const id = randomUUID();
    this.db.prepare('INSERT INTO risk_records (id, client_id, session_id, source, detail, opened_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, clientId, sessionId, source, detail, this.now().toISOString());
    this.audit.append({ type: 'risk.opened', recordType: 'risk', recordId: id });
  }

  assessRisk(id: string, assessment: string): RiskRecord {
    this.db.transaction(() => {
      const row = requireRow(this.db.prepare('SELECT assessed_at FROM risk_records WHERE id = ?').get(id) as { assessed_at: string | null } | undefined);
      if (row.assessed_at) throw new AppError('VALIDATION_FAILED', { fields: { assessment: 'This risk record already has an assessment.' } });
      this.db.prepare('UPDATE risk_records SET assessment = ?, assessed_at = ? WHERE id = ?').run(assessment, this.now().toISOString(), id);
      this.audit.append({ type: 'risk.assessed', recordType: 'risk', recordId: id });
    })();
    return this.riskRow(id);
  }

  openRisks(clientId: string, sessionId?: string): RiskRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM risk_records WHERE client_id = ? AND assessed_at IS NULL ${sessionId ? 'AND (session_id = ? OR session_id IS NULL)' : ''} ORDER BY opened_at`)
      .all(...(sessionId ? [clientId, sessionId] : [clientId])) as RiskRow[];
    return rows.map(toRisk);
  }

  private riskRow(id: string): RiskRecord {
    return toRisk(requireRow(this.db.prepare('SELECT * FROM risk_records WHERE id = ?').get(id) as RiskRow | undefined));
  }

  // --- helpers -----------------------------------------------------------------------------

  private assertEditable(sessionId: string): void {
    const note = this.noteRow(sessionId);
    if (note?.signed_at || note?.voided_at) throw new AppError('READ_ONLY');
  }

  private writeEntryPeople(entryId: string, clientId: string, people: string[]): void {
    this.db.prepare('DELETE FROM entry_people WHERE entry_id = ?').run(entryId);
    const insert = this.db.prepare('INSERT INTO entry_people (entry_id, person_id) VALUES (?, ?)');
    for (const personId of new Set(people)) {
      const row = this.db.prepare('SELECT client_id FROM people WHERE id = ?').get(personId) as { client_id: string } | undefined;
      if (!row || row.client_id !== clientId) throw new AppError('VALIDATION_FAILED', { fields: { values: 'Choose people from this client’s inventory.' } });
      insert.run(entryId, personId);
    }
  }

  private indexEntry(id: string): void {
    const row = this.entryRow(id);
    const session = this.session(row.session_id);
    const template = this.templates.resolve(row.template_id, row.template_version);
    this.search.put({
      kind: 'entry',
      recordId: id,
      clientId: row.client_id,
      sessionId: row.session_id,
      date: session.date,
      templateId: row.template_id,
      title: template.title,
      body: entrySearchBody(JSON.parse(row.values) as EntryValues),
    });
  }

  private reindexSession(sessionId: string): void {
    const session = this.session(sessionId);
    const note = this.noteRow(sessionId);
    if (note && !note.voided_at) {
      this.search.put({ kind: 'note', recordId: sessionId, clientId: session.client_id, sessionId, date: session.date, title: 'Session note', body: noteSearchBody(readJson(noteFieldsSchema, note.fields)) });
      for (const a of this.db.prepare('SELECT id, text, written_at FROM note_addenda WHERE session_id = ?').all(sessionId) as { id: string; text: string; written_at: string }[]) {
        this.search.put({ kind: 'addendum', recordId: a.id, clientId: session.client_id, sessionId, date: a.written_at.slice(0, 10), title: 'Addendum', body: a.text });
      }
      for (const e of this.entries(sessionId)) this.indexEntry(e.id);
    }
  }

  private currentNames(entries: Entry[]): Record<string, string> {
    const ids = new Set<string>();
    for (const e of entries) {
      const template = this.templates.resolve(e.templateId, e.templateVersion);
      for (const id of referencedPeople(template, e.values as EntryValues)) ids.add(id);
    }
    const names: Record<string, string> = {};
    for (const id of ids) {
      const row = this.db.prepare('SELECT name FROM people WHERE id = ?').get(id) as { name: string } | undefined;
      if (row) names[id] = row.name;
    }
    return names;
  }

  private previous(session: SessionRow): SessionNote['previous'] {
    const row = this.db
      .prepare(
        `SELECT s.id, n.fields FROM sessions s JOIN session_notes n ON n.session_id = s.id
         WHERE s.course_id = ? AND s.id <> ? AND n.voided_at IS NULL AND (s.date < ? OR (s.date = ? AND s.created_at < (SELECT created_at FROM sessions WHERE id = ?)))
         ORDER BY s.date DESC, s.time DESC, s.created_at DESC LIMIT 1`,
      )
      .get(session.course_id, session.id, session.date, session.date, session.id) as { id: string; fields: string } | undefined;
    if (!row) return null;
    const fields = readJson(noteFieldsSchema, row.fields);
    return { sessionId: row.id, planNext: fields.planNext, task: fields.task, focusArea: fields.focusArea };
  }

  private auditChange(recordId: string, type: 'note.changed' | 'process_note.changed' | 'entry.changed' = 'note.changed', recordType: 'session' | 'entry' = 'session'): void {
    const last = this.db.prepare('SELECT at FROM audit_log WHERE record_id = ? AND type = ? ORDER BY seq DESC LIMIT 1').get(recordId, type) as { at: string } | undefined;
    if (last && this.now().getTime() - Date.parse(last.at) < AUDIT_CHANGE_INTERVAL_MS) return;
    this.audit.append({ type, recordType, recordId });
  }

  private session(id: string): SessionRow {
    return requireRow(this.db.prepare('SELECT id, course_id, client_id, date, time, attendance FROM sessions WHERE id = ?').get(id) as SessionRow | undefined);
  }

  private noteRow(sessionId: string): NoteRow | null {
    return (this.db.prepare('SELECT * FROM session_notes WHERE session_id = ?').get(sessionId) as NoteRow | undefined) ?? null;
  }

  private entryRow(id: string): EntryRow {
    return requireRow(this.db.prepare('SELECT * FROM technique_entries WHERE id = ?').get(id) as EntryRow | undefined);
  }

  private toEntry(r: EntryRow): Entry {
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
}

interface RiskRow {
  id: string;
  client_id: string;
  session_id: string | null;
  source: RiskRecord['source'];
  detail: string;
  opened_at: string;
  assessment: string;
  assessed_at: string | null;
}

function toRisk(r: RiskRow): RiskRecord {
  return { id: r.id, clientId: r.client_id, sessionId: r.session_id, source: r.source, detail: r.detail, openedAt: r.opened_at, assessment: r.assessment, assessedAt: r.assessed_at };
}

export { NOTE_FIELD_LABELS };
