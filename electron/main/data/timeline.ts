import { randomUUID } from 'node:crypto';
import type { LifeEvent, LifeEventFields, Timeline } from '../../../shared/schemas/timeline.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { ClientRepository } from './clients.ts';
import type { CourseRepository } from './courses.ts';
import type { PersonRepository } from './inventory.ts';
import { laterTimestamp, requireRow } from './records.ts';
import type { SessionRepository } from './sessions.ts';
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

/** What the timeline needs from the records' owners (each repository answers for its own tables). */
export interface TimelineOwners {
  clients: Pick<ClientRepository, 'assertExists'>;
  people: Pick<PersonRepository, 'assertOfClient'>;
  courses: Pick<CourseRepository, 'spans'>;
  sessions: Pick<SessionRepository, 'numberedForClient'>;
}

/** Dated life events (`life_events`) and the client's timeline (events, courses and session ticks on one axis; courses and sessions asked of their owners). */
export class TimelineRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly owners: TimelineOwners;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, owners: TimelineOwners, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.owners = owners;
    this.now = now;
  }

  create(clientId: string, fields: LifeEventFields): LifeEvent {
    const id = randomUUID();
    this.db.transaction(() => {
      this.owners.clients.assertExists(clientId);
      if (fields.personId) this.owners.people.assertOfClient(fields.personId, clientId, 'fields.personId');
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
      if (fields.personId) this.owners.people.assertOfClient(fields.personId, row.client_id, 'fields.personId');
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

  /** The client's life events as the measures chart marks them: date and title, by date. */
  eventMarks(clientId: string): { date: string; title: string }[] {
    return this.db.prepare('SELECT date, title FROM life_events WHERE client_id = ? ORDER BY date').all(clientId) as { date: string; title: string }[];
  }

  /** The life events that name this person, by date (the inventory's "used in"). */
  eventsNaming(personId: string): { date: string; title: string }[] {
    return this.db.prepare('SELECT date, title FROM life_events WHERE person_id = ? ORDER BY date').all(personId) as { date: string; title: string }[];
  }

  timeline(clientId: string): Timeline {
    this.owners.clients.assertExists(clientId);
    const events = (this.db.prepare('SELECT * FROM life_events WHERE client_id = ? ORDER BY date, created_at').all(clientId) as EventRow[]).map(toEvent);
    const courses = this.owners.courses.spans(clientId);
    const sessions = this.owners.sessions.numberedForClient(clientId).map((s) => ({ id: s.id, courseId: s.courseId, date: s.date, attended: s.attendance === 'attended', number: s.number }));
    return { events, sessions, courses };
  }

  /** The ids of the client's life events: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM life_events WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private row(id: string): EventRow {
    return requireRow(this.db.prepare('SELECT * FROM life_events WHERE id = ?').get(id) as EventRow | undefined);
  }
}
