import type { AuditEventType, AuditRecordType } from '../../../shared/schemas/audit.ts';
import type { Db } from './vault/database.ts';

export interface AuditEvent {
  type: AuditEventType;
  recordType?: AuditRecordType;
  /** An opaque id (a UUID), never a name or a path. */
  recordId?: string;
  /** Counts and flags only: the type makes it impossible to put text here. */
  detail?: Record<string, number | boolean>;
}

export interface AuditRow {
  seq: number;
  at: string;
  type: AuditEventType;
  recordType: AuditRecordType | null;
  recordId: string | null;
  detail: Record<string, number | boolean>;
}

const OPAQUE_ID = /^[0-9a-f-]{36}$/;

/** Append-only audit trail in the vault. Call inside the transaction that makes the change. */
export class AuditService {
  private readonly db: Db;
  private readonly now: () => Date;

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.db = db;
    this.now = now;
  }

  append(event: AuditEvent): void {
    if (event.recordId !== undefined && !OPAQUE_ID.test(event.recordId)) {
      throw new Error('Audit record ids must be opaque UUIDs.');
    }
    this.db
      .prepare('INSERT INTO audit_log (at, type, record_type, record_id, detail) VALUES (?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), event.type, event.recordType ?? null, event.recordId ?? null, JSON.stringify(event.detail ?? {}));
  }

  list(filter: { recordId?: string } = {}): AuditRow[] {
    const rows = (
      filter.recordId
        ? this.db.prepare('SELECT * FROM audit_log WHERE record_id = ? ORDER BY seq').all(filter.recordId)
        : this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
    ) as { seq: number; at: string; type: AuditEventType; record_type: AuditRecordType | null; record_id: string | null; detail: string }[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      recordType: r.record_type,
      recordId: r.record_id,
      detail: JSON.parse(r.detail) as Record<string, number | boolean>,
    }));
  }
}
