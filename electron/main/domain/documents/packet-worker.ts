/** Worker thread entry: builds one referral packet and posts the zip back. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildPacket, type PacketInput } from './packet-build.ts';

buildPacket(workerData as PacketInput).then(
  (out) => parentPort?.postMessage({ ok: true, out }, [out.zip.buffer as ArrayBuffer]),
  (error: unknown) => parentPort?.postMessage({ ok: false, name: error instanceof Error ? error.name : 'Error' }),
);
