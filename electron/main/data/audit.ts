import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
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

/** The key of the audit chain, derived from the data key (so only the vault's owner can extend it). */
export function auditMacKey(dataKeyHex: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(dataKeyHex, 'hex'), Buffer.alloc(0), 'ipt-workstation audit chain', 32));
}

function macOf(key: Buffer, previous: string, row: { at: string; type: string; record_type: string | null; record_id: string | null; detail: string }): string {
  return createHmac('sha256', key).update([previous, row.at, row.type, row.record_type ?? '', row.record_id ?? '', row.detail].join('\u001f')).digest('hex');
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** Rows written before the trail was sealed (by an older version). */
  unsealed: number;
  /** The first row whose MAC does not follow from the one before: an edit, a deletion or an insertion. */
  firstBroken: number | null;
  head: string | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  type: AuditEventType;
  recordType: AuditRecordType | null;
  recordId: string | null;
  detail: Record<string, number | boolean>;
}

/** Drafts are saved often; the audit trail records a change at most once per this interval. */
export const CHANGE_AUDIT_INTERVAL_MS = 10 * 60_000;

const OPAQUE_ID = /^[0-9a-f-]{36}$/;

/** Append-only audit trail in the vault (`audit_log`). Call inside the transaction that makes the change. */
export class AuditService {
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly key: Buffer;

  constructor(db: Db, key: Buffer, now: () => Date = () => new Date()) {
    this.db = db;
    this.key = key;
    this.now = now;
  }

  append(event: AuditEvent): void {
    if (event.recordId !== undefined && !OPAQUE_ID.test(event.recordId)) {
      throw new Error('Audit record ids must be opaque UUIDs.');
    }
    const row = { at: this.now().toISOString(), type: event.type, record_type: event.recordType ?? null, record_id: event.recordId ?? null, detail: JSON.stringify(event.detail ?? {}) };
    const previous = (this.db.prepare('SELECT mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { mac: string | null } | undefined)?.mac ?? '';
    this.db
      .prepare('INSERT INTO audit_log (at, type, record_type, record_id, detail, mac) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.at, row.type, row.record_type, row.record_id, row.detail, macOf(this.key, previous, row));
  }

  /** Walks the chain and reports the first broken link, if any. */
  verify(): ChainReport {
    const rows = this.db.prepare('SELECT seq, at, type, record_type, record_id, detail, mac FROM audit_log ORDER BY seq').all() as { seq: number; at: string; type: string; record_type: string | null; record_id: string | null; detail: string; mac: string | null }[];
    let previous = '';
    let unsealed = 0;
    let sealed = false;
    for (const row of rows) {
      if (row.mac === null && !sealed) {
        unsealed++;
        continue;
      }
      sealed = true;
      const expected = Buffer.from(macOf(this.key, previous, row), 'hex');
      const actual = Buffer.from(row.mac ?? '', 'hex');
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, rows: rows.length, unsealed, firstBroken: row.seq, head: null };
      previous = row.mac!;
    }
    return { ok: true, rows: rows.length, unsealed, firstBroken: null, head: previous || null };
  }

  /** When the record last had an event of this type, or null (autosave throttles its audit rows by it; index audit_by_record_id). */
  lastAt(recordId: string, type: AuditEventType): string | null {
    return (this.db.prepare('SELECT at FROM audit_log WHERE record_id = ? AND type = ? ORDER BY seq DESC LIMIT 1').get(recordId, type) as { at: string } | undefined)?.at ?? null;
  }

  /** Appends a change event unless the record had one of this type within CHANGE_AUDIT_INTERVAL_MS of `now`. */
  appendChange(event: AuditEvent & { recordId: string }, now: Date): void {
    const last = this.lastAt(event.recordId, event.type);
    if (last && now.getTime() - Date.parse(last) < CHANGE_AUDIT_INTERVAL_MS) return;
    this.append(event);
  }

  /** The chain's current head: the MAC of the last row. */
  head(): string | null {
    return (this.db.prepare('SELECT mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { mac: string | null } | undefined)?.mac ?? null;
  }

  /**
   * Newest first, optionally for these record ids (one client's, gathered from their owners by
   * domain/audit-scope.ts) and of one type. The ids go in as one JSON array: one compiled statement
   * whatever their count, and the plan stays a search of audit_by_record_id per id (checked with
   * EXPLAIN QUERY PLAN for 3,000 ids).
   */
  query(filter: { recordIds: readonly string[] | null; type: string; limit: number }): AuditRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.recordIds) {
      where.push('record_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.recordIds));
    }
    if (filter.type) {
      where.push('type = ?');
      params.push(filter.type);
    }
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...params, filter.limit) as { seq: number; at: string; type: AuditEventType; record_type: AuditRecordType | null; record_id: string | null; detail: string }[];
    return rows.map((r) => ({ seq: r.seq, at: r.at, type: r.type, recordType: r.record_type, recordId: r.record_id, detail: JSON.parse(r.detail) as Record<string, number | boolean> }));
  }

  /** CSV of the trail (opaque ids only), for inspection outside the app. */
  csv(rows: AuditRow[]): string {
    const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    return ['seq,at,type,record_type,record_id,detail', ...rows.map((r) => [r.seq, r.at, r.type, r.recordType, r.recordId, JSON.stringify(r.detail)].map(cell).join(','))].join('\r\n') + '\r\n';
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
