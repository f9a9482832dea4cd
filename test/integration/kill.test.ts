import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndKill, seededRandom } from '../support/kill-test.ts';
import { tempDir } from '../support/temp.ts';
import { createServices, expectOk, TEST_PASSPHRASE } from '../support/vault-fixture.ts';

/**
 * SIGKILL a writer mid-work and check the vault: it opens, integrity_check is ok, and every id the
 * writer reported as committed is there. Fixed seeds here; `npm run test:crash` runs 100 random kills.
 */
const RUNS = Number(process.env['KILL_RUNS'] ?? 6);
const SEED_SETTING = process.env['KILL_SEED'] ?? '20261125';
const BASE_SEED = SEED_SETTING === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_SETTING);

describe(`kill test (${RUNS} SIGKILLs, seed ${BASE_SEED})`, () => {
  const dir = tempDir();
  beforeAll(async () => {
    const services = createServices(dir.path);
    const begun = expectOk(await services.call('vault.beginCreate', {}));
    expectOk(await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
    services.close();
  });
  afterAll(() => dir.remove());

  it('the durability pragmas are on: full fsync, WAL, secure delete', async () => {
    const services = createServices(dir.path);
    expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    const db = services.vault.database();
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    services.close();
  });

  it('every committed write survives every kill', async () => {
    const random = seededRandom(BASE_SEED);
    const report: { run: number; delayMs: number; sessions: number }[] = [];
    const allSessions: string[] = [];
    const allClients: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const delayMs = Math.round(20 + random() * 700);
      const killed = await runAndKill(dir.path, TEST_PASSPHRASE, String(run), delayMs);
      allSessions.push(...killed.sessions);
      allClients.push(...killed.clients);

      const services = createServices(dir.path);
      expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
      const db = services.vault.database();
      expect(db.pragma('integrity_check', { simple: true }), `run ${run}`).toBe('ok');
      const present = new Set((db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((r) => r.id));
      const missing = allSessions.filter((id) => !present.has(id));
      expect(missing, `run ${run} (seed ${BASE_SEED}, delay ${delayMs} ms)`).toEqual([]);
      const clients = new Set((db.prepare('SELECT id FROM clients').all() as { id: string }[]).map((r) => r.id));
      expect(allClients.filter((id) => !clients.has(id))).toEqual([]);
      // A committed session always has its note: the note is written before the id is reported.
      const notes = db.prepare('SELECT count(*) AS n FROM session_notes WHERE session_id = ?');
      for (const id of killed.sessions) expect((notes.get(id) as { n: number }).n).toBe(1);
      expect(expectOk(await services.call('audit.verify', {})).ok).toBe(true);
      services.close();
      report.push({ run, delayMs, sessions: killed.sessions.length });
    }
    expect(allSessions.length).toBeGreaterThan(0);
    console.info(`kill test: ${RUNS} kills, ${allSessions.length} committed sessions checked, 0 missing`, JSON.stringify(report));
  }, 600_000);
});
