import type { Migration } from './types.ts';

/**
 * Sessions that can be planned and corrected. `attendance` gains `planned` (appointments from the
 * contract) and `cancelled_client_late` (a client's cancellation without notice, which practices
 * count apart from one with notice). SQLite cannot change a CHECK in place, and rebuilding
 * `sessions` inside the migration's transaction would fight the foreign keys of notes, entries
 * and measures that point at it (PRAGMA foreign_keys cannot change inside a transaction); so the
 * column is replaced: a new checked column, filled from the old one, the old one dropped (its own
 * CHECK is the only thing that names it) and the new one given the old name. Modality is a checked
 * column; the people who joined a session are rows referring to the inventory, so removing a
 * person who joined a session is refused by the foreign key, as for every other reference.
 * `sessions_by_date` serves the next appointment and the diary across clients.
 */
export const migration009: Migration = {
  version: 9,
  name: 'session-lifecycle',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN status TEXT NOT NULL DEFAULT 'attended'
        CHECK (status IN ('planned', 'attended', 'cancelled_client', 'cancelled_client_late', 'cancelled_therapist', 'did_not_attend'));
      UPDATE sessions SET status = attendance;
      ALTER TABLE sessions DROP COLUMN attendance;
      ALTER TABLE sessions RENAME COLUMN status TO attendance;
      ALTER TABLE sessions ADD COLUMN modality TEXT NOT NULL DEFAULT 'in_person' CHECK (modality IN ('in_person', 'video', 'telephone'));
      CREATE TABLE session_participants (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        person_id TEXT NOT NULL REFERENCES people (id),
        PRIMARY KEY (session_id, person_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX session_participants_by_person ON session_participants (person_id);
      CREATE INDEX sessions_by_date ON sessions (date, time);
    `);
  },
};
