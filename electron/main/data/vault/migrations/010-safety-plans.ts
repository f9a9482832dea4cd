import type { Migration } from './types.ts';

/**
 * Safety plans (clinical reference section 9): one per client, kept as revisions. A revision is
 * never changed once written (a trigger refuses it), so every earlier plan stays viewable as the
 * client was given it; a change is a new row with the next number. The risk records a revision
 * answers are rows of their own, so the foreign keys keep the links true when a client is deleted.
 */
export const migration010: Migration = {
  // The 13th migration once 009-012 (sessions, dates, security) are merged; the 9th on this branch alone.
  version: 10,
  name: 'safety-plans',
  up(db) {
    db.exec(`
      CREATE TABLE safety_plan_revisions (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        content TEXT NOT NULL CHECK (json_valid(content)),
        created_at TEXT NOT NULL,
        UNIQUE (client_id, revision)
      ) STRICT;
      CREATE TRIGGER safety_plan_revisions_kept BEFORE UPDATE ON safety_plan_revisions
        BEGIN SELECT RAISE(ABORT, 'A safety plan revision is kept as written; save a new revision instead.'); END;

      CREATE TABLE safety_plan_risks (
        revision_id TEXT NOT NULL REFERENCES safety_plan_revisions (id) ON DELETE CASCADE,
        risk_id TEXT NOT NULL REFERENCES risk_records (id) ON DELETE CASCADE,
        PRIMARY KEY (revision_id, risk_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX safety_plan_risks_by_risk ON safety_plan_risks (risk_id);
    `);
  },
};
