import type { Migration } from './types.ts';

/** Clients, their identifiers, and the append-only audit trail. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE clients (
        id TEXT PRIMARY KEY NOT NULL,
        full_name TEXT NOT NULL,
        preferred_name TEXT NOT NULL DEFAULT '',
        date_of_birth TEXT NOT NULL,
        pronouns TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        emergency_name TEXT NOT NULL DEFAULT '',
        emergency_relationship TEXT NOT NULL DEFAULT '',
        emergency_phone TEXT NOT NULL DEFAULT '',
        referrer_name TEXT NOT NULL DEFAULT '',
        referrer_practice TEXT NOT NULL DEFAULT '',
        referrer_address TEXT NOT NULL DEFAULT '',
        referrer_email TEXT NOT NULL DEFAULT '',
        presenting_problem TEXT NOT NULL DEFAULT '',
        gp_consent TEXT NOT NULL DEFAULT 'unset' CHECK (gp_consent IN ('unset', 'yes', 'no')),
        gp_consent_date TEXT NOT NULL DEFAULT '',
        date_of_death TEXT NOT NULL DEFAULT '',
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX clients_by_name ON clients (archived_at IS NOT NULL, full_name COLLATE NOCASE, id);

      CREATE TABLE client_identifiers (
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (client_id, position)
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        record_type TEXT,
        record_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;

      CREATE INDEX audit_by_record ON audit_log (record_type, record_id, seq);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
