import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { anchorFor, auditMacKey, type AuditService } from '../../data/audit.ts';
import { AppError } from '../../data/errors.ts';
import type { ErrorCode } from '../../../../shared/errors.ts';
import type { SettingsService } from '../../data/settings.ts';
import { LATEST_SCHEMA_VERSION } from '../../data/vault/migrations/index.ts';
import { translateSqliteError } from '../../data/vault/database.ts';
import { KEY_FILE, LOCK_FILE, VAULT_FILE, type VaultService } from '../../data/vault/vault-service.ts';
import { VaultLock } from '../../data/vault/vault-lock.ts';
import { runWorkerOnce } from '../../data/worker-url.ts';
import { BACKUP_PARTS, inspectManifest, readManifest, type BackupManifest, type BackupRequest, type IntegrityRequest, type VerifyReport, type VerifyRequest } from './backup-work.ts';
import { BACKUP_DIR_PATTERN, backupDirName, backupsToDelete } from './retention.ts';
import { pruneLocalCopies } from './local-copies.ts';
import { freePreRestoreName, switchToBackup, type RestoreStep } from './restore-switch.ts';

export type Credential = { passphrase: string } | { recoveryKey: string };

export interface BackupInfo {
  name: string;
  createdAt: string;
  app: string;
  schemaVersion: number;
  rows: { clients: number; sessions: number };
  readable: boolean;
  /** Why the backup cannot be used, in plain words; null when its manifest reads. */
  problem: string | null;
}

/** Long enough for the first screens to load before the check competes for the disk. */
const INTEGRITY_DELAY_MS = 3000;

/** Failures the user can act on get their own words; anything else is INTERNAL. */
const ACTIONABLE_FAILURES: Partial<Record<ErrorCode, string>> = {
  DISK_FULL: 'There is no room left where the backup goes, so it was not made. Your records are unchanged. Free some space or choose another folder.',
  FOLDER_NOT_WRITABLE: 'The backup folder cannot be written to. Choose another folder, or check that the drive is connected. Your records are unchanged.',
};

async function inWorker<T>(request: BackupRequest | VerifyRequest | IntegrityRequest, signal?: AbortSignal): Promise<T> {
  let reply: { ok: boolean; result?: T; message?: string; code?: string };
  try {
    reply = await runWorkerOnce(import.meta.url, 'backup-worker', request, signal ? { signal } : {});
  } catch {
    throw new AppError('INTERNAL', { message: 'The backup could not be written. Nothing was changed in your records.' });
  }
  if (reply.ok) return reply.result as T;
  const known = translateSqliteError({ code: reply.code });
  const message = known instanceof AppError ? ACTIONABLE_FAILURES[known.code] : undefined;
  if (known instanceof AppError && message) throw new AppError(known.code, { message });
  throw new AppError('INTERNAL', { message: `The backup could not be written: ${reply.message ?? 'unknown error'}. Nothing was changed in your records.` });
}

/**
 * Encrypted backups to a folder the user chose: manual and automatic (with retention and
 * verification), listing, verification with the passphrase of the time or the recovery key, and
 * restore that keeps the current vault as a pre-restore copy.
 */
export class BackupService {
  private readonly vault: VaultService;
  private readonly settings: SettingsService;
  private readonly dataDir: string;
  private readonly appVersion: string;
  private readonly audit: () => AuditService | null;
  private running: Promise<unknown> | null = null;
  private integrity: 'unchecked' | 'checking' | 'ok' | 'damaged' = 'unchecked';
  private integrityAbort: AbortController | null = null;

