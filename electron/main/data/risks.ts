import { randomUUID } from 'node:crypto';
import type { RiskRecord } from '../../../shared/schemas/note.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import { requireRow } from './records.ts';
import type { Db } from './vault/database.ts';

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

/**
 * Risk records (`risk_records`): opened by a session's risk check or a PHQ-9 question 9 answer,
 * open until an assessment is recorded. Callers that open one do it inside their own transaction.
 */
export class RiskRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.now = now;
  }

  /** Opens a risk record unless the same one (client, session, source) is already open. */
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
    return this.get(id);
  }

  /** The client's open risks; with a session, only those of that session or of none. */
  openRisks(clientId: string, sessionId?: string): RiskRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM risk_records WHERE client_id = ? AND assessed_at IS NULL ${sessionId ? 'AND (session_id = ? OR session_id IS NULL)' : ''} ORDER BY opened_at`)
      .all(...(sessionId ? [clientId, sessionId] : [clientId])) as RiskRow[];
    return rows.map(toRisk);
  }

  /** The client's assessed risks, in the order they were assessed (letters and exports show them). */
  assessedRisks(clientId: string): RiskRecord[] {
    return (this.db.prepare('SELECT * FROM risk_records WHERE client_id = ? AND assessed_at IS NOT NULL ORDER BY assessed_at').all(clientId) as RiskRow[]).map(toRisk);
  }

  /** The client a risk record belongs to, or null when there is no such record. */
  clientOf(id: string): string | null {
    return (this.db.prepare('SELECT client_id FROM risk_records WHERE id = ?').get(id) as { client_id: string } | undefined)?.client_id ?? null;
  }

  /** The ids of the client's risk records: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM risk_records WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private get(id: string): RiskRecord {
    return toRisk(requireRow(this.db.prepare('SELECT * FROM risk_records WHERE id = ?').get(id) as RiskRow | undefined));
  }
}
