import type { Migration } from './types.ts';

/**
 * Indexes the audit trail by record id alone. Autosave asks for a record's latest change and the
 * audit panel for one client's records, neither knowing the record type that leads the older
 * index, so both scanned the whole trail: a cost that grew with every year of practice.
 */
export const migration007: Migration = {
  version: 7,
  name: 'audit-by-record-id',
  up(db) {
    db.exec('CREATE INDEX audit_by_record_id ON audit_log (record_id, seq);');
  },
};
