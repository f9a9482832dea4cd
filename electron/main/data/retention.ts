import { retentionUntil, type RetentionProfile } from '../../../shared/ipt/retention.ts';
import type { AuditService } from './audit.ts';
import type { ClientRepository } from './clients.ts';
import type { NoteRepository } from './notes.ts';
import type { SearchIndex } from './search.ts';
import type { SessionRepository } from './sessions.ts';
import type { Db } from './vault/database.ts';

export interface RetentionRow {
  clientId: string;
  fullName: string;
  lastContact: string;
  retainUntil: string;
  past: boolean;
}

/** What retention needs from the records' owners (each repository answers for its own tables). */
export interface RetentionOwners {
  clients: Pick<ClientRepository, 'retentionFacts' | 'assertExists' | 'deleteRow'>;
  sessions: Pick<SessionRepository, 'lastDate'>;
  search: Pick<SearchIndex, 'removeClient'>;
  notes: Pick<NoteRepository, 'forgetClient'>;
}

/** Retention dates, and deletion of a client with everything that belongs to them. Owns no table. */
export class RetentionService {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly owners: RetentionOwners;

  constructor(db: Db, audit: AuditService, owners: RetentionOwners) {
    this.db = db;
    this.audit = audit;
    this.owners = owners;
  }

  list(profile: RetentionProfile, customYears: number, today: string): RetentionRow[] {
    return this.owners.clients
      .retentionFacts()
      .map((c) => {
        // One indexed lookup per client (sessions_by_client), as the correlated subquery was.
        const lastSession = this.owners.sessions.lastDate(c.id);
        const lastContact = lastSession && lastSession > c.createdOn ? lastSession : c.createdOn;
        const retainUntil = retentionUntil({ lastContact, dateOfBirth: c.dateOfBirth, dateOfDeath: c.dateOfDeath }, profile, customYears);
        return { clientId: c.id, fullName: c.fullName, lastContact, retainUntil, past: retainUntil < today };
      })
      .sort((a, b) => (a.retainUntil < b.retainUntil ? -1 : 1));
  }

  /**
   * Deletes every row that belongs to the client with secure_delete on: the search indexes are
   * cleared first (SearchIndex.removeClient for the client's documents, the note repository for
   * its process notes, whose index rows are keyed by the note's row), then deleting the client row cascades (foreign keys, ON
   * DELETE CASCADE) to everything else, client mode included. Then checkpoints and truncates the
   * WAL so no old page survives there. The audit trail keeps its rows: they hold only opaque ids.
   */
  delete(clientId: string): void {
    this.db.transaction(() => {
      this.owners.clients.assertExists(clientId);
      this.owners.search.removeClient(clientId);
      this.owners.notes.forgetClient(clientId);
      this.owners.clients.deleteRow(clientId);
      this.audit.append({ type: 'client.deleted', recordType: 'client', recordId: clientId });
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
