import type { Migration } from './types.ts';

/** Letters as sent (their final text), and authorisations to disclose psychotherapy notes. */
export const migration005: Migration = {
  version: 5,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE letters (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('assessment', 'progress', 'end_of_treatment')),
        date TEXT NOT NULL,
        recipient TEXT NOT NULL,
        sections TEXT NOT NULL,
        consent_override_reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX letters_by_client ON letters (client_id, date);

      CREATE TABLE disclosure_authorisations (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        authorised_by TEXT NOT NULL,
        date TEXT NOT NULL,
        scope TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX authorisations_by_client ON disclosure_authorisations (client_id, date);
    `);
  },
};
