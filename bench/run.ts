/**
 * `npm run bench [-- --seed N]`: speed and memory figures over the seeded twenty-year practice,
 * written to bench/results/latest.json as a list of { name, unit, value } (medians). The practice
 * is built once per seed by two child processes and cached in bench/.cache/; this process only
 * measures, so its peak memory is the services'. Database-bound figures are repeated on a
 * plaintext database of the same schema, content and page cache. Not a test: nothing here fails
 * on a slow machine.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { App} from '../electron/main/app/app.ts';
import { createApp } from '../electron/main/app/app.ts';
import { createRepositories } from '../electron/main/data/repositories.ts';
import { derivePassphraseKey } from '../electron/main/data/keys/kdf.ts';
import { PRODUCTION_KDF_DEFAULTS, productionKdfPolicy } from '../electron/main/data/keys/kdf-policy.ts';
import { clientOverview } from '../electron/main/domain/overview.ts';
import { createConfStore } from '../electron/host/conf-store.ts';
import { applyConnectionPragmas, openEncryptedDatabase, openPlainDatabase, type Db } from '../electron/main/data/vault/database.ts';
import { migrate } from '../electron/main/data/vault/migrate.ts';
import { noteFieldsSchema } from '../shared/schemas/note.ts';
import { BENCH_PASSPHRASE, ensurePractice } from './practice-cache.ts';
import { queryMix, vocabulary } from './practice-text.ts';
import { DEFAULT_PRACTICE_SEED } from './practice.ts';
import { median } from './stats.ts';
import { measureUi } from './ui.ts';
import { appSize } from './app-size.ts';

interface Metric {
  name: string;
  unit: string;
  value: number;
}

const { values: args } = parseArgs({ options: { seed: { type: 'string' } }, allowPositionals: false, strict: false });
// `--seed` alone uses the default seed; `--seed N` another one.
const seed = typeof args.seed === 'string' && /^\d+$/.test(args.seed) ? Number(args.seed) : DEFAULT_PRACTICE_SEED;
const suiteStarted = performance.now();
const root = resolve(import.meta.dirname, '..');
const metrics: Metric[] = [];
const MB = 1024 * 1024;
/** The kernel's high-water mark of resident memory: a timer would miss peaks inside synchronous work. */
const peakRssBytes = () => process.resourceUsage().maxRSS * 1024;

function record(name: string, unit: string, value: number): void {
  const rounded = Math.round(value * 1000) / 1000;
  metrics.push({ name, unit, value: rounded });
  const trace = process.env['BENCH_TRACE'] ? `   rss ${Math.round(process.memoryUsage().rss / MB)} MB, peak ${Math.round(peakRssBytes() / MB)} MB` : '';
  process.stdout.write(`${name.padEnd(40)} ${String(rounded).padStart(12)} ${unit}${trace}\n`);
}

