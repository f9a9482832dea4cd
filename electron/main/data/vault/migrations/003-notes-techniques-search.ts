import type { Migration } from './types.ts';

/**
 * Session notes (signed notes are frozen), addenda, private process notes kept in their own table,
 * technique entries with the template version they were made with, the therapist's own templates,
 * risk records, the practice profile, and full-text search inside the encrypted database.
 */
export const migration003: Migration = {
  version: 3,
  name: 'notes-techniques-search',
  up(db) {
    db.exec(`
      CREATE TABLE session_notes (
        session_id TEXT PRIMARY KEY NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        fields TEXT NOT NULL,
        written_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        signed_at TEXT,
        frozen TEXT,
        voided_at TEXT,
        void_reason TEXT NOT NULL DEFAULT ''
      ) STRICT;

      -- A signed note never changes, whoever asks: only voiding or moving it is allowed.
      CREATE TRIGGER session_notes_signed_read_only BEFORE UPDATE OF fields, written_at, signed_at, frozen ON session_notes
        WHEN OLD.signed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'signed notes are read-only'); END;

      CREATE TABLE note_addenda (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        written_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX addenda_by_session ON note_addenda (session_id, written_at);
      CREATE TRIGGER note_addenda_append_only BEFORE UPDATE ON note_addenda
        BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;

      CREATE TABLE process_notes (
        session_id TEXT PRIMARY KEY NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE custom_templates (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        based_on TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;

      CREATE TABLE technique_entries (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        template_id TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        "values" TEXT NOT NULL,
        source_entry_id TEXT REFERENCES technique_entries (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entries_by_session ON technique_entries (session_id, created_at);
      CREATE INDEX entries_by_client ON technique_entries (client_id, template_id);

      CREATE TABLE entry_people (
        entry_id TEXT NOT NULL REFERENCES technique_entries (id) ON DELETE CASCADE,
        person_id TEXT NOT NULL REFERENCES people (id),
        PRIMARY KEY (entry_id, person_id)
      ) STRICT;
      CREATE INDEX entry_people_by_person ON entry_people (person_id);

      CREATE TABLE risk_records (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
        source TEXT NOT NULL CHECK (source IN ('session_risk_check', 'phq9_item9')),
        detail TEXT NOT NULL DEFAULT '',
        opened_at TEXT NOT NULL,
        assessment TEXT NOT NULL DEFAULT '',
        assessed_at TEXT
      ) STRICT;
      CREATE INDEX risks_open_by_client ON risk_records (client_id) WHERE assessed_at IS NULL;

      CREATE TABLE practice_profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        profile TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Full-text search, inside the encrypted file. search_docs holds what each indexed text
      -- belongs to; its doc_id is the FTS rowid, so replacing a document is a keyed delete.
      -- doc_id = days since 1900-01-01 of the document's date * 2^22 + a counter, so FTS5 can
      -- return the most recent matches first by walking rowids downwards and stop at the limit.
      -- Rows are written in the same transaction as the record; secure-delete overwrites removed
      -- text instead of leaving it in free pages.
      CREATE TABLE search_docs (
        doc_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('client', 'note', 'entry', 'addendum')),
        record_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        session_id TEXT,
        date TEXT NOT NULL,
        template_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        UNIQUE (kind, record_id)
      ) STRICT;
      CREATE INDEX search_docs_by_client ON search_docs (client_id, date);
      CREATE INDEX search_docs_by_session ON search_docs (session_id);
      CREATE INDEX search_docs_by_date ON search_docs (date);
      CREATE VIRTUAL TABLE search_index USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
      INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

      -- Process notes have their own index (rowid = the process note's rowid), searched only
      -- when the user asks for it.
      CREATE VIRTUAL TABLE process_search USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
      INSERT INTO process_search (process_search, rank) VALUES ('secure-delete', 1);

      INSERT INTO search_docs (doc_id, kind, record_id, client_id, session_id, date, template_id, title)
        SELECT CAST(julianday(substr(created_at, 1, 10)) - julianday('1900-01-01') AS INTEGER) * 4194304 + row_number() OVER (PARTITION BY substr(created_at, 1, 10) ORDER BY id),
               'client', id, id, NULL, substr(created_at, 1, 10), '', full_name FROM clients;
      INSERT INTO search_index (rowid, title, body)
        SELECT d.doc_id, c.full_name || ' ' || c.preferred_name, c.presenting_problem
        FROM search_docs d JOIN clients c ON c.id = d.record_id WHERE d.kind = 'client';
    `);
  },
};
