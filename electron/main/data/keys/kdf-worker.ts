/** Worker thread: runs Argon2id off the main event loop. One request per worker. */
import { parentPort, workerData } from 'node:worker_threads';
import { deriveArgon2id } from './argon2.ts';
import type { Argon2Params } from './kdf-policy.ts';

interface Request {
  passphrase: string;
  salt: Uint8Array;
  params: Argon2Params;
}

const request = workerData as Request;
deriveArgon2id(request.passphrase, request.salt, request.params).then(
  (key) => parentPort?.postMessage({ ok: true, key }, [key.buffer as ArrayBuffer]),
  () => parentPort?.postMessage({ ok: false }),
);
