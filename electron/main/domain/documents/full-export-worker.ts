/** Worker thread entry: builds the full export zip and posts it back. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildFullExport, type FullExportInput } from './full-export-build.ts';

buildFullExport(workerData as FullExportInput).then(
  (out) => parentPort?.postMessage({ ok: true, out }, [out.zip.buffer as ArrayBuffer]),
  (error: unknown) => parentPort?.postMessage({ ok: false, name: error instanceof Error ? error.name : 'Error' }),
);
