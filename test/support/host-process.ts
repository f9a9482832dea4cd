import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface HostProcess {
  url: string;
  token: string;
  /** The URL to open in the browser: the token travels in the fragment. */
  openUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Starts `electron/host/cli.ts` as a child process, as `npm run host` does after its build. */
export async function startHostProcess(options: { dataDir: string; tmpDir?: string; outputDir?: string }): Promise<HostProcess> {
  const args = [resolve(ROOT, 'electron/host/cli.ts'), '--data-dir', options.dataDir, ...(options.outputDir ? ['--output-dir', options.outputDir] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...(options.tmpDir ? { TMPDIR: options.tmpDir, TMP: options.tmpDir, TEMP: options.tmpDir } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<{ url: string; token: string }>((resolveReady, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('IPT_HOST_READY ')) resolveReady(JSON.parse(line.slice('IPT_HOST_READY '.length)));
    });
    child.once('exit', (code) => reject(new Error(`host exited early (${code}): ${stderr}`)));
  });
  const { url, token } = await ready;
  const exited = once(child, 'exit');
  return {
    url,
    token,
    openUrl: `${url}#token=${token}`,
    child,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
    kill: async () => {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
