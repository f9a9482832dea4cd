import { randomBytes, randomUUID } from 'node:crypto';
import { formatRecoveryKey } from '../../data/keys/recovery-key.ts';
import { runWorkerOnce } from '../../data/worker-url.ts';
import type { PacketInput, PacketOutput } from './packet-build.ts';
import type { FullExportInput, FullExportOutput } from './full-export-build.ts';

/** Builds the packet in a worker thread so the window and IPC stay responsive. */
export function buildPacketInWorker(input: Omit<PacketInput, 'ids' | 'timestamp'> & { timestamp?: string }): Promise<PacketOutput> {
  const full: PacketInput = {
    ...input,
    timestamp: input.timestamp ?? new Date().toISOString(),
    ids: { practitioner: randomUUID(), organization: randomUUID(), bundle: randomUUID(), questionnaire: randomUUID(), iptResponse: randomUUID(), letter: randomUUID() },
  };
  return zipFromWorker<PacketOutput>('packet-worker', full, 'Packet building');
}

/** A strong passphrase to send separately from the packet: 125 random bits, in groups. */
export function suggestPacketPassphrase(): string {
  return formatRecoveryKey(new Uint8Array(randomBytes(16))).slice(0, 29);
}

/** Builds the full export in a worker thread: serialising thousands of records must not block IPC. */
export function buildFullExportInWorker(input: FullExportInput): Promise<FullExportOutput> {
  return zipFromWorker<FullExportOutput>('full-export-worker', input, 'Export');
}

/** Both document workers reply `{ ok, out }` with the zip's buffer transferred. */
async function zipFromWorker<Out extends { zip: Uint8Array }>(name: string, input: unknown, what: string): Promise<Out> {
  const reply = await runWorkerOnce<{ ok: boolean; out?: Out; name?: string }>(import.meta.url, name, input).catch(() => null);
  if (!reply?.ok || !reply.out) throw new Error(`${what} failed (${reply?.name ?? 'unknown'}).`);
  return { ...reply.out, zip: new Uint8Array(reply.out.zip) };
}
