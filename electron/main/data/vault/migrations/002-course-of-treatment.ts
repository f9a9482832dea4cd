import type { Migration } from './types.ts';

/**
 * The IPT course of treatment: courses with their contract, checklist, formulation, problem areas
 * and ending; the interpersonal inventory and closeness circle; life events; rating series; and the
 * scheduling part of sessions. Structured sub-records whose shape is set by shared schemas are
 * stored as JSON validated in main; anything another row refers to is a column with a foreign key.
 */
export const migration002: Migration = {
  version: 2,
  name: 'course-of-treatment',
  up(db) {
    db.exec(`
      CREATE TABLE courses (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('acute', 'continuation', 'maintenance')),
        parent_course_id TEXT REFERENCES courses (id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        contract TEXT NOT NULL,
        checklist TEXT NOT NULL DEFAULT '{}',
        formulation TEXT NOT NULL DEFAULT '{}',
        termination TEXT NOT NULL DEFAULT '{}',
        closed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX courses_by_client ON courses (client_id, created_at);
      CREATE UNIQUE INDEX courses_one_open_acute ON courses (client_id) WHERE type = 'acute' AND status = 'open';

      CREATE TABLE course_renegotiations (
        id TEXT PRIMARY KEY NOT NULL,
        course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        old_planned_sessions INTEGER NOT NULL,
        new_planned_sessions INTEGER NOT NULL,
        old_frequency TEXT NOT NULL,
        new_frequency TEXT NOT NULL,
        reason TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX renegotiations_by_course ON course_renegotiations (course_id, recorded_at);

      CREATE TABLE people (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        role_near_onset TEXT NOT NULL DEFAULT 'unset',
        fields TEXT NOT NULL,
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX people_by_client ON people (client_id, position);

      CREATE TABLE course_problem_areas (
        course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        rank TEXT NOT NULL CHECK (rank IN ('primary', 'secondary')),
        area TEXT NOT NULL CHECK (area IN ('grief', 'role_dispute', 'role_transition', 'interpersonal_deficits')),
        person_id TEXT REFERENCES people (id),
        details TEXT NOT NULL,
        PRIMARY KEY (course_id, rank)
      ) STRICT;
      CREATE INDEX problem_areas_by_person ON course_problem_areas (person_id) WHERE person_id IS NOT NULL;

      CREATE TABLE circles (
        client_id TEXT PRIMARY KEY NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        rings INTEGER NOT NULL CHECK (rings IN (3, 4)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE circle_placements (
        person_id TEXT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        ring INTEGER NOT NULL CHECK (ring BETWEEN 1 AND 4),
        angle REAL NOT NULL CHECK (angle >= 0 AND angle <= 360)
      ) STRICT;
      CREATE INDEX placements_by_client ON circle_placements (client_id);

      CREATE TABLE circle_snapshots (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        taken_on TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        rings INTEGER NOT NULL,
        entries TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX snapshots_by_client ON circle_snapshots (client_id, taken_on);

      CREATE TABLE life_events (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        person_id TEXT REFERENCES people (id),
        mood_rating INTEGER CHECK (mood_rating BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX life_events_by_client ON life_events (client_id, date);
      CREATE INDEX life_events_by_person ON life_events (person_id) WHERE person_id IS NOT NULL;

      CREATE TABLE rating_series (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        course_id TEXT REFERENCES courses (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        problem_area TEXT,
        low_anchor TEXT NOT NULL,
        high_anchor TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rating_series_by_client ON rating_series (client_id, created_at);

      CREATE TABLE ratings (
        id TEXT PRIMARY KEY NOT NULL,
        series_id TEXT NOT NULL REFERENCES rating_series (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ratings_by_series ON ratings (series_id, date, created_at);

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY NOT NULL,
        course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        time TEXT NOT NULL DEFAULT '',
        duration_minutes INTEGER NOT NULL,
        attendance TEXT NOT NULL CHECK (attendance IN ('attended', 'cancelled_client', 'cancelled_therapist', 'did_not_attend')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_course ON sessions (course_id, date, time, created_at);
      CREATE INDEX sessions_by_client ON sessions (client_id, date);
    `);
  },
};
