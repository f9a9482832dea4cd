import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyConnectionPragmas, hasPlaintextHeader, openEncryptedDatabase, type Db } from '../../electron/main/data/vault/database.ts';
import { migrate, schemaVersion } from '../../electron/main/data/vault/migrate.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/main/data/vault/migrations/index.ts';
import { migration011 } from '../../electron/main/data/vault/migrations/011-administered-on.ts';
import type { Migration } from '../../electron/main/data/vault/migrations/types.ts';
import { tempDir } from '../support/temp.ts';

function keyedFile(): { db: Db; path: string; key: string; remove: () => void } {
  const dir = tempDir();
  const path = join(dir.path, 'm.db');
  const key = randomBytes(32).toString('hex');
  const db = openEncryptedDatabase(path, key);
  applyConnectionPragmas(db);
  return { db, path, key, remove: () => { db.close(); dir.remove(); } };
}

function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index','trigger') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 initial: creates clients, identifiers and the append-only audit log on a keyed file', () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 1);
    expect(schemaVersion(f.db)).toBe(1);
    expect(tables(f.db)).toEqual(expect.arrayContaining(['clients', 'client_identifiers', 'audit_log', 'audit_log_no_update', 'audit_log_no_delete', 'clients_by_name']));
    f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, created_at, updated_at) VALUES ('a', 'A', '2000-01-01', 'x', 'x')").run();
    f.db.prepare("INSERT INTO client_identifiers (client_id, position, type, value) VALUES ('a', 0, 't', 'v')").run();
    f.db.prepare("DELETE FROM clients WHERE id = 'a'").run();
    expect(f.db.prepare('SELECT count(*) AS n FROM client_identifiers').get()).toEqual({ n: 0 });
    expect(() => f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, gp_consent, created_at, updated_at) VALUES ('b', 'B', '2000-01-01', 'perhaps', 'x', 'x')").run()).toThrow(/CHECK/);
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(hasPlaintextHeader(f.path)).toBe(false);
    f.remove();
  });

  it('002 course of treatment: courses with one open acute course per client, inventory, circle, sessions', () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 2);
    expect(schemaVersion(f.db)).toBe(2);
    expect(tables(f.db)).toEqual(expect.arrayContaining(['courses', 'course_renegotiations', 'course_problem_areas', 'people', 'circles', 'circle_placements', 'circle_snapshots', 'life_events', 'rating_series', 'ratings', 'sessions', 'courses_one_open_acute']));
    f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, created_at, updated_at) VALUES ('c', 'C', '2000-01-01', 'x', 'x')").run();
    const course = f.db.prepare("INSERT INTO courses (id, client_id, type, status, contract, created_at, updated_at) VALUES (?, 'c', 'acute', ?, '{}', 'x', 'x')");
    course.run('a1', 'open');
    expect(() => course.run('a2', 'open')).toThrow(/UNIQUE/);
    course.run('a3', 'closed');
    f.db.prepare("INSERT INTO people (id, client_id, position, name, fields, created_at, updated_at) VALUES ('p', 'c', 0, 'P', '{}', 'x', 'x')").run();
    f.db.prepare("INSERT INTO life_events (id, client_id, date, kind, title, person_id, created_at, updated_at) VALUES ('e', 'c', '2020-01-01', 'other', 'E', 'p', 'x', 'x')").run();
    expect(() => f.db.prepare("DELETE FROM people WHERE id = 'p'").run()).toThrow(/FOREIGN KEY/);
    expect(() => f.db.prepare("INSERT INTO ratings (id, series_id, date, value, created_at) VALUES ('r', 'none', '2020-01-01', 11, 'x')").run()).toThrow();
    // Deleting the client removes everything that belongs to it, in one statement.
    f.db.prepare("DELETE FROM clients WHERE id = 'c'").run();
    expect(f.db.prepare('SELECT (SELECT count(*) FROM courses) + (SELECT count(*) FROM people) + (SELECT count(*) FROM life_events) AS n').get()).toEqual({ n: 0 });
    f.remove();
  });

  it('003 notes and search: signed notes are read-only, addenda append-only, existing clients indexed', () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 2);
    f.db.prepare("INSERT INTO clients (id, full_name, preferred_name, date_of_birth, presenting_problem, created_at, updated_at) VALUES ('c', 'Pat Quill', 'Paddy', '2000-01-01', 'Lonely since retiring', '2024-05-05T00:00:00Z', 'x')").run();
    migrate(f.db, MIGRATIONS, 3);
    expect(schemaVersion(f.db)).toBe(3);
    expect(tables(f.db)).toEqual(expect.arrayContaining(['session_notes', 'note_addenda', 'process_notes', 'technique_entries', 'entry_people', 'custom_templates', 'risk_records', 'practice_profile', 'search_docs', 'search_index', 'process_search']));
    expect(f.db.prepare("SELECT d.kind, d.record_id FROM search_index JOIN search_docs d ON d.doc_id = search_index.rowid WHERE search_index MATCH 'retiring'").all()).toEqual([{ kind: 'client', record_id: 'c' }]);
    f.db.prepare("INSERT INTO courses (id, client_id, type, contract, created_at, updated_at) VALUES ('k', 'c', 'acute', '{}', 'x', 'x')").run();
    f.db.prepare("INSERT INTO sessions (id, course_id, client_id, date, duration_minutes, attendance, created_at, updated_at) VALUES ('s', 'k', 'c', '2024-06-01', 50, 'attended', 'x', 'x')").run();
    f.db.prepare("INSERT INTO session_notes (session_id, fields, written_at, updated_at, signed_at) VALUES ('s', '{}', 'x', 'x', 'y')").run();
    expect(() => f.db.prepare("UPDATE session_notes SET fields = '{\"a\":1}' WHERE session_id = 's'").run()).toThrow(/read-only/);
    f.db.prepare("UPDATE session_notes SET voided_at = 'z', void_reason = 'wrong client' WHERE session_id = 's'").run();
    f.db.prepare("INSERT INTO note_addenda (id, session_id, text, written_at) VALUES ('a', 's', 't', 'x')").run();
    expect(() => f.db.prepare("UPDATE note_addenda SET text = 'u'").run()).toThrow(/append-only/);
    expect(f.db.prepare("SELECT count(*) AS n FROM search_index WHERE search_index MATCH 'paddy'").get()).toEqual({ n: 1 });
    f.remove();
  });

  it('004 measures, 005 documents and 006 the audit chain add their tables and columns', async () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 5);
    f.db.prepare("INSERT INTO audit_log (at, type) VALUES ('2024-01-01T00:00:00.000Z', 'vault.unlocked')").run();
    migrate(f.db, MIGRATIONS, 6);
    expect(tables(f.db)).toEqual(expect.arrayContaining(['measure_administrations', 'practice_settings', 'client_mode', 'letters', 'disclosure_authorisations']));
    const columns = (f.db.prepare("SELECT name FROM pragma_table_info('audit_log')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('mac');
    const { AuditService } = await import('../../electron/main/data/audit.ts');
    const audit = new AuditService(f.db, Buffer.alloc(32, 7));
    audit.append({ type: 'vault.unlocked' });
    expect(audit.verify()).toMatchObject({ ok: true, rows: 2, unsealed: 1 });
    f.remove();
  });

  it('007 audit by record id: the latest change of a record and one client\'s trail are read through the index, not a scan', () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 6);
    const insert = f.db.prepare("INSERT INTO audit_log (at, type, record_type, record_id) VALUES ('2024-01-01T00:00:00.000Z', 'note.changed', 'session', ?)");
    for (let i = 0; i < 50; i++) insert.run(`record-${i % 5}`);
    const latest = 'SELECT at FROM audit_log WHERE record_id = ? AND type = ? ORDER BY seq DESC LIMIT 1';
    const plan = (sql: string) => (f.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('record-1', 'note.changed') as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(latest)).not.toMatch(/audit_by_record_id/);
    migrate(f.db, MIGRATIONS, 7);
    expect(schemaVersion(f.db)).toBe(7);
    expect(tables(f.db)).toContain('audit_by_record_id');
    expect(plan(latest)).toMatch(/SEARCH audit_log USING INDEX audit_by_record_id \(record_id=\?\)/);
    expect((f.db.prepare(latest).get('record-1', 'note.changed') as { at: string }).at).toBe('2024-01-01T00:00:00.000Z');
    expect(f.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 50 });
    f.remove();
  });

  it('008 letters process-notes mark: stored letters that carry the process-notes section are marked, and an unmarked one is refused', () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 7);
    f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, created_at, updated_at) VALUES ('c', 'C', '2000-01-01', 'x', 'x')").run();
    const letter = (id: string, sections: string[]) => JSON.stringify(sections.map((s) => ({ id: s, title: s, included: true, text: `${s} of ${id}` })));
    const insert = f.db.prepare("INSERT INTO letters (id, client_id, kind, date, recipient, sections, created_at) VALUES (?, 'c', 'progress', '2025-01-01', '{}', ?, 'x')");
    insert.run('plain', letter('plain', ['reason', 'plan']));
    insert.run('with-notes', letter('with-notes', ['reason', 'process_notes']));
    migrate(f.db, MIGRATIONS, 8);
    expect(schemaVersion(f.db)).toBe(8);
    expect(f.db.prepare('SELECT id, includes_process_notes AS marked FROM letters ORDER BY id').all()).toEqual([{ id: 'plain', marked: 0 }, { id: 'with-notes', marked: 1 }]);
    expect(tables(f.db)).toEqual(expect.arrayContaining(['letters_process_notes_marked_insert', 'letters_process_notes_marked_update']));
    // No writer can store process notes unmarked, nor take the mark off.
    expect(() => insert.run('forgot', letter('forgot', ['process_notes']))).toThrow(/must be marked/);
    f.db.prepare("INSERT INTO letters (id, client_id, kind, date, recipient, sections, created_at, includes_process_notes) VALUES ('marked', 'c', 'progress', '2025-01-01', '{}', ?, 'x', 1)").run(letter('marked', ['process_notes']));
    expect(() => f.db.prepare("UPDATE letters SET includes_process_notes = 0 WHERE id = 'with-notes'").run()).toThrow(/must be marked/);
    expect(() => f.db.prepare("UPDATE letters SET includes_process_notes = 2 WHERE id = 'plain'").run()).toThrow(/CHECK/);
    f.remove();
  });

  it('009 session lifecycle: statuses gain planned and late cancellation, sessions get a modality and participants from the inventory', () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 8);
    f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, created_at, updated_at) VALUES ('c', 'C', '2000-01-01', 'x', 'x')").run();
    f.db.prepare("INSERT INTO courses (id, client_id, type, status, contract, created_at, updated_at) VALUES ('k', 'c', 'acute', 'open', '{}', 'x', 'x')").run();
    f.db.prepare("INSERT INTO people (id, client_id, position, name, fields, created_at, updated_at) VALUES ('p', 'c', 0, 'P', '{}', 'x', 'x')").run();
    const old = f.db.prepare("INSERT INTO sessions (id, course_id, client_id, date, time, duration_minutes, attendance, created_at, updated_at) VALUES (?, 'k', 'c', ?, '', 50, ?, 'x', 'x')");
    old.run('s1', '2025-01-01', 'attended');
    old.run('s2', '2025-01-08', 'did_not_attend');
    f.db.prepare("INSERT INTO session_notes (session_id, fields, written_at, updated_at) VALUES ('s1', '{}', 'x', 'x')").run();
    migrate(f.db, MIGRATIONS, 9);
    expect(schemaVersion(f.db)).toBe(9);
    // Existing sessions keep their attendance, are in person, and keep their notes.
    expect(f.db.prepare('SELECT id, attendance, modality FROM sessions ORDER BY id').all()).toEqual([
      { id: 's1', attendance: 'attended', modality: 'in_person' },
      { id: 's2', attendance: 'did_not_attend', modality: 'in_person' },
    ]);
    expect(f.db.prepare('SELECT count(*) AS n FROM session_notes').get()).toEqual({ n: 1 });
    expect(tables(f.db)).toEqual(expect.arrayContaining(['session_participants', 'session_participants_by_person', 'sessions_by_date', 'sessions_by_course', 'sessions_by_client']));
    const now = f.db.prepare("INSERT INTO sessions (id, course_id, client_id, date, time, duration_minutes, attendance, modality, created_at, updated_at) VALUES (?, 'k', 'c', '2025-02-01', '', 50, ?, ?, 'x', 'x')");
    now.run('s3', 'planned', 'video');
    now.run('s4', 'cancelled_client_late', 'telephone');
    expect(() => now.run('s5', 'maybe', 'in_person')).toThrow(/CHECK/);
    expect(() => now.run('s6', 'planned', 'carrier pigeon')).toThrow(/CHECK/);
    // A person who joined a session cannot be removed from under it; the session's removal takes the row with it.
    f.db.prepare("INSERT INTO session_participants (session_id, person_id) VALUES ('s3', 'p')").run();
    expect(() => f.db.prepare("INSERT INTO session_participants (session_id, person_id) VALUES ('s3', 'nobody')").run()).toThrow(/FOREIGN KEY/);
    expect(() => f.db.prepare("DELETE FROM people WHERE id = 'p'").run()).toThrow(/FOREIGN KEY/);
    f.db.prepare("DELETE FROM sessions WHERE id = 's3'").run();
    expect(f.db.prepare('SELECT count(*) AS n FROM session_participants').get()).toEqual({ n: 0 });
    // Deleting the client still removes everything in one statement.
    f.db.prepare("INSERT INTO session_participants (session_id, person_id) VALUES ('s4', 'p')").run();
    f.db.prepare("DELETE FROM clients WHERE id = 'c'").run();
    expect(f.db.prepare('SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM session_participants) + (SELECT count(*) FROM people) AS n').get()).toEqual({ n: 0 });
    f.remove();
  });

  it('safety plans: numbered revisions per client, kept as written, linked to risk records, gone with the client', () => {
    const f = keyedFile();
    // Found by name, so the test holds whatever number the migration has once other branches merge.
    const version = MIGRATIONS.findIndex((m) => m.name === 'safety-plans') + 1;
    expect(version).toBeGreaterThan(8);
    migrate(f.db, MIGRATIONS, version - 1);
    f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, created_at, updated_at) VALUES ('c', 'C', '2000-01-01', 'x', 'x')").run();
    f.db.prepare("INSERT INTO risk_records (id, client_id, source, opened_at) VALUES ('r', 'c', 'phq9_item9', 'x')").run();
    migrate(f.db, MIGRATIONS, version);
    expect(schemaVersion(f.db)).toBe(version);
    expect(tables(f.db)).toEqual(expect.arrayContaining(['safety_plan_revisions', 'safety_plan_risks', 'safety_plan_revisions_kept', 'safety_plan_risks_by_risk']));
    const insert = f.db.prepare("INSERT INTO safety_plan_revisions (id, client_id, revision, content, created_at) VALUES (?, 'c', ?, ?, 'x')");
    insert.run('p1', 1, '{"warningSigns":[]}');
    insert.run('p2', 2, '{"warningSigns":[]}');
    expect(() => insert.run('p3', 2, '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('p4', 0, '{}')).toThrow(/CHECK/);
    expect(() => insert.run('p5', 3, 'not json')).toThrow(/CHECK/);
    expect(() => f.db.prepare("UPDATE safety_plan_revisions SET content = '{}' WHERE id = 'p1'").run()).toThrow(/kept as written/);
    f.db.prepare("INSERT INTO safety_plan_risks (revision_id, risk_id) VALUES ('p2', 'r')").run();
    expect(() => f.db.prepare("INSERT INTO safety_plan_risks (revision_id, risk_id) VALUES ('p2', 'no-such-risk')").run()).toThrow(/FOREIGN KEY/);
    // Deleting the client (retention) takes its plans and their links with it.
    f.db.prepare("DELETE FROM clients WHERE id = 'c'").run();
    expect(f.db.prepare('SELECT (SELECT count(*) FROM safety_plan_revisions) + (SELECT count(*) FROM safety_plan_risks) AS n').get()).toEqual({ n: 0 });
    f.remove();
  });

  it('011 administered on: each questionnaire gets the day it was taken in this machine\'s zone, new rows must carry one, lists read by day', () => {
    const f = keyedFile();
    const v = migration011.version;
    migrate(f.db, MIGRATIONS, v - 1);
    f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, created_at, updated_at) VALUES ('c', 'C', '2000-01-01', 'x', 'x')").run();
    const insert = f.db.prepare(
      "INSERT INTO measure_administrations (id, client_id, instrument_id, instrument_version, language, administered_by, administered_at, answers, complete, total, band, created_at) VALUES (?, 'c', 'phq9', 1, 'en', 'therapist', ?, '[]', 1, 5, 'mild', ?)",
    );
    // 20:30 in New York is already the next day in Greenwich; 08:30 in Sydney is still the day before there.
    const instants = { evening: '2026-01-06T01:30:00.000Z', morning: '2026-01-05T21:30:00.000Z', noon: '2026-06-15T12:00:00.000Z' };
    for (const [id, at] of Object.entries(instants)) insert.run(id, at, at);
    migrate(f.db, MIGRATIONS, v);
    expect(schemaVersion(f.db)).toBe(v);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const dayIn = (at: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
    const stored = Object.fromEntries((f.db.prepare('SELECT id, administered_on FROM measure_administrations').all() as { id: string; administered_on: string }[]).map((r) => [r.id, r.administered_on]));
    expect(stored).toEqual({ evening: dayIn(instants.evening), morning: dayIn(instants.morning), noon: dayIn(instants.noon) });
    const known: Record<string, Record<string, string>> = {
      'America/New_York': { evening: '2026-01-05', morning: '2026-01-05', noon: '2026-06-15' },
      'Europe/London': { evening: '2026-01-06', morning: '2026-01-05', noon: '2026-06-15' },
      'Australia/Sydney': { evening: '2026-01-06', morning: '2026-01-06', noon: '2026-06-15' },
      UTC: { evening: '2026-01-06', morning: '2026-01-05', noon: '2026-06-15' },
    };
    if (known[zone]) expect(stored).toEqual(known[zone]);
    // New rows must carry their day; the column cannot be blanked later.
    expect(() => insert.run('undated', '2026-02-01T10:00:00.000Z', 'x')).toThrow(/needs the date it was answered/);
    expect(() => f.db.prepare("UPDATE measure_administrations SET administered_on = '' WHERE id = 'noon'").run()).toThrow(/needs the date it was answered/);
    expect(() => f.db.prepare("UPDATE measure_administrations SET administered_on = '5 Jan' WHERE id = 'noon'").run()).toThrow(/CHECK/);
    const plan = (f.db.prepare("EXPLAIN QUERY PLAN SELECT * FROM measure_administrations WHERE client_id = 'c' ORDER BY administered_on, administered_at").all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan).toMatch(/measures_by_client/);
    f.remove();
  });

  it('runs each migration in a transaction: a failing one leaves the previous version intact', () => {
    const f = keyedFile();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(f.db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(f.db)).toBe(MIGRATIONS.length);
    expect(tables(f.db)).not.toContain('half_done');
    f.remove();
  });

  it('refuses a database from a newer schema without changing it', () => {
    const f = keyedFile();
    migrate(f.db);
    f.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(f.db)).toThrow(/newer version/);
    expect(schemaVersion(f.db)).toBe(LATEST_SCHEMA_VERSION + 1);
    f.remove();
  });
});

