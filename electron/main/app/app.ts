/**
 * The one composition both shells start: the Electron shell (shell/index.ts) and the browser host
 * (electron/host/server.ts) call `createApp` and then only carry calls and events. It makes the
 * data folder (owner-only) if it is missing, owns the timers (automatic backups; the integrity
 * check after unlock), and tells shells about state changes through `onStateChanged`.
 */
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/errors.ts';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import { auditMacKey } from '../data/audit.ts';
import { AppError } from '../data/errors.ts';
import { ensurePrivateFolder } from '../data/fs-atomic.ts';
import { createRepositories, type Repositories } from '../data/repositories.ts';
import { SettingsService, type PreferencesStore } from '../data/settings.ts';
import { VaultService, type UnlockedVault } from '../data/vault/vault-service.ts';
import { BackupService } from '../domain/backup/backup-service.ts';
import { DocumentService } from '../domain/documents/document-service.ts';
import { finishInterruptedRestore } from '../domain/backup/restore-switch.ts';
import { anchorAudit, openAuditTrail } from '../domain/audit-anchor.ts';
import type { AppContext } from './context.ts';
import { buildDate } from './build-info.ts';
import { dispatchCall } from './dispatch.ts';
import { SupportLog } from './support-log.ts';
import type { Progress } from './progress.ts';
import { ChangeSignal, LongWork } from './signals.ts';
import { createHandlers } from './handlers/index.ts';
import type { Handlers } from './handlers/types.ts';
import type { AppPlatform } from './platform.ts';
import { BACKUP_CHECK_MS, IDLE_CHECK_MS, idleLockDue, MAIN_IDLE_GRACE_S, Timers } from './timers.ts';

export { MAIN_IDLE_GRACE_S };

/** What a shell stores preferences in (electron-store in the app, conf in the browser host). */
export type { PreferencesStore };
import type { AppOptions, AppState } from './types.ts';

export type { AppOptions, AppState };

export function createApp(options: AppOptions): App {
  return new App(options);
}

export class App implements AppContext {
  readonly vault: VaultService;
  readonly settings: SettingsService;
  readonly backups: BackupService;
  readonly platform: AppPlatform | undefined;
  readonly dataDir: string;
  readonly version: string;
  readonly buildDate: string;
  readonly supportLog: SupportLog;
  private repositories: Repositories | null = null;
  /** Kept from the vault, so it is known while locked (the client's questionnaire resumes). */
  private clientMode = false;
  private readonly handlers: Handlers;
  private readonly stateSignal = new ChangeSignal<AppState>();
  private readonly longWork = new LongWork();
  private readonly timers = new Timers();

  private readonly options: AppOptions;
  constructor(options: AppOptions) {
    this.options = options;
    this.dataDir = options.dataDir;
    this.platform = options.platform;
    this.version = options.platform?.version ?? '0.0.0';
    this.buildDate = options.buildDate ?? buildDate();
    // First run: nothing may assume the folder exists (the desktop app's userData/vault does not).
    ensurePrivateFolder(this.dataDir);
    this.supportLog = new SupportLog(this.dataDir);
    this.supportLog.event('start', this.version, options.platform?.shell ?? '');
    this.vault = new VaultService({ dataDir: options.dataDir, kdfPolicy: options.kdfPolicy });
    this.settings = new SettingsService(options.preferences);
    // A restore cut short by a crash is finished before anything opens the vault.
    finishInterruptedRestore(this.dataDir, (auditAnchor) => this.settings.update({ auditAnchor }));
    this.backups = new BackupService({ vault: this.vault, settings: this.settings, dataDir: options.dataDir, appVersion: this.version, audit: () => this.repositories?.audit ?? null });
    this.handlers = createHandlers(this);
    this.timers.every(BACKUP_CHECK_MS, () => void this.backups.autoIfDue().catch(() => false));
    const idleSeconds = options.platform?.systemIdleSeconds;
    if (idleSeconds) this.timers.every(IDLE_CHECK_MS, () => this.lockIfIdle(idleSeconds()));
  }

