import { readFileSync, writeFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { createApp } from '../../electron/main/app/app.ts';
import { newSalt, parseKeyFile, passphraseParams, recoveryWrappingKey, serializeKeyFile, unwrapKey, wrapKey } from '../../electron/main/data/keys/key-file.ts';
import { deriveArgon2id } from '../../electron/main/data/keys/argon2.ts';
import { PRODUCTION_KDF_FLOOR, productionKdfPolicy } from '../../electron/main/data/keys/kdf-policy.ts';
import { formatRecoveryKey, parseRecoveryKey } from '../../electron/main/data/keys/recovery-key.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { CONNECTION_PRAGMAS, hasPlaintextHeader } from '../../electron/main/data/vault/database.ts';
import { ATTEMPTS_FILE, attemptDelayMs, KEY_FILE, unwrapWithDerivedKey, VAULT_FILE } from '../../electron/main/data/vault/vault-service.ts';
import { snapshotFolder } from '../support/files.ts';
import { tempDir } from '../support/temp.ts';
import { createServices, expectOk, TEST_PASSPHRASE, testKdfPolicy, unlockedVault } from '../support/vault-fixture.ts';

async function dataKeyFor(dir: string, passphrase: string): Promise<Uint8Array | null> {
  const body = parseKeyFile(readFileSync(join(dir, KEY_FILE), 'utf8'), testKdfPolicy());
  const slot = body.slots.passphrase;
  const wrapping = await deriveArgon2id(passphrase, Buffer.from(slot.kdf.salt, 'base64'), passphraseParams(slot));
  return unwrapKey(slot.wrapped, wrapping, body.vaultId, 'passphrase');
}

describe('vault: creation and encryption at rest', () => {
  let fixture: Awaited<ReturnType<typeof unlockedVault>>;
  beforeAll(async () => {
    fixture = await unlockedVault();
    expectOk(await fixture.services.call('clients.create', { fields: { fullName: 'Header Check', dateOfBirth: '1980-01-01' } }));
  });
  afterAll(() => fixture.cleanup());

  it('writes a database whose header is not the plaintext SQLite header', () => {
    const path = join(fixture.dir, VAULT_FILE);
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(hasPlaintextHeader(path)).toBe(false);
    expect(readFileSync(path).includes(Buffer.from('Header Check'))).toBe(false);
  });

  it('runs every connection with the durability and privacy pragmas', () => {
    const db = fixture.services.vault.database();
    expect(String(db.pragma('journal_mode', { simple: true }))).toBe(CONNECTION_PRAGMAS.journal_mode);
    expect(db.pragma('synchronous', { simple: true })).toBe(CONNECTION_PRAGMAS.synchronous);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(CONNECTION_PRAGMAS.foreign_keys);
    expect(db.pragma('secure_delete', { simple: true })).toBe(CONNECTION_PRAGMAS.secure_delete);
    expect(db.pragma('temp_store', { simple: true })).toBe(CONNECTION_PRAGMAS.temp_store);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(CONNECTION_PRAGMAS.busy_timeout);
  });

  it('cannot be read by plain SQLite, nor with another key', () => {
    const plain = new Database(join(fixture.dir, VAULT_FILE), { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    plain.close();
  });

  it('stores the key file owner-only, versioned, with its checksum', () => {
    const path = join(fixture.dir, KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    expect(json.version).toBe(1);
    expect(json.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(json.slots.passphrase.kdf.algorithm).toBe('argon2id');
    expect(readFileSync(path, 'utf8')).not.toContain(TEST_PASSPHRASE);
  });
});

describe('vault: unlocking', () => {
  it('opens with the passphrase after locking, and the data is there', async () => {
    const { services, cleanup } = await unlockedVault();
    const created = expectOk(await services.call('clients.create', { fields: { fullName: 'Ada Byron', dateOfBirth: '1990-12-10' } }));
    expectOk(await services.call('vault.lock', {}));
    expect((await services.call('clients.list', {})).ok).toBe(false);
    expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(expectOk(await services.call('clients.get', { id: created.id })).fields.fullName).toBe('Ada Byron');
    cleanup();
  });

  it('a wrong passphrase is reported as such and changes no byte of the vault on disk, even 20 times', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    services.lock();
    const before = snapshotFolder(dir, ['logs']);
    let now = 0;
    const patient = createApp({ dataDir: dir, kdfPolicy: testKdfPolicy(), preferences: createConfStore(dir) });
    // Skip the growing delay by moving the vault's clock: the delay itself is tested below.
    (patient.vault as unknown as { now: () => number }).now = () => (now += 3_600_000);
    for (let i = 0; i < 20; i++) {
      const result = await patient.call('vault.unlock', { passphrase: `wrong passphrase number ${i}` });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('WRONG_PASSPHRASE');
    }
    // Only the count of failures beside the vault changed (it survives a restart: finding 3).
    const after = snapshotFolder(dir, ['logs']);
    expect(JSON.parse(readFileSync(join(dir, ATTEMPTS_FILE), 'utf8')).failures).toBe(20);
    delete after[ATTEMPTS_FILE];
    expect(after).toEqual(before);
    cleanup();
  });

  it('grows the wait between attempts after repeated failures', async () => {
    expect([1, 2, 3, 4, 5, 10].map(attemptDelayMs)).toEqual([0, 0, 1000, 2000, 4000, 30_000]);
    const { services, cleanup } = await unlockedVault();
    services.lock();
    for (let i = 0; i < 3; i++) await services.call('vault.unlock', { passphrase: 'not the passphrase at all' });
    const blocked = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) {
      expect(blocked.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(blocked.error.retryAfterMs).toBeGreaterThan(0);
    }
    cleanup();
  });

  it('reports a damaged key file as damaged, not as a wrong passphrase', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    services.lock();
    const path = join(dir, KEY_FILE);
    const original = readFileSync(path, 'utf8');
    for (const damaged of [original.slice(0, 100), original.replace('"iterations": 1', '"iterations": 2'), '', '{}', original.replace(/"ciphertext": "(.)/, '"ciphertext": "A$1')]) {
      writeFileSync(path, damaged);
      const result = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
      expect(result.ok ? 'ok' : result.error.code).toBe('KEY_FILE_DAMAGED');
    }
    writeFileSync(path, original);
    expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    cleanup();
  });

  it('refuses KDF parameters outside floor and ceiling, even with a valid checksum', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    services.lock();
    const path = join(dir, KEY_FILE);
    const body = parseKeyFile(readFileSync(path, 'utf8'), testKdfPolicy());
    const hostile = { ...body, slots: { ...body.slots, passphrase: { ...body.slots.passphrase, kdf: { ...body.slots.passphrase.kdf, memoryKiB: 64 * 1024 * 1024 } } } };
    writeFileSync(path, serializeKeyFile(hostile));
    const started = Date.now();
    const result = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(result.ok ? 'ok' : result.error.code).toBe('KEY_FILE_DAMAGED');
    expect(Date.now() - started).toBeLessThan(5000);
    cleanup();
  });

  it('the production policy refuses anything below the floor', async () => {
    expect(() => productionKdfPolicy({ memoryKiB: 1024, iterations: 1, parallelism: 1 })).toThrow(RangeError);
    expect(() => productionKdfPolicy({ ...PRODUCTION_KDF_FLOOR, iterations: 2 })).toThrow(RangeError);
    expect(productionKdfPolicy().defaults.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(productionKdfPolicy().defaults.iterations).toBeGreaterThanOrEqual(3);
    // A key file made with cheap test parameters does not open under the production policy.
    const { services, dir, cleanup } = await unlockedVault();
    services.lock();
    expect(() => parseKeyFile(readFileSync(join(dir, KEY_FILE), 'utf8'), productionKdfPolicy())).toThrow(/damaged/i);
    const production = createApp({ dataDir: dir, kdfPolicy: productionKdfPolicy(), preferences: createConfStore(dir) });
    const result = await production.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(result.ok ? 'ok' : result.error.code).toBe('KEY_FILE_DAMAGED');
    cleanup();
  });
});

describe('vault: creation rules', () => {
  it('requires the recovery key to be typed back, and a strong passphrase', async () => {
    const dir = tempDir();
    const services = createServices(dir.path);
    const { recoveryKey } = expectOk(await services.call('vault.beginCreate', {}));
    const mismatch = await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: 'AAAA-BBBB' });
    expect(mismatch.ok ? 'ok' : mismatch.error.code).toBe('RECOVERY_KEY_MISMATCH');
    const weak = await services.call('vault.create', { passphrase: 'password1', recoveryKeyTypedBack: recoveryKey });
    expect(weak.ok ? 'ok' : weak.error.code).toBe('WEAK_PASSPHRASE');
    expect(existsSync(join(dir.path, VAULT_FILE))).toBe(false);
    expect(existsSync(join(dir.path, KEY_FILE))).toBe(false);
    // Typed back in lower case with spaces instead of dashes still matches.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    expectOk(await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: typed }));
    const again = await services.call('vault.beginCreate', {});
    expect(again.ok ? 'ok' : again.error.code).toBe('VAULT_EXISTS');
    services.close();
    dir.remove();
  });

  it('recovery keys round-trip through their written form', () => {
    const bytes = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
    const written = formatRecoveryKey(bytes);
    expect(written).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(written)).toEqual(bytes);
    expect(parseRecoveryKey(written.slice(1))).toBeNull();
  });
});

describe('vault: recovery and passphrase change', () => {
  it('unlocks with the recovery key and sets a new passphrase; the old one stops working', async () => {
    const { services, recoveryKey, cleanup } = await unlockedVault();
    const client = expectOk(await services.call('clients.create', { fields: { fullName: 'Recovered Person', dateOfBirth: '1970-05-05' } }));
    services.lock();
    const newPassphrase = 'violet umbrella migrates quietly north';
    const wrong = await services.call('vault.recover', { recoveryKey: 'ABCD'.repeat(13), newPassphrase });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('WRONG_RECOVERY_KEY');
    expectOk(await services.call('vault.recover', { recoveryKey, newPassphrase }));
    expect(expectOk(await services.call('clients.get', { id: client.id })).fields.fullName).toBe('Recovered Person');
    services.lock();
    const old = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(old.ok ? 'ok' : old.error.code).toBe('WRONG_PASSPHRASE');
    expectOk(await services.call('vault.unlock', { passphrase: newPassphrase }));
    cleanup();
  });

  it('changes the passphrase by re-wrapping only: the data key stays the same', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    const before = await dataKeyFor(dir, TEST_PASSPHRASE);
    const next = 'granite lantern whistles over seven hills';
    const wrong = await services.call('vault.changePassphrase', { currentPassphrase: 'not it at all, sorry', newPassphrase: next });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('WRONG_PASSPHRASE');
    expectOk(await services.call('vault.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: next }));
    services.lock();
    expect(await dataKeyFor(dir, next)).toEqual(before);
    expect(await dataKeyFor(dir, TEST_PASSPHRASE)).toBeNull();
    expectOk(await services.call('vault.unlock', { passphrase: next }));
    cleanup();
  });
});

describe('vault: damage and versions', () => {
  it('reports flipped bytes in a database page as damaged, never as data', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    for (let i = 0; i < 50; i++) {
      expectOk(await services.call('clients.create', { fields: { fullName: `Client ${i} ${'x'.repeat(150)}`, dateOfBirth: '1985-03-03' } }));
    }
    services.lock();
    const path = join(dir, VAULT_FILE);
    const bytes = readFileSync(path);
    for (let offset = 4096 + 100; offset < bytes.length; offset += 4096) bytes[offset] = (bytes[offset] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    const unlocked = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    const listed = unlocked.ok ? await services.call('clients.list', {}) : unlocked;
    expect(listed.ok ? 'ok' : listed.error.code).toBe('VAULT_DAMAGED');
    cleanup();
  });

  it('refuses a vault from a newer app version and leaves it untouched', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    services.vault.database().pragma('user_version = 999');
    services.lock();
    const before = snapshotFolder(dir, ['logs']);
    const result = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(result.ok ? 'ok' : result.error.code).toBe('VAULT_NEWER_VERSION');
    expect(snapshotFolder(dir, ['logs'])).toEqual(before);
    cleanup();
  });

  it('says "not found" when the data folder has no vault', async () => {
    const dir = tempDir();
    const services = createServices(dir.path);
    expect(expectOk(await services.call('vault.status', {})).state).toBe('no-vault');
    const result = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(result.ok ? 'ok' : result.error.code).toBe('VAULT_NOT_FOUND');
    dir.remove();
  });

  it('a missing key file beside a vault is reported as key file damage', async () => {
    const { services, dir, cleanup } = await unlockedVault();
    services.lock();
    rmSync(join(dir, KEY_FILE));
    const result = await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(result.ok ? 'ok' : result.error.code).toBe('KEY_FILE_DAMAGED');
    cleanup();
  });
});

describe('unwrapping the data key', () => {
  const vaultId = '00000000-0000-4000-8000-000000000000';
  const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

  function wrappedWith(wrappingKey: Uint8Array) {
    const dataKey = new Uint8Array(Array.from({ length: 32 }, (_, i) => i + 1));
    return { dataKey, wrapped: wrapKey(dataKey, wrappingKey, vaultId, 'recovery') };
  }

  it('zeroes the wrapping key after a successful unwrap', async () => {
    const wrappingKey = recoveryWrappingKey(new Uint8Array(32).fill(7), newSalt());
    const { dataKey, wrapped } = wrappedWith(wrappingKey);
    const key = await unwrapWithDerivedKey(async () => wrappingKey, (k) => unwrapKey(wrapped, k, vaultId, 'recovery'));
    expect(key).toEqual(dataKey);
    expect(isZero(wrappingKey)).toBe(true);
  });

  it('zeroes the wrapping key when it does not open the slot', async () => {
    const { wrapped } = wrappedWith(recoveryWrappingKey(new Uint8Array(32).fill(7), newSalt()));
    const wrong = recoveryWrappingKey(new Uint8Array(32).fill(8), newSalt());
    expect(await unwrapWithDerivedKey(() => wrong, (k) => unwrapKey(wrapped, k, vaultId, 'recovery'))).toBeNull();
    expect(isZero(wrong)).toBe(true);
  });

  it('zeroes the wrapping key when unwrapping throws', async () => {
    const wrappingKey = recoveryWrappingKey(new Uint8Array(32).fill(7), newSalt());
    await expect(
      unwrapWithDerivedKey(
        () => wrappingKey,
        () => {
          throw new Error('unwrap failed');
        },
      ),
    ).rejects.toThrow('unwrap failed');
    expect(isZero(wrappingKey)).toBe(true);
  });
});
