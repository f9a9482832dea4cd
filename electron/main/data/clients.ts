import { randomUUID } from 'node:crypto';
import type { Client, ClientFields, ClientListQuery, ClientSummary } from '../../../shared/schemas/client.ts';
import { clientListQuerySchema } from '../../../shared/schemas/client.ts';
import { localDateOf } from '../../../shared/schemas/dates.ts';
import type { AuditService } from './audit.ts';
import type { SearchIndex } from './search.ts';
import { AppError } from './errors.ts';
import { laterTimestamp } from './records.ts';
import type { Db } from './vault/database.ts';

interface ClientRow {
  id: string;
  full_name: string;
  preferred_name: string;
  date_of_birth: string;
  pronouns: string;
  phone: string;
  email: string;
  address: string;
  emergency_name: string;
  emergency_relationship: string;
  emergency_phone: string;
  referrer_name: string;
  referrer_practice: string;
  referrer_address: string;
  referrer_email: string;
  presenting_problem: string;
  gp_consent: ClientFields['gpConsent'];
  gp_consent_date: string;
  date_of_death: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Column values for the editable fields, in the order of FIELD_COLUMNS. */
const FIELD_COLUMNS = [
  'full_name', 'preferred_name', 'date_of_birth', 'pronouns', 'phone', 'email', 'address',
  'emergency_name', 'emergency_relationship', 'emergency_phone',
  'referrer_name', 'referrer_practice', 'referrer_address', 'referrer_email',
  'presenting_problem', 'gp_consent', 'gp_consent_date', 'date_of_death',
] as const;

function fieldValues(f: ClientFields): string[] {
  return [
    f.fullName, f.preferredName, f.dateOfBirth, f.pronouns, f.phone, f.email, f.address,
    f.emergencyContact.name, f.emergencyContact.relationship, f.emergencyContact.phone,
    f.referrer.name, f.referrer.practice, f.referrer.address, f.referrer.email,
    f.presentingProblem, f.gpConsent, f.gpConsentDate, f.dateOfDeath,
  ];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Client records in the vault (`clients`, `client_identifiers`). Inputs arrive already validated by the contract; every write and
 * its audit row share one transaction, so a failure leaves the previous state intact.
 */
export class ClientRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly search: SearchIndex;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, search: SearchIndex, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.search = search;
    this.now = now;
  }

  private index(id: string, fields: ClientFields, createdAt: string): void {
    this.search.put({ kind: 'client', recordId: id, clientId: id, sessionId: null, date: localDateOf(createdAt), title: fields.fullName, body: [fields.preferredName, fields.presentingProblem].filter(Boolean).join('\n') });
  }

