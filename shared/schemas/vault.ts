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
