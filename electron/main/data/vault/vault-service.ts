import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { estimatePassphraseStrength } from '../../../../shared/passphrase-strength.ts';
import type { VaultStatus } from '../../../../shared/schemas/vault.ts';
import { AppError } from '../errors.ts';
import { writeFileAtomic } from '../fs-atomic.ts';
import { derivePassphraseKey } from '../keys/kdf.ts';
import type { KdfPolicy } from '../keys/kdf-policy.ts';
import {
  newSalt,
  parseKeyFile,
  passphraseParams,
  recoveryWrappingKey,
  serializeKeyFile,
  unwrapKey,
  wrapKey,
  KEY_FILE_FORMAT,
  KEY_FILE_VERSION,
  type KeyFileBody,
  type PassphraseSlot,
} from '../keys/key-file.ts';
import { generateRecoveryKey, parseRecoveryKey } from '../keys/recovery-key.ts';
import { applyConnectionPragmas, finishVaultCopy, hasPlaintextHeader, openEncryptedDatabase, translateSqliteError, type Db } from './database.ts';
import { AttemptLimiter, ATTEMPTS_FILE } from './attempt-limiter.ts';
import { assertNotNewer, migrate, schemaVersion } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { VaultLock } from './vault-lock.ts';

export const VAULT_FILE = 'vault.db';
export const KEY_FILE = 'vault.key';
export const LOCK_FILE = 'vault.lock';

/**
 * Derives a wrapping key, unwraps the data key with it, and zeroes the wrapping key whatever
 * happens (wrong key, a throw, or success). Null when the key does not open the slot.
 */
export async function unwrapWithDerivedKey(derive: () => Promise<Uint8Array> | Uint8Array, unwrap: (wrappingKey: Uint8Array) => Uint8Array | null): Promise<Uint8Array | null> {
  const wrappingKey = await derive();
  try {
    return unwrap(wrappingKey);
  } finally {
    wrappingKey.fill(0);
  }
}

/**
 * The data key of a key file, from its passphrase slot (Argon2id) or its recovery slot (HKDF of
 * the recovery key): the one place a credential is turned into the data key. Null when the
 * credential does not open the slot (a malformed recovery key included).
 */
async function unwrapDataKey(body: KeyFileBody, credential: { passphrase: string } | { recoveryKey: string }): Promise<Uint8Array | null> {
  if ('passphrase' in credential) {
    const slot = body.slots.passphrase;
    return unwrapWithDerivedKey(
      () => derivePassphraseKey(credential.passphrase, Buffer.from(slot.kdf.salt, 'base64'), passphraseParams(slot)),
      (wrappingKey) => unwrapKey(slot.wrapped, wrappingKey, body.vaultId, 'passphrase'),
    );
  }
  const bytes = parseRecoveryKey(credential.recoveryKey);
  if (!bytes) return null;
  const slot = body.slots.recovery;
  try {
    return await unwrapWithDerivedKey(
      () => recoveryWrappingKey(bytes, Buffer.from(slot.kdf.salt, 'base64')),
      (wrappingKey) => unwrapKey(slot.wrapped, wrappingKey, body.vaultId, 'recovery'),
    );
  } finally {
    bytes.fill(0);
  }
}

export interface UnlockedVault {
  readonly db: Db;
  /** Failed attempts since the last unlock, recorded in the audit trail by the caller. */
  readonly failedAttempts: number;
  readonly how: 'created' | 'passphrase' | 'recovery';
}

export interface VaultServiceOptions {
  dataDir: string;
  kdfPolicy: KdfPolicy;
  now?: () => number;
}

export { attemptDelayMs, ATTEMPTS_FILE } from './attempt-limiter.ts';

/**
 * Owns the vault files and the data key. Only this class ever holds the key; it opens and closes
 * the one database connection the services use.
 */
export class VaultService {
  private readonly dataDir: string;
  private readonly policy: KdfPolicy;
  private readonly now: () => number;
  private readonly lock: VaultLock;
  private db: Db | null = null;
  /** The data key as hex, held only while unlocked: backups run in a worker with their own connection. */
  private dataKeyHex: string | null = null;
  private pendingRecovery: { bytes: Uint8Array; display: string } | null = null;
  /** Every passphrase and recovery-key check goes through it, the backups' included. */
  readonly attempts: AttemptLimiter;
  private busy = false;

