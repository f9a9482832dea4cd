import { argon2id } from 'hash-wasm';
import type { Argon2Params } from './kdf-policy.ts';

/** Argon2id in WASM: the same code in Node and in Electron's main process (BoringSSL lacks argon2). */
export async function deriveArgon2id(passphrase: string, salt: Uint8Array, params: Argon2Params): Promise<Uint8Array> {
  return argon2id({
    password: passphrase.normalize('NFC'),
    salt,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
}
