/**
 * `npm run docs:check`: makes sample letters and worksheets with the real document code,
 * converts them with LibreOffice (soffice --headless --convert-to pdf) and checks the text
 * LibreOffice rendered. Outside `npm test` because it needs LibreOffice
 * (apt-get install libreoffice-writer-nogui) and poppler-utils (pdftotext).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostDocumentPlatform } from '../electron/host/host-documents.ts';
import { createRepositories } from '../electron/main/data/repositories.ts';
import { DocumentService } from '../electron/main/domain/documents/document-service.ts';
import { applyConnectionPragmas, openEncryptedDatabase } from '../electron/main/data/vault/database.ts';
import { migrate } from '../electron/main/data/vault/migrate.ts';
import { seedLargeClient } from '../bench/large-client.ts';

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

if (!have('soffice') || !have('pdftotext')) {
  console.error('docs:check needs LibreOffice and pdftotext: apt-get install libreoffice-writer-nogui poppler-utils');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'ipt-docs-check-'));
const out = join(work, 'out');
mkdirSync(out);
const db = openEncryptedDatabase(join(work, 'vault.db'), randomBytes(32).toString('hex'));
applyConnectionPragmas(db);
migrate(db);
const repos = createRepositories(db, randomBytes(32));
repos.profile.save({ practiceName: 'Riverside IPT Practice', address: '12 Mill Lane\nOxford', phone: '01865 000000', email: 'hello@riverside.example', clinicianName: 'Dr Rowan Ellis', credentials: 'DClinPsy', registrationNumber: 'PYL01234', signOff: 'With best wishes', paperSize: 'A4', signatureImage: null, logo: null, crisisLines: [] });
const clientId = seedLargeClient(repos);
const client = repos.clients.get(clientId);
repos.clients.update(clientId, client.updatedAt, { ...client.fields, gpConsent: 'yes', gpConsentDate: '2025-01-06', referrer: { name: 'Dr Okafor', practice: 'Riverside Surgery', address: '2 River Road', email: '' } });
const platform = new HostDocumentPlatform(out);
const docs = new DocumentService(repos, platform, 'docs-check');

const checks: { file: string; expect: string[] }[] = [];
const summary = repos.measures.summary(clientId, repos.courses.currentFor(clientId)!.id);
for (const kind of ['assessment', 'progress', 'end_of_treatment'] as const) {
  const draft = docs.draft({ clientId, kind, includeProcessNotes: false, authorisationId: null, includeSafetyPlan: false });
  draft.sections = draft.sections.map((s) => ({ ...s, included: true }));
  const result = await docs.exportLetter(draft, '');
  checks.push({
    file: result.fileName,
    expect: ['Riverside IPT Practice', 'Re: ', 'Dear Dr Okafor', 'Outcome measures', `${summary.phq9!.first.total} (${summary.phq9!.first.band})`, `${summary.phq9!.latest.total} (${summary.phq9!.latest.band})`, 'Confidential', 'Page 1 of', 'Dr Rowan Ellis'],
  });
}
for (const kind of ['phq9', 'gad7'] as const) {
  const result = await docs.worksheet({ kind, templateId: '', format: 'docx' });
  checks.push({ file: result.fileName, expect: ['Over the last 2 weeks', 'Developed by Drs. Robert L. Spitzer'] });
}
const ca = await docs.worksheet({ kind: 'template', templateId: 'communication-analysis', format: 'docx' });
checks.push({ file: ca.fileName, expect: ['Communication analysis', 'The exchange, turn by turn'] });
await platform.close();
db.close();

let failures = 0;
for (const check of checks) {
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, join(out, check.file)], { stdio: 'ignore', env: { ...process.env, HOME: work } });
  const pdf = join(out, check.file.replace(/\.docx$/, '.pdf'));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = (execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/) ?? [])[1];
  const missing = check.expect.filter((s) => !text.includes(s.replace(/\s+/g, ' ')));
  if (missing.length) failures++;
  console.log(`${missing.length ? 'FAIL' : 'ok  '} ${check.file}: ${pages} page(s), ${text.length} characters${missing.length ? `; missing ${JSON.stringify(missing)}` : ''}`);
}
console.log(`docs:check: ${checks.length} documents converted by LibreOffice, ${checks.length - failures} passed, ${failures} failed (${readdirSync(out).length} files in ${out})`);
if (process.env["IPT_DOCS_KEEP"]) console.log(`kept in ${out}`);
else rmSync(work, { recursive: true, force: true });
process.exit(failures ? 1 : 0);
