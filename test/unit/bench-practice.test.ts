import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../electron/main/data/repositories.ts';
import { applyConnectionPragmas, openEncryptedDatabase, openPlainDatabase, type Db } from '../../electron/main/data/vault/database.ts';
import { migrate } from '../../electron/main/data/vault/migrate.ts';
import { PRACTICE_SHAPE, seedPractice } from '../../bench/practice.ts';
import { tempDir } from '../support/temp.ts';

const dir = tempDir();
afterAll(() => dir.remove());

function seeded(name: string, seed: number, encrypted: boolean): { db: Db; counts: ReturnType<typeof seedPractice>['counts'] } {
  const path = join(dir.path, `${name}.db`);
  const db = encrypted ? openEncryptedDatabase(path, randomBytes(32).toString('hex')) : openPlainDatabase(path);
  applyConnectionPragmas(db);
  migrate(db);
  const { counts } = seedPractice(db, createRepositories(db, randomBytes(32)), seed, { clients: 2 });
  return { db, counts };
}

const noteTexts = (db: Db) => (db.prepare('SELECT n.fields FROM session_notes n JOIN sessions s ON s.id = n.session_id ORDER BY s.date, s.created_at').all() as { fields: string }[]).map((r) => r.fields);

describe('the benchmark practice generator', () => {
  const a = seeded('a', 7, true);
  const b = seeded('b', 7, false);
  const c = seeded('c', 8, false);

  it('writes the promised shape through the repositories: courses, sessions, notes, worksheets, measures, people', () => {
    // Client 0 also has a continuation course (every fifth client does).
    const sessions = 2 * PRACTICE_SHAPE.acuteSessions + PRACTICE_SHAPE.continuationSessions;
    expect(a.counts).toEqual({ clients: 2, courses: 3, sessions, notes: sessions, entries: sessions + Math.floor(sessions / PRACTICE_SHAPE.secondEntryEvery), administrations: 2 * sessions, people: 2 * PRACTICE_SHAPE.peoplePerClient });
    // Plus the large client: 60 sessions with a PHQ-9 and a GAD-7 each, 30 people.
    const count = (table: string) => (a.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('clients')).toBe(3);
    expect(count('sessions')).toBe(sessions + 60);
    expect(count('measure_administrations')).toBe(2 * sessions + 120);
    expect(count('technique_entries')).toBe(a.counts.entries);
    expect(count('people')).toBe(a.counts.people + 30);
    const words = noteTexts(a.db).map((fields) => Object.values(JSON.parse(fields) as Record<string, string>).join(' ').split(/\s+/).filter((w) => /^[a-z]+$/.test(w)).length);
    expect(Math.min(...words.slice(0, sessions))).toBeGreaterThanOrEqual(190);
    expect(Math.max(...words.slice(0, sessions))).toBeLessThanOrEqual(610);
  });

  it('gives the same records for the same seed, encrypted or not, and others for another seed', () => {
    expect(noteTexts(a.db)).toEqual(noteTexts(b.db));
    expect(b.counts).toEqual(a.counts);
    expect(noteTexts(c.db)).not.toEqual(noteTexts(b.db));
  });
});
