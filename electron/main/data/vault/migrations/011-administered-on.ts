import { localDateOf } from '../../../../../shared/schemas/dates.ts';
import type { Migration } from './types.ts';

/**
 * Questionnaires have a date. `administered_at` is the instant the answers were stored, so a paper
 * PHQ-9 from last week entered today was charted and quoted in letters as today's, and two forms
 * entered together drew a vertical line. `administered_on` is the calendar day the client
 * answered. Existing rows get the day their instant fell on in this machine's time zone (the
 * zone the therapist entered them in), computed in TS: SQLite's date() knows only UTC.
 * Lists order by the day, then the instant.
 */
export const migration011: Migration = {
  // File 010 follows the sessions migration 009 on another branch; the version is its place in MIGRATIONS.
  version: 11,
  name: 'administered-on',
  up(db) {
    db.exec("ALTER TABLE measure_administrations ADD COLUMN administered_on TEXT NOT NULL DEFAULT '' CHECK (administered_on = '' OR administered_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')");
    const rows = db.prepare('SELECT id, administered_at FROM measure_administrations').all() as { id: string; administered_at: string }[];
    const set = db.prepare('UPDATE measure_administrations SET administered_on = ? WHERE id = ?');
    for (const r of rows) set.run(localDateOf(r.administered_at), r.id);
    // ADD COLUMN needs a default for NOT NULL, and its CHECK is tested on existing rows, so '' is
    // allowed by the column and refused from now on by the triggers: every new row has its day.
    db.exec(`
      CREATE TRIGGER measures_administered_on_insert BEFORE INSERT ON measure_administrations
        WHEN NEW.administered_on = '' BEGIN SELECT RAISE(ABORT, 'A questionnaire needs the date it was answered.'); END;
      CREATE TRIGGER measures_administered_on_update BEFORE UPDATE OF administered_on ON measure_administrations
        WHEN NEW.administered_on = '' BEGIN SELECT RAISE(ABORT, 'A questionnaire needs the date it was answered.'); END;
      DROP INDEX measures_by_client;
      DROP INDEX measures_by_course;
      CREATE INDEX measures_by_client ON measure_administrations (client_id, instrument_id, administered_on, administered_at);
      CREATE INDEX measures_by_course ON measure_administrations (course_id, administered_on, administered_at);
    `);
  },
};
