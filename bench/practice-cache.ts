/**
 * The seeded practice is built once per seed and generator version, into the git-ignored
 * bench/.cache/, and reused by later runs. Each run works on a fresh copy, so measurements that
 * write (autosave, backups) never change the cache.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PRACTICE_VERSION, type PracticeCounts } from './practice.ts';

/** The bench vault's passphrase: bench data only, never a real vault. */
export const BENCH_PASSPHRASE = 'bench passphrase with some words';

export interface CachedPractice {
  /** A data folder the app and the host can unlock: vault.db and vault.key. */
  vaultDir: string;
  /** The plaintext database of the same schema and content. */
  plainPath: string;
  counts: PracticeCounts;
  /** The large client's id in each copy (ids are random, so they differ). */
  largeClientIds: { encrypted: string; plain: string };
  seedSeconds: number;
  built: boolean;
}

interface SeedResult {
  counts: PracticeCounts;
  largeClientId: string;
  seconds: number;
}

function runSeeder(kind: 'encrypted' | 'plain', dir: string, seed: number): Promise<SeedResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(import.meta.dirname, 'seed-practice.ts'), '--kind', kind, '--dir', dir, '--seed', String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`seeding the ${kind} practice failed (exit ${code})`));
      else resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as SeedResult);
    });
  });
}

export async function ensurePractice(seed: number): Promise<CachedPractice> {
  const root = resolve(import.meta.dirname, '.cache', `practice-v${PRACTICE_VERSION}-seed-${seed}`);
  const vaultDir = join(root, 'encrypted');
  const plainPath = join(root, 'plain', 'plain.db');
  const donePath = join(root, 'complete.json');
  if (existsSync(donePath)) {
    const done = JSON.parse(readFileSync(donePath, 'utf8')) as Omit<CachedPractice, 'vaultDir' | 'plainPath' | 'built'>;
    return { ...done, vaultDir, plainPath, built: false };
  }
  rmSync(root, { recursive: true, force: true });
  process.stdout.write(`Seeding the twenty-year practice (seed ${seed}) once into ${root}; the two copies are written in parallel.\n`);
  const started = performance.now();
  const [encrypted, plain] = await Promise.all([runSeeder('encrypted', vaultDir, seed), runSeeder('plain', join(root, 'plain'), seed)]);
  if (JSON.stringify(encrypted.counts) !== JSON.stringify(plain.counts)) throw new Error('the encrypted and plain practices differ');
  const done = { counts: encrypted.counts, largeClientIds: { encrypted: encrypted.largeClientId, plain: plain.largeClientId }, seedSeconds: (performance.now() - started) / 1000 };
  writeFileSync(donePath, `${JSON.stringify(done, null, 2)}\n`);
  return { ...done, vaultDir, plainPath, built: true };
}
