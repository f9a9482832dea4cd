/**
 * The database work of backups, run in a worker thread with its own connection so the window
 * and IPC stay responsive: a copy of the encrypted database file taken inside a read snapshot
 * (so it is consistent while the app goes on writing), the key file beside it, and a manifest
 * of checksums, row counts and the audit trail's head.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../data/fs-atomic.ts';
import { finishVaultCopy, openEncryptedDatabase, type Db } from '../../data/vault/database.ts';

export const BACKUP_FORMAT = 'ipt-workstation-backup';
export const BACKUP_PARTS = { database: 'vault.db', keyFile: 'vault.key', manifest: 'manifest.json' } as const;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  app: string;
  schemaVersion: number;
  createdAt: string;
  parts: { name: string; sha256: string; bytes: number }[];
  rowCounts: Record<string, number>;
  /** The audit chain's head when the backup was made: the last row's sequence number and MAC. */
  auditHead: { seq: number; mac: string | null } | null;
}

export interface BackupRequest {
  op: 'backup';
  vaultPath: string;
  keyFilePath: string;
  keyHex: string;
  destDir: string;
  app: string;
  createdAt: string;
}

export interface IntegrityRequest {
  op: 'integrity';
  dbPath: string;
  keyHex: string;
}

/** The live vault's full integrity check, on its own read-only connection (run after unlock). */
export function runIntegrity(req: IntegrityRequest): { ok: boolean } {
  let db: Db | null = null;
  try {
    db = openEncryptedDatabase(req.dbPath, req.keyHex, { readonly: true });
    return { ok: db.pragma('integrity_check', { simple: true }) === 'ok' };
  } catch {
    return { ok: false };
  } finally {
    db?.close();
  }
}

export interface VerifyRequest {
  op: 'verify';
  backupDir: string;
  keyHex: string;
}

export interface VerifyReport {
  ok: boolean;
  problems: string[];
  manifest: BackupManifest | null;
}

const CHUNK_BYTES = 1024 * 1024;

/** Reads `path` a chunk at a time (a vault can be gigabytes), handing each chunk to `onChunk`. */
function readChunks(path: string, onChunk: (chunk: Buffer) => void): number {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = openSync(path, 'r');
  try {
    let bytes = 0;
    for (let n = readSync(fd, buffer, 0, CHUNK_BYTES, bytes); n > 0; n = readSync(fd, buffer, 0, CHUNK_BYTES, bytes)) {
      onChunk(buffer.subarray(0, n));
      bytes += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function sha256File(path: string): string {
  const hash = createHash('sha256');
  readChunks(path, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}

const SNAPSHOT_ATTEMPTS = 400;
const SNAPSHOT_RETRY_MS = 25;

/**
 * Runs `fn` inside a read snapshot taken when the WAL was empty. Such a reader reads the database
 * file alone, and SQLite lets no checkpoint write into that file while it reads: the file is the
 * whole vault, frozen, while the app's writes carry on into the WAL. Getting there takes a
 * TRUNCATE checkpoint with no write landing between it and the snapshot; a busy moment retries.
 */
function inFrozenFileSnapshot<T>(db: Db, vaultPath: string, fn: () => T): T {
  const walPath = `${vaultPath}-wal`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('BEGIN');
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      if (!existsSync(walPath) || statSync(walPath).size === 0) return fn();
    } finally {
      db.exec('COMMIT');
    }
    if (attempt >= SNAPSHOT_ATTEMPTS) throw new Error('The vault was too busy to copy; the backup will be tried again.');
    Atomics.wait(pause, 0, 0, SNAPSHOT_RETRY_MS);
  }
}

/** Row counts of every table the app owns (not SQLite's or FTS5's internal ones). */
export function rowCounts(db: Db): Record<string, number> {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((name) => !/_(data|idx|content|docsize|config)$/.test(name));
  return Object.fromEntries(tables.map((name) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n]));
}

export function auditHead(db: Db): BackupManifest['auditHead'] {
  const row = db.prepare('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string | null } | undefined;
  return row ? { seq: row.seq, mac: row.mac } : null;
}

export function runBackup(req: BackupRequest): BackupManifest {
  mkdirSync(req.destDir, { recursive: true, mode: 0o700 });
  // Read-write only so that it can checkpoint; it writes nothing else.
  const db = openEncryptedDatabase(req.vaultPath, req.keyHex, { fileMustExist: true });
  const partial = join(req.destDir, `${BACKUP_PARTS.database}.partial`);
  const dbPath = join(req.destDir, BACKUP_PARTS.database);
  try {
    rmSync(partial, { force: true });
    const { counts, head, schemaVersion } = inFrozenFileSnapshot(db, req.vaultPath, () => {
      copyFileSync(req.vaultPath, partial, constants.COPYFILE_EXCL);
      return { counts: rowCounts(db), head: auditHead(db), schemaVersion: db.pragma('user_version', { simple: true }) as number };
    });
    finishVaultCopy(partial, dbPath, req.keyHex);
    copyFileSync(req.keyFilePath, join(req.destDir, BACKUP_PARTS.keyFile));
    const parts = [BACKUP_PARTS.database, BACKUP_PARTS.keyFile].map((name) => {
      const path = join(req.destDir, name);
      return { name, sha256: sha256File(path), bytes: statSync(path).size };
    });
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: 1, app: req.app, schemaVersion, createdAt: req.createdAt, parts, rowCounts: counts, auditHead: head };
    writeFileAtomic(join(req.destDir, BACKUP_PARTS.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    db.close();
    rmSync(partial, { force: true });
  }
}

/** The manifest's shape: a file in a folder anyone could edit is read as untrusted input. */
const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  app: z.string().max(100),
  schemaVersion: z.number().int().min(0),
  createdAt: z.string().max(40),
  parts: z.array(z.strictObject({ name: z.enum([BACKUP_PARTS.database, BACKUP_PARTS.keyFile]), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) })).max(10),
  rowCounts: z.record(z.string().max(200), z.number().int().min(0)),
  auditHead: z.strictObject({ seq: z.number().int(), mac: z.string().max(200).nullable() }).nullable(),
});

