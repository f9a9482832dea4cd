/**
 * Every failure that crosses the IPC boundary is one of these codes with a plain message.
 * Stack traces and record contents never cross.
 */
export const ERROR_CODES = [
  'WRONG_PASSPHRASE',
  'WRONG_RECOVERY_KEY',
  'TOO_MANY_ATTEMPTS',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_DAMAGED',
  'KEY_FILE_DAMAGED',
  'VAULT_NEWER_VERSION',
  'VAULT_IN_USE',
  'VAULT_LOCKED',
  'WEAK_PASSPHRASE',
  'RECOVERY_KEY_MISMATCH',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'READ_ONLY',
  'CLIENT_MODE',
  'BACKUP_DAMAGED',
  'NO_BACKUP_FOLDER',
  'DISK_FULL',
  'FOLDER_NOT_WRITABLE',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  WRONG_PASSPHRASE: 'That passphrase does not open this vault. Check caps lock and try again.',
  WRONG_RECOVERY_KEY: 'That recovery key does not open this vault. Check each group of characters.',
  TOO_MANY_ATTEMPTS: 'Too many attempts in a row. Please wait a moment before trying again.',
  VAULT_NOT_FOUND: 'No vault was found in the data folder.',
  VAULT_EXISTS: 'A vault already exists in this data folder.',
  VAULT_DAMAGED: 'The vault file is damaged and cannot be read safely. Restore it from a backup.',
  KEY_FILE_DAMAGED: 'The key file is damaged. Your passphrase was not checked. Restore the key file from a backup.',
  VAULT_NEWER_VERSION: 'This vault was written by a newer version of IPT Workstation. Please update the app; the vault was left untouched.',
  VAULT_IN_USE: 'The vault is open in another window or program. Close it there first.',
  VAULT_LOCKED: 'The vault is locked. Unlock it to continue.',
  WEAK_PASSPHRASE: 'That passphrase is too easy to guess. Try a longer phrase of several unrelated words.',
  RECOVERY_KEY_MISMATCH: 'The recovery key you typed does not match the one shown. Check it and try again.',
  VALIDATION_FAILED: 'Some details need attention before this can be saved.',
  NOT_FOUND: 'That record could not be found. It may have been removed.',
  CONFLICT: 'This record was changed elsewhere since you opened it. Reload it and try again.',
  BACKUP_DAMAGED: 'This backup is damaged or incomplete, so it was not used. Your current records are unchanged.',
  NO_BACKUP_FOLDER: 'Choose a folder for backups first.',
  DISK_FULL: 'There is no room left on the disk, so this was not saved. Your records are as they were before. Free some space and try again.',
  FOLDER_NOT_WRITABLE: 'That folder cannot be written to. Choose another folder, or check that the drive is connected.',
  CLIENT_MODE: 'This is not available while the client is filling in a questionnaire.',
  READ_ONLY: 'This note is signed, so it cannot be changed. Add an addendum instead.',
  UNKNOWN_CHANNEL: 'The app asked for something it does not know how to do.',
  INTERNAL: 'Something went wrong. Nothing was changed. Please try again.',
};

/** Field path (dot-joined) to a plain message. */
export type FieldErrors = Record<string, string>;

export interface AppErrorPayload {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload };
