/**
 * Copies of the vault the app makes inside its own data folder: `pre-restore-…` (the vault a
 * restore replaced) and `vault.pre-migration-vN.db` (the vault before an upgrade migrated it).
 * They hold every record, deleted clients included, so they are kept for a stated time only
 * (the `localCopyKeepDays` setting, 30 days by default), listed with the backups, and then
 * removed the way a deletion removes: overwritten, flushed, then unlinked.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { localDateOf } from '../../../../shared/schemas/dates.ts';

export interface LocalCopy {
  name: string;
  kind: 'pre-restore' | 'pre-migration';
  /** When the copy was made (UTC instant). */
  madeAt: string;
  /** The day it will be removed at the first unlock on or after (YYYY-MM-DD). */
  removeAfter: string;
}

const PRE_RESTORE = /^pre-restore-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?$/;
const PRE_MIGRATION = /^vault\.pre-migration-v\d+\.db$/;
const DAY_MS = 86_400_000;

/** A pre-restore folder's name carries its time; a pre-migration file's time is its modification time. */
function madeAt(dataDir: string, name: string): Date | null {
  const m = PRE_RESTORE.exec(name);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  if (PRE_MIGRATION.test(name)) return statSync(join(dataDir, name)).mtime;
  return null;
}

export function listLocalCopies(dataDir: string, keepDays: number): LocalCopy[] {
  if (!existsSync(dataDir)) return [];
  const copies: LocalCopy[] = [];
  for (const name of readdirSync(dataDir).sort()) {
    const at = madeAt(dataDir, name);
    if (!at) continue;
    copies.push({ name, kind: PRE_RESTORE.test(name) ? 'pre-restore' : 'pre-migration', madeAt: at.toISOString(), removeAfter: localDateOf(new Date(at.getTime() + keepDays * DAY_MS)) });
  }
  return copies;
}

const ZEROS = Buffer.alloc(1024 * 1024);

/** Overwrites a file with zeros and flushes it before unlinking, as secure_delete does for freed pages. */
function overwriteAndRemove(path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const name of readdirSync(path)) overwriteAndRemove(join(path, name));
    rmSync(path, { recursive: true, force: true });
    return;
  }
  const fd = openSync(path, 'r+');
  try {
    for (let offset = 0; offset < stat.size; offset += ZEROS.length) writeSync(fd, ZEROS, 0, Math.min(ZEROS.length, stat.size - offset), offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(path, { force: true });
}

/** Removes the copies older than `keepDays`; returns their names. */
export function pruneLocalCopies(dataDir: string, keepDays: number, now: Date): string[] {
  const removed: string[] = [];
  for (const copy of listLocalCopies(dataDir, keepDays)) {
    if (now.getTime() - Date.parse(copy.madeAt) < keepDays * DAY_MS) continue;
    overwriteAndRemove(join(dataDir, copy.name));
    removed.push(copy.name);
  }
  return removed;
}