  create(fields: ClientFields): Client {
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO clients (id, ${FIELD_COLUMNS.join(', ')}, archived_at, created_at, updated_at)
           VALUES (?, ${FIELD_COLUMNS.map(() => '?').join(', ')}, NULL, ?, ?)`,
        )
        .run(id, ...fieldValues(fields), at, at);
      this.writeIdentifiers(id, fields.identifiers);
      this.index(id, fields, at);
      this.audit.append({ type: 'client.created', recordType: 'client', recordId: id });
    })();
    return this.get(id);
  }

  update(id: string, expectedUpdatedAt: string, fields: ClientFields): Client {
    this.db.transaction(() => {
      const current = this.requireRow(id);
      if (current.updated_at !== expectedUpdatedAt) throw new AppError('CONFLICT');
      this.db
        .prepare(`UPDATE clients SET ${FIELD_COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
        .run(...fieldValues(fields), this.nextUpdatedAt(current.updated_at), id);
      this.writeIdentifiers(id, fields.identifiers);
      this.index(id, fields, current.created_at);
      this.audit.append({ type: 'client.changed', recordType: 'client', recordId: id });
    })();
    return this.get(id);
  }

  archive(id: string): Client {
    return this.setArchived(id, true);
  }

  restore(id: string): Client {
    return this.setArchived(id, false);
  }

  get(id: string): Client {
    const row = this.requireRow(id);
    const identifiers = this.db
      .prepare('SELECT type, value FROM client_identifiers WHERE client_id = ? ORDER BY position')
      .all(id) as { type: string; value: string }[];
    return {
      id: row.id,
      fields: {
        fullName: row.full_name,
        preferredName: row.preferred_name,
        dateOfBirth: row.date_of_birth,
        pronouns: row.pronouns,
        phone: row.phone,
        email: row.email,
        address: row.address,
        identifiers,
        emergencyContact: { name: row.emergency_name, relationship: row.emergency_relationship, phone: row.emergency_phone },
        referrer: { name: row.referrer_name, practice: row.referrer_practice, address: row.referrer_address, email: row.referrer_email },
        presentingProblem: row.presenting_problem,
        gpConsent: row.gp_consent,
        gpConsentDate: row.gp_consent_date,
        dateOfDeath: row.date_of_death,
      },
      archivedAt: row.archived_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Sorted by name (case-insensitive); filtered by a fragment of the full or preferred name. */
  list(query: ClientListQuery = {}): ClientSummary[] {
    const q = clientListQuerySchema.parse(query);
    const where: string[] = [];
    const params: string[] = [];
    if (q.status === 'active') where.push('archived_at IS NULL');
    if (q.status === 'archived') where.push('archived_at IS NOT NULL');
    if (q.nameFilter) {
      where.push(`(full_name LIKE ? ESCAPE '\\' OR preferred_name LIKE ? ESCAPE '\\')`);
      const pattern = `%${escapeLike(q.nameFilter)}%`;
      params.push(pattern, pattern);
    }
    const rows = this.db
      .prepare(
        `SELECT id, full_name, preferred_name, date_of_birth, archived_at, updated_at FROM clients
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY full_name COLLATE NOCASE, id`,
      )
      .raw()
      .all(...params) as [string, string, string, string, string | null, string][];
    return rows.map(([id, fullName, preferredName, dateOfBirth, archivedAt, updatedAt]) => ({
      id,
      fullName,
      preferredName,
      dateOfBirth,
      archived: archivedAt !== null,
      updatedAt,
    }));
  }

  /** NOT_FOUND unless the client exists: what other repositories check before writing a client's record. */
  assertExists(id: string): void {
    if (!this.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(id)) throw new AppError('NOT_FOUND');
  }

  /** The client's date of birth (YYYY-MM-DD); NOT_FOUND unless the client exists. */
  dateOfBirth(id: string): string {
    const row = this.db.prepare('SELECT date_of_birth FROM clients WHERE id = ?').get(id) as { date_of_birth: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row.date_of_birth;
  }

  /** The full names of these clients (search hits: at most a page of them); unknown ids are left out. */
  namesOf(ids: readonly string[]): Map<string, string> {
    // Joined to json_each: one compiled statement whatever the count, and no temporary index of the ids.
    const rows = this.db.prepare('SELECT c.id, c.full_name FROM json_each(?) j JOIN clients c ON c.id = j.value').raw().all(JSON.stringify(ids)) as [string, string][];
    return new Map(rows);
  }

  /** What retention dates are computed from, for every client, by name. */
  retentionFacts(): { id: string; fullName: string; dateOfBirth: string; dateOfDeath: string; createdOn: string }[] {
    const rows = this.db
      .prepare('SELECT id, full_name, date_of_birth, date_of_death, created_at FROM clients ORDER BY full_name COLLATE NOCASE')
      .all() as { id: string; full_name: string; date_of_birth: string; date_of_death: string; created_at: string }[];
    // The day the record was opened is the user's day, not Greenwich's: dated in TS, not with SQL substr.
    return rows.map((r) => ({ id: r.id, fullName: r.full_name, dateOfBirth: r.date_of_birth, dateOfDeath: r.date_of_death, createdOn: localDateOf(r.created_at) }));
  }

  /**
   * Deletes the client row. Call inside the deletion's transaction: the foreign keys (ON DELETE
   * CASCADE) remove everything that belongs to the client (identifiers, courses, sessions, notes,
   * entries, people, measures, client mode, letters...); search documents are not rows of theirs.
   */
  deleteRow(id: string): void {
    this.db.prepare('DELETE FROM clients WHERE id = ?').run(id);
  }

  private setArchived(id: string, archived: boolean): Client {
    this.db.transaction(() => {
      const current = this.requireRow(id);
      if ((current.archived_at !== null) === archived) return;
      const at = this.nextUpdatedAt(current.updated_at);
      this.db.prepare('UPDATE clients SET archived_at = ?, updated_at = ? WHERE id = ?').run(archived ? at : null, at, id);
      this.audit.append({ type: archived ? 'client.archived' : 'client.restored', recordType: 'client', recordId: id });
    })();
    return this.get(id);
  }

  private writeIdentifiers(id: string, identifiers: ClientFields['identifiers']): void {
    this.db.prepare('DELETE FROM client_identifiers WHERE client_id = ?').run(id);
    const insert = this.db.prepare('INSERT INTO client_identifiers (client_id, position, type, value) VALUES (?, ?, ?, ?)');
    identifiers.forEach((identifier, position) => insert.run(id, position, identifier.type, identifier.value));
  }

  private requireRow(id: string): ClientRow {
    const row = this.db.prepare('SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  private nextUpdatedAt(previous: string): string {
    return laterTimestamp(this.now(), previous);
  }
}
