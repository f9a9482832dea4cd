/**
 * Child process that writes one copy of the seeded practice: `--kind encrypted` makes a real
 * vault (the host can open it with BENCH_PASSPHRASE), `--kind plain` a plaintext database of the
 * same schema. The bench runs one of each at once, one per core, and never seeds in the process
 * it measures. Prints one line of JSON with the counts when done.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../electron/main/app/app.ts';
import { createRepositories, type Repositories } from '../electron/main/data/repositories.ts';
import { productionKdfPolicy } from '../electron/main/data/keys/kdf-policy.ts';
import { createConfStore } from '../electron/host/conf-store.ts';
import { applyConnectionPragmas, openPlainDatabase, type Db } from '../electron/main/data/vault/database.ts';
import { migrate } from '../electron/main/data/vault/migrate.ts';
import { BENCH_PASSPHRASE } from './practice-cache.ts';
import { seedPractice } from './practice.ts';

/**
 * Seeding is a bulk load, not something the bench measures: it skips the fsync at each commit.
 * The process that measures opens the copies with the app's own pragmas (synchronous=FULL).
 */
function bulkLoad(db: Db): void {
  db.pragma('synchronous = OFF');
}

const { values } = parseArgs({ options: { kind: { type: 'string' }, dir: { type: 'string' }, seed: { type: 'string' }, clients: { type: 'string' } } });
const dir = values.dir!;
const seed = Number(values.seed);
mkdirSync(dir, { recursive: true });
const started = performance.now();
const progress = (done: number) => process.stderr.write(`  ${values.kind}: ${done} clients (${Math.round((performance.now() - started) / 1000)} s)\n`);

/** The database to seed and its repositories: a real vault, or the plaintext twin. */
async function open(kind: string | undefined): Promise<{ db: Db; repos: Repositories; close: () => void }> {
  if (kind === 'encrypted') {
    const services = createApp({ dataDir: dir, kdfPolicy: productionKdfPolicy(), preferences: createConfStore(dir) });
    const begun = await services.call('vault.beginCreate', {});
    if (!begun.ok) throw new Error(begun.error.code);
    const created = await services.call('vault.create', { passphrase: BENCH_PASSPHRASE, recoveryKeyTypedBack: begun.value.recoveryKey });
    if (!created.ok) throw new Error(created.error.code);
    return { db: services.vault.database(), repos: services.session(), close: () => services.close() };
  }
  if (kind === 'plain') {
    const db = openPlainDatabase(join(dir, 'plain.db'));
    applyConnectionPragmas(db);
    migrate(db);
    return { db, repos: createRepositories(db, randomBytes(32)), close: () => db.close() };
  }
  throw new Error('--kind encrypted|plain');
}

const target = await open(values.kind);
bulkLoad(target.db);
const result = seedPractice(target.db, target.repos, seed, { progress, clients: values.clients ? Number(values.clients) : undefined });
target.db.pragma('wal_checkpoint(TRUNCATE)');
target.close();
process.stdout.write(`${JSON.stringify({ ...result, seconds: (performance.now() - started) / 1000 })}\n`);
