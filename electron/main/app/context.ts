/**
 * What every handler slice is given: the long-lived services and the few state changes only the
 * composition may make. Handlers translate a contract call into domain and data calls; they hold
 * no SQL and no rules of their own.
 */
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import type { BackupService } from '../domain/backup/backup-service.ts';
import type { DocumentService } from '../domain/documents/document-service.ts';
import type { Repositories } from '../data/repositories.ts';
import type { SettingsService } from '../data/settings.ts';
import type { UnlockedVault, VaultService } from '../data/vault/vault-service.ts';
import type { AppPlatform } from './platform.ts';
import type { SupportLog } from './support-log.ts';

export interface AppContext {
  readonly vault: VaultService;
  readonly settings: SettingsService;
  readonly backups: BackupService;
  readonly platform: AppPlatform | undefined;
  readonly dataDir: string;
  readonly version: string;
  /** The day this build was made (YYYY-MM-DD), for the offline update notice. */
  readonly buildDate: string;
  /** Channel names, timings and codes only: what a user can send to support. */
  readonly supportLog: SupportLog;
  /** The repositories of the open vault; VAULT_LOCKED otherwise. */
  session(): Repositories;
  /** The repositories when the vault is open, else null (for what also works while locked). */
  openRepositories(): Repositories | null;
  /** Documents for the open vault, through the shell's platform. */
  docs(): DocumentService;
  /** Called once the vault has been created, unlocked or recovered. */
  opened(vault: UnlockedVault): void;
  lock(): void;
  setClientMode(on: boolean): void;
  status(): VaultStatus;
}
