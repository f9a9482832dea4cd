import { randomUUID } from 'node:crypto';
import { contractSchema } from '../../../shared/schemas/course.ts';
import { plannedEndDate } from '../../../shared/ipt/course-logic.ts';
import type { LifeEvent, LifeEventFields, Timeline } from '../../../shared/schemas/timeline.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import { assertClientExists, assertPersonOfClient, laterTimestamp, readJson, requireRow } from './records.ts';
import type { SessionRepository } from './sessions.ts';
import type { CourseRepository } from './courses.ts';
import type { Db } from './vault/database.ts';

interface EventRow {
  id: string;
  client_id: string;
  date: string;
  kind: LifeEventFields['kind'];
  title: string;
  person_id: string | null;
  mood_rating: number | null;
  note: string;
  created_at: string;
  updated_at: string;
}

function toEvent(r: EventRow): LifeEvent {
  return {
    id: r.id,
    clientId: r.client_id,
    fields: { date: r.date, kind: r.kind, title: r.title, personId: r.person_id, moodRating: r.mood_rating, note: r.note },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Dated life events and the client's timeline (events, courses and session ticks on one axis). */
export class TimelineRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly sessions: SessionRepository;
  private readonly courses: CourseRepository;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, sessions: SessionRepository, courses: CourseRepository, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.sessions = sessions;
    this.courses = courses;
    this.now = now;
  }

  create(clientId: string, fields: LifeEventFields): LifeEvent {
    const id = randomUUID();
    this.db.transaction(() => {
      assertClientExists(this.db, clientId);
      if (fields.personId) assertPersonOfClient(this.db, fields.personId, clientId, 'fields.personId');
      const at = this.now().toISOString();
      this.db
        .prepare('INSERT INTO life_events (id, client_id, date, kind, title, person_id, mood_rating, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, clientId, fields.date, fields.kind, fields.title, fields.personId, fields.moodRating, fields.note, at, at);
      this.audit.append({ type: 'life_event.created', recordType: 'life_event', recordId: id });
    })();
    return this.get(id);
  }

  update(id: string, expectedUpdatedAt: string, fields: LifeEventFields): LifeEvent {
    this.db.transaction(() => {
      const row = this.row(id);
      if (row.updated_at !== expectedUpdatedAt) throw new AppError('CONFLICT');
      if (fields.personId) assertPersonOfClient(this.db, fields.personId, row.client_id, 'fields.personId');
      this.db
        .prepare('UPDATE life_events SET date = ?, kind = ?, title = ?, person_id = ?, mood_rating = ?, note = ?, updated_at = ? WHERE id = ?')
        .run(fields.date, fields.kind, fields.title, fields.personId, fields.moodRating, fields.note, laterTimestamp(this.now(), row.updated_at), id);
      this.audit.append({ type: 'life_event.changed', recordType: 'life_event', recordId: id });
    })();
    return this.get(id);
  }

  remove(id: string): void {
    this.db.transaction(() => {
      this.row(id);
      this.db.prepare('DELETE FROM life_events WHERE id = ?').run(id);
      this.audit.append({ type: 'life_event.removed', recordType: 'life_event', recordId: id });
    })();
  }

  get(id: string): LifeEvent {
    return toEvent(this.row(id));
  }

  timeline(clientId: string): Timeline {
    assertClientExists(this.db, clientId);
    const events = (this.db.prepare('SELECT * FROM life_events WHERE client_id = ? ORDER BY date, created_at').all(clientId) as EventRow[]).map(toEvent);
    const courseRows = this.db.prepare('SELECT id, type, contract FROM courses WHERE client_id = ? ORDER BY created_at').all(clientId) as { id: string; type: string; contract: string }[];
    const courses = courseRows.map((c) => {
      const contract = readJson(contractSchema, c.contract);
      return { id: c.id, type: c.type, startDate: contract.startDate, plannedEndDate: contract.plannedEndDateOverride || plannedEndDate(contract.startDate, contract.plannedSessions, contract.frequency) };
    });
    const sessions = this.sessions.numberedForClient(clientId).map((s) => ({ id: s.id, courseId: s.courseId, date: s.date, attended: s.attendance === 'attended', number: s.number }));
    return { events, sessions, courses };
  }

  private row(id: string): EventRow {
    return requireRow(this.db.prepare('SELECT * FROM life_events WHERE id = ?').get(id) as EventRow | undefined);
  }
}
