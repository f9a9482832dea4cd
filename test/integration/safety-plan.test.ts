import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { exportRecordSchema } from '../../shared/schemas/export.ts';
import { SAFETY_PLAN_HEADINGS, SAFETY_PLAN_SECTIONS } from '../../shared/schemas/safety-plan.ts';
import { pdfPages, readZip } from '../support/readers.ts';
import { tempDir } from '../support/temp.ts';
import { code, expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

const dir = tempDir('ipt-safety-');
const output = join(dir.path, 'exports');
const platform = new HostDocumentPlatform(output);
const services = createApp({
  dataDir: join(dir.path, 'data'),
  kdfPolicy: testKdfPolicy(),
  preferences: createConfStore(join(dir.path, 'data')),
  platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: platform },
});

const DIAGNOSIS = 'Recurrent depressive disorder';
let clientId: string;
let otherClientId: string;
let courseId: string;
let sisterId: string;
let riskId: string;
let otherRiskId: string;
let phqTotal: number;

const plan = (overrides: Record<string, unknown> = {}) => ({
  warningSigns: [{ text: 'Lying awake going over the argument' }, { text: 'Cancelling plans with friends' }],
  copingOnMyOwn: [{ text: 'Walk the dog by the river' }],
  distractions: [{ personId: null, name: 'The allotment', phone: '' }],
  askForHelp: [] as { personId: string | null; name: string; phone: string }[],
  professionals: [{ name: 'Out-of-hours line', phone: '0800 000 111' }],
  saferSurroundings: [{ text: 'Tablets kept by my sister' }],
  reasonsForLiving: [{ text: 'Seeing my niece grow up' }],
  ...overrides,
});


beforeAll(async () => {
  mkdirSync(join(dir.path, 'data'), { recursive: true });
  const begun = expectOk(await services.call('vault.beginCreate', {}));
  expectOk(await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
  expectOk(await services.call('profile.save', { practiceName: 'Harbour IPT', clinicianName: 'Dr Ada Quinn', phone: '01234 567890', crisisLines: [{ name: 'Local crisis team', phone: '01234 999000' }] }));
  clientId = expectOk(await services.call('clients.create', { fields: { fullName: 'Mira Solberg', preferredName: 'Mira', dateOfBirth: '1990-02-03' } })).id;
  otherClientId = expectOk(await services.call('clients.create', { fields: { fullName: 'Other Person', dateOfBirth: '1970-01-01' } })).id;
  const course = expectOk(await services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } }));
  courseId = course.id;
  expectOk(await services.call('courses.update', { id: courseId, expectedUpdatedAt: course.updatedAt, checklist: { diagnosis: DIAGNOSIS, diagnosisCode: { system: 'ICD-10', code: 'F33.1' } } }));
  sisterId = expectOk(await services.call('people.create', { clientId, fields: { name: 'Ingrid', relationship: 'sibling' } })).id;
  const phq = expectOk(await services.call('measures.administer', { clientId, instrumentId: 'phq9', answers: [3, 3, 2, 2, 2, 2, 2, 1, 2] }));
  phqTotal = phq.total!;
  riskId = expectOk(await services.call('risks.list', { clientId }))[0]!.id;
  expectOk(await services.call('measures.administer', { clientId: otherClientId, instrumentId: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] }));
  otherRiskId = expectOk(await services.call('risks.list', { clientId: otherClientId }))[0]!.id;
}, 60_000);

afterAll(async () => {
  services.close();
  await platform.close();
  dir.remove();
});

