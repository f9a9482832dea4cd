import { describe, expect, it } from 'vitest';
import { expectOk, unlockedVault } from '../support/vault-fixture.ts';

describe('tamper-evident audit trail', () => {
  it('chains every row with a MAC keyed from the data key, and the chain verifies', async () => {
    const f = await unlockedVault();
    for (let i = 0; i < 5; i++) expectOk(await f.services.call('clients.create', { fields: { fullName: `Audit Person ${i}`, dateOfBirth: '1970-01-01' } }));
    const report = expectOk(await f.services.call('audit.verify', {}));
    expect(report).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    expect(report.rows).toBeGreaterThanOrEqual(6);
    const db = f.services.vault.database();
    const macs = db.prepare('SELECT mac FROM audit_log ORDER BY seq').all() as { mac: string }[];
    expect(new Set(macs.map((m) => m.mac)).size).toBe(macs.length);
    expect(report.head).toBe(macs.at(-1)!.mac);
    f.cleanup();
  });

  it('reports the first broken link after an edit, a deletion or a forged insertion', async () => {
    const f = await unlockedVault();
    for (let i = 0; i < 6; i++) expectOk(await f.services.call('clients.create', { fields: { fullName: `Tamper ${i}`, dateOfBirth: '1970-01-01' } }));
    const db = f.services.vault.database();
    // Someone with the database and the will to drop the append-only triggers.
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const seqs = (db.prepare('SELECT seq FROM audit_log ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    db.prepare("UPDATE audit_log SET type = 'client.restored' WHERE seq = ?").run(seqs[3]);
    expect(expectOk(await f.services.call('audit.verify', {}))).toMatchObject({ ok: false, firstBroken: seqs[3] });
    db.prepare("UPDATE audit_log SET type = 'client.created' WHERE seq = ?").run(seqs[3]);
    expect(expectOk(await f.services.call('audit.verify', {})).ok).toBe(true);
    db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seqs[2]);
    expect(expectOk(await f.services.call('audit.verify', {}))).toMatchObject({ ok: false, firstBroken: seqs[3] });
    f.cleanup();

    const g = await unlockedVault();
    const gdb = g.services.vault.database();
    gdb.prepare("INSERT INTO audit_log (at, type, detail, mac) VALUES ('2026-01-01T00:00:00.000Z', 'vault.unlocked', '{}', ?)").run('ab'.repeat(32));
    const forged = (gdb.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
    expect(expectOk(await g.services.call('audit.verify', {}))).toMatchObject({ ok: false, firstBroken: forged });
    g.cleanup();
  });

  it('lists one client’s trail, newest first, and never holds names', async () => {
    const f = await unlockedVault();
    const a = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Sigrid Named', dateOfBirth: '1970-01-01' } })).id;
    const b = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Other Person', dateOfBirth: '1970-01-01' } })).id;
    const course = expectOk(await f.services.call('courses.create', { clientId: a, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } }));
    expectOk(await f.services.call('sessions.create', { courseId: course.id, date: '2026-01-05', attendance: 'attended' }));
    const rows = expectOk(await f.services.call('audit.list', { clientId: a }));
    expect(rows.map((r) => r.type)).toEqual(['session.created', 'course.created', 'client.created']);
    expect(rows.some((r) => r.recordId === b)).toBe(false);
    // Records of each owner, for both clients: each client's view holds its own rows only.
    for (const clientId of [a, b]) {
      expectOk(await f.services.call('people.create', { clientId, fields: { name: 'Sam', relationship: 'partner' } }));
      expectOk(await f.services.call('timeline.createEvent', { clientId, fields: { date: '2025-11-01', kind: 'move', title: 'Moved' } }));
      expectOk(await f.services.call('ratings.createSeries', { clientId, courseId: null, kind: 'goal', label: 'Sleep', problemArea: null }));
      expectOk(await f.services.call('safetyPlan.save', { clientId, content: { warningSigns: [{ text: 'Awake at night' }], copingOnMyOwn: [], distractions: [], askForHelp: [], professionals: [], saferSurroundings: [], reasonsForLiving: [] }, basedOn: null }));
    }
    const own = expectOk(await f.services.call('audit.list', { clientId: a }));
    expect(own.map((r) => r.type)).toEqual(['safety_plan.revised', 'rating_series.created', 'life_event.created', 'person.created', 'session.created', 'course.created', 'client.created']);
    const other = expectOk(await f.services.call('audit.list', { clientId: b, type: 'safety_plan.revised' }));
    expect(other).toHaveLength(1);
    expect(own.some((r) => r.recordId === other[0]!.recordId)).toBe(false);
    expect(JSON.stringify(expectOk(await f.services.call('audit.list', {})))).not.toMatch(/Sigrid|Named|Other Person/);
    f.cleanup();
  });
});
