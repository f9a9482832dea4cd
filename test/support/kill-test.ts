import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const WRITER = resolve(import.meta.dirname, 'crash-writer.ts');

/** A seeded PRNG, so a failing kill schedule can be replayed from its seed: the bench's generator. */
export { prng as seededRandom } from '../../bench/seed-data.ts';

export interface KillRun {
  clients: string[];
  sessions: string[];
  killedAfterMs: number;
}

/**
 * Starts the writer, waits until it is writing, lets it run for `delayMs` more, then SIGKILLs it.
 * Resolves with every id the writer reported as committed before it died.
 */
export function runAndKill(dataDir: string, passphrase: string, label: string, delayMs: number): Promise<KillRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [WRITER, dataDir, passphrase, label], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: KillRun = { clients: [], sessions: [], killedAfterMs: delayMs };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [kind, id] = line.split(' ');
      if (kind === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
      else if (kind === 'client' && id) run.clients.push(id);
      else if (kind === 'session' && id) run.sessions.push(id);
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(run);
      else reject(new Error(`writer exited on its own (${stderr.trim()})`));
    });
  });
}
