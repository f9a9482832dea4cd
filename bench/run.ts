/**
 * `npm run bench`: speed and memory figures, written to bench/results/latest.json as a list of
 * { name, unit, value }. Medians. Encrypted figures are compared with a plaintext database of the
 * same schema and cache size in the same run. Not a test: nothing here fails on a slow machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { createRepositories } from '../electron/main/services/app-services.ts';
import type { ClientRepository } from '../electron/main/services/clients.ts';
import { clientOverview } from '../electron/main/services/overview.ts';
import { derivePassphraseKey } from '../electron/main/services/keys/kdf.ts';
import { PRODUCTION_KDF_DEFAULTS } from '../electron/main/services/keys/kdf-policy.ts';
import { applyConnectionPragmas, openEncryptedDatabase, openPlainDatabase, type Db } from '../electron/main/services/vault/database.ts';
import { migrate } from '../electron/main/services/vault/migrate.ts';
import { seedLargeClient } from './large-client.ts';
import { paragraph, queryMix, vocabulary } from './practice-text.ts';
import { clientFields, prng } from './seed-data.ts';
import { noteFieldsSchema } from '../shared/schemas/note.ts';

interface Metric {
  name: string;
  unit: string;
  value: number;
}

const metrics: Metric[] = [];
/** The kernel's high-water mark of resident memory: a timer would miss peaks inside synchronous work. */
const peakRssBytes = () => process.resourceUsage().maxRSS * 1024;