describe('upgrading an existing vault', () => {
  it('copies the vault before migrating it on first unlock; the copy opens with the same key at the old version', async () => {
    const { unlockedVault, createServices, expectOk, TEST_PASSPHRASE } = await import('../support/vault-fixture.ts');
    const { rmSync, renameSync, existsSync } = await import('node:fs');
    const f = await unlockedVault();
    const key = f.services.vault.keyForWorker();
    f.services.close();
    // Replace the vault with one at the previous schema version, encrypted with the same data key.
    const older = join(f.dir, 'older.db');
    const db = openEncryptedDatabase(older, key);
    applyConnectionPragmas(db);
    migrate(db, MIGRATIONS, LATEST_SCHEMA_VERSION - 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(f.dir, `vault.db${suffix}`), { force: true });
    renameSync(older, join(f.dir, 'vault.db'));

    const services = createServices(f.dir);
    expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(schemaVersion(services.vault.database())).toBe(LATEST_SCHEMA_VERSION);
    services.close();
    const copyPath = join(f.dir, `vault.pre-migration-v${LATEST_SCHEMA_VERSION - 1}.db`);
    expect(existsSync(copyPath)).toBe(true);
    expect(hasPlaintextHeader(copyPath)).toBe(false);
    const copy = openEncryptedDatabase(copyPath, key, { readonly: true });
    expect(schemaVersion(copy)).toBe(LATEST_SCHEMA_VERSION - 1);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // A single file: opening it left no -wal or -shm beside it, and no partial copy remains.
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(f.dir).filter((name) => name.startsWith('vault.pre-migration'))).toEqual([`vault.pre-migration-v${LATEST_SCHEMA_VERSION - 1}.db`]);
    f.cleanup();
  });
});
