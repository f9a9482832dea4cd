/**
 * The key file holds the vault's data key, wrapped (AES-256-GCM) once under the passphrase key
 * and once under the recovery key, like LUKS key slots. It has a format version and its own
 * checksum, so damage is reported as damage rather than as a wrong passphrase.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Argon2Params, KdfPolicy } from './kdf-policy.ts';
import { withinPolicy } from './kdf-policy.ts';

export const KEY_FILE_FORMAT = 'ipt-workstation-keyfile';
export const KEY_FILE_VERSION = 1;

const b64 = z.base64();
const wrappedSchema = z.strictObject({ iv: b64, ciphertext: b64, tag: b64 });

const passphraseSlotSchema = z.strictObject({
  kdf: z.strictObject({
    algorithm: z.literal('argon2id'),
    salt: b64,
    memoryKiB: z.number().int(),
    iterations: z.number().int(),
    parallelism: z.number().int(),
  }),
  wrapped: wrappedSchema,
});

const recoverySlotSchema = z.strictObject({
  kdf: z.strictObject({ algorithm: z.literal('hkdf-sha256'), salt: b64 }),
  wrapped: wrappedSchema,
});

const bodySchema = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(KEY_FILE_VERSION),
  vaultId: z.uuid(),
  createdAt: z.string(),
  slots: z.strictObject({ passphrase: passphraseSlotSchema, recovery: recoverySlotSchema }),
});

export type KeyFileBody = z.output<typeof bodySchema>;
export type PassphraseSlot = KeyFileBody['slots']['passphrase'];
export type RecoverySlot = KeyFileBody['slots']['recovery'];
type Wrapped = z.output<typeof wrappedSchema>;

/** JSON with object keys sorted, so the checksum does not depend on key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function checksumOf(body: KeyFileBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export function serializeKeyFile(body: KeyFileBody): string {
  return `${JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 2)}\n`;
}

/** Parses and checks a key file. Any structural problem is KEY_FILE_DAMAGED. */
export function parseKeyFile(text: string, policy: KdfPolicy): KeyFileBody {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('KEY_FILE_DAMAGED');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AppError('KEY_FILE_DAMAGED');
  const { checksum, ...rest } = raw as Record<string, unknown>;
  const parsed = bodySchema.safeParse(rest);
  if (!parsed.success || typeof checksum !== 'string' || checksum !== checksumOf(parsed.data)) {
    throw new AppError('KEY_FILE_DAMAGED');
  }
  const { algorithm: _alg, salt: _salt, ...params } = parsed.data.slots.passphrase.kdf;
  if (!withinPolicy(params, policy)) throw new AppError('KEY_FILE_DAMAGED');
  return parsed.data;
}

function aad(vaultId: string, slot: string): Buffer {
  return Buffer.from(`${KEY_FILE_FORMAT}/${KEY_FILE_VERSION}/${vaultId}/${slot}`, 'utf8');
}

export function wrapKey(dataKey: Uint8Array, wrappingKey: Uint8Array, vaultId: string, slot: string): Wrapped {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(aad(vaultId, slot));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Returns the data key, or null when the wrapping key is wrong (GCM authentication fails). */
export function unwrapKey(wrapped: Wrapped, wrappingKey: Uint8Array, vaultId: string, slot: string): Uint8Array | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(aad(vaultId, slot));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    return key.length === 32 ? new Uint8Array(key) : null;
  } catch {
    return null;
  }
}

export function recoveryWrappingKey(recoveryKey: Uint8Array, salt: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', recoveryKey, salt, 'ipt-workstation recovery slot', 32));
}

export function newSalt(): Uint8Array {
  return new Uint8Array(randomBytes(16));
}

export function passphraseParams(slot: PassphraseSlot): Argon2Params {
  const { memoryKiB, iterations, parallelism } = slot.kdf;
  return { memoryKiB, iterations, parallelism };
}
