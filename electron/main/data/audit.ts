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

type MacFields = { seq: number; at: string; type: string; record_type: string | null; record_id: string | null; detail: string };

/**
 * Version 1 (rows written before this release): the MAC covers the previous MAC and the fields,
 * not `seq`. Version 2 (stored as `v2:<hex>`) covers `seq` too, so a row cannot be renumbered.
 * Existing rows cannot be resealed (that needs the key at migration time and would rewrite an
 * append-only table), so the version travels with each row in its own MAC text: no migration, and
 * a version-1 row after the first version-2 row is a break (no downgrade).
 */
const V2 = 'v2:';

function macOf(key: Buffer, previous: string, row: MacFields, version: 1 | 2): string {
  const fields = [previous, row.at, row.type, row.record_type ?? '', row.record_id ?? '', row.detail];
  if (version === 1) return createHmac('sha256', key).update(fields.join('\u001f')).digest('hex');
  return V2 + createHmac('sha256', key).update([String(row.seq), ...fields].join('\u001f')).digest('hex');
}

function sameMac(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The chain's head kept outside the database (in the settings file, and in every backup
 * manifest), with a tag under the audit key so a hand-made anchor is ignored rather than believed.
 */
export interface AuditAnchor {
  seq: number;
  mac: string;
  tag: string;
}

export function anchorFor(key: Buffer, head: { seq: number; mac: string | null } | null): AuditAnchor | null {
  if (!head?.mac) return null;
  return { seq: head.seq, mac: head.mac, tag: createHmac('sha256', key).update(['anchor', String(head.seq), head.mac].join('\u001f')).digest('hex') };
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** Rows written before the trail was sealed (by an older version). */
  unsealed: number;
  /** The first row whose MAC does not follow from the one before: an edit, a deletion or an insertion. */
  firstBroken: number | null;
  head: string | null;
  /** The head anchored outside the vault is not in this chain: rows were cut from its end (found on unlock). */
  tailCut: boolean;
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
  /** Set on unlock by checkAnchor: the chain no longer reaches the head anchored outside the vault. */
  private cut = false;

  constructor(db: Db, key: Buffer, now: () => Date = () => new Date()) {
    this.db = db;
    this.key = key;
    this.now = now;
  }

  append(event: AuditEvent): void {
    if (event.recordId !== undefined && !OPAQUE_ID.test(event.recordId)) {
      throw new Error('Audit record ids must be opaque UUIDs.');
    }
    const last = this.db.prepare('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string | null } | undefined;
    // seq is given, not left to AUTOINCREMENT, because the MAC covers it (inside the caller's transaction).
    const row = { seq: (last?.seq ?? 0) + 1, at: this.now().toISOString(), type: event.type, record_type: event.recordType ?? null, record_id: event.recordId ?? null, detail: JSON.stringify(event.detail ?? {}) };
    this.db
      .prepare('INSERT INTO audit_log (seq, at, type, record_type, record_id, detail, mac) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.seq, row.at, row.type, row.record_type, row.record_id, row.detail, macOf(this.key, last?.mac ?? '', row, 2));
  }

  /** The head to keep outside the vault (settings, manifests). */
  anchor(): AuditAnchor | null {
    return anchorFor(this.key, this.db.prepare('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string | null } | undefined ?? null);
  }

  /**
   * Compares the chain with the head anchored outside the vault: the anchored row must still be
   * there with the same MAC. A missing or differing row means the tail was cut (an older vault.db
   * put back, or rows deleted by someone with the key). An anchor whose tag does not verify was not
   * written by this vault's owner and is ignored. Reported, never a refusal to unlock.
   */
  checkAnchor(anchor: AuditAnchor | null): boolean {
    if (!anchor) return true;
    const expected = anchorFor(this.key, { seq: anchor.seq, mac: anchor.mac });
    if (!expected || !sameMac(expected.tag, anchor.tag)) return true;
    const row = this.db.prepare('SELECT mac FROM audit_log WHERE seq = ?').get(anchor.seq) as { mac: string | null } | undefined;
    this.cut = !row?.mac || !sameMac(row.mac, anchor.mac);
    return !this.cut;
  }

  get tailCut(): boolean {
    return this.cut;
  }

  /** Walks the chain and reports the first broken link, if any. */
  verify(): ChainReport {
    const rows = this.db.prepare('SELECT seq, at, type, record_type, record_id, detail, mac FROM audit_log ORDER BY seq').all() as (MacFields & { mac: string | null })[];
    let previous = '';
    let unsealed = 0;
    let sealed = false;
    let v2Seen = false;
    const broken = (seq: number): ChainReport => ({ ok: false, rows: rows.length, unsealed, firstBroken: seq, head: null, tailCut: this.cut });
    for (const row of rows) {
      if (row.mac === null && !sealed) {
        unsealed++;
        continue;
      }
      sealed = true;
      const version = row.mac?.startsWith(V2) ? 2 : 1;
      if (version === 1 && v2Seen) return broken(row.seq);
      v2Seen ||= version === 2;
      if (!sameMac(macOf(this.key, previous, row, version), row.mac ?? '')) return broken(row.seq);
      previous = row.mac!;
    }
    return { ok: !this.cut, rows: rows.length, unsealed, firstBroken: null, head: previous || null, tailCut: this.cut };
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
