import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, expectOk, TEST_PASSPHRASE, unlockedVault } from '../support/vault-fixture.ts';

describe('one process at a time', () => {
  it('a second process gets "in use"; after the holder is killed the vault opens without a stale lock', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    services.lock();
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../support/hold-vault.ts'), dir, TEST_PASSPHRASE], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    expect(line.toString().trim()).toBe('UNLOCKED');

    const other = createServices(dir);
    const busy = await other.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(busy.ok ? 'ok' : busy.error.code).toBe('VAULT_IN_USE');
    expect(other.vault.isUnlocked()).toBe(false);

    child.kill('SIGKILL');
    await once(child, 'exit');
    expectOk(await other.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    other.close();
    cleanup();
  });

  it('two service instances in one process also exclude each other', async () => {
    const { dir, cleanup } = await unlockedVault();
    const second = createServices(dir);
    const busy = await second.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(busy.ok ? 'ok' : busy.error.code).toBe('VAULT_IN_USE');
    cleanup();
  });
});
