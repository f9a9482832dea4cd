import { runWorkerOnce } from '../worker-url.ts';
import type { Argon2Params } from './kdf-policy.ts';

/** Derives the passphrase key in a worker thread so the window and IPC never freeze. */
export async function derivePassphraseKey(passphrase: string, salt: Uint8Array, params: Argon2Params): Promise<Uint8Array> {
  const reply = await runWorkerOnce<{ ok: boolean; key?: Uint8Array }>(import.meta.url, 'kdf-worker', { passphrase, salt, params }, {
    // Argon2 memory lives in the WASM heap, outside these limits; they bound the JS side.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  if (!reply.ok || !reply.key) throw new Error('Key derivation failed.');
  return new Uint8Array(reply.key);
}