function record(name: string, unit: string, value: number): void {
  const rounded = Math.round(value * 1000) / 1000;
  metrics.push({ name, unit, value: rounded });
  const trace = process.env['BENCH_TRACE'] ? `   rss ${Math.round(process.memoryUsage().rss / 1048576)} MB, peak ${Math.round(peakRssBytes() / 1048576)} MB` : '';
  process.stdout.write(`${name.padEnd(40)} ${String(rounded).padStart(12)} ${unit}${trace}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const workDir = resolve(import.meta.dirname, '.cache', `run-${process.pid}`);
mkdirSync(workDir, { recursive: true });

// Key derivation with the production parameters, in its worker, as at unlock.
const kdf: number[] = [];
for (let i = 0; i < 3; i++) kdf.push(await timeAsync(() => derivePassphraseKey('bench passphrase with some words', randomBytes(16), PRODUCTION_KDF_DEFAULTS)));
record('vault.kdf_ms', 'ms', median(kdf));

const keyHex = randomBytes(32).toString('hex');
const encryptedPath = join(workDir, 'vault.db');
const plainPath = join(workDir, 'plain.db');

function prepare(db: Db): ClientRepository {
  applyConnectionPragmas(db);
  migrate(db);
  return createRepositories(db, randomBytes(32)).clients;
}

const encrypted = openEncryptedDatabase(encryptedPath, keyHex);
const plain = openPlainDatabase(plainPath);
const repos = { encrypted: prepare(encrypted), plain: prepare(plain) };

// 2,000 clients through the repository, one transaction each (synchronous=FULL), as the app writes them.
for (const [kind, repo] of Object.entries(repos)) {
  const random = prng(20261125);
  const ms = time(() => {
    for (let i = 0; i < 2000; i++) repo.create(clientFields(random, i));
  });
  record(kind === 'encrypted' ? 'clients.insert_2000_ms' : 'clients.insert_2000_plain_ms', 'ms', ms);
}
encrypted.close();
plain.close();

// Opening after the KDF: key, pragmas, schema check.
const opens: number[] = [];
for (let i = 0; i < 7; i++) {
  opens.push(time(() => {
    const db = openEncryptedDatabase(encryptedPath, keyHex);
    applyConnectionPragmas(db);
    migrate(db);
    db.close();
  }));
}
record('vault.open_ms', 'ms', median(opens));

function listMedian(db: Db, query: Parameters<ClientRepository['list']>[0], runs: number): number {
  const repo = createRepositories(db, randomBytes(32)).clients;
  for (let i = 0; i < 5; i++) repo.list(query); // warm the page cache
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(time(() => repo.list(query)));
  return median(samples);
}

const enc = openEncryptedDatabase(encryptedPath, keyHex);
applyConnectionPragmas(enc);
const pln = openPlainDatabase(plainPath);
applyConnectionPragmas(pln);

const listEnc = listMedian(enc, { status: 'all' }, 50);
const listPlain = listMedian(pln, { status: 'all' }, 50);
record('clients.list_2000_ms', 'ms', listEnc);
record('clients.list_2000_plain_ms', 'ms', listPlain);
record('clients.list_encrypted_to_plain_ratio', 'ratio', listEnc / listPlain);

const filterEnc = listMedian(enc, { status: 'active', nameFilter: 'okaf' }, 50);
const filterPlain = listMedian(pln, { status: 'active', nameFilter: 'okaf' }, 50);
record('clients.filter_ms', 'ms', filterEnc);
record('clients.filter_plain_ms', 'ms', filterPlain);
record('clients.filter_ratio', 'ratio', filterEnc / filterPlain);

// The client overview for the largest client (60 sessions, 30 people), encrypted and plain.
function largeClientMedians(db: Db): { overview: number; chart: number; sessionOpen: number; autosave: number } {
  const repos = createRepositories(db, randomBytes(32));
  const clientId = seedLargeClient(repos);
  const runs = (fn: () => unknown) => {
    for (let i = 0; i < 5; i++) fn();
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) samples.push(time(fn));
    return median(samples);
  };
  const course = repos.courses.currentFor(clientId)!;
  const sessionId = repos.sessions.rowsForCourse(course.id).at(-1)!.id;
  let n = 0;
  return {
    sessionOpen: runs(() => repos.notes.get(sessionId)),
    // One draft save as the editor makes it: a changed field, committed with synchronous=FULL.
    autosave: runs(() => repos.notes.saveDraft(sessionId, noteFieldsSchema.parse({ intervalMood: `Draft text, revision ${n++}`, workDone: 'Worked through the argument about the weekend plans.' }))),
    overview: runs(() => clientOverview(repos, clientId)),
    chart: runs(() => {
      repos.measures.chartData(clientId);
      repos.measures.summary(clientId, repos.courses.currentFor(clientId)!.id);
    }),
  };
}
const largeEnc = largeClientMedians(enc);
const largePlain = largeClientMedians(pln);
const overviewEnc = largeEnc.overview;
const overviewPlain = largePlain.overview;
record('measures.chart_data_ms', 'ms', largeEnc.chart);
record('measures.chart_data_plain_ms', 'ms', largePlain.chart);
record('measures.chart_data_ratio', 'ratio', largeEnc.chart / largePlain.chart);
record('session.open_ms', 'ms', largeEnc.sessionOpen);
record('session.open_plain_ms', 'ms', largePlain.sessionOpen);
record('session.open_ratio', 'ratio', largeEnc.sessionOpen / largePlain.sessionOpen);
record('session.autosave_ms', 'ms', largeEnc.autosave);
record('session.autosave_plain_ms', 'ms', largePlain.autosave);
record('session.autosave_ratio', 'ratio', largeEnc.autosave / largePlain.autosave);
record('client.overview_ms', 'ms', overviewEnc);
record('client.overview_plain_ms', 'ms', overviewPlain);
record('client.overview_ratio', 'ratio', overviewEnc / overviewPlain);

// Full-text search over seeded notes (200-600 words each), a fixed mix of 200 queries.
const SEARCH_CLIENTS = 300;
const NOTES_PER_CLIENT = 15;
function seedNotes(db: Db): void {
  const repos = createRepositories(db, randomBytes(32));
  const vocab = vocabulary();
  const random = prng(4242);
  db.transaction(() => {
    for (let c = 0; c < SEARCH_CLIENTS; c++) {
      const client = repos.clients.create(clientFields(random, 100_000 + c));
      const course = repos.courses.create({ clientId: client.id, type: 'acute', parentCourseId: null, contract: { startDate: '2024-01-01', plannedSessions: 16, frequency: 'weekly', sessionMinutes: 50, agreedFocus: '', plannedEndDateOverride: '', outOfRangeReason: '', initialSessions: 3, terminationSessions: 3, endingPromptAt: 3 } });
      for (let s = 0; s < NOTES_PER_CLIENT; s++) {
        const date = new Date(Date.UTC(2024, 0, 1 + s * 7 + (c % 300))).toISOString().slice(0, 10);
        const sessionId = repos.sessions.create({ courseId: course.id, date, time: '10:00', durationMinutes: 50, attendance: 'attended' });
        repos.notes.saveDraft(sessionId, {
          focusArea: 'role_dispute', intervalMood: paragraph(vocab, random, 40, 120), intervalEvents: paragraph(vocab, random, 40, 120), moodEventLink: paragraph(vocab, random, 20, 60),
          affectObserved: paragraph(vocab, random, 10, 30), riskCheck: 'none', workDone: paragraph(vocab, random, 60, 200), clientResponse: paragraph(vocab, random, 20, 60),
          planNext: paragraph(vocab, random, 10, 30), task: '', taskReview: 'unset', taskReviewNote: '',
        });
      }
    }
  })();
}
function searchTimes(db: Db): { p50: number; p95: number } {
  const repos = createRepositories(db, randomBytes(32));
  const queries = queryMix(vocabulary());
  for (const text of queries.slice(0, 20)) repos.search.query({ text, clientId: null, from: '', to: '', templateId: '', includeProcessNotes: false, limit: 50 });
  const samples = queries.map((text) => time(() => repos.search.query({ text, clientId: null, from: '', to: '', templateId: '', includeProcessNotes: false, limit: 50 })));
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p95: samples[Math.floor(samples.length * 0.95)]! };
}
seedNotes(enc);
seedNotes(pln);
const searchEnc = searchTimes(enc);
const searchPlain = searchTimes(pln);
record('search.notes_indexed', 'count', SEARCH_CLIENTS * NOTES_PER_CLIENT);
record('search.p50_ms', 'ms', searchEnc.p50);
record('search.p95_ms', 'ms', searchEnc.p95);
record('search.p50_plain_ms', 'ms', searchPlain.p50);
record('search.p95_plain_ms', 'ms', searchPlain.p95);
record('search.p95_ratio', 'ratio', searchEnc.p95 / searchPlain.p95);

// Documents: one progress letter with its chart (DOCX), and the referral packet of a 40-session
// course (letter DOCX and PDF, record summary PDF, FHIR bundle, AES zip, built in a worker).
{
  const { DocumentService } = await import('../electron/main/services/documents/document-service.ts');
  const { HostDocumentPlatform } = await import('../electron/host/host-documents.ts');
  const { buildLetterDocx } = await import('../electron/main/services/documents/docx-letter.ts');
  const { gatherRecord } = await import('../electron/main/services/documents/record-data.ts');
  const repos = createRepositories(enc, randomBytes(32));
  repos.profile.save({ practiceName: 'Bench Practice', address: '1 Street', phone: '', email: '', clinicianName: 'Dr Bench', credentials: 'DClinPsy', registrationNumber: '', signOff: 'With best wishes', paperSize: 'A4', signatureImage: null, logo: null });
  const clientId = seedLargeClient(repos, 40);
  const platform = new HostDocumentPlatform(join(workDir, 'exports'));
  const docs = new DocumentService(repos, platform, 'bench');
  const letterSamples: number[] = [];
  for (let i = 0; i < 7; i++) {
    letterSamples.push(await timeAsync(async () => {
      const draft = docs.draft({ clientId, kind: 'progress', includeProcessNotes: false, authorisationId: null });
      const data = gatherRecord(repos, clientId);
      const { svgToPng } = await import('../electron/main/services/render/rasterise.ts');
      const { measureChartSvg } = await import('../shared/ipt/measure-chart.ts');
      const complete = data.administrations.filter((a) => a.complete);
      const chartPng = await svgToPng(measureChartSvg({ points: complete.map((a) => ({ instrumentId: a.instrumentId, date: a.administeredAt.slice(0, 10), total: a.total! })), sessions: [], events: [] }), 1520);
      await buildLetterDocx(draft, data, { chartPng, circlePng: null });
    }));
  }
  record('docs.letter_ms', 'ms', median(letterSamples.slice(2)));
  const course = repos.courses.currentFor(clientId)!;
  const sessionsInCourse = repos.sessions.rowsForCourse(course.id).slice(0, 40).map((r) => r.id);
  const packetSamples: number[] = [];
  for (let i = 0; i < 4; i++) {
    packetSamples.push(await timeAsync(() => docs.exportPacket({ clientId, courseIds: [course.id], sessionIds: sessionsInCourse, includeMeasures: true, includeLetter: true, recipient: { name: 'Dr Receiver', practice: '', address: '', isGp: false }, includeProcessNotes: false, authorisationId: null, zipPassphrase: 'BENCH-PASS-PHRA-SEXX' })));
  }
  record('docs.referral_packet_ms', 'ms', median(packetSamples.slice(1)));
  await platform.close();
}

// The memory figure covers the work above; the backup block below seeds a second vault in the
// same process, which would only measure the seeding.
const peakBeforeBackupBlock = peakRssBytes();

// Responsiveness during a backup: the worst round trip of a contract call (dispatch, validation,
// handler, output check) made every 10 ms while a backup of a sizeable vault runs in its worker.
{
  const { AppServices } = await import('../electron/main/services/app-services.ts');
  const { createConfStore } = await import('../electron/main/services/platform/conf-store.ts');
  const { productionKdfPolicy } = await import('../electron/main/services/keys/kdf-policy.ts');
  const dir = join(workDir, 'backup-vault');
  mkdirSync(join(dir, 'backups'), { recursive: true });
  const services = new AppServices({ dataDir: dir, kdfPolicy: productionKdfPolicy(), preferences: createConfStore(dir) });
  const begun = await services.call('vault.beginCreate', {});
  if (!begun.ok) throw new Error(begun.error.code);
  await services.call('vault.create', { passphrase: 'bench passphrase with some words', recoveryKeyTypedBack: begun.value.recoveryKey });
  const repos = services.session();
  for (let i = 0; i < 25; i++) seedLargeClient(repos, 100 + i);
  services.settings.update({ backupFolder: join(dir, 'backups') });
  const pings: number[] = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      pings.push(await timeAsync(() => services.call('clients.list', { status: 'all' })));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const backupMs = await timeAsync(() => services.call('backups.run', {}));
  running = false;
  await pinger;
  record('backup.run_ms', 'ms', backupMs);
  const newest = services.backups.list()[0];
  if (newest) {
    const verifyMs = await timeAsync(() => services.call('backups.verify', { name: newest.name, passphrase: 'bench passphrase with some words' }));
    record('backup.verify_ms', 'ms', verifyMs);
  }
  record('main.ping_during_backup_ms', 'ms', Math.max(...pings));
  record('main.pings_during_backup', 'count', pings.length);
  services.close();
}

enc.pragma('wal_checkpoint(TRUNCATE)');
record('vault.size_2000_clients_mb', 'MB', statSync(encryptedPath).size / 1024 / 1024);
enc.close();
pln.close();

record('mem.peak_rss_mb', 'MB', peakBeforeBackupBlock / 1024 / 1024);

const resultsDir = resolve(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
const machine = { node: process.versions.node, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3) };
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(metrics, null, 2)}\n`);
writeFileSync(join(resultsDir, 'machine.json'), `${JSON.stringify({ at: new Date().toISOString(), ...machine }, null, 2)}\n`);
process.stdout.write(`\nWrote bench/results/latest.json (${metrics.length} figures) on ${machine.cpus} cores, Node ${machine.node}.\n`);
import('node:fs').then(({ rmSync }) => rmSync(workDir, { recursive: true, force: true }));
