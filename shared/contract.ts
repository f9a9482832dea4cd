/**
 * The IPC contract: every channel between the renderer and main, declared once.
 * Main validates every input against `input`; the renderer receives values shaped by `output`.
 * Names are "<group>.<method>"; the renderer calls them as `window.ipt.<group>.<method>(input)`.
 */
import { z } from 'zod';
import {
  clientId,
  clientInputSchema,
  clientListQuerySchema,
  clientSchema,
  clientSummarySchema,
  clientUpdateSchema,
} from './schemas/client.ts';
import { settingsPatchSchema, settingsSchema } from './schemas/settings.ts';
import {
  changePassphraseSchema,
  createVaultSchema,
  recoverSchema,
  recoveryKeyShownSchema,
  unlockSchema,
  vaultStatusSchema,
} from './schemas/vault.ts';

/** Who may call a channel: `always` works while locked; `unlocked` needs an open vault. */
export type ChannelAccess = 'always' | 'unlocked';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: ChannelAccess;
}

const none = z.strictObject({});
const byId = z.strictObject({ id: clientId });

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: ChannelAccess): ChannelDef<I, O> {
  return { input, output, access };
}

export const contract = {
  'vault.status': channel(none, vaultStatusSchema, 'always'),
  'vault.beginCreate': channel(none, recoveryKeyShownSchema, 'always'),
  'vault.create': channel(createVaultSchema, vaultStatusSchema, 'always'),
  'vault.unlock': channel(unlockSchema, vaultStatusSchema, 'always'),
  'vault.recover': channel(recoverSchema, vaultStatusSchema, 'always'),
  'vault.lock': channel(none, vaultStatusSchema, 'always'),
  'vault.changePassphrase': channel(changePassphraseSchema, z.strictObject({ changed: z.literal(true) }), 'unlocked'),

  'settings.get': channel(none, settingsSchema, 'always'),
  'settings.update': channel(settingsPatchSchema, settingsSchema, 'always'),

  'clients.list': channel(clientListQuerySchema, z.array(clientSummarySchema), 'unlocked'),
  'clients.get': channel(byId, clientSchema, 'unlocked'),
  'clients.create': channel(z.strictObject({ fields: clientInputSchema }), clientSchema, 'unlocked'),
  'clients.update': channel(clientUpdateSchema, clientSchema, 'unlocked'),
  'clients.archive': channel(byId, clientSchema, 'unlocked'),
  'clients.restore': channel(byId, clientSchema, 'unlocked'),
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Prefix of the Electron IPC channel for a contract channel. */
export const IPC_PREFIX = 'ipt:';
