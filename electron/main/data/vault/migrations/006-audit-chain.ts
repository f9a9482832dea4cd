import type { Migration } from './types.ts';

/**
 * Makes the audit trail tamper-evident: each new row carries a MAC over the previous row's MAC and
 * its own fields, keyed from the data key. Rows written before this version have none and are
 * reported as unsealed by the verifier.
 */
export const migration006: Migration = {
  version: 6,
  name: 'audit-chain',
  up(db) {
    db.exec(`ALTER TABLE audit_log ADD COLUMN mac TEXT;`);
  },
};