  constructor(options: VaultServiceOptions) {
    this.dataDir = options.dataDir;
    this.policy = options.kdfPolicy;
    this.now = options.now ?? Date.now;
    this.lock = new VaultLock(join(this.dataDir, LOCK_FILE));
    // Read through `this.now` at each call, so a test that moves the vault's clock moves the wait.
    this.attempts = new AttemptLimiter(join(this.dataDir, ATTEMPTS_FILE), () => this.now());
  }

  /**
   * A new app version migrates the vault on first unlock. Before it does, the vault is copied
   * (encrypted with the same key, so the current key file opens it) to
   * `vault.pre-migration-vN.db`, where N is the schema version it had.
   */
  private copyBeforeMigrating(db: Db, keyHex: string): void {
    const version = schemaVersion(db);
    if (version === 0 || version >= MIGRATIONS.length) return;
    const copy = join(this.dataDir, `vault.pre-migration-v${version}.db`);
    if (existsSync(copy)) return;
    // Nothing else has the vault open yet: after a full checkpoint the file alone is the whole
    // vault, and copying it takes a second where VACUUM INTO rebuilt it (15 s for 1 GB).
    db.pragma('wal_checkpoint(TRUNCATE)');
    const partial = `${copy}.partial`;
    rmSync(partial, { force: true });
    copyFileSync(this.vaultPath, partial);
    finishVaultCopy(partial, copy, keyHex);
  }

  get vaultPath(): string {
    return join(this.dataDir, VAULT_FILE);
  }

  get keyPath(): string {
    return join(this.dataDir, KEY_FILE);
  }

  status(): VaultStatus {
    const state = this.db ? 'unlocked' : this.exists() ? 'locked' : 'no-vault';
    return { state, pendingRecoveryKey: this.pendingRecovery !== null, clientMode: false };
  }

  exists(): boolean {
    return existsSync(this.keyPath) || existsSync(this.vaultPath);
  }

  isUnlocked(): boolean {
    return this.db !== null;
  }

  /** The open connection; VAULT_LOCKED when there is none. */
  database(): Db {
    if (!this.db) throw new AppError('VAULT_LOCKED');
    return this.db;
  }

  /** The data key for a worker's own connection (backups, verification); VAULT_LOCKED when locked. */
  keyForWorker(): string {
    if (!this.db || !this.dataKeyHex) throw new AppError('VAULT_LOCKED');
    return this.dataKeyHex;
  }

  /**
   * Unwraps the data key of any key file (a backup's) with a passphrase or the recovery key.
   * Counted by the one limiter; a success does not reset it (see AttemptLimiter.reset).
   */
  async unwrapKeyFile(path: string, credential: { passphrase: string } | { recoveryKey: string }): Promise<Uint8Array> {
    if (!existsSync(path)) throw new AppError('BACKUP_DAMAGED');
    const body = parseKeyFile(readFileSync(path, 'utf8'), this.policy);
    return this.attempts.check(
      () => unwrapDataKey(body, credential),
      (retryAfterMs) =>
        'passphrase' in credential
          ? new AppError('WRONG_PASSPHRASE', { message: 'That passphrase does not open this backup. Use the passphrase you had when it was made, or your recovery key.', ...retry(retryAfterMs) })
          : new AppError('WRONG_RECOVERY_KEY', retry(retryAfterMs)),
    );
  }

  /** Makes the recovery key for a new vault. It is shown once and must be typed back to create. */
  beginCreate(): { recoveryKey: string } {
    if (this.exists()) throw new AppError('VAULT_EXISTS');
    this.pendingRecovery = generateRecoveryKey();
    return { recoveryKey: this.pendingRecovery.display };
  }

  /** Whether `text` is the recovery key shown for the vault being created: only that key may be saved to a file. */
  isPendingRecoveryKey(text: string): boolean {
    const typed = parseRecoveryKey(text);
    return this.pendingRecovery !== null && typed !== null && typed.length === this.pendingRecovery.bytes.length && timingSafeEqual(typed, this.pendingRecovery.bytes);
  }

