import { readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VAULT_FILE } from '../../electron/main/data/vault/vault-service.ts';
import { TEST_PASSPHRASE, unlockedVault } from '../support/vault-fixture.ts';

describe('finding 7: a 0-byte vault.db unlocks as a new, empty vault', () => {
  for (const [what, damage] of [
    ['emptied to 0 bytes', (path: string) => truncateSync(path, 0)],
    ['cut shorter than one page', (path: string) => truncateSync(path, 1000)],
  ] as const) {
    it(`refuses a vault file ${what} as damaged, and writes nothing`, async () => {
      const f = await unlockedVault();
      try {
        f.services.lock();
        const path = join(f.dir, VAULT_FILE);
        for (const extra of ['-wal', '-shm']) writeFileSync(`${path}${extra}`, '');
        damage(path);
        const size = statSync(path).size;
        const before = readdirSync(f.dir).sort();
        const result = await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
        expect(result.ok ? 'ok' : result.error.code).toBe('VAULT_DAMAGED');
        if (!result.ok) expect(result.error.message).toMatch(/damaged/i);
        // Nothing was created in its place: same size, no new files, still locked.
        expect(statSync(path).size).toBe(size);
        expect(readdirSync(f.dir).sort()).toEqual(before);
        expect(f.services.vault.isUnlocked()).toBe(false);
      } finally {
        f.cleanup();
      }
    });
  }

  it('refuses a vault file that is missing while its key file is there: only create makes the file', async () => {
    const f = await unlockedVault();
    try {
      f.services.lock();
      const path = join(f.dir, VAULT_FILE);
      const { rmSync, existsSync } = await import('node:fs');
      for (const extra of ['', '-wal', '-shm']) rmSync(`${path}${extra}`, { force: true });
      const result = await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
      expect(result.ok).toBe(false);
      expect(existsSync(path)).toBe(false);
    } finally {
      f.cleanup();
    }
  });
});
