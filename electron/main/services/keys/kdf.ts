import { Worker } from 'node:worker_threads';
import { workerUrl } from '../worker-url.ts';
import type { Argon2Params } from './kdf-policy.ts';

/** Derives the passphrase key in a worker thread so the window and IPC never freeze. */
export function derivePassphraseKey(passphrase: string, salt: Uint8Array, params: Argon2Params): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(import.meta.url, 'kdf-worker'), {
      workerData: { passphrase, salt, params },
      // Argon2 memory lives in the WASM heap, outside these limits; they bound the JS side.
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    let settled = false;
    worker.once('message', (msg: { ok: boolean; key?: Uint8Array }) => {
      settled = true;
      void worker.terminate();
      if (msg.ok && msg.key) resolve(new Uint8Array(msg.key));
      else reject(new Error('Key derivation failed.'));
    });
    worker.once('error', () => {
      if (!settled) reject(new Error('Key derivation failed.'));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`Key derivation stopped (${code}).`));
    });
  });
}
