import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { retentionUntil } from '../../shared/ipt/retention.ts';
import { openEncryptedDatabase } from '../../electron/main/data/vault/database.ts';
import { scanForMarker } from '../support/leak-scanner.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, unlockedVault } from '../support/vault-fixture.ts';

/** A plaintext copy of the vault, decrypted page by page (rekey to no key), for scanning raw bytes. */
function decryptedCopy(vaultDir: string, keyHex: string): string {
  const out = tempDir('ipt-decrypted-');
  const copy = join(out.path, 'copy.db');
  copyFileSync(join(vaultDir, 'vault.db'), copy);
  if (existsSync(join(vaultDir, 'vault.db-wal'))) copyFileSync(join(vaultDir, 'vault.db-wal'), `${copy}-wal`);
  const db = openEncryptedDatabase(copy, keyHex);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
  return out.path;
}

describe('retention', () => {
  it('computes retention dates per jurisdiction profile', () => {
    const adult = { lastContact: '2026-03-01', dateOfBirth: '1980-05-05', dateOfDeath: '' };
    expect(retentionUntil(adult, 'us')).toBe('2033-03-01');
    const minor = { lastContact: '2026-03-01', dateOfBirth: '2015-06-10', dateOfDeath: '' };
    expect(retentionUntil(minor, 'us')).toBe('2036-06-10');
    expect(retentionUntil(adult, 'uk')).toBe('2046-03-01');
    expect(retentionUntil({ ...adult, dateOfDeath: '2027-01-01' }, 'uk')).toBe('2037-01-01');
    expect(retentionUntil(adult, 'custom', 5)).toBe('2031-03-01');
    expect(retentionUntil({ lastContact: '2024-02-29', dateOfBirth: '1980-01-01', dateOfDeath: '' }, 'us')).toBe('2031-02-28');
  });

  it('lists clients with their retention dates, those past retention marked', async () => {
    const f = await unlockedVault();
    const old = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Old Record', dateOfBirth: '1950-01-01' } })).id;
    const course = expectOk(await f.services.call('courses.create', { clientId: old, type: 'acute', contract: { startDate: '2010-01-04', plannedSessions: 12, frequency: 'weekly' } }));
    expectOk(await f.services.call('sessions.create', { courseId: course.id, date: '2010-03-01', attendance: 'attended' }));
    f.services.vault.database().prepare("UPDATE clients SET created_at = '2010-01-01T00:00:00.000Z' WHERE id = ?").run(old);
    expectOk(await f.services.call('clients.create', { fields: { fullName: 'New Record', dateOfBirth: '1990-01-01' } }));
    const rows = expectOk(await f.services.call('retention.list', {}));
    expect(rows.map((r) => [r.fullName, r.past])).toEqual([['Old Record', true], ['New Record', false]]);
    expect(rows[0]!.retainUntil).toBe('2017-03-01');
    f.services.settings.update({ retentionProfile: 'uk' });
    expect(expectOk(await f.services.call('retention.list', {}))[0]).toMatchObject({ fullName: 'Old Record', retainUntil: '2030-03-01', past: false });
    f.cleanup();
  });
});