describe('safety plan revisions', () => {
  it('starts with no plan, and refuses one without warning signs or with a nameless contact, saying where', async () => {
    expect(expectOk(await services.call('safetyPlan.get', { clientId }))).toBeNull();
    const empty = await services.call('safetyPlan.save', { clientId, content: plan({ warningSigns: [] }), basedOn: null });
    expect(code(empty)).toBe('VALIDATION_FAILED');
    if (!empty.ok) expect(empty.error.fields?.['content.warningSigns']).toBe('Write at least one warning sign: they say when to use the plan.');
    const nameless = await services.call('safetyPlan.save', { clientId, content: plan({ askForHelp: [{ personId: null, name: '', phone: '07700 900123' }] }), basedOn: null });
    expect(code(nameless)).toBe('VALIDATION_FAILED');
    if (!nameless.ok) expect(nameless.error.fields?.['content.askForHelp.0.name']).toBe('Choose someone from the inventory or write a name.');
    const blankLine = await services.call('safetyPlan.save', { clientId, content: plan({ copingOnMyOwn: [{ text: '   ' }] }), basedOn: null });
    if (!blankLine.ok) expect(blankLine.error.fields?.['content.copingOnMyOwn.0.text']).toBe('Write something here, or remove this line.');
    expect(code(blankLine)).toBe('VALIDATION_FAILED');
    // Nothing was written by any of them.
    expect(expectOk(await services.call('safetyPlan.revisions', { clientId }))).toEqual([]);
  });

  it('saves a first plan linked to the open item-9 risk, refuses another client’s risk, and keeps every revision as written', async () => {
    const foreign = await services.call('safetyPlan.save', { clientId, content: plan(), riskIds: [otherRiskId], basedOn: null });
    expect(code(foreign)).toBe('VALIDATION_FAILED');
    if (!foreign.ok) expect(foreign.error.fields?.riskIds).toBe('That risk record is not one of this client’s.');

    const first = expectOk(await services.call('safetyPlan.save', { clientId, content: plan({ askForHelp: [{ personId: sisterId, name: 'Ingrid', phone: '07700 900123' }] }), riskIds: [riskId], basedOn: null }));
    expect(first).toMatchObject({ clientId, revision: 1, riskIds: [riskId] });
    expect(first.content.askForHelp).toEqual([{ personId: sisterId, name: 'Ingrid', phone: '07700 900123' }]);

    // A second save from the same starting point is refused: someone saved in between.
    expect(code(await services.call('safetyPlan.save', { clientId, content: plan(), basedOn: null }))).toBe('CONFLICT');

    const second = expectOk(await services.call('safetyPlan.save', { clientId, content: plan({ askForHelp: [{ personId: sisterId, name: 'Ingrid', phone: '07700 900123' }], reasonsForLiving: [{ text: 'Seeing my niece grow up' }, { text: 'Finishing my degree' }] }), basedOn: 1 }));
    expect(second.revision).toBe(2);
    expect(second.riskIds).toEqual([]);
    expect(second.createdAt > first.createdAt).toBe(true);

    expect(expectOk(await services.call('safetyPlan.get', { clientId }))).toEqual(second);
    const all = expectOk(await services.call('safetyPlan.revisions', { clientId }));
    expect(all.map((r) => r.revision)).toEqual([2, 1]);
    expect(all[1]).toEqual(first);
    expect(all[1]!.content.reasonsForLiving).toEqual([{ text: 'Seeing my niece grow up' }]);
    // The other client has no plan: plans are per client.
    expect(expectOk(await services.call('safetyPlan.revisions', { clientId: otherClientId }))).toEqual([]);
  });

  it('audits every revision with opaque ids and counts only', async () => {
    const rows = expectOk(await services.call('audit.list', { clientId: null, type: 'safety_plan.revised' }));
    const revisions = expectOk(await services.call('safetyPlan.revisions', { clientId }));
    expect(rows.map((r) => r.recordId).sort()).toEqual(revisions.map((r) => r.id).sort());
    expect(rows.map((r) => r.detail)).toEqual(expect.arrayContaining([{ revision: 1, risks: 1 }, { revision: 2, risks: 0 }]));
  });
});

