import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../electron/main/data/vault/database.ts';
import { RESTORE_STEPS } from '../../electron/main/domain/backup/restore-switch.ts';
import { seededRandom } from '../support/kill-test.ts';
import { tempDir } from '../support/temp.ts';
import { createServices, expectOk, TEST_PASSPHRASE } from '../support/vault-fixture.ts';

/**
 * Finding 6: a restore killed at every step of its switch (seeded points) and at seeded delays.
 * Afterwards the vault always opens with the passphrase it had, passes integrity_check, and no
 * acknowledged write is lost: each is in the vault, or (once the switch went through) in the
 * pre-restore copy. `npm run test:crash` runs more random delays.
 */
const WRITER = resolve(import.meta.dirname, '../support/restore-writer.ts');
const TIMED_RUNS = Number(process.env['KILL_RUNS'] ?? 4);
const SEED_SETTING = process.env['KILL_SEED'] ?? '20261201';
const BASE_SEED = SEED_SETTING === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_SETTING);

function runRestoreAndKill(dataDir: string, killAt: string, delayMs: number): Promise<{ clients: string[]; killed: boolean }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [WRITER, dataDir, TEST_PASSPHRASE, killAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    const clients: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, id] = line.split(' ');
      if (kind === 'client' && id) clients.push(id);
      if (kind === 'ready' && killAt === 'time') setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done({ clients, killed: true }) : reject(new Error(`restore writer exited on its own (${stderr.trim()})`))));
  });
}

function idsIn(path: string, keyHex: string): Set<string> {
  const db = openEncryptedDatabase(path, keyHex, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return new Set((db.prepare('SELECT id FROM clients').all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}

async function oneRun(label: string, killAt: string, delayMs: number): Promise<void> {
  const dir = tempDir();
  try {
    const dataDir = join(dir.path, 'vault');
    const folder = join(dir.path, 'backups');
    mkdirSync(folder);
    const first = createServices(dataDir);
    first.settings.update({ backupFolder: folder });
    const begun = expectOk(await first.call('vault.beginCreate', {}));
    expectOk(await first.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
    first.close();

    const { clients } = await runRestoreAndKill(dataDir, killAt, delayMs);
    expect(clients, label).toHaveLength(6);

    // A new start: an interrupted restore is finished before the vault opens.
    const services = createServices(dataDir);
    expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    const keyHex = services.vault.keyForWorker();
    services.lock();
    expect(readdirSync(dataDir).filter((n) => n.startsWith('restore-')), label).toEqual([]);
    const live = idsIn(join(dataDir, 'vault.db'), keyHex);
    const pre = readdirSync(dataDir).filter((n) => n.startsWith('pre-restore-'));
    const kept = pre.length ? idsIn(join(dataDir, pre[0]!, 'vault.db'), keyHex) : live;
    // The vault is either the one it was (all six) or the backup (the first three) with all six set aside.
    expect([3, 6], label).toContain(live.size);
    for (const id of clients) expect(kept.has(id), `${label}: ${id}`).toBe(true);
    for (const id of clients.slice(0, 3)) expect(live.has(id), `${label}: ${id}`).toBe(true);
    expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(expectOk(await services.call('audit.verify', {})), label).toMatchObject({ ok: true, tailCut: false });
    services.close();
  } finally {
    dir.remove();
  }
}

describe(`restore kill test (every step, ${TIMED_RUNS} timed kills, seed ${BASE_SEED})`, () => {
  it('a restore killed at each step of its switch leaves a vault that opens, with every acknowledged write kept', async () => {
    for (const step of RESTORE_STEPS) await oneRun(`step ${step}`, step, 0);
  }, 300_000);

  it('a restore killed at seeded moments does too', async () => {
    const random = seededRandom(BASE_SEED);
    for (let run = 0; run < TIMED_RUNS; run++) {
      const delayMs = Math.round(random() * 40);
      await oneRun(`run ${run} (seed ${BASE_SEED}, ${delayMs} ms)`, 'time', delayMs);
    }
  }, 300_000);
});
