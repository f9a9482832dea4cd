import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, expectOk, TEST_PASSPHRASE, unlockedVault } from '../support/vault-fixture.ts';

const WRONG = 'not the passphrase at all, sorry';

/** A vault with one backup to verify, in a backup folder inside the test's own temp folder. */
async function vaultWithBackup() {
  const f = await unlockedVault();
  f.services.settings.update({ backupFolder: join(f.dir, 'backups') });
  const { name } = expectOk(await f.services.call('backups.run', {}));
  return { ...f, backup: name };
}

function codeOf(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'ok' : result.error!.code;
}

describe('finding 3: passphrase guessing around the backoff', () => {
  it('runs one passphrase check at a time: parallel verifies are refused, not derived side by side', async () => {
    const f = await vaultWithBackup();
    try {
      const results = await Promise.all(Array.from({ length: 6 }, () => f.services.call('backups.verify', { name: f.backup, passphrase: WRONG })));
      const codes = results.map(codeOf);
      // One derivation ran and failed; every other call was turned away before deriving anything.
      expect(codes.filter((c) => c === 'WRONG_PASSPHRASE')).toHaveLength(1);
      expect(codes.filter((c) => c === 'VAULT_IN_USE' || c === 'TOO_MANY_ATTEMPTS')).toHaveLength(5);
    } finally {
      f.cleanup();
    }
  });

  it('adds up failures across channels: change passphrase and backup verify share one count', async () => {
    const f = await vaultWithBackup();
    try {
      for (let i = 0; i < 2; i++) {
        const changed = await f.services.call('vault.changePassphrase', { currentPassphrase: WRONG, newPassphrase: 'a brand new passphrase for the vault' });
        expect(codeOf(changed)).toBe('WRONG_PASSPHRASE');
      }
      const third = await f.services.call('backups.verify', { name: f.backup, passphrase: WRONG });
      expect(codeOf(third)).toBe('WRONG_PASSPHRASE');
      if (!third.ok) expect(third.error.retryAfterMs).toBeGreaterThan(0);
      // Even the right passphrase waits now, on any channel that checks one.
      for (const blocked of [
        await f.services.call('backups.verify', { name: f.backup, passphrase: TEST_PASSPHRASE }),
        await f.services.call('vault.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: 'a brand new passphrase for the vault' }),
        await f.services.call('backups.restore', { name: f.backup, passphrase: TEST_PASSPHRASE }),
      ]) {
        expect(codeOf(blocked)).toBe('TOO_MANY_ATTEMPTS');
      }
    } finally {
      f.cleanup();
    }
  });

  it('keeps the wait across a restart: a new App on the same folder still waits', async () => {
    const f = await unlockedVault();
    try {
      f.services.lock();
      for (let i = 0; i < 3; i++) expect(codeOf(await f.services.call('vault.unlock', { passphrase: WRONG }))).toBe('WRONG_PASSPHRASE');
      f.services.close();
      const restarted = createServices(f.dir);
      try {
        const blocked = await restarted.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
        expect(codeOf(blocked)).toBe('TOO_MANY_ATTEMPTS');
        if (!blocked.ok) expect(blocked.error.retryAfterMs).toBeGreaterThan(0);
        // Once the wait is over, the right passphrase opens the vault and the count starts again.
        await new Promise((resolve) => setTimeout(resolve, (blocked.ok ? 0 : blocked.error.retryAfterMs!) + 50));
        expectOk(await restarted.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
        restarted.lock();
        expect(codeOf(await restarted.call('vault.unlock', { passphrase: WRONG }))).toBe('WRONG_PASSPHRASE');
        expectOk(await restarted.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
      } finally {
        restarted.close();
      }
    } finally {
      f.cleanup();
    }
  });
});