describe('the client’s copy', () => {
  let text: string;
  let pages: string[];
  beforeAll(async () => {
    // Renamed after the plan was saved: the print names people as they are now.
    const sister = expectOk(await services.call('people.list', { clientId })).find((p) => p.id === sisterId)!;
    expectOk(await services.call('people.update', { id: sisterId, expectedUpdatedAt: sister.updatedAt, fields: { ...sister.fields, name: 'Ingrid Solberg' } }));
    const printed = expectOk(await services.call('safetyPlan.print', { clientId }));
    expect(printed.saved).toBe(true);
    pages = await pdfPages(new Uint8Array(readFileSync(join(output, printed.fileName))));
    text = pages.join(' ');
  }, 60_000);

  it('is one page with every section, in the client’s words, people named at print time', () => {
    expect(pages).toHaveLength(1);
    expect(text).toContain('My safety plan');
    // pdf.js splits ligatures ("o ff"), so headings are compared without spaces.
    const squashed = text.replace(/\s+/g, '');
    SAFETY_PLAN_SECTIONS.forEach((key, i) => expect(squashed).toContain(`${i + 1}.${SAFETY_PLAN_HEADINGS[key]}`.replace(/\s+/g, '')));
    for (const words of ['Lying awake going over the argument', 'Walk the dog by the river', 'The allotment', 'Ingrid Solberg: 07700 900123', 'Out-of-hours line: 0800 000 111', 'Tablets kept by my sister', 'Finishing my degree']) expect(text).toContain(words);
    expect(text).toContain('version 2');
  });

  it('holds no diagnosis, no score and no questionnaire', () => {
    expect(text).not.toContain(DIAGNOSIS);
    expect(text).not.toContain('F33');
    expect(text).not.toMatch(/PHQ|GAD|score|diagnos/i);
    expect(text).not.toMatch(new RegExp(`\\b${phqTotal}\\b`));
    expect(text).not.toContain('1990');
  });

  it('prints an earlier revision on request, and says so when there is none', async () => {
    const printed = expectOk(await services.call('safetyPlan.print', { clientId, revision: 1 }));
    const first = (await pdfPages(new Uint8Array(readFileSync(join(output, printed.fileName))))).join(' ');
    expect(first).toContain('version 1');
    expect(first).not.toContain('Finishing my degree');
    const none = await services.call('safetyPlan.print', { clientId: otherClientId });
    expect(code(none)).toBe('NOT_FOUND');
    if (!none.ok) expect(none.error.message).toBe('There is no safety plan to print yet. Save one first.');
    expect(expectOk(await services.call('audit.list', { clientId: null, type: 'safety_plan.printed' }))).toHaveLength(2);
  }, 60_000);
});

describe('the plan in letters, the referral packet and the full export', () => {
  it('appears in the letter’s risk section only when included', async () => {
    const without = expectOk(await services.call('letters.draft', { clientId, kind: 'progress' }));
    expect(without.sections.find((s) => s.id === 'risk')!.text).not.toContain('safety plan');
    const withPlan = expectOk(await services.call('letters.draft', { clientId, kind: 'progress', includeSafetyPlan: true }));
    const risk = withPlan.sections.find((s) => s.id === 'risk')!.text;
    expect(risk).toContain('Mira and I made a safety plan together; the current version (2)');
    expect(risk).toContain(`${SAFETY_PLAN_HEADINGS.askForHelp}: Ingrid Solberg: 07700 900123.`);
    expect(risk).toContain('Finishing my degree');
  });

  it('travels in the referral packet as the client’s copy in PDF, unless left out', async () => {
    const selection = { clientId, courseIds: [courseId], includeLetter: false, recipient: { name: 'Dr Mensah', practice: '', address: '', isGp: false } };
    const preview = expectOk(await services.call('packet.preview', selection));
    expect(preview.files.map((f) => f.name)).toContain('safety-plan.pdf');
    const files = await readZip(new Uint8Array(readFileSync(join(output, expectOk(await services.call('packet.export', selection)).fileName))));
    expect((await pdfPages(files['safety-plan.pdf']!)).join(' ')).toContain('Seeing my niece grow up');
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: { name: string }[] };
    expect(manifest.files.map((f) => f.name)).toContain('safety-plan.pdf');
    const without = expectOk(await services.call('packet.preview', { ...selection, includeSafetyPlan: false }));
    expect(without.files.map((f) => f.name)).not.toContain('safety-plan.pdf');
  }, 60_000);

  it('is in the full export’s record.json, every revision', async () => {
    const exported = expectOk(await services.call('export.full', { zipPassphrase: '' }));
    const files = await readZip(new Uint8Array(readFileSync(join(output, exported.fileName))));
    const records = Object.entries(files)
      .filter(([name]) => name.endsWith('/record.json'))
      .map(([, bytes]) => exportRecordSchema.parse(JSON.parse(new TextDecoder().decode(bytes))));
    const mira = records.find((r) => r.client.id === clientId)!;
    expect(mira.safetyPlans.map((p) => p.revision)).toEqual([2, 1]);
    expect(mira.safetyPlans[1]!.riskIds).toEqual([riskId]);
  }, 60_000);
});