  async create(passphrase: string, recoveryKeyTypedBack: string): Promise<UnlockedVault> {
    return this.exclusive(async () => {
      if (this.exists()) throw new AppError('VAULT_EXISTS');
      if (!this.pendingRecovery) throw new AppError('RECOVERY_KEY_MISMATCH');
      const typed = parseRecoveryKey(recoveryKeyTypedBack);
      if (!typed || !timingSafeEqual(typed, this.pendingRecovery.bytes)) {
        throw new AppError('RECOVERY_KEY_MISMATCH', { fields: { recoveryKeyTypedBack: 'This does not match the recovery key shown above.' } });
      }
      await assertStrongPassphrase(passphrase, 'passphrase');

      const vaultId = randomUUID();
      const dataKey = new Uint8Array(randomBytes(32));
      const passphraseSlot = await this.makePassphraseSlot(passphrase, dataKey, vaultId);
      const recoverySalt = newSalt();
      const body: KeyFileBody = {
        format: KEY_FILE_FORMAT,
        version: KEY_FILE_VERSION,
        vaultId,
        createdAt: new Date(this.now()).toISOString(),
        slots: {
          passphrase: passphraseSlot,
          recovery: {
            kdf: { algorithm: 'hkdf-sha256', salt: Buffer.from(recoverySalt).toString('base64') },
            wrapped: wrapKey(dataKey, recoveryWrappingKey(this.pendingRecovery.bytes, recoverySalt), vaultId, 'recovery'),
          },
        },
      };
      this.lock.acquire();
      try {
        const db = openEncryptedDatabase(this.vaultPath, Buffer.from(dataKey).toString('hex'));
        try {
          applyConnectionPragmas(db);
          migrate(db);
          db.pragma('wal_checkpoint(TRUNCATE)');
          if (hasPlaintextHeader(this.vaultPath)) throw new Error('The vault was written without encryption.');
          writeFileAtomic(this.keyPath, serializeKeyFile(body));
        } catch (error) {
          db.close();
          throw error;
        }
        this.db = db;
        this.dataKeyHex = Buffer.from(dataKey).toString('hex');
      } catch (error) {
        this.lock.release();
        throw translateSqliteError(error);
      } finally {
        dataKey.fill(0);
      }
      this.pendingRecovery = null;
      return { db: this.db, failedAttempts: 0, how: 'created' };
    });
  }

  async unlock(passphrase: string): Promise<UnlockedVault> {
    return this.exclusive(async () => {
      this.assertNotOpen();
      const body = this.readKeyFile();
      const dataKey = await this.attempts.check(() => unwrapDataKey(body, { passphrase }), (ms) => new AppError('WRONG_PASSPHRASE', retry(ms)));
      return this.openWith(dataKey, 'passphrase');
    });
  }

