import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longDate } from '../../electron/main/domain/documents/record-data.ts';
import { calendarDateOfUtc, todayIso } from '../../shared/schemas/dates.ts';
import { expectOk, unlockedVault } from '../support/vault-fixture.ts';

/** Calendar days before a YYYY-MM-DD date (arithmetic on UTC midnights, no zone involved). */
function daysBefore(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return calendarDateOfUtc(new Date(Date.UTC(y, m - 1, d - days)));
}

/**
 * Issue 15, point 3: a paper PHQ-9 from last month, entered today, belongs to last month on the
 * chart, in the change table and in the letter, through the composition and the real vault.
 */
describe('a questionnaire entered with an earlier date', () => {
  let f: Awaited<ReturnType<typeof unlockedVault>>;
  let clientId: string;
  let courseId: string;
  const today = todayIso();
  const lastMonth = daysBefore(today, 31);

  beforeAll(async () => {
    f = await unlockedVault();
    clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Paper Form', preferredName: 'Pat', dateOfBirth: '1990-05-05', presentingProblem: 'low mood' } })).id;
    courseId = expectOk(await f.services.call('courses.create', { clientId, type: 'acute', contract: { startDate: daysBefore(today, 60), plannedSessions: 16, frequency: 'weekly' } })).id;
  });
  afterAll(() => f.cleanup());

  it('refuses a date in the future or before the client was born, at the field, and stores nothing', async () => {
    const answers = [1, 1, 1, 1, 1, 1, 1, 1, 0] as const;
    const tomorrow = daysBefore(today, -1);
    const future = await f.services.call('measures.administer', { clientId, courseId, instrumentId: 'phq9', answers: [...answers], administeredOn: tomorrow });
    expect(future.ok).toBe(false);
    if (!future.ok) {
      expect(future.error.code).toBe('VALIDATION_FAILED');
      expect(future.error.fields?.administeredOn).toBe('This date cannot be in the future.');
    }
    const unborn = await f.services.call('measures.administer', { clientId, courseId, instrumentId: 'phq9', answers: [...answers], administeredOn: '1990-05-04' });
    expect(unborn.ok).toBe(false);
    if (!unborn.ok) {
      expect(unborn.error.code).toBe('VALIDATION_FAILED');
      expect(unborn.error.fields?.administeredOn).toBe('This date is before the client’s date of birth.');
    }
    const notADate = await f.services.call('measures.administer', { clientId, courseId, instrumentId: 'phq9', answers: [...answers], administeredOn: '2026-02-30' });
    expect(notADate.ok).toBe(false);
    if (!notADate.ok) expect(notADate.error.fields?.administeredOn).toBe('Enter a real date.');
    expect(expectOk(await f.services.call('measures.list', { clientId, courseId }))).toEqual([]);
  });

  it("today's form entered first and last month's paper form entered after: the chart and the letter put each on its own day", async () => {
    const now = expectOk(await f.services.call('measures.administer', { clientId, courseId, instrumentId: 'phq9', answers: [1, 1, 1, 1, 1, 1, 0, 0, 0] }));
    expect(now.administeredOn).toBe(today);
    const paper = expectOk(await f.services.call('measures.administer', { clientId, courseId, instrumentId: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 2, 0], administeredOn: lastMonth }));
    expect(paper.administeredOn).toBe(lastMonth);
    // Entered today, so its instant is today's; only the day it was answered moves.
    expect(paper.administeredAt >= now.administeredAt).toBe(true);

    const chart = expectOk(await f.services.call('measures.chart', { clientId }));
    expect(chart.points.map((p) => [p.date, p.total])).toEqual([[lastMonth, 16], [today, 6]]);

    const summary = expectOk(await f.services.call('measures.summary', { clientId, courseId }));
    expect([summary.phq9!.first.id, summary.phq9!.latest.id]).toEqual([paper.id, now.id]);
    expect(summary.phq9!.difference).toBe(-10);

    const draft = expectOk(await f.services.call('letters.draft', { clientId, kind: 'progress' }));
    const measures = draft.sections.find((s) => s.id === 'measures')!;
    expect(measures.text).toContain(`PHQ-9 fell from 16 (moderately severe) on ${longDate(lastMonth)} to 6 (mild) on ${longDate(today)}.`);
  });
});
