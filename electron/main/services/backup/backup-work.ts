/**
 * The database work of backups, run in a worker thread with its own connection so the window
 * and IPC stay responsive: an encrypted copy with VACUUM INTO (path bound as a parameter), the
 * key file beside it, and a manifest of checksums, row counts and the audit trail's head.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic.ts';
import { hasPlaintextHeader, openEncryptedDatabase, type Db } from '../vault/database.ts';

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

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
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
  const db = openEncryptedDatabase(req.vaultPath, req.keyHex, { readonly: true });
  const partial = join(req.destDir, `${BACKUP_PARTS.database}.partial`);
  const dbPath = join(req.destDir, BACKUP_PARTS.database);
  try {
    rmSync(partial, { force: true });
    db.prepare('VACUUM INTO ?').run(partial);
    const counts = rowCounts(db);
    const head = auditHead(db);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (hasPlaintextHeader(partial)) throw new Error('The backup copy was not encrypted.');
    renameSync(partial, dbPath);
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

export function readManifest(backupDir: string): BackupManifest | null {
  const path = join(backupDir, BACKUP_PARTS.manifest);
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
    return m.format === BACKUP_FORMAT && Array.isArray(m.parts) ? m : null;
  } catch {
    return null;
  }
}

/** Checks a backup: its parts against the manifest, then the database itself, opened with the key. */
export function runVerify(req: VerifyRequest): VerifyReport {
  const manifest = readManifest(req.backupDir);
  if (!manifest) return { ok: false, problems: ['The backup has no readable manifest.'], manifest: null };
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