/** Records an encrypted figure with its plaintext twin and their ratio. */
function recordPair(name: string, encrypted: number, plain: number): void {
  record(`${name}_ms`, 'ms', encrypted);
  record(`${name}_plain_ms`, 'ms', plain);
  record(`${name}_ratio`, 'ratio', encrypted / plain);
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Median of `runs` timings after `warm` untimed calls (the page cache warmed, as in use). */
function timed(fn: () => unknown, runs = 30, warm = 5): number {
  for (let i = 0; i < warm; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(time(fn));
  return median(samples);
}

/**
 * Asks the kernel to forget the file's cached pages, so the next read comes from the disk.
 * GNU dd only (Linux); false where it cannot.
 */
function dropFromPageCache(path: string): boolean {
  try {
    execFileSync('sync');
    execFileSync('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const workDir = resolve(import.meta.dirname, '.cache', `run-${process.pid}`);
mkdirSync(workDir, { recursive: true });

// Key derivation with the production parameters, in its worker, as at unlock.
const kdf: number[] = [];
for (let i = 0; i < 3; i++) kdf.push(await timeAsync(() => derivePassphraseKey(BENCH_PASSPHRASE, randomBytes(16), PRODUCTION_KDF_DEFAULTS)));
record('vault.kdf_ms', 'ms', median(kdf));

const practice = await ensurePractice(seed);
record('practice.seed_s', 's', practice.built ? practice.seedSeconds : 0);
// Counts without the large client (one more client, 60 sessions, 30 people).
for (const [name, count] of Object.entries(practice.counts)) record(`practice.${name}`, 'count', count);

// Every run works on fresh copies: the figures below write (autosave, backups).
const vaultDir = join(workDir, 'vault');
const plainPath = join(workDir, 'plain.db');
cpSync(practice.vaultDir, vaultDir, { recursive: true, filter: (source) => !source.endsWith('vault.lock') });
cpSync(practice.plainPath, plainPath);
const vaultPath = join(vaultDir, 'vault.db');
record('vault.size_mb', 'MB', statSync(vaultPath).size / MB);
record('vault.plain_size_mb', 'MB', statSync(plainPath).size / MB);

function openServices(): App {
  return createApp({ dataDir: vaultDir, kdfPolicy: productionKdfPolicy(), preferences: createConfStore(vaultDir) });
}

// The data key, from an unlock as the app does it; the figures below open the file with it directly.
const keyHex = await (async () => {
  const services = openServices();
  const unlocked = await services.call('vault.unlock', { passphrase: BENCH_PASSPHRASE });
  if (!unlocked.ok) throw new Error(unlocked.error.code);
  const key = services.vault.keyForWorker();
  services.close();
  return key;
})();

function openVault(): Db {
  const db = openEncryptedDatabase(vaultPath, keyHex);
  applyConnectionPragmas(db);
  migrate(db);
  return db;
}

// Opening after the key is derived: cold (the file's pages dropped from the OS cache, as at the
// first unlock of the day) and warm. The cold list is the first screen's query on that connection.
const coldOpens: number[] = [];
const coldLists: number[] = [];
for (let i = 0; i < 3 && dropFromPageCache(vaultPath); i++) {
  const opened = performance.now();
  const db = openVault();
  coldOpens.push(performance.now() - opened);
  coldLists.push(time(() => createRepositories(db, randomBytes(32)).clients.list({ status: 'all' })));
  db.close();
}
if (coldOpens.length) {
  record('vault.open_cold_ms', 'ms', median(coldOpens));
  record('clients.list_2000_cold_ms', 'ms', median(coldLists));
} else process.stdout.write('vault.open_cold_ms: not measured (needs GNU dd to drop the file from the OS cache)\n');
const warmOpens: number[] = [];
for (let i = 0; i < 7; i++) warmOpens.push(time(() => openVault().close()));
record('vault.open_ms', 'ms', median(warmOpens));

const enc = openVault();
const pln = openPlainDatabase(plainPath);
applyConnectionPragmas(pln);
migrate(pln);
const sides = [
  { db: enc, repos: createRepositories(enc, randomBytes(32)), largeClientId: practice.largeClientIds.encrypted },
  { db: pln, repos: createRepositories(pln, randomBytes(32)), largeClientId: practice.largeClientIds.plain },
] as const;

/** Times `fn` on the encrypted and the plain practice and records both with their ratio. */
function compare(name: string, fn: (side: (typeof sides)[number]) => () => unknown, runs = 30): void {
  recordPair(name, timed(fn(sides[0]), runs), timed(fn(sides[1]), runs));
}

compare('clients.list_2000', ({ repos }) => () => repos.clients.list({ status: 'all' }), 50);
compare('clients.filter', ({ repos }) => () => repos.clients.list({ status: 'active', nameFilter: 'okaf' }), 50);
compare('client.overview', ({ repos, largeClientId }) => () => clientOverview(repos, largeClientId));
compare('session.open', ({ repos, largeClientId }) => {
  const sessionId = repos.sessions.rowsForCourse(repos.courses.currentFor(largeClientId)!.id).at(-1)!.id;
  return () => repos.notes.get(sessionId);
});
compare('session.autosave', ({ repos, largeClientId }) => {
  const sessionId = repos.sessions.rowsForCourse(repos.courses.currentFor(largeClientId)!.id).at(-1)!.id;
  let n = 0;
  // One draft save as the editor makes it: a changed field, committed with synchronous=FULL.
  return () => repos.notes.saveDraft(sessionId, noteFieldsSchema.parse({ intervalMood: `Draft text, revision ${n++}`, workDone: 'Worked through the argument about the weekend plans.' }));
});
compare('measures.chart_data', ({ repos, largeClientId }) => () => {
  repos.measures.chartData(largeClientId);
  repos.measures.summary(largeClientId, repos.courses.currentFor(largeClientId)!.id);
});

// Full-text search over every note, worksheet and client: a fixed mix of 200 queries (rare,
// medium and common terms, prefixes, two-word phrases), 50 results, most recent first.
function searchTimes(repos: (typeof sides)[number]['repos']): { p50: number; p95: number } {
  const queries = queryMix(vocabulary());
  const run = (text: string) => repos.search.query({ text, clientId: null, from: '', to: '', templateId: '', includeProcessNotes: false, limit: 50 });
  for (const text of queries.slice(0, 20)) run(text);
  const samples = queries.map((text) => time(() => run(text))).sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p95: samples[Math.floor(samples.length * 0.95)]! };
}
const searchEnc = searchTimes(sides[0].repos);
const searchPlain = searchTimes(sides[1].repos);
record('search.documents', 'count', (enc.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n);
recordPair('search.p50', searchEnc.p50, searchPlain.p50);
recordPair('search.p95', searchEnc.p95, searchPlain.p95);

// Documents: one progress letter with its chart (DOCX), and the referral packet of a 40-session
// course (letter DOCX and PDF, record summary PDF, FHIR bundle, AES zip, built in a worker).
{
  const { DocumentService } = await import('../electron/main/domain/documents/document-service.ts');
  const { HostDocumentPlatform } = await import('../electron/host/host-documents.ts');
  const { buildLetterDocx } = await import('../electron/main/domain/documents/docx-letter.ts');
  const { gatherRecord } = await import('../electron/main/domain/documents/record-data.ts');
  const { svgToPng } = await import('../electron/main/domain/documents/rasterise.ts');
  const { measureChartSvg } = await import('../shared/ipt/measure-chart.ts');
  const { repos, largeClientId: clientId } = sides[0];
  repos.profile.save({ practiceName: 'Bench Practice', address: '1 Street', phone: '', email: '', clinicianName: 'Dr Bench', credentials: 'DClinPsy', registrationNumber: '', signOff: 'With best wishes', paperSize: 'A4', signatureImage: null, logo: null, crisisLines: [] });
  const platform = new HostDocumentPlatform(join(workDir, 'exports'));
  const docs = new DocumentService(repos, platform, 'bench');
  const letterSamples: number[] = [];
  for (let i = 0; i < 7; i++) {
    letterSamples.push(
      await timeAsync(async () => {
        const draft = docs.draft({ clientId, kind: 'progress', includeProcessNotes: false, authorisationId: null, includeSafetyPlan: false });
        const data = gatherRecord(repos, clientId);
        const complete = data.administrations.filter((a) => a.complete);
        const chartPng = await svgToPng(measureChartSvg({ points: complete.map((a) => ({ instrumentId: a.instrumentId, date: a.administeredOn, total: a.total! })), sessions: [], events: [] }), 1520);
        await buildLetterDocx(draft, data, { chartPng, circlePng: null });
      }),
    );
  }
  record('docs.letter_ms', 'ms', median(letterSamples.slice(2)));
  const course = repos.courses.currentFor(clientId)!;
  const sessionIds = repos.sessions.rowsForCourse(course.id).slice(0, 40).map((r) => r.id);
  const packetSamples: number[] = [];
  for (let i = 0; i < 4; i++) {
    packetSamples.push(
      await timeAsync(() =>
        docs.exportPacket({ clientId, courseIds: [course.id], sessionIds, includeMeasures: true, includeLetter: true, includeSafetyPlan: true, recipient: { name: 'Dr Receiver', practice: '', address: '', isGp: false }, includeProcessNotes: false, authorisationId: null, zipPassphrase: 'BENCH-PASS-PHRA-SEXX' }),
      ),
    );
  }
  record('docs.referral_packet_ms', 'ms', median(packetSamples.slice(1)));
  await platform.close();
}
enc.pragma('wal_checkpoint(TRUNCATE)');
enc.close();
pln.close();

// A backup of the whole seeded vault (written, then verified, in a worker), with the worst round
// trip of a contract call made every 10 ms meanwhile: the window's view of the main process.
{
  const services = openServices();
  const unlocked = await services.call('vault.unlock', { passphrase: BENCH_PASSPHRASE });
  if (!unlocked.ok) throw new Error(unlocked.error.code);
  // The post-unlock integrity check is a separate, deferred job; it is not part of this figure.
  services.backups.cancelIntegrityCheck();
  const backupFolder = join(workDir, 'backups');
  mkdirSync(backupFolder, { recursive: true });
  services.settings.update({ backupFolder });
  const pings: number[] = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      pings.push(await timeAsync(() => services.call('clients.list', { status: 'all' })));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const backup = await (async () => {
    const start = performance.now();
    const result = await services.call('backups.run', {});
    return { ms: performance.now() - start, result };
  })();
  running = false;
  await pinger;
  if (!backup.result.ok) throw new Error(`backup failed: ${backup.result.error.code}`);
  // The whole "Back up now": the copy written, then read back and fully checked, both in a worker.
  record('backup.full_ms', 'ms', backup.ms);
  record('backup.write_ms', 'ms', services.backups.lastRunTimings!.writeMs);
  record('backup.check_after_write_ms', 'ms', services.backups.lastRunTimings!.checkMs);
  const newest = services.backups.list()[0]!;
  record('backup.verify_ms', 'ms', await timeAsync(() => services.call('backups.verify', { name: newest.name, passphrase: BENCH_PASSPHRASE })));
  record('main.ping_during_backup_ms', 'ms', Math.max(...pings));
  record('main.pings_during_backup', 'count', pings.length);
  record('main.ping_median_ms', 'ms', median(pings));
  services.close();
}

// This process holds both databases (the plaintext twin's cache too) and the bench's own work;
// the services' own peak is the host's, below.
record('mem.bench_process_peak_rss_mb', 'MB', peakRssBytes() / MB);

// The renderer through the browser host, on a fresh copy of the seeded vault.
{
  const uiDir = join(workDir, 'ui-vault');
  cpSync(practice.vaultDir, uiDir, { recursive: true, filter: (source) => !source.endsWith('vault.lock') });
  const ui = await measureUi(uiDir, workDir);
  record('ui.unlock_to_list_ms', 'ms', ui.unlockToListMs);
  record('ui.unlock_list_fetch_ms', 'ms', ui.unlockListFetchMs);
  record('ui.client_list_render_ms', 'ms', ui.clientListRenderMs);
  record('ui.client_list_rows', 'count', ui.clientListRows);
  record('ui.search_keystroke_ms', 'ms', ui.searchKeystrokeMs);
  record('ui.search_results_ms', 'ms', ui.searchResultsMs);
  // The host runs the app's services alone: unlock, lists, searches, a letter, a packet, a backup.
  record('mem.peak_rss_mb', 'MB', ui.hostPeakRssMb);
}

// What a user installs, less Electron itself: the built app and the production packages the
// installer ships (bench/app-size.ts).
{
  const size = await appSize(root);
  record('app.out_mb', 'MB', size.outMb);
  record('app.production_dependencies_mb', 'MB', size.productionDependenciesMb);
  record('app.size_mb', 'MB', size.outMb + size.productionDependenciesMb);
  record('app.packaged_mb', 'MB', size.packagedMb);
}

record('bench.suite_s', 's', (performance.now() - suiteStarted) / 1000);

const resultsDir = resolve(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
const machine = { node: process.versions.node, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3), seed };
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(metrics, null, 2)}\n`);
writeFileSync(join(resultsDir, 'machine.json'), `${JSON.stringify({ at: new Date().toISOString(), ...machine }, null, 2)}\n`);
process.stdout.write(`\nWrote bench/results/latest.json (${metrics.length} figures) on ${machine.cpus} cores, Node ${machine.node}.\n`);
rmSync(workDir, { recursive: true, force: true });