describe('deleting a client', () => {
  it('removes every row of the client: a decrypted copy holds none of their text, the audit chain stays valid', async () => {
    const f = await unlockedVault();
    const MARKER = 'Zdeletemarkerq';
    const id = expectOk(await f.services.call('clients.create', { fields: { fullName: `Del ${MARKER}`, dateOfBirth: '1980-01-01', presentingProblem: `problem ${MARKER}` } })).id;
    const keep = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Stays Here', dateOfBirth: '1980-01-01' } })).id;
    const course = expectOk(await f.services.call('courses.create', { clientId: id, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly', agreedFocus: `focus ${MARKER}` } }));
    const person = expectOk(await f.services.call('people.create', { clientId: id, fields: { name: `Pal${MARKER}`, relationship: 'friend', notes: `notes ${MARKER}` } })).id;
    const session = expectOk(await f.services.call('sessions.create', { courseId: course.id, date: '2026-01-05', attendance: 'attended' })).id;
    expectOk(await f.services.call('notes.saveDraft', { sessionId: session, fields: { intervalMood: `mood ${MARKER}`, riskCheck: 'needs_assessment' } }));
    expectOk(await f.services.call('notes.saveProcessNote', { sessionId: session, text: `private ${MARKER}` }));
    const entry = expectOk(await f.services.call('entries.create', { sessionId: session, templateId: 'communication-analysis' })).id;
    expectOk(await f.services.call('entries.save', { id: entry, values: { setting: `kitchen ${MARKER}`, otherPerson: person } }));
    expectOk(await f.services.call('timeline.createEvent', { clientId: id, fields: { date: '2025-01-01', kind: 'move', title: `moved ${MARKER}`, personId: person } }));
    const series = expectOk(await f.services.call('ratings.createSeries', { clientId: id, kind: 'goal', label: `goal ${MARKER}` })).id;
    expectOk(await f.services.call('ratings.add', { seriesId: series, date: '2026-01-05', value: 4, note: `rated ${MARKER}` }));
    expectOk(await f.services.call('measures.administer', { clientId: id, sessionId: session, instrumentId: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] }));
    expectOk(await f.services.call('circle.update', { clientId: id, rings: 3, placements: [{ personId: person, ring: 1, angle: 0 }] }));
    expectOk(await f.services.call('circle.saveSnapshot', { clientId: id, takenOn: '2026-01-05', label: `snap ${MARKER}` }));
    expectOk(await f.services.call('authorisations.record', { clientId: id, authorisedBy: `auth ${MARKER}`, date: '2026-01-05', scope: 'scope' }));
    const keyHex = f.services.vault.keyForWorker();

    // Control: the method finds the marker before deletion.
    f.services.vault.database().pragma('wal_checkpoint(TRUNCATE)');
    const before = decryptedCopy(f.dir, keyHex);
    expect(scanForMarker(MARKER, [before]).length).toBeGreaterThan(0);

    const wrongName = await f.services.call('clients.delete', { id, confirmFullName: 'Del' });
    expect(wrongName.ok ? 'ok' : wrongName.error.code).toBe('VALIDATION_FAILED');
    expectOk(await f.services.call('clients.delete', { id, confirmFullName: `Del ${MARKER}` }));
    expect((await f.services.call('clients.get', { id })).ok).toBe(false);
    expect(expectOk(await f.services.call('search.query', { text: MARKER, includeProcessNotes: true }))).toEqual([]);
    expect(expectOk(await f.services.call('clients.list', { status: 'all' })).map((c) => c.id)).toEqual([keep]);
    const db = f.services.vault.database();
    const leftovers = db
      .prepare(
        `SELECT (SELECT count(*) FROM courses) + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM session_notes) + (SELECT count(*) FROM process_notes)
              + (SELECT count(*) FROM technique_entries) + (SELECT count(*) FROM people) + (SELECT count(*) FROM life_events) + (SELECT count(*) FROM ratings)
              + (SELECT count(*) FROM measure_administrations) + (SELECT count(*) FROM risk_records) + (SELECT count(*) FROM circle_snapshots)
              + (SELECT count(*) FROM disclosure_authorisations) + (SELECT count(*) FROM search_docs WHERE client_id = ?) AS n`,
      )
      .get(id) as { n: number };
    expect(leftovers.n).toBe(0);
    expect(expectOk(await f.services.call('audit.verify', {})).ok).toBe(true);
    expect(expectOk(await f.services.call('audit.list', {})).some((r) => r.type === 'client.deleted' && r.recordId === id)).toBe(true);

    mkdirSync(join(f.dir, 'x'), { recursive: true });
    const after = decryptedCopy(f.dir, keyHex);
    expect(scanForMarker(MARKER, [after])).toEqual([]);
    f.cleanup();
  });
});
