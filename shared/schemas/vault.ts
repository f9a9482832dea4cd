import { z } from 'zod';

export const passphraseSchema = z.string().min(1, { message: 'Enter your passphrase.' }).max(1024);

export const vaultStatusSchema = z.strictObject({
  state: z.enum(['no-vault', 'locked', 'unlocked']),
  /** Present while a new vault is being set up: the recovery key waiting to be typed back. */
  pendingRecoveryKey: z.boolean(),
  /** A client is filling in a questionnaire: only that screen may be shown. */
  clientMode: z.boolean(),
});
export type VaultStatus = z.output<typeof vaultStatusSchema>;

export const recoveryKeyShownSchema = z.strictObject({ recoveryKey: z.string() });

/** The key shown during creation, saved to a file the user picks: only a key in the shown form (13 groups of 4). */
export const saveRecoveryKeySchema = z.strictObject({ recoveryKey: z.string().regex(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/, { message: 'This is not a recovery key as shown.' }) });

export const createVaultSchema = z.strictObject({
  passphrase: passphraseSchema,
  recoveryKeyTypedBack: z.string().max(200),
});

export const unlockSchema = z.strictObject({ passphrase: passphraseSchema });

export const recoverSchema = z.strictObject({
  recoveryKey: z.string().min(1, { message: 'Enter your recovery key.' }).max(200),
  newPassphrase: passphraseSchema,
});

export const changePassphraseSchema = z.strictObject({
  currentPassphrase: passphraseSchema,
  newPassphrase: passphraseSchema,
});

export const backupStatusSchema = z.strictObject({
  folder: z.string(),
  lastBackupAt: z.string().nullable(),
  lastBackupOk: z.boolean(),
  intervalHours: z.number().int(),
  keep: z.number().int(),
  due: z.boolean(),
  /** No good backup recently. */
  warning: z.boolean(),
  running: z.boolean(),
  /** The full integrity check of the open vault, run in a worker after each unlock. */
  vaultIntegrity: z.enum(['unchecked', 'checking', 'ok', 'damaged']),
  /** On unlock the audit trail no longer reached the head kept outside the vault: an older vault.db was put back, or rows were cut. */
  auditTailCut: z.boolean(),
});

export const backupInfoSchema = z.strictObject({
  name: z.string(),
  createdAt: z.string(),
  app: z.string(),
  schemaVersion: z.number().int(),
  rows: z.strictObject({ clients: z.number().int(), sessions: z.number().int() }),
  readable: z.boolean(),
  /** Why this backup cannot be used (its manifest is missing or damaged); null when it reads. */
  problem: z.string().nullable(),
});

/** A copy of the vault inside the data folder (pre-restore or pre-migration), removed after the stated time. */
export const localCopySchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['pre-restore', 'pre-migration']),
  madeAt: z.string(),
  removeAfter: z.string(),
});

const backupName = z.string().regex(/^IPT-backup-\d{8}-\d{6}(?:-\d+)?$/, { message: 'Choose one of the listed backups.' });

/** Exactly one of the passphrase current when the backup was made, or the recovery key. */
export const backupCredentialSchema = z
  .strictObject({
    name: backupName,
    passphrase: z.string().max(1024).optional(),
    recoveryKey: z.string().max(200).optional(),
    newPassphrase: z.string().max(1024).optional(),
  })
  .refine((v) => (v.passphrase ? 1 : 0) + (v.recoveryKey ? 1 : 0) === 1, { message: 'Enter the passphrase you had when the backup was made, or your recovery key.', path: ['passphrase'] });

export const verifyReportSchema = z.strictObject({ ok: z.boolean(), problems: z.array(z.string()), createdAt: z.string().nullable() });
