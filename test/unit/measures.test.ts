import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CLIENT_MODE_CHANNELS } from '../../shared/contract.ts';
import { code, expectOk, TEST_PASSPHRASE, unlockedVault } from '../support/vault-fixture.ts';

type Fixture = Awaited<ReturnType<typeof unlockedVault>>;


describe('measure administrations', () => {
  let f: Fixture;
  let clientId: string;
  let courseId: string;
  const sessions: string[] = [];
  beforeAll(async () => {
    f = await unlockedVault();
    clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Measured Person', dateOfBirth: '1980-01-01' } })).id;
    courseId = expectOk(await f.services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } })).id;
    for (let i = 0; i < 5; i++) sessions.push(expectOk(await f.services.call('sessions.create', { courseId, date: new Date(Date.UTC(2026, 0, 5 + i * 7)).toISOString().slice(0, 10), attendance: 'attended' })).id);
  });
  afterAll(() => f.cleanup());

  it('stores answers, total, band, version, language, who administered and the session; difficulty never in the total', async () => {
    const a = expectOk(await f.services.call('measures.administer', { clientId, sessionId: sessions[0]!, instrumentId: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 2, 0], difficulty: 3 }));
    expect(a).toMatchObject({ total: 16, band: 'moderately severe', complete: true, difficulty: 3, instrumentVersion: 1, language: 'en', administeredBy: 'therapist', courseId, sessionId: sessions[0] });
    const incomplete = expectOk(await f.services.call('measures.administer', { clientId, sessionId: sessions[0]!, instrumentId: 'gad7', answers: [1, null, 1, 1, 1, 1, 1] }));
    expect(incomplete).toMatchObject({ complete: false, total: null, band: null });
  });

  it('refuses a PHQ-9 with question 9 unanswered, and the wrong number of answers', async () => {
    const skipped = await f.services.call('measures.administer', { clientId, instrumentId: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, null] });
    expect(code(skipped)).toBe('VALIDATION_FAILED');
    if (!skipped.ok) expect(skipped.error.fields?.['answers.8']).toBe('Question 9 must be answered.');
    expect(code(await f.services.call('measures.administer', { clientId, instrumentId: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }))).toBe('VALIDATION_FAILED');
    expect(code(await f.services.call('measures.administer', { clientId, instrumentId: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 4, 0] as never }))).toBe('VALIDATION_FAILED');
  });

  it('opens a risk record for every non-zero item 9, until an assessment is recorded', async () => {
    for (const value of [1, 2, 3] as const) {
      const other = expectOk(await f.services.call('clients.create', { fields: { fullName: `Risk ${value}`, dateOfBirth: '1980-01-01' } })).id;
      expectOk(await f.services.call('measures.administer', { clientId: other, instrumentId: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, value] }));
      const risks = expectOk(await f.services.call('risks.list', { clientId: other }));
      expect(risks.map((r) => r.source)).toEqual(['phq9_item9']);
      expectOk(await f.services.call('risks.assess', { id: risks[0]!.id, assessment: 'Assessed; safety plan agreed.' }));
      expect(expectOk(await f.services.call('risks.list', { clientId: other }))).toEqual([]);
    }
    const zero = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Risk 0', dateOfBirth: '1980-01-01' } })).id;
    expectOk(await f.services.call('measures.administer', { clientId: zero, instrumentId: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 0] }));
    expect(expectOk(await f.services.call('risks.list', { clientId: zero }))).toEqual([]);
    expect(expectOk(await f.services.call('clients.overview', { id: zero })).client.id).toBe(zero);
  });

  it('summarises first and latest, with verdicts only once their settings exist', async () => {
    expectOk(await f.services.call('measures.administer', { clientId, sessionId: sessions[0]!, instrumentId: 'gad7', answers: [2, 2, 2, 2, 2, 1, 1] }));
    expectOk(await f.services.call('measures.administer', { clientId, sessionId: sessions[4]!, instrumentId: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 0, 0] }));
    expectOk(await f.services.call('measures.administer', { clientId, sessionId: sessions[4]!, instrumentId: 'gad7', answers: [1, 1, 1, 0, 0, 0, 0] }));
    let summary = expectOk(await f.services.call('measures.summary', { clientId, courseId }));
    expect(summary.phq9).toMatchObject({ difference: -9, reliableChange: null });
    expect([summary.phq9!.first.total, summary.phq9!.latest.total]).toEqual([16, 7]);
    expect([summary.gad7!.first.total, summary.gad7!.latest.total]).toEqual([12, 3]);
    expect(summary.nhs).toBeNull();
    expect(code(await f.services.call('measures.saveSettings', { phq9: { sd: 5, reliability: 1.2, source: 'x' } }))).toBe('VALIDATION_FAILED');
    expectOk(await f.services.call('measures.saveSettings', { phq9: { sd: 5, reliability: 0.89, source: 'Clinic sample 2025' }, nhsRules: { enabled: true, variant: 'or' } }));
    summary = expectOk(await f.services.call('measures.summary', { clientId, courseId }));
    expect(summary.phq9!.reliableChange).toMatchObject({ verdict: 'reliable improvement' });
    expect(summary.gad7!.reliableChange).toBeNull();
    expect(summary.nhs).toMatchObject({ reliableImprovement: true, recovery: true, reliableRecovery: true });
  });

  it('reminds when a measure is due by the course schedule', async () => {
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Scheduled', dateOfBirth: '1980-01-01' } })).id;
    const k = expectOk(await f.services.call('courses.create', { clientId: c, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } })).id;
    expectOk(await f.services.call('measures.setSchedule', { courseId: k, every: 4 }));
    const s1 = expectOk(await f.services.call('sessions.create', { courseId: k, date: '2026-01-05', attendance: 'attended' })).id;
    expect(expectOk(await f.services.call('measures.summary', { clientId: c, courseId: k })).due).toBe(true);
    expectOk(await f.services.call('measures.administer', { clientId: c, sessionId: s1, instrumentId: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] }));
    for (const d of ['2026-01-12', '2026-01-19']) expectOk(await f.services.call('sessions.create', { courseId: k, date: d, attendance: 'attended' }));
    expect(expectOk(await f.services.call('measures.summary', { clientId: c, courseId: k }))).toMatchObject({ due: false, every: 4 });
    expectOk(await f.services.call('sessions.create', { courseId: k, date: '2026-01-26', attendance: 'attended' }));
    expect(expectOk(await f.services.call('measures.summary', { clientId: c, courseId: k })).due).toBe(true);
  });
});

