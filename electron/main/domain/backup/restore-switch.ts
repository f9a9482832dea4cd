/**
 * Puts a verified backup in place of the live vault so that a crash at any moment leaves a vault
 * that opens: the backup's files are copied beside the vault and flushed first (the live vault is
 * untouched while that slow part runs), then a marker is written, then each live file is moved
 * into the pre-restore folder and its replacement renamed in, each rename flushed. A start-up that
 * finds the marker finishes the switch (every step can be repeated); one that finds only the
 * staging folder removes it (nothing had been switched). The caller holds the vault lock.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditAnchor } from '../../data/audit.ts';
import { renameDurably, writeFileAtomic } from '../../data/fs-atomic.ts';
import { KEY_FILE, LOCK_FILE, VAULT_FILE } from '../../data/vault/vault-service.ts';
import { VaultLock } from '../../data/vault/vault-lock.ts';

export const RESTORE_MARKER = 'restore-in-progress.json';
export const RESTORE_STAGING = 'restore-staging';

/** The moments a restore can be interrupted at, in order (the kill test stops at each). */
export const RESTORE_STEPS = ['staged', 'marked', 'old-db-moved', 'new-db-placed', 'old-key-moved', 'new-key-placed', 'finished'] as const;
export type RestoreStep = (typeof RESTORE_STEPS)[number];

interface Marker {
  /** The pre-restore folder's name inside the data folder. */
  preRestoreDir: string;
  /** The restored vault's audit head, from its sealed manifest: the anchor once the switch is done. */
  anchor: AuditAnchor | null;
}

export interface SwitchOptions {
  onStep?: (step: RestoreStep) => void;
  /** Keeps the restored vault's audit head as the anchor (settings). */
  setAnchor: (anchor: AuditAnchor | null) => void;
}

/** Copies the backup's two files into the staging folder and flushes them. */
function stage(dataDir: string, backupDir: string): void {
  const staging = join(dataDir, RESTORE_STAGING);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  for (const name of [VAULT_FILE, KEY_FILE]) {
    copyFileSync(join(backupDir, name), join(staging, `${name}.partial`));
    renameDurably(join(staging, `${name}.partial`), join(staging, name));
  }
}

/**
 * The switch proper, repeatable from any point: while a staged file is still waiting, the live
 * file of that name is the old one and goes to the pre-restore folder first.
 */
function finish(dataDir: string, marker: Marker, options: SwitchOptions): void {
  const staging = join(dataDir, RESTORE_STAGING);
  const pre = join(dataDir, marker.preRestoreDir);
  mkdirSync(pre, { recursive: true, mode: 0o700 });
  if (existsSync(join(staging, VAULT_FILE))) {
    for (const name of [`${VAULT_FILE}-wal`, `${VAULT_FILE}-shm`, VAULT_FILE]) if (existsSync(join(dataDir, name))) renameDurably(join(dataDir, name), join(pre, name));
    options.onStep?.('old-db-moved');
    renameDurably(join(staging, VAULT_FILE), join(dataDir, VAULT_FILE));
    options.onStep?.('new-db-placed');
  }
  if (existsSync(join(staging, KEY_FILE))) {
    if (existsSync(join(dataDir, KEY_FILE))) renameDurably(join(dataDir, KEY_FILE), join(pre, KEY_FILE));
    options.onStep?.('old-key-moved');
    renameDurably(join(staging, KEY_FILE), join(dataDir, KEY_FILE));
    options.onStep?.('new-key-placed');
  }
  options.setAnchor(marker.anchor);
  rmSync(join(dataDir, RESTORE_MARKER), { force: true });
  rmSync(staging, { recursive: true, force: true });
  options.onStep?.('finished');
}

/** Replaces the live vault with the backup in `backupDir`; the caller holds the vault lock. */
export function switchToBackup(dataDir: string, backupDir: string, marker: Marker, options: SwitchOptions): void {
  try {
    stage(dataDir, backupDir);
  } catch (error) {
    // Nothing live was touched yet: drop the half-made copy.
    rmSync(join(dataDir, RESTORE_STAGING), { recursive: true, force: true });
    throw error;
  }
  options.onStep?.('staged');
  writeFileAtomic(join(dataDir, RESTORE_MARKER), JSON.stringify(marker));
  options.onStep?.('marked');
  finish(dataDir, marker, options);
}

/**
 * At start-up: finishes a restore that was interrupted after its marker was written, or removes
 * the staging folder of one interrupted before. Skipped while another instance holds the vault
 * (it may be restoring right now). True when a restore was finished.
 */
export function finishInterruptedRestore(dataDir: string, setAnchor: (anchor: AuditAnchor | null) => void): boolean {
  const markerPath = join(dataDir, RESTORE_MARKER);
  if (!existsSync(markerPath) && !existsSync(join(dataDir, RESTORE_STAGING))) return false;
  const lock = new VaultLock(join(dataDir, LOCK_FILE));
  try {
    lock.acquire();
  } catch {
    return false;
  }
  try {
    if (!existsSync(markerPath)) {
      rmSync(join(dataDir, RESTORE_STAGING), { recursive: true, force: true });
      return false;
    }
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
    finish(dataDir, marker, { setAnchor });
    return true;
  } finally {
    lock.release();
  }
}

/** A pre-restore folder name not yet taken. */
export function freePreRestoreName(dataDir: string, stamp: string): string {
  let name = `pre-restore-${stamp}`;
  for (let n = 2; existsSync(join(dataDir, name)); n++) name = `pre-restore-${stamp}-${n}`;
  return name;
}