/** A backup's manifest, or the reason it cannot be used (missing, not JSON, wrong shape). */
export function inspectManifest(backupDir: string): { manifest: BackupManifest; problem: null } | { manifest: null; problem: string } {
  const path = join(backupDir, BACKUP_PARTS.manifest);
  if (!existsSync(path)) return { manifest: null, problem: 'The backup has no manifest.' };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { manifest: null, problem: 'The backup’s manifest is not readable: it is damaged.' };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) return { manifest: null, problem: 'The backup’s manifest is damaged or was made by another program.' };
  return { manifest: parsed.data as BackupManifest, problem: null };
}

export function readManifest(backupDir: string): BackupManifest | null {
  return inspectManifest(backupDir).manifest;
}

/** Checks a backup: its parts against the manifest, then the database itself, opened with the key. */
export function runVerify(req: VerifyRequest): VerifyReport {
  const { manifest, problem } = inspectManifest(req.backupDir);
  if (!manifest) return { ok: false, problems: [problem], manifest: null };
  const problems: string[] = [];
  for (const part of manifest.parts) {
    const path = join(req.backupDir, part.name);
    if (!existsSync(path)) problems.push(`${part.name} is missing.`);
    else if (statSync(path).size !== part.bytes || sha256File(path) !== part.sha256) problems.push(`${part.name} does not match its checksum: it is damaged or incomplete.`);
  }
  if (problems.length) return { ok: false, problems, manifest };
  let db: Db | null = null;
  try {
    db = openEncryptedDatabase(join(req.backupDir, BACKUP_PARTS.database), req.keyHex, { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push('The database inside the backup fails its integrity check.');
    const counts = rowCounts(db);
    for (const [table, n] of Object.entries(manifest.rowCounts)) if (counts[table] !== n) problems.push(`${table} has ${counts[table] ?? 0} rows, the manifest says ${n}.`);
  } catch {
    problems.push('The database inside the backup could not be read with this key.');
  } finally {
    db?.close();
  }
  return { ok: problems.length === 0, problems, manifest };
}
