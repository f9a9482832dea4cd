import type { Migration } from './types.ts';

/**
 * Marks stored letters that carry psychotherapy (process) note text. A letter sent with the
 * authorised process-notes section is kept word for word; without a mark, anything that copies
 * stored letters (the full export) could not tell it apart and carried the notes out whatever the
 * export asked for. The mark is filled in for letters already stored, and triggers refuse a
 * letter whose sections hold the process-notes section but whose mark says otherwise, so no
 * writer can forget it.
 */
export const migration008: Migration = {
  version: 8,
  name: 'letters-process-notes-mark',
  up(db) {
    db.exec(`
      ALTER TABLE letters ADD COLUMN includes_process_notes INTEGER NOT NULL DEFAULT 0 CHECK (includes_process_notes IN (0, 1));
      UPDATE letters SET includes_process_notes = 1
        WHERE EXISTS (SELECT 1 FROM json_each(letters.sections) WHERE json_extract(value, '$.id') = 'process_notes');
      CREATE TRIGGER letters_process_notes_marked_insert BEFORE INSERT ON letters
        WHEN NEW.includes_process_notes = 0 AND EXISTS (SELECT 1 FROM json_each(NEW.sections) WHERE json_extract(value, '$.id') = 'process_notes')
        BEGIN SELECT RAISE(ABORT, 'A letter with psychotherapy notes must be marked.'); END;
      CREATE TRIGGER letters_process_notes_marked_update BEFORE UPDATE OF sections, includes_process_notes ON letters
        WHEN NEW.includes_process_notes = 0 AND EXISTS (SELECT 1 FROM json_each(NEW.sections) WHERE json_extract(value, '$.id') = 'process_notes')
        BEGIN SELECT RAISE(ABORT, 'A letter with psychotherapy notes must be marked.'); END;
    `);
  },
};
