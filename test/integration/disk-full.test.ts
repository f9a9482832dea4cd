import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';
import { createServices, expectOk, TEST_PASSPHRASE, unlockedVault } from '../support/vault-fixture.ts';

/**
 * A full disk, simulated per process: the child runs under `ulimit -f` (root ignores chmod, but
 * not resource limits) with SIGXFSZ ignored, so a write past the limit fails with EFBIG as a full
 * disk would fail with ENOSPC. The vault must come out intact, with every committed write.
 */
const CHILD = resolve(import.meta.dirname, '../support/disk-full-child.ts');

function runLimited(limitBytes: number, args: string[]): string[] {
  const blocks = Math.floor(limitBytes / 512);
  const quoted = [process.execPath, CHILD, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const out = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f ${blocks}; exec ${quoted}`], { encoding: 'utf8', timeout: 120_000 });
  expect(out.signal, out.stderr).toBeNull();
  return out.stdout.trim().split('\n');
}

async function sizedVault(): Promise<{ dir: string; cleanup: () => void; bytes: number }> {
  const f = await unlockedVault();
  for (let i = 0; i < 20; i++) expectOk(await f.services.call('clients.create', { fields: { fullName: `Filler ${i}`, dateOfBirth: '1980-01-01', presentingProblem: 'p'.repeat(4000) } }));
  f.services.close();
  return { dir: f.dir, cleanup: f.cleanup, bytes: statSync(join(f.dir, 'vault.db')).size };
}

async function checkIntact(dir: string, committed: string[]): Promise<void> {
  const services = createServices(dir);
  expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
  const db = services.vault.database();
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const present = new Set((db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((r) => r.id));
  expect(committed.filter((id) => !present.has(id))).toEqual([]);
  expect(expectOk(await services.call('clients.list', { status: 'all' })).length).toBeGreaterThanOrEqual(20);
  expect(expectOk(await services.call('audit.verify', {})).ok).toBe(true);
  services.close();
}

describe('disk full and unwritable folders', () => {
  it('saving notes until the disk is full: a DISK_FULL error, the vault intact with every committed note', async () => {
    const v = await sizedVault();
    try {
      const lines = runLimited(v.bytes + 120_000, [v.dir, TEST_PASSPHRASE, 'notes']);
      const committed = lines.filter((l) => l.startsWith('session ')).map((l) => l.split(' ')[1]!);
      expect(lines.at(-1)).toBe('error DISK_FULL');
      expect(committed.length).toBeLessThan(16);
      await checkIntact(v.dir, committed);
    } finally {
      v.cleanup();
    }
  });

  it('a backup onto a full disk: a clear error, no half-written backup left, the vault intact', async () => {
    const v = await sizedVault();
    const folder = tempDir();
    try {
      const lines = runLimited(64 * 1024, [v.dir, TEST_PASSPHRASE, 'backup', folder.path]);
      expect(lines.at(-1)).toMatch(/^error DISK_FULL There is no room left where the backup goes/);
      expect(readdirSync(folder.path)).toEqual([]);
      await checkIntact(v.dir, []);
    } finally {
      folder.remove();
      v.cleanup();
    }
  });

  it('a backup into a folder that cannot be written: FOLDER_NOT_WRITABLE, the vault intact', async () => {
    const f = await unlockedVault();
    const notAFolder = join(f.dir, 'a-file');
    writeFileSync(notAFolder, 'x');
    try {
      f.services.settings.update({ backupFolder: join(notAFolder, 'backups') });
      const result = await f.services.call('backups.run', {});
      expect(result.ok ? 'ok' : result.error.code).toBe('FOLDER_NOT_WRITABLE');
      expect(expectOk(await f.services.call('clients.list', { status: 'all' }))).toEqual([]);
    } finally {
      f.cleanup();
    }
  });
});
