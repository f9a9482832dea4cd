import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Locates a worker entry next to the calling module. From source (tests, the browser host) that is
 * the `.ts` file, run by Node's type stripping; in the built app it is the bundled `.js` entry.
 */
export function workerUrl(callerUrl: string, name: string): URL {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, callerUrl);
}

/**
 * Runs a one-shot worker (entry `name` next to `callerUrl`): resolves with its single reply, then
 * terminates it. Rejects if it fails or exits without replying, or when `signal` aborts.
 */
export function runWorkerOnce<Reply>(callerUrl: string, name: string, workerData: unknown, options: Omit<WorkerOptions, 'workerData'> & { signal?: AbortSignal } = {}): Promise<Reply> {
  const { signal, ...workerOptions } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(callerUrl, name), { ...workerOptions, workerData });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      done();
    };
    const onAbort = () => settle(() => reject(new Error(`${name} was cancelled.`)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: Reply) => settle(() => resolve(reply)));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`${name} stopped (${code}).`))));
  });
}
