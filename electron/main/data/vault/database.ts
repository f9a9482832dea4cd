import Database from 'better-sqlite3-multiple-ciphers';
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { renameDurably } from '../fs-atomic.ts';

export type Db = Database.Database;

const HEX_KEY = /^[0-9a-f]{64}$/;
const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The pragmas every vault connection runs with; a test reads each back. */
export const CONNECTION_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL
  foreign_keys: 1,
  secure_delete: 1,
  temp_store: 2, // MEMORY
  busy_timeout: 5000,
} as const;

/**
 * The main connection's page cache, decrypted pages included. Same size for the encrypted and the
 * plaintext database, so benchmarks compare like with like. At 16 MiB, searches over a twenty-year
 * practice (a 1 GB vault) kept evicting full-text pages and decrypting them again: p95 3.5 times
 * the plaintext figure. At 64 MiB they match within a few percent.
 */
export const CACHE_SIZE_KIB = 64 * 1024;

/**
 * Opens a SQLCipher 4 database with a raw 256-bit key. The key is validated hex and never comes
 * from user text, so it is safe inside the PRAGMA. Throws VAULT_DAMAGED when the key does not
 * open the file (the key itself was already authenticated by the key file).
 */
export function openEncryptedDatabase(path: string, keyHex: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  if (!HEX_KEY.test(keyHex)) throw new Error('Data key is not 64 lowercase hex digits.');
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? options.readonly ?? false });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw translateSqliteError(error);
  }
  return cacheStatements(db);
}

/** A plaintext database with the same connection settings: only for benchmarks and tests. */
export function openPlainDatabase(path: string): Db {
  return cacheStatements(new Database(path));
}

/** How many distinct SQL texts a connection keeps compiled; a few are built per call (filters). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes `db.prepare` return a compiled statement for SQL it has seen before: the repositories
 * prepare at the call site, and compiling the SQL each time cost more than running it (seeding
 * profile: a third of the time). Least recently used texts are dropped past the limit. Statements
 * are only ever run to completion (no `iterate()`), so one statement can serve every caller; the
 * `raw()` mode a caller may set is reset before the statement is handed out again.
 */
function cacheStatements(db: Db): Db {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
      if (statement.reader) statement.raw(false);
    } else {
      statement = compile(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  }) as Db['prepare'];
  return db;
}

export function applyConnectionPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma(`busy_timeout = ${CONNECTION_PRAGMAS.busy_timeout}`);
  db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
}

/**
 * Makes a fresh copy of a vault file (a backup, the pre-migration copy) a standalone vault and
 * gives it its final name. The copy still says "WAL" in its encrypted header, and opening it would
 * leave -wal and -shm files beside it: SQLite itself switches it to a rollback journal (opening it
 * as a vault switches it back). Then it is flushed, checked to be encrypted, and renamed, so a
 * crash never leaves a half-written copy under the final name.
 */
export function finishVaultCopy(partialPath: string, finalPath: string, keyHex: string): void {
  const copy = openEncryptedDatabase(partialPath, keyHex, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  if (hasPlaintextHeader(partialPath)) throw new Error('The copy of the vault was not encrypted.');
  renameDurably(partialPath, finalPath);
}

/** True when the file starts with the plaintext SQLite header (an unencrypted database). */
export function hasPlaintextHeader(path: string): boolean {
  if (statSync(path).size < PLAINTEXT_HEADER.length) return false;
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(PLAINTEXT_HEADER.length);
    readSync(fd, header, 0, header.length, 0);
    return header.equals(PLAINTEXT_HEADER);
  } finally {
    closeSync(fd);
  }
}
/** Maps SQLite and file-system failures (full disk, unwritable folder) to the app's codes; anything else passes through unchanged. */
export function translateSqliteError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new AppError('VAULT_DAMAGED');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new AppError('VAULT_IN_USE');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC') return new AppError('DISK_FULL');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') return new AppError('FOLDER_NOT_WRITABLE');
  return error;
}
