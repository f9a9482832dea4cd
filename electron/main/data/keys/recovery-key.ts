import { randomBytes } from 'node:crypto';

/**
 * The recovery key: 32 random bytes written in Crockford base32 (no I, L, O, U), in groups of
 * four, so a person can copy it onto paper and type it back without ambiguity.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 32;
const KEY_CHARS = Math.ceil((KEY_BYTES * 8) / 5); // 52

export function generateRecoveryKey(): { bytes: Uint8Array; display: string } {
  const bytes = new Uint8Array(randomBytes(KEY_BYTES));
  return { bytes, display: formatRecoveryKey(bytes) };
}

export function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Reads what a person typed: ignores case, spaces and dashes; accepts O for 0 and I/L for 1. */
export function parseRecoveryKey(typed: string): Uint8Array | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== KEY_CHARS) return null;
  const out = new Uint8Array(KEY_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const ch of cleaned) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (index < KEY_BYTES) out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return index === KEY_BYTES ? out : null;
}
