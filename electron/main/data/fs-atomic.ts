import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so that a crash leaves either the old content or the new, never a mix:
 * write a temporary file beside it (owner-only), fsync, rename over, fsync the folder.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd = -1;
  try {
    fd = openSync(tmp, 'wx', mode);
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, path);
  } catch (error) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  flush(dir, 'r');
}

/** Flushes a file or a folder to the disk (Windows flushes files only through a writable handle). */
function flush(path: string, flags: 'r' | 'r+'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a finished file, then gives it its final name: a crash leaves either none of it or all. */
export function renameDurably(from: string, to: string): void {
  flush(from, 'r+');
  renameSync(from, to);
  syncDirectory(dirname(to));
}

/**
 * Makes a folder the app keeps records or exports in, with any missing parents, readable by the
 * owner only (0700). An existing folder is left as the user set it.
 */
export function ensurePrivateFolder(path: string): void {
  if (!existsSync(path)) mkdirSync(path, { recursive: true, mode: 0o700 });
}