describe('client mode', () => {
  it('refuses every channel but the questionnaire, lock and unlock; the client sees no alert; the therapist does on leaving', async () => {
    const f = await unlockedVault();
    const clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Client Mode', dateOfBirth: '1980-01-01' } })).id;
    const view = expectOk(await f.services.call('clientMode.start', { clientId, instruments: ['phq9'] }));
    expect(view).toMatchObject({ active: true, instruments: ['phq9'], submitted: false });
    expect(JSON.stringify(view)).not.toContain('Client Mode');
    expect(expectOk(await f.services.call('vault.status', {})).clientMode).toBe(true);

    // Every other channel is refused.
    expect(code(await f.services.call('clients.list', {}))).toBe('CLIENT_MODE');
    for (const name of CHANNEL_NAMES.filter((n) => !CLIENT_MODE_CHANNELS.includes(n))) {
      expect(code(await f.services.dispatch(name, {})), name).toBe('CLIENT_MODE');
    }

    // Answers survive an auto-lock in the middle.
    expectOk(await f.services.call('clientMode.saveDraft', { answers: { phq9: [1, 2, 1, 1, 0, 1, 1, 0, null] }, difficulty: { phq9: 1 } }));
    expectOk(await f.services.call('vault.lock', {}));
    expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    const resumed = expectOk(await f.services.call('clientMode.view', {}));
    expect(resumed.draft.answers.phq9).toEqual([1, 2, 1, 1, 0, 1, 1, 0, null]);
    expect(code(await f.services.call('clientMode.submit', {}))).toBe('VALIDATION_FAILED');
    expectOk(await f.services.call('clientMode.saveDraft', { answers: { phq9: [1, 2, 1, 1, 0, 1, 1, 0, 1] }, difficulty: { phq9: 1 } }));
    const submitted = expectOk(await f.services.call('clientMode.submit', {}));
    expect(submitted.submitted).toBe(true);
    expect(JSON.stringify(submitted)).not.toMatch(/risk|alert|item 9/i);

    // Leaving needs the therapist's passphrase; then the alert and the risk record show.
    expect(code(await f.services.call('clientMode.exit', { passphrase: 'not the passphrase' }))).toBe('WRONG_PASSPHRASE');
    expect(code(await f.services.call('clients.list', {}))).toBe('CLIENT_MODE');
    const exit = expectOk(await f.services.call('clientMode.exit', { passphrase: TEST_PASSPHRASE }));
    expect(exit.alerts).toEqual([{ administrationId: exit.administrations[0]!.id, instrumentId: 'phq9', riskItemAnswer: 1 }]);
    expect(exit.administrations[0]).toMatchObject({ administeredBy: 'client', total: 8, band: 'mild', difficulty: 1 });
    expect(expectOk(await f.services.call('clients.list', {}))).toHaveLength(1);
    expect(expectOk(await f.services.call('risks.list', { clientId }))).toHaveLength(1);
    f.cleanup();
  });
});