  /** Validates, runs and answers one contract call (see dispatch.ts for the order). */
  async dispatch(channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
    const started = performance.now();
    let internalKind: string | null = null;
    const state = { clientMode: this.clientMode, unlocked: this.vault.isUnlocked() };
    const result = await this.longWork.around(channel, () => dispatchCall(this.handlers, state, channel, rawInput, (error, name, kind) => {
      if (error === 'internal') {
        internalKind = kind;
        this.options.onInternalError?.(name as ChannelName, kind);
      } else if (error.code === 'VAULT_DAMAGED') {
        // Whether it failed to open or failed while open, the status says damaged from now on.
        if (this.vault.isUnlocked()) this.lock();
        this.backups.markDamaged();
      }
    }));
    // The support log gets the channel, the time and the code: never the input or the reply.
    this.supportLog.call(channel, performance.now() - started, result.ok ? null : result.error.code, internalKind);
    this.emitIfChanged();
    return result;
  }

  /** Typed direct call for tests and the bench: the same path as the transports. */
  async call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    return (await this.dispatch(channel, input)) as Result<ChannelOutput<C>>;
  }

  state(): AppState {
    const s = this.settings.get();
    return { vault: this.vault.status().state, clientMode: this.clientMode, contentProtection: s.contentProtection, theme: s.theme };
  }

  /** Called with the new state whenever it changes; returns the unsubscribe function. */
  onStateChanged(listener: (state: AppState) => void): () => void {
    return this.stateSignal.add(listener);
  }

  /** Called when a long call starts or ends (see LONG_WORK); returns the unsubscribe function. */
  onProgress(listener: (progress: Progress) => void): () => void {
    return this.longWork.add(listener);
  }

  isClientMode(): boolean {
    return this.clientMode;
  }

  session(): Repositories {
    if (!this.repositories || !this.vault.isUnlocked()) throw new AppError('VAULT_LOCKED');
    return this.repositories;
  }

  openRepositories(): Repositories | null {
    return this.vault.isUnlocked() ? this.repositories : null;
  }

  docs(): DocumentService {
    return new DocumentService(this.session(), this.platform?.documents ?? null, this.version, this.settings.get().exportNameStyle);
  }

  status(): VaultStatus {
    return { ...this.vault.status(), clientMode: this.clientMode };
  }

  opened(result: UnlockedVault): void {
    this.repositories = createRepositories(result.db, auditMacKey(this.vault.keyForWorker()));
    this.clientMode = this.repositories.measures.clientModeState() !== null;
    const type = result.how === 'created' ? 'vault.created' : result.how === 'recovery' ? 'vault.recovered' : 'vault.unlocked';
    openAuditTrail(this.repositories.audit, this.settings, { type, detail: { failedAttempts: result.failedAttempts } });
    this.backups.pruneLocalCopies();
    this.backups.scheduleIntegrityCheck(this.vault.vaultPath, this.vault.keyForWorker());
  }

  setClientMode(on: boolean): void {
    this.clientMode = on;
  }

  /** Locking never fails: a damaged or full vault must still let go of the key. */
  lock(): void {
    try {
      this.repositories?.audit.append({ type: 'vault.locked' });
      anchorAudit(this.repositories?.audit, this.settings);
    } catch {
      // the audit row or the anchor is lost, the lock is not
    }
    this.repositories = null;
    this.backups.cancelIntegrityCheck();
    this.vault.lockVault();
    this.supportLog.event('lock');
    this.emitIfChanged();
  }

  /** Quitting runs a due automatic backup first and waits for one already running, then locks. */
  async quit(): Promise<void> {
    await this.backups.autoIfDue().catch(() => false);
    await this.backups.idle();
    this.close();
  }

  close(): void {
    this.timers.stopAll();
    this.lock();
  }

  /** Locks when the computer has been idle past the auto-lock time plus the page's grace; true if it locked. */
  lockIfIdle(idleSeconds: number): boolean {
    if (!this.vault.isUnlocked() || !idleLockDue(this.settings.get().autoLockMinutes, idleSeconds)) return false;
    this.lock();
    return true;
  }

  private emitIfChanged(): void {
    this.stateSignal.offer(this.state());
  }
}
