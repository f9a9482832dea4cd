import { retentionUntil, type RetentionProfile } from '../../../shared/ipt/retention.ts';
import type { AuditService } from './audit.ts';
import { requireRow } from './records.ts';
import type { SearchIndex } from './search.ts';
import type { Db } from './vault/database.ts';

export interface RetentionRow {
  clientId: string;
  fullName: string;
  lastContact: string;
  retainUntil: string;
  past: boolean;
}

/** Retention dates, and deletion of a client with everything that belongs to them. */
export class RetentionService {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly search: SearchIndex;

  constructor(db: Db, audit: AuditService, search: SearchIndex) {
    this.db = db;
    this.audit = audit;
    this.search = search;
  }

  list(profile: RetentionProfile, customYears: number, today: string): RetentionRow[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.full_name, c.date_of_birth, c.date_of_death, substr(c.created_at, 1, 10) AS created,
                (SELECT max(date) FROM sessions s WHERE s.client_id = c.id) AS last_session
         FROM clients c ORDER BY c.full_name COLLATE NOCASE`,
      )
      .all() as { id: string; full_name: string; date_of_birth: string; date_of_death: string; created: string; last_session: string | null }[];
    return rows
      .map((r) => {
        const lastContact = r.last_session && r.last_session > r.created ? r.last_session : r.created;
        const retainUntil = retentionUntil({ lastContact, dateOfBirth: r.date_of_birth, dateOfDeath: r.date_of_death }, profile, customYears);
        return { clientId: r.id, fullName: r.full_name, lastContact, retainUntil, past: retainUntil < today };
      })
      .sort((a, b) => (a.retainUntil < b.retainUntil ? -1 : 1));
  }

  /**
   * Deletes every row that belongs to the client (cascading foreign keys do most of it; the search
   * indexes are cleared by SearchIndex.removeClient) with secure_delete on, then checkpoints and truncates the WAL so no
   * old page survives there. The audit trail keeps its rows: they hold only opaque ids.
   */
  delete(clientId: string): void {
    this.db.transaction(() => {
      requireRow(this.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId));
      this.search.removeClient(clientId);
      this.db.prepare('DELETE FROM client_mode WHERE client_id = ?').run(clientId);
      this.db.prepare('DELETE FROM clients WHERE id = ?').run(clientId);
      this.audit.append({ type: 'client.deleted', recordType: 'client', recordId: clientId });
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
