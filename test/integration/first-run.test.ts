import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { VaultLock } from '../../electron/main/data/vault/vault-lock.ts';
import { AppError } from '../../electron/main/data/errors.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy, unlockedVault } from '../support/vault-fixture.ts';

/** The app on a new laptop: its data folder, several levels deep, does not exist yet. */
function freshApp() {
  const root = tempDir('ipt-first-run-');
  const dataDir = join(root.path, 'deep', 'er', 'still', 'vault');
  const prefsDir = join(root.path, 'prefs');
  expect(existsSync(join(root.path, 'deep'))).toBe(false);
  const app = createApp({ dataDir, kdfPolicy: testKdfPolicy(), preferences: createConfStore(prefsDir) });
  return { app, dataDir, root };
}


describe('first run from nothing', () => {
  it('creates a vault where the data folder did not exist, and the folder is the owner’s only', async () => {
    const { app, dataDir, root } = freshApp();
    expect(expectOk(await app.call('vault.status', {})).state).toBe('no-vault');
    const { recoveryKey } = expectOk(await app.call('vault.beginCreate', {}));
    expect(expectOk(await app.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: recoveryKey })).state).toBe('unlocked');
    if (process.platform !== 'win32') expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dataDir, 'vault.db'))).toBe(true);
    expectOk(await app.call('clients.create', { fields: { fullName: 'First Client', dateOfBirth: '1980-02-03' } }));
    app.lock();
    expectOk(await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(expectOk(await app.call('clients.list', {})).map((c) => c.fullName)).toEqual(['First Client']);
    app.close();
    root.remove();
  });

  it('restores onto a new laptop whose data folder does not exist yet', async () => {
    const f = await unlockedVault();
    const backups = join(f.dir, 'backups');
    f.services.settings.update({ backupFolder: backups });
    expectOk(await f.services.call('clients.create', { fields: { fullName: 'Moves House', dateOfBirth: '1970-01-01' } }));
    const { name } = expectOk(await f.services.call('backups.run', {}));
    const { app, root } = freshApp();
    app.settings.update({ backupFolder: backups });
    const newPassphrase = 'copper meadow whistles under the old bridge';
    expect(expectOk(await app.call('backups.restore', { name, recoveryKey: f.recoveryKey, newPassphrase })).state).toBe('unlocked');
    expect(expectOk(await app.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Moves House']);
    app.close();
    root.remove();
    f.cleanup();
  });

  it('a lock file that cannot be opened is a plain FOLDER_NOT_WRITABLE, never a TypeError', () => {
    const root = tempDir();
    const blocker = join(root.path, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const lock = new VaultLock(join(blocker, 'vault.lock'));
    let thrown: unknown;
    try {
      lock.acquire();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('FOLDER_NOT_WRITABLE');
    expect(lock.held).toBe(false);
    root.remove();
  });

  it('saves to a file only the recovery key being shown for the vault being created', async () => {
    const root = tempDir('ipt-first-run-');
    const out = join(root.path, 'saved');
    const documents = new HostDocumentPlatform(out);
    const app = createApp({
      dataDir: join(root.path, 'vault'),
      kdfPolicy: testKdfPolicy(),
      preferences: createConfStore(join(root.path, 'prefs')),
      platform: { shell: 'browser-host', version: '0.0.0-test', closeReady: () => undefined, documents },
    });
    const { recoveryKey } = expectOk(await app.call('vault.beginCreate', {}));
    const elsewhere = createApp({ dataDir: join(root.path, 'other'), kdfPolicy: testKdfPolicy(), preferences: createConfStore(join(root.path, 'prefs2')) });
    const other = expectOk(await elsewhere.call('vault.beginCreate', {})).recoveryKey;
    elsewhere.close();
    const refused = await app.call('vault.saveRecoveryKey', { recoveryKey: other });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('RECOVERY_KEY_MISMATCH');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(expectOk(await app.call('vault.saveRecoveryKey', { recoveryKey })).saved).toBe(true);
    const [file] = readdirSync(out);
    expect(readFileSync(join(out, file!), 'utf8')).toContain(recoveryKey);
    expectOk(await app.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: recoveryKey }));
    const after = await app.call('vault.saveRecoveryKey', { recoveryKey });
    expect(after.ok ? 'ok' : after.error.code).toBe('RECOVERY_KEY_MISMATCH');
    app.close();
    await documents.close();
    root.remove();
  });
});
