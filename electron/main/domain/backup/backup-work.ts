/**
 * The database work of backups, run in a worker thread with its own connection so the window
 * and IPC stay responsive: a copy of the encrypted database file taken inside a read snapshot
 * (so it is consistent while the app goes on writing), the key file beside it, and a manifest
 * of checksums, row counts and the audit trail's head.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../data/fs-atomic.ts';
import { finishVaultCopy, openEncryptedDatabase, type Db } from '../../data/vault/database.ts';

export const BACKUP_FORMAT = 'ipt-workstation-backup';
export const BACKUP_PARTS = { database: 'vault.db', keyFile: 'vault.key', manifest: 'manifest.json' } as const;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  /** 2: sealed with `mac`. Version 1 manifests carried bare sums and are refused (see docs/security.md). */
  version: 2;
  app: string;
  schemaVersion: number;
  createdAt: string;
  /** The vault's id from its key file: a backup of another vault cannot pose as this one's. */
  vaultId: string;
  parts: { name: string; sha256: string; bytes: number }[];
  rowCounts: Record<string, number>;
  /** The audit chain's head when the backup was made: the last row's sequence number and MAC. */
  auditHead: { seq: number; mac: string | null } | null;
  /** HMAC-SHA256 over every other field (canonical JSON), keyed from the data key. */
  mac: string;
}

/**
 * The manifest's key, derived from the data key with its own HKDF label (never the audit chain's
 * key or the data key itself): only someone who can open the vault can seal a manifest, so sums
 * fixed up around a swapped-in older vault.db no longer pass.
 */
export function manifestMacKey(keyHex: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(keyHex, 'hex'), Buffer.alloc(0), 'ipt-workstation backup manifest', 32));
}

/** JSON with object keys sorted at every level: the same manifest always gives the same bytes. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function manifestMac(keyHex: string, manifest: Omit<BackupManifest, 'mac'>): string {
  const { mac: _ignored, ...body } = manifest as BackupManifest;
  return createHmac('sha256', manifestMacKey(keyHex)).update(canonical(body)).digest('hex');
}

function macMatches(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(actualHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The vault id a key file names (the key file itself is covered by its sum in the manifest). */
function keyFileVaultId(path: string): string | null {
  try {
    const id = (JSON.parse(readFileSync(path, 'utf8')) as { vaultId?: unknown }).vaultId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
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
    const vaultId = keyFileVaultId(req.keyFilePath);
    if (!vaultId) throw new Error('The key file names no vault.');
    const body: Omit<BackupManifest, 'mac'> = { format: BACKUP_FORMAT, version: 2, app: req.app, schemaVersion, createdAt: req.createdAt, vaultId, parts, rowCounts: counts, auditHead: head };
    const manifest: BackupManifest = { ...body, mac: manifestMac(req.keyHex, body) };
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
  version: z.literal(2),
  app: z.string().max(100),
  schemaVersion: z.number().int().min(0),
  createdAt: z.string().max(40),
  vaultId: z.string().max(100),
  parts: z.array(z.strictObject({ name: z.enum([BACKUP_PARTS.database, BACKUP_PARTS.keyFile]), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) })).max(10),
  rowCounts: z.record(z.string().max(200), z.number().int().min(0)),
  auditHead: z.strictObject({ seq: z.number().int(), mac: z.string().max(200).nullable() }).nullable(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
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
  if ((json as { format?: unknown; version?: unknown } | null)?.format === BACKUP_FORMAT && (json as { version?: unknown }).version === 1) {
    return { manifest: null, problem: 'This backup was made before backups were sealed (manifest.json version 1), so it cannot be checked against tampering. Make a new backup.' };
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
  // The seal first: nothing else in a manifest that fails it can be believed.
  if (!macMatches(manifestMac(req.keyHex, manifest), manifest.mac)) {
    return { ok: false, problems: ['manifest.json does not match its seal: the backup was changed after it was made, so it cannot be trusted.'], manifest };
  }
  const problems: string[] = [];
  // The folder's name carries its time: a sealed manifest moved into another backup's folder shows.
  const stamp = /^IPT-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(basename(req.backupDir));
  if (stamp && `${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:${stamp[6]}` !== manifest.createdAt.slice(0, 19)) {
    problems.push(`manifest.json belongs to a backup of ${manifest.createdAt}, not to this folder.`);
  }
  if (keyFileVaultId(join(req.backupDir, BACKUP_PARTS.keyFile)) !== manifest.vaultId) problems.push('vault.key belongs to another vault than manifest.json names.');
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
    // The audit head in the database must be the one the seal covers: the copy is the vault of that moment.
    const head = auditHead(db);
    if (head?.seq !== manifest.auditHead?.seq || head?.mac !== manifest.auditHead?.mac) problems.push('The audit trail inside vault.db does not end where manifest.json says: the database is not the one this backup was made of.');
  } catch {
    problems.push('The database inside the backup could not be read with this key.');
  } finally {
    db?.close();
  }
  return { ok: problems.length === 0, problems, manifest };
}
