import { randomUUID } from 'node:crypto';
import { snapshotEntrySchema, type Circle, type Placement, type Snapshot, type SnapshotComparison } from '../../../shared/schemas/circle.ts';
import { z } from 'zod';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { ClientRepository } from './clients.ts';
import type { PersonRepository } from './inventory.ts';
import { readJson, requireRow } from './records.ts';
import type { Db } from './vault/database.ts';

const entriesSchema = z.array(snapshotEntrySchema);

interface SnapshotRow {
  id: string;
  client_id: string;
  taken_on: string;
  label: string;
  rings: 3 | 4;
  entries: string;
  created_at: string;
}

/** The closeness circle (`circles`, `circle_placements`): current placements, and dated snapshots (`circle_snapshots`) that freeze names and roles. */
export class CircleRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly clients: Pick<ClientRepository, 'assertExists'>;
  private readonly people: Pick<PersonRepository, 'activeIds' | 'labels'>;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, owners: { clients: Pick<ClientRepository, 'assertExists'>; people: Pick<PersonRepository, 'activeIds' | 'labels'> }, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.clients = owners.clients;
    this.people = owners.people;
    this.now = now;
  }

  get(clientId: string): Circle {
    this.clients.assertExists(clientId);
    const circle = this.db.prepare('SELECT rings FROM circles WHERE client_id = ?').get(clientId) as { rings: 3 | 4 } | undefined;
    // Placements of people still in the inventory (not archived), in inventory order.
    const byPerson = new Map((this.db.prepare('SELECT person_id AS personId, ring, angle FROM circle_placements WHERE client_id = ?').all(clientId) as Placement[]).map((p) => [p.personId, p]));
    const placements = this.people.activeIds(clientId).flatMap((id) => byPerson.get(id) ?? []);
    return { clientId, rings: circle?.rings ?? 3, placements };
  }

  /** Replaces the client's placements. People not listed are off the circle. */
  update(clientId: string, rings: 3 | 4, placements: Placement[]): Circle {
    this.db.transaction(() => {
      this.clients.assertExists(clientId);
      const people = new Set(this.people.activeIds(clientId));
      const seen = new Set<string>();
      placements.forEach((p, i) => {
        if (!people.has(p.personId)) throw new AppError('VALIDATION_FAILED', { fields: { [`placements.${i}.personId`]: 'Only people in this client’s inventory can be placed.' } });
        if (p.ring > rings) throw new AppError('VALIDATION_FAILED', { fields: { [`placements.${i}.ring`]: `The circle has ${rings} rings.` } });
        if (seen.has(p.personId)) throw new AppError('VALIDATION_FAILED', { fields: { [`placements.${i}.personId`]: 'Each person can be placed once.' } });
        seen.add(p.personId);
      });
      const at = this.now().toISOString();
      this.db
        .prepare('INSERT INTO circles (client_id, rings, updated_at) VALUES (?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET rings = excluded.rings, updated_at = excluded.updated_at')
        .run(clientId, rings, at);
      this.db.prepare('DELETE FROM circle_placements WHERE client_id = ?').run(clientId);
      const insert = this.db.prepare('INSERT INTO circle_placements (person_id, client_id, ring, angle) VALUES (?, ?, ?, ?)');
      for (const p of placements) insert.run(p.personId, clientId, p.ring, p.angle);
      this.audit.append({ type: 'circle.changed', recordType: 'client', recordId: clientId });
    })();
    return this.get(clientId);
  }

  snapshot(clientId: string, takenOn: string, label: string): Snapshot {
    const id = randomUUID();
    this.db.transaction(() => {
      const circle = this.get(clientId);
      if (circle.placements.length === 0) {
        throw new AppError('VALIDATION_FAILED', { fields: { placements: 'Place at least one person on the circle before saving a snapshot.' } });
      }
      const labels = this.people.labels(clientId);
      const entries = circle.placements.map((p) => ({
        personId: p.personId,
        name: labels.get(p.personId)!.name,
        role: labels.get(p.personId)!.role,
        ring: p.ring,
        angle: p.angle,
      }));
      this.db
        .prepare('INSERT INTO circle_snapshots (id, client_id, taken_on, label, rings, entries, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, clientId, takenOn, label, circle.rings, JSON.stringify(entries), this.now().toISOString());
      this.audit.append({ type: 'snapshot.created', recordType: 'snapshot', recordId: id });
    })();
    return this.getSnapshot(id);
  }

  /** Takes a person off the circle (they were archived). */
  unplace(personId: string): void {
    this.db.prepare('DELETE FROM circle_placements WHERE person_id = ?').run(personId);
  }

  snapshots(clientId: string): Snapshot[] {
    this.clients.assertExists(clientId);
    const rows = this.db.prepare('SELECT * FROM circle_snapshots WHERE client_id = ? ORDER BY taken_on, created_at').all(clientId) as SnapshotRow[];
    return rows.map((r) => this.toSnapshot(r));
  }

  getSnapshot(id: string): Snapshot {
    return this.toSnapshot(requireRow(this.db.prepare('SELECT * FROM circle_snapshots WHERE id = ?').get(id) as SnapshotRow | undefined));
  }

  compare(beforeId: string, afterId: string): SnapshotComparison {
    const before = this.getSnapshot(beforeId);
    const after = this.getSnapshot(afterId);
    if (before.clientId !== after.clientId) throw new AppError('VALIDATION_FAILED', { fields: { afterId: 'Compare two snapshots of the same client.' } });
    return { before, after, changes: compareSnapshots(before, after) };
  }

  /** The ids of the client's circle snapshots: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM circle_snapshots WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private toSnapshot(row: SnapshotRow): Snapshot {
    return { id: row.id, clientId: row.client_id, takenOn: row.taken_on, label: row.label, rings: row.rings, entries: readJson(entriesSchema, row.entries), createdAt: row.created_at };
  }
}

/** Who moved between two snapshots: closer (smaller ring), further, around the same ring, added or removed. */
export function compareSnapshots(before: Snapshot, after: Snapshot): SnapshotComparison['changes'] {
  const beforeById = new Map(before.entries.map((e) => [e.personId, e]));
  const afterById = new Map(after.entries.map((e) => [e.personId, e]));
  const ids = [...new Set([...beforeById.keys(), ...afterById.keys()])];
  return ids.map((personId) => {
    const b = beforeById.get(personId);
    const a = afterById.get(personId);
    const name = (a ?? b)!.name;
    let change: SnapshotComparison['changes'][number]['change'];
    if (!b) change = 'added';
    else if (!a) change = 'removed';
    else if (a.ring < b.ring) change = 'moved-closer';
    else if (a.ring > b.ring) change = 'moved-further';
    else if (Math.abs(a.angle - b.angle) >= 1) change = 'moved-around';
    else change = 'unchanged';
    return { personId, name, change, ringBefore: b?.ring ?? null, ringAfter: a?.ring ?? null };
  });
}
