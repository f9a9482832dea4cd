/**
 * The adversarial review of issue 14, one test per finding (named after it): each failed on the
 * code before its fix. Real encrypted vaults and real backup folders; the tests read back what the
 * app wrote.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk, unlockedVault } from '../support/vault-fixture.ts';

function code(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'ok' : result.error!.code;
}

async function vaultWithBackupFolder() {
  const f = await unlockedVault();
  const folder = join(f.dir, '..', `${f.dir.split('/').pop()}-backups`);
  mkdirSync(folder, { recursive: true });
  f.services.settings.update({ backupFolder: folder });
  return { ...f, folder };
}

describe('finding 8: a restore with a wrong credential while unlocked jams the session', () => {
  it('after a wrong-passphrase restore while unlocked, clients.list still works and the vault stays unlocked', async () => {
    const f = await vaultWithBackupFolder();
    try {
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Stays Open', dateOfBirth: '1970-01-01' } }));
      const { name } = expectOk(await f.services.call('backups.run', {}));
      expect(code(await f.services.call('backups.restore', { name, passphrase: 'not the passphrase of that day' }))).toBe('WRONG_PASSPHRASE');
      expect(code(await f.services.call('backups.restore', { name, recoveryKey: 'AAAA-BBBB', newPassphrase: 'copper meadow whistles under the old bridge' }))).toBe('WRONG_RECOVERY_KEY');
      expect(expectOk(await f.services.call('vault.status', {})).state).toBe('unlocked');
      expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Stays Open']);
    } finally {
      f.cleanup();
    }
  });
});
