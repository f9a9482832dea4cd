import { randomBytes, randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { formatRecoveryKey } from '../keys/recovery-key.ts';
import { workerUrl } from '../worker-url.ts';
import type { PacketInput, PacketOutput } from './packet-build.ts';
import type { FullExportInput, FullExportOutput } from './full-export-build.ts';

/** Builds the packet in a worker thread so the window and IPC stay responsive. */
export function buildPacketInWorker(input: Omit<PacketInput, 'ids' | 'timestamp'> & { timestamp?: string }): Promise<PacketOutput> {
  const full: PacketInput = {
    ...input,
    timestamp: input.timestamp ?? new Date().toISOString(),
    ids: { practitioner: randomUUID(), organization: randomUUID(), bundle: randomUUID(), questionnaire: randomUUID(), iptResponse: randomUUID(), letter: randomUUID() },
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(import.meta.url, 'packet-worker'), { workerData: full });
    worker.once('message', (msg: { ok: boolean; out?: PacketOutput; name?: string }) => {
      void worker.terminate();
      if (msg.ok && msg.out) resolve({ ...msg.out, zip: new Uint8Array(msg.out.zip) });
      else reject(new Error(`Packet building failed (${msg.name ?? 'unknown'}).`));
    });
    worker.once('error', () => reject(new Error('Packet building failed.')));
  });
}

/** A strong passphrase to send separately from the packet: 125 random bits, in groups. */
export function suggestPacketPassphrase(): string {
  return formatRecoveryKey(new Uint8Array(randomBytes(16))).slice(0, 29);
}

/** Builds the full export in a worker thread: serialising thousands of records must not block IPC. */
export function buildFullExportInWorker(input: FullExportInput): Promise<FullExportOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(import.meta.url, 'full-export-worker'), { workerData: input });
    worker.once('message', (msg: { ok: boolean; out?: FullExportOutput; name?: string }) => {
      void worker.terminate();
      if (msg.ok && msg.out) resolve({ ...msg.out, zip: new Uint8Array(msg.out.zip) });
      else reject(new Error(`Export failed (${msg.name ?? 'unknown'}).`));
    });
    worker.once('error', () => reject(new Error('Export failed.')));
  });
}