  /** Opens with the recovery key and sets a new passphrase (re-wrap only; the data key stays). */
  async recover(recoveryKey: string, newPassphrase: string): Promise<UnlockedVault> {
    return this.exclusive(async () => {
      this.assertNotOpen();
      const body = this.readKeyFile();
      const dataKey = await this.attempts.check(() => unwrapDataKey(body, { recoveryKey }), (ms) => new AppError('WRONG_RECOVERY_KEY', retry(ms)));
      let passphraseSlot: PassphraseSlot;
      try {
        await assertStrongPassphrase(newPassphrase, 'newPassphrase');
        passphraseSlot = await this.makePassphraseSlot(newPassphrase, dataKey, body.vaultId);
      } catch (error) {
        dataKey.fill(0);
        throw error;
      }
      const unlocked = this.openWith(dataKey, 'recovery');
      writeFileAtomic(this.keyPath, serializeKeyFile({ ...body, slots: { ...body.slots, passphrase: passphraseSlot } }));
      return unlocked;
    });
  }

  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    return this.exclusive(async () => {
      this.database();
      const body = this.readKeyFile();
      const dataKey = await this.attempts.check(
        () => unwrapDataKey(body, { passphrase: currentPassphrase }),
        (ms) => new AppError('WRONG_PASSPHRASE', { fields: { currentPassphrase: 'This is not the current passphrase.' }, ...retry(ms) }),
      );
      this.attempts.reset();
      let passphraseSlot: PassphraseSlot;
      try {
        await assertStrongPassphrase(newPassphrase, 'newPassphrase');
        passphraseSlot = await this.makePassphraseSlot(newPassphrase, dataKey, body.vaultId);
      } finally {
        dataKey.fill(0);
      }
      writeFileAtomic(this.keyPath, serializeKeyFile({ ...body, slots: { ...body.slots, passphrase: passphraseSlot } }));
    });
  }

  /** Checks the passphrase without changing anything (leaving client mode). Rate-limited like unlock. */
  async verifyPassphrase(passphrase: string): Promise<void> {
    return this.exclusive(async () => {
      const body = this.readKeyFile();
      const dataKey = await this.attempts.check(() => unwrapDataKey(body, { passphrase }), (ms) => new AppError('WRONG_PASSPHRASE', retry(ms)));
      dataKey.fill(0);
      this.attempts.reset();
    });
  }

  /** Closes the database and lets go of the key. Safe to call when already locked. */
  lockVault(): void {
    if (this.db) {
      try {
        this.db.pragma('optimize');
      } catch {
        // optimisation is best effort; closing is what matters
      }
      this.db.close();
      this.db = null;
    }
    this.dataKeyHex = null;
    this.lock.release();
  }

  private openWith(dataKey: Uint8Array, how: 'passphrase' | 'recovery'): UnlockedVault {
    if (!existsSync(this.vaultPath)) {
      dataKey.fill(0);
      throw new AppError('VAULT_NOT_FOUND');
    }
    this.lock.acquire();
    let db: Db | null = null;
    const keyHex = Buffer.from(dataKey).toString('hex');
    try {
      assertWholeVaultFile(this.vaultPath);
      // Only create makes the file: opening must never turn a missing or emptied vault into a new one.
      db = openEncryptedDatabase(this.vaultPath, keyHex, { fileMustExist: true });
      assertNotNewer(db);
      applyConnectionPragmas(db);
      this.copyBeforeMigrating(db, keyHex);
      migrate(db);
    } catch (error) {
      db?.close();
      this.lock.release();
      throw translateSqliteError(error);
    } finally {
      dataKey.fill(0);
    }
    this.db = db;
    this.dataKeyHex = keyHex;
    return { db, failedAttempts: this.attempts.reset(), how };
  }

  private readKeyFile(): KeyFileBody {
    if (!existsSync(this.keyPath)) {
      throw new AppError(existsSync(this.vaultPath) ? 'KEY_FILE_DAMAGED' : 'VAULT_NOT_FOUND');
    }
    return parseKeyFile(readFileSync(this.keyPath, 'utf8'), this.policy);
  }

  private async makePassphraseSlot(passphrase: string, dataKey: Uint8Array, vaultId: string): Promise<PassphraseSlot> {
    const salt = newSalt();
    const params = this.policy.defaults;
    const wrappingKey = await derivePassphraseKey(passphrase, salt, params);
    let wrapped: ReturnType<typeof wrapKey>;
    try {
      wrapped = wrapKey(dataKey, wrappingKey, vaultId, 'passphrase');
    } finally {
      wrappingKey.fill(0);
    }
    return { kdf: { algorithm: 'argon2id', salt: Buffer.from(salt).toString('base64'), ...params }, wrapped };
  }

  private assertNotOpen(): void {
    if (this.db) throw new AppError('VAULT_IN_USE', { message: 'The vault is already unlocked.' });
  }

  /** One key operation at a time: a second click while deriving must not race the first. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy) throw new AppError('VAULT_IN_USE', { message: 'Please wait: the vault is busy with the previous request.' });
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }
}

/** The wait a failure reports, when there is one. */
function retry(retryAfterMs: number): { retryAfterMs?: number } {
  return retryAfterMs > 0 ? { retryAfterMs } : {};
}

/** SQLCipher's page size for the vault (legacy=4): every vault file is whole pages, at least one. */
export const VAULT_PAGE_SIZE = 4096;

/**
 * A vault file shorter than one page is damaged: SQLite would open a 0-byte file as a new, empty
 * database and the migrations would then fill it, so an emptied vault unlocked as a new one.
 */
function assertWholeVaultFile(path: string): void {
  const size = statSync(path).size;
  if (size < VAULT_PAGE_SIZE) {
    throw new AppError('VAULT_DAMAGED', {
      message: `The vault file is damaged: it is ${size === 0 ? 'empty' : 'cut short'}, so it cannot be opened. Nothing was changed. Restore your records from a backup.`,
    });
  }
}

/** One rule for every new passphrase: the strength estimator must accept it. */
export async function assertStrongPassphrase(passphrase: string, field: string): Promise<void> {
  const strength = await estimatePassphraseStrength(passphrase);
  if (!strength.acceptable) {
    throw new AppError('WEAK_PASSPHRASE', { fields: { [field]: strength.suggestions[0] ?? 'Choose a stronger passphrase.' } });
  }
}
