import type { Migration } from './types.ts';

/**
 * Outcome measures: each administration keeps its item answers, total and band as scored then,
 * the instrument version and language, who administered it and the session it belongs to.
 * Also the measure schedule per course, practice settings for change rules, and client mode
 * (persisted, so answers survive an auto-lock in the middle).
 */
export const migration004: Migration = {
  version: 4,
  name: 'measures',
  up(db) {
    db.exec(`
      CREATE TABLE measure_administrations (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        course_id TEXT REFERENCES courses (id) ON DELETE SET NULL,
        session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
        instrument_id TEXT NOT NULL CHECK (instrument_id IN ('phq9', 'gad7')),
        instrument_version INTEGER NOT NULL,
        language TEXT NOT NULL,
        administered_by TEXT NOT NULL CHECK (administered_by IN ('therapist', 'client')),
        administered_at TEXT NOT NULL,
        answers TEXT NOT NULL,
        difficulty INTEGER CHECK (difficulty BETWEEN 0 AND 3),
        complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
        total INTEGER,
        band TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX measures_by_client ON measure_administrations (client_id, instrument_id, administered_at);
      CREATE INDEX measures_by_course ON measure_administrations (course_id, administered_at);

      ALTER TABLE courses ADD COLUMN measure_every INTEGER NOT NULL DEFAULT 1 CHECK (measure_every BETWEEN 1 AND 12);

      CREATE TABLE practice_settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE client_mode (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
        instruments TEXT NOT NULL,
        draft TEXT NOT NULL DEFAULT '{}',
        submitted_ids TEXT NOT NULL DEFAULT '[]',
        started_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