  constructor(deps: { vault: VaultService; settings: SettingsService; dataDir: string; appVersion: string; audit: () => AuditService | null }) {
    this.vault = deps.vault;
    this.settings = deps.settings;
    this.dataDir = deps.dataDir;
    this.appVersion = deps.appVersion;
    this.audit = deps.audit;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Waits for a backup in progress (closing and locking wait for it). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  folder(): string {
    const folder = this.settings.get().backupFolder;
    if (!folder) throw new AppError('NO_BACKUP_FOLDER');
    return folder;
  }

  status(now = new Date()) {
    const s = this.settings.get();
    const last = s.lastBackupAt ? Date.parse(s.lastBackupAt) : null;
    const due = s.backupFolder !== '' && (last === null || now.getTime() - last >= s.backupIntervalHours * 3_600_000);
    const stale = last === null || now.getTime() - last > Math.max(2 * s.backupIntervalHours, 72) * 3_600_000;
    return { folder: s.backupFolder, lastBackupAt: s.lastBackupAt || null, lastBackupOk: s.lastBackupOk, intervalHours: s.backupIntervalHours, keep: s.backupKeep, due, warning: stale, running: this.busy, vaultIntegrity: this.integrity, auditTailCut: this.audit()?.tailCut ?? false };
  }

  /**
   * The live vault's full integrity check, in a worker, a few seconds after unlock (the first
   * screens load first); the result shows in the backup status. Locking cancels it.
   */
  scheduleIntegrityCheck(dbPath: string, keyHex: string, delayMs = INTEGRITY_DELAY_MS): void {
    this.cancelIntegrityCheck();
    const abort = new AbortController();
    this.integrityAbort = abort;
    this.integrity = 'checking';
    const settle = (state: 'ok' | 'damaged') => {
      if (!abort.signal.aborted) this.integrity = state;
    };
    const timer = setTimeout(() => {
      inWorker<{ ok: boolean }>({ op: 'integrity', dbPath, keyHex }, abort.signal).then(
        (result) => settle(result.ok ? 'ok' : 'damaged'),
        () => settle('damaged'),
      );
    }, delayMs);
    timer.unref();
    abort.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  }

  /** The vault failed to open as damaged: the status must not keep an earlier session's "ok". */
  markDamaged(): void {
    this.cancelIntegrityCheck();
    this.integrity = 'damaged';
  }

  cancelIntegrityCheck(): void {
    this.integrityAbort?.abort();
    this.integrityAbort = null;
    if (this.integrity === 'checking') this.integrity = 'unchecked';
  }

  async backupNow(kind: 'manual' | 'auto', now = new Date()): Promise<{ name: string; verified: boolean; manifest: BackupManifest }> {
    if (this.running) await this.idle();
    const work = this.doBackup(kind, now);
    this.running = work;
    try {
      return await work;
    } finally {
      this.running = null;
    }
  }

  /** How long the last backup took to write and to check (read by the benchmark). */
  lastRunTimings: { writeMs: number; checkMs: number } | null = null;

  private async doBackup(kind: 'manual' | 'auto', now: Date) {
    const folder = this.folder();
    const keyHex = this.vault.keyForWorker();
    let name = backupDirName(now);
    for (let n = 2; existsSync(join(folder, name)); n++) name = `${backupDirName(now)}-${n}`;
    const destDir = join(folder, name);
    let manifest: BackupManifest;
    const started = performance.now();
    try {
      manifest = await inWorker<BackupManifest>({ op: 'backup', vaultPath: this.vault.vaultPath, keyFilePath: this.vault.keyPath, keyHex, destDir, app: this.appVersion, createdAt: now.toISOString() });
    } catch (error) {
      // A half-written backup must never look like one: remove what the worker left.
      rmSync(destDir, { recursive: true, force: true });
      throw error;
    }
    const written = performance.now();
    // Every backup is read back before it counts as good.
    const report = await inWorker<VerifyReport>({ op: 'verify', backupDir: destDir, keyHex });
    this.lastRunTimings = { writeMs: written - started, checkMs: performance.now() - written };
    this.settings.update({ lastBackupAt: now.toISOString(), lastBackupOk: report.ok });
    this.audit()?.append({ type: 'backup.created', detail: { automatic: kind === 'auto', verified: report.ok } });
    if (kind === 'auto' && report.ok) this.prune(folder, now);
    if (!report.ok) throw new AppError('BACKUP_DAMAGED', { message: `The new backup did not pass its check: ${report.problems[0] ?? ''}` });
    return { name, verified: report.ok, manifest };
  }

  /** Runs an automatic backup when one is due (scheduled timer, and before locking or quitting). */
  async autoIfDue(now = new Date()): Promise<boolean> {
    if (!this.vault.isUnlocked() || !this.status(now).due) return false;
    await this.backupNow('auto', now);
    return true;
  }

  /**
   * Copies inside the data folder (pre-restore, pre-migration) hold deleted records too: removed
   * at unlock once older than the stated time. Best effort: one that cannot go now goes next time.
   */
  pruneLocalCopies(now = new Date()): void {
    try {
      pruneLocalCopies(this.dataDir, this.settings.get().localCopyKeepDays, now);
    } catch {
      // kept until the next unlock
    }
  }

  private prune(folder: string, now: Date): void {
    const names = readdirSync(folder).filter((n) => BACKUP_DIR_PATTERN.test(n));
    for (const old of backupsToDelete(names, this.settings.get().backupKeep, now)) rmSync(join(folder, old), { recursive: true, force: true });
  }

  list(): BackupInfo[] {
    const folder = this.folder();
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((n) => BACKUP_DIR_PATTERN.test(n))
      .sort()
      .reverse()
      .map((name) => {
        // One bad manifest is marked and the rest are still listed.
        const { manifest: m, problem } = inspectManifest(join(folder, name));
        return { name, createdAt: m?.createdAt ?? '', app: m?.app ?? '', schemaVersion: m?.schemaVersion ?? 0, rows: { clients: m?.rowCounts['clients'] ?? 0, sessions: m?.rowCounts['sessions'] ?? 0 }, readable: m !== null, problem };
      });
  }

  private dirOf(name: string): string {
    if (!BACKUP_DIR_PATTERN.test(name)) throw new AppError('VALIDATION_FAILED', { fields: { name: 'Choose one of the listed backups.' } });
    const dir = join(this.folder(), name);
    if (!existsSync(dir)) throw new AppError('NOT_FOUND', { message: 'That backup is no longer in the folder.' });
    return dir;
  }

  async verify(name: string, credential: Credential): Promise<VerifyReport> {
    const dir = this.dirOf(name);
    const key = await this.vault.unwrapKeyFile(join(dir, BACKUP_PARTS.keyFile), credential);
    const report = await inWorker<VerifyReport>({ op: 'verify', backupDir: dir, keyHex: Buffer.from(key).toString('hex') });
    key.fill(0);
    this.audit()?.append({ type: 'backup.verified', detail: { ok: report.ok } });
    return report;
  }

  /**
   * Replaces the vault with a verified backup. The current files are kept in pre-restore-…; a
   * damaged backup, a wrong credential or a backup from a newer version changes nothing: every
   * check runs before `beforeSwitch` (the caller closes its session there), so a failed check
   * leaves an open vault open. The vault lock is held from the start (another instance holding
   * the vault gets VAULT_IN_USE before anything is read), and the switch is crash-safe
   * (restore-switch.ts).
   */
  async restore(name: string, credential: Credential, beforeSwitch: () => void = () => undefined, onStep?: (step: RestoreStep) => void): Promise<{ preRestoreDir: string | null; manifest: BackupManifest }> {
    // While this instance has the vault open it holds the lock itself; otherwise take it now.
    const lock = new VaultLock(join(this.dataDir, LOCK_FILE));
    if (!this.vault.isUnlocked()) lock.acquire();
    try {
      const dir = this.dirOf(name);
      const manifest = readManifest(dir);
      if (!manifest) throw new AppError('BACKUP_DAMAGED');
      if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) throw new AppError('VAULT_NEWER_VERSION', { message: 'This backup was made by a newer version of IPT Workstation. Update the app to restore it. Nothing was changed.' });
      const key = await this.vault.unwrapKeyFile(join(dir, BACKUP_PARTS.keyFile), credential);
      const keyHex = Buffer.from(key).toString('hex');
      key.fill(0);
      const report = await inWorker<VerifyReport>({ op: 'verify', backupDir: dir, keyHex });
      // The restored vault's head, from the sealed manifest, becomes the anchor: a restore is a rollback on purpose.
      const anchor = anchorFor(auditMacKey(keyHex), manifest.auditHead);
      if (!report.ok) throw new AppError('BACKUP_DAMAGED', { message: `This backup is damaged or incomplete (${report.problems[0] ?? ''}). It was not used; your current records are unchanged.` });
      await this.idle();
      beforeSwitch();
      this.vault.lockVault();
      lock.acquire();
      const hadVault = existsSync(join(this.dataDir, VAULT_FILE)) || existsSync(join(this.dataDir, KEY_FILE));
      const preRestoreDir = freePreRestoreName(this.dataDir, backupDirName(new Date()).slice('IPT-backup-'.length));
      switchToBackup(this.dataDir, dir, { preRestoreDir, anchor }, { setAnchor: (a) => this.settings.update({ auditAnchor: a }), ...(onStep ? { onStep } : {}) });
      if (!hadVault) rmSync(join(this.dataDir, preRestoreDir), { recursive: true, force: true });
      return { preRestoreDir: hadVault ? preRestoreDir : null, manifest };
    } finally {
      lock.release();
    }
  }
}
