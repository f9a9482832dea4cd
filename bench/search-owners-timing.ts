/**
 * By hand, not a test: `node bench/search-owners-timing.ts`. Builds an encrypted vault of 200
 * clients x 20 sessions (4,000 notes, 4,000 process notes) through the repositories and times a
 * fixed query mix through SearchIndex.query, with and without process notes, plus the per-client
 * audit filter and a client deletion. Prints medians and p95 in ms.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditTrail } from '../electron/main/domain/audit-scope.ts';
import { createRepositories } from '../electron/main/data/repositories.ts';
import { openEncryptedDatabase } from '../electron/main/data/vault/database.ts';
import { migrate } from '../electron/main/data/vault/migrate.ts';
import { clientInputSchema } from '../shared/schemas/client.ts';
import { noteFieldsSchema } from '../shared/schemas/note.ts';

const WORDS = ['weekend', 'argument', 'mother', 'grief', 'transition', 'work', 'sleep', 'friend', 'role', 'dispute', 'loneliness', 'anger', 'walk', 'phone', 'holiday', 'funeral', 'promotion', 'sister', 'partner', 'move'];
let s = 7;
const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');

// The built vault is kept (fixed key) so later runs of other code time the same rows.
const cache = join(tmpdir(), 'ipt-own-timing-cache');
const KEY = 'ab'.repeat(32);
const fresh = !existsSync(join(cache, 'vault.db'));
if (fresh) mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'ipt-own-timing-'));
if (!fresh) cpSync(join(cache, 'vault.db'), join(dir, 'vault.db'));
const db = openEncryptedDatabase(join(dir, 'vault.db'), KEY);
migrate(db);
const repos = createRepositories(db, Buffer.from(KEY, 'hex'));
const clientIds: string[] = fresh ? [] : repos.clients.list({ status: 'all' }).map((c) => c.id);
const started = performance.now();
if (fresh) db.pragma('synchronous = OFF');
for (let c = 0; fresh && c < 200; c++) {
  const client = repos.clients.create(clientInputSchema.parse({ fullName: `Client ${c} ${pick()}`, dateOfBirth: '1980-01-01' }));
  clientIds.push(client.id);
  const course = repos.courses.create({ clientId: client.id, type: 'acute', parentCourseId: null, contract: { startDate: '2020-01-06', plannedSessions: 20, frequency: 'weekly', sessionMinutes: 50, agreedFocus: '', plannedEndDateOverride: '', outOfRangeReason: '', initialSessions: 3, terminationSessions: 3, endingPromptAt: 3 } });
  for (let i = 0; i < 20; i++) {
    const day = new Date(Date.UTC(2020, 0, 6 + i * 7 + c)).toISOString().slice(0, 10);
    const sessionId = repos.sessions.create({ courseId: course.id, date: day, time: '', durationMinutes: 50, attendance: 'attended' });
    repos.notes.saveDraft(sessionId, noteFieldsSchema.parse({ intervalMood: sentence(12), workDone: sentence(40) }));
    repos.notes.saveProcessNote(sessionId, sentence(30));
  }
}
if (fresh) {
  db.pragma('wal_checkpoint(TRUNCATE)');
  cpSync(join(dir, 'vault.db'), join(cache, 'vault.db'));
}
console.log(`built in ${Math.round(performance.now() - started)} ms`);

const queries = [...WORDS, ...WORDS.map((w) => w.slice(0, 3)), ...WORDS.slice(0, 10).map((w, i) => `"${w} ${WORDS[(i + 1) % WORDS.length]}"`), 'client', 'nomatchword'];
function times(label: string, fn: (q: string) => unknown, rounds = 5): void {
  for (const q of queries) fn(q);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of queries) {
    const t = performance.now();
    fn(q);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(28)} p50 ${samples[Math.floor(samples.length * 0.5)]!.toFixed(3)} ms  p95 ${samples[Math.floor(samples.length * 0.95)]!.toFixed(3)} ms`);
}
const base = { clientId: null, from: '', to: '', templateId: '', limit: 50 } as const;
times('search', (text) => repos.search.query({ ...base, text, includeProcessNotes: false }));
times('search+process', (text) => repos.search.query({ ...base, text, includeProcessNotes: true }));
times('search one client+process', (text) => repos.search.query({ ...base, clientId: clientIds[3]!, text, includeProcessNotes: true }));
times('audit per client', () => auditTrail(repos, { clientId: clientIds[5]!, type: '', limit: 200 }), 3);
const t = performance.now();
for (const id of clientIds.slice(0, 20)) repos.retention.delete(id);
console.log(`delete 20 clients           ${((performance.now() - t) / 20).toFixed(2)} ms each`);
db.close();
rmSync(dir, { recursive: true, force: true });
