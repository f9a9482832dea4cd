import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KDF_CEILING, type KdfPolicy } from '../../electron/main/data/keys/kdf-policy.ts';
import { createApp, type App } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { tempDir } from './temp.ts';

/**
 * Cheap Argon2id for tests only. Production code never sees this: it builds its policy through
 * productionKdfPolicy(), which refuses anything below the floor.
 */
export function testKdfPolicy(): KdfPolicy {
  return {
    defaults: { memoryKiB: 1024, iterations: 1, parallelism: 1 },
    floor: { memoryKiB: 8, iterations: 1, parallelism: 1 },
    ceiling: KDF_CEILING,
  };
}

export const TEST_PASSPHRASE = 'correct horse battery staple orbit';

export function createServices(dataDir: string): App {
  return createApp({ dataDir, kdfPolicy: testKdfPolicy(), preferences: createConfStore(dataDir) });
}

/** A new vault, created and unlocked, in its own temp folder. */
export async function unlockedVault(): Promise<{ services: App; dir: string; recoveryKey: string; cleanup: () => void }> {
  const dir = tempDir();
  const services = createServices(dir.path);
  const begun = await services.call('vault.beginCreate', {});
  if (!begun.ok) throw new Error(begun.error.code);
  const created = await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.value.recoveryKey });
  if (!created.ok) throw new Error(created.error.code);
  return {
    services,
    dir: dir.path,
    recoveryKey: begun.value.recoveryKey,
    cleanup: () => {
      services.close();
      dir.remove();
    },
  };
}

/** A result's error code, or 'ok': for asserting refusals. */
export function code(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'ok' : result.error!.code;
}

/** A new unlocked vault with a backup folder chosen beside it. */
export async function vaultWithBackupFolder() {
  const f = await unlockedVault();
  const folder = join(f.dir, '..', `${f.dir.split('/').pop()}-backups`);
  mkdirSync(folder, { recursive: true });
  f.services.settings.update({ backupFolder: folder });
  return { ...f, folder };
}

export function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.error.code}`);
  return result.value;
}
