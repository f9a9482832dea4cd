import { randomUUID } from 'node:crypto';
import { COURSE_TYPE_LABELS, PROBLEM_AREA_LABELS, type CourseType, type OnsetRole, type ProblemArea } from '../../../shared/ipt/vocabulary.ts';
import { latestBuiltIn } from '../../../shared/ipt/templates/built-in.ts';
import { localDateOf } from '../../../shared/schemas/dates.ts';
import { personFieldsSchema, type Person, type PersonFields } from '../../../shared/schemas/inventory.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { ClientRepository } from './clients.ts';
import { laterTimestamp, readJson, requireRow } from './records.ts';
import type { Db } from './vault/database.ts';

function templateTitle(id: string): string {
  return latestBuiltIn(id)?.title ?? 'Technique';
}

interface PersonRow {
  id: string;
  client_id: string;
  position: number;
  fields: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What the inventory needs from the closeness circle (the circle repository answers): an archived person leaves it. */
export interface PersonCircleFacts {
  unplace(personId: string): void;
}

/**
 * What the inventory needs to say where a person is used before removing them: each owner
 * answers for its own tables (courses: problem areas; entries: techniques; sessions: who joined
 * and the dates; timeline: life events).
 */
export interface PersonUsageOwners {
  courses: { problemAreasNaming(personId: string): { rank: string; area: ProblemArea; courseType: CourseType; courseCreatedAt: string }[] };
  entries: { namingPerson(personId: string): { templateId: string; sessionId: string }[] };
  sessions: { joinedBy(personId: string): { id: string; date: string }[]; datedOf(ids: readonly string[]): Map<string, { date: string }> };
  timeline: { eventsNaming(personId: string): { date: string; title: string }[] };
}

/** The interpersonal inventory (`people`): one row per important person in the client's life. */
export class PersonRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly clients: Pick<ClientRepository, 'assertExists'>;
  private readonly circle: PersonCircleFacts;
  private readonly usedBy: PersonUsageOwners;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, owners: { clients: Pick<ClientRepository, 'assertExists'>; circle: PersonCircleFacts; usedBy: PersonUsageOwners }, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.clients = owners.clients;
    this.circle = owners.circle;
    this.usedBy = owners.usedBy;
    this.now = now;
  }

  list(clientId: string, includeArchived = false): Person[] {
    this.clients.assertExists(clientId);
    const rows = this.db
      .prepare(`SELECT * FROM people WHERE client_id = ? ${includeArchived ? '' : 'AND archived_at IS NULL'} ORDER BY position, created_at`)
      .all(clientId) as PersonRow[];
    return rows.map((r) => this.toPerson(r));
  }

  get(id: string): Person {
    return this.toPerson(this.row(id));
  }

  create(clientId: string, fields: PersonFields): Person {
    const id = randomUUID();
    this.db.transaction(() => {
      this.clients.assertExists(clientId);
      const at = this.now().toISOString();
      const { next } = this.db.prepare('SELECT coalesce(max(position), -1) + 1 AS next FROM people WHERE client_id = ?').get(clientId) as { next: number };
      this.db
        .prepare('INSERT INTO people (id, client_id, position, name, role_near_onset, fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, clientId, next, fields.name, fields.roleNearOnset, JSON.stringify(fields), at, at);
      this.audit.append({ type: 'person.created', recordType: 'person', recordId: id });
    })();
    return this.get(id);
  }

  update(id: string, expectedUpdatedAt: string, fields: PersonFields): Person {
    this.db.transaction(() => {
      const row = this.row(id);
      if (row.updated_at !== expectedUpdatedAt) throw new AppError('CONFLICT');
      this.db
        .prepare('UPDATE people SET name = ?, role_near_onset = ?, fields = ?, updated_at = ? WHERE id = ?')
        .run(fields.name, fields.roleNearOnset, JSON.stringify(fields), laterTimestamp(this.now(), row.updated_at), id);
      this.audit.append({ type: 'person.changed', recordType: 'person', recordId: id });
    })();
    return this.get(id);
  }

  /** Sets the order of the client's people; the list must name each of them exactly once. */
  reorder(clientId: string, order: string[]): Person[] {
    this.db.transaction(() => {
      const ids = (this.db.prepare('SELECT id FROM people WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
      if (order.length !== ids.length || new Set(order).size !== order.length || !order.every((id) => ids.includes(id))) {
        throw new AppError('VALIDATION_FAILED', { fields: { order: 'The new order must list each person of this client once.' } });
      }
      const set = this.db.prepare('UPDATE people SET position = ? WHERE id = ?');
      order.forEach((id, position) => set.run(position, id));
      this.audit.append({ type: 'person.reordered', recordType: 'client', recordId: clientId });
    })();
    return this.list(clientId, true);
  }

  /** Where a person is referred to, in plain words. Empty when they can be removed safely. */
  usage(id: string): string[] {
    this.row(id);
    const used: string[] = [];
    for (const a of this.usedBy.courses.problemAreasNaming(id)) {
      used.push(`${PROBLEM_AREA_LABELS[a.area]} (${a.rank} focus) of the ${COURSE_TYPE_LABELS[a.courseType].toLowerCase()} course started ${localDateOf(a.courseCreatedAt)}`);
    }
    const entries = this.usedBy.entries.namingPerson(id);
    const sessions = this.usedBy.sessions.datedOf([...new Set(entries.map((e) => e.sessionId))]);
    const dated = entries.map((e) => ({ templateId: e.templateId, date: sessions.get(e.sessionId)?.date ?? '' })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const e of dated) used.push(`${templateTitle(e.templateId)} entry in the session of ${e.date}`);
    for (const j of this.usedBy.sessions.joinedBy(id)) used.push(`Joined the session of ${j.date}`);
    for (const e of this.usedBy.timeline.eventsNaming(id)) used.push(`Life event “${e.title}” on ${e.date}`);
    return used;
  }

  /** Removes a person only when nothing refers to them; otherwise says where they are used. */
  remove(id: string): { outcome: 'removed' } | { outcome: 'in-use'; usedIn: string[] } {
    return this.db.transaction(() => {
      const usedIn = this.usage(id);
      if (usedIn.length > 0) return { outcome: 'in-use' as const, usedIn };
      this.db.prepare('DELETE FROM people WHERE id = ?').run(id);
      this.audit.append({ type: 'person.removed', recordType: 'person', recordId: id });
      return { outcome: 'removed' as const };
    })();
  }

  setArchived(id: string, archived: boolean): Person {
    this.db.transaction(() => {
      const row = this.row(id);
      if ((row.archived_at !== null) === archived) return;
      const at = laterTimestamp(this.now(), row.updated_at);
      this.db.prepare('UPDATE people SET archived_at = ?, updated_at = ? WHERE id = ?').run(archived ? at : null, at, id);
      if (archived) this.circle.unplace(id);
      this.audit.append({ type: archived ? 'person.archived' : 'person.restored', recordType: 'person', recordId: id });
    })();
    return this.get(id);
  }

  /** The client a person belongs to, or null for an unknown person. */
  clientOf(personId: string): string | null {
    return (this.db.prepare('SELECT client_id FROM people WHERE id = ?').get(personId) as { client_id: string } | undefined)?.client_id ?? null;
  }

  /** Refuses a person id that does not belong to the client (or does not exist), naming the field. */
  assertOfClient(personId: string, clientId: string, field: string, message = 'Choose a person from this client’s inventory.'): void {
    if (this.clientOf(personId) !== clientId) throw new AppError('VALIDATION_FAILED', { fields: { [field]: message } });
  }

  /** The ids of the client's people who are not archived, in inventory order. */
  activeIds(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM people WHERE client_id = ? AND archived_at IS NULL ORDER BY position, created_at').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  /** Name and onset role of each of the client's people, archived included (circle snapshots freeze them). */
  labels(clientId: string): Map<string, { name: string; role: OnsetRole }> {
    const rows = this.db.prepare('SELECT id, name, role_near_onset FROM people WHERE client_id = ?').all(clientId) as { id: string; name: string; role_near_onset: OnsetRole }[];
    return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role_near_onset }]));
  }

  /** The current names of these people; unknown ids are left out. */
  names(ids: Iterable<string>): Record<string, string> {
    const names: Record<string, string> = {};
    const byId = this.db.prepare('SELECT name FROM people WHERE id = ?');
    for (const id of ids) {
      const row = byId.get(id) as { name: string } | undefined;
      if (row) names[id] = row.name;
    }
    return names;
  }

  /** The ids of the client's people: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM people WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private row(id: string): PersonRow {
    return requireRow(this.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined);
  }

  private toPerson(row: PersonRow): Person {
    return {
      id: row.id,
      clientId: row.client_id,
      position: row.position,
      fields: readJson(personFieldsSchema, row.fields),
      archivedAt: row.archived_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
