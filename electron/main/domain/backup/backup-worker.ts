/** Worker thread entry for backups and their verification. */
import { parentPort, workerData } from 'node:worker_threads';
import { runBackup, runIntegrity, runVerify, type BackupRequest, type IntegrityRequest, type VerifyRequest } from './backup-work.ts';

const request = workerData as BackupRequest | VerifyRequest | IntegrityRequest;
try {
  const result = request.op === 'backup' ? runBackup(request) : request.op === 'integrity' ? runIntegrity(request) : runVerify(request);
  parentPort?.postMessage({ ok: true, result });
} catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message.slice(0, 200) : 'failed', code: typeof code === 'string' ? code : undefined });
}
