import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { longDate } from '../../electron/main/domain/documents/record-data.ts';
import { calendarDateOfUtc, localDateOf, todayIso } from '../../shared/schemas/dates.ts';
import { expectOk, unlockedVault } from '../support/vault-fixture.ts';

/**
 * One rule for dates. These run in whatever zone the process has: `npm run test:tz` runs this file
 * (and the rest of the suite) under America/New_York, Europe/London and Australia/Sydney, where a
 * UTC slice is wrong for part of every day. The instants are 00:30 and 23:30 local time on the days
 * the clocks change in 2026 (London 29 March, Sydney 5 April, New York 1 November).
 */

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** [wall-clock date, hour, minute] pairs around each 2026 change, read in the running zone. */
const WALL_TIMES: [string, number, number][] = [
  ['2026-03-28', 23, 30], ['2026-03-29', 0, 30], ['2026-03-29', 23, 30], // London springs forward at 01:00
  ['2026-04-04', 23, 30], ['2026-04-05', 0, 30], ['2026-04-05', 23, 30], // Sydney falls back at 03:00
  ['2026-10-31', 23, 30], ['2026-11-01', 0, 30], ['2026-11-01', 23, 30], // New York falls back at 02:00
];

/** The instant at a wall-clock time in the running zone (none of these zones skips 00:30 or 23:30). */
function localInstant(date: string, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute);
}

describe('localDateOf: the one way an instant becomes a calendar date', () => {
  it('dates instants around daylight-saving changes by the named zone, where the UTC date is wrong', () => {
    const cases: [string, string, string][] = [
      // London, 29 March 2026: 00:30 GMT, then clocks go to 02:00; 23:30 BST is 22:30 UTC.
      ['2026-03-29T00:30:00.000Z', 'Europe/London', '2026-03-29'],
      ['2026-03-29T22:30:00.000Z', 'Europe/London', '2026-03-29'],
      ['2026-03-28T23:30:00.000Z', 'Europe/London', '2026-03-28'],
      // New York, 1 November 2026: 00:30 EDT is 04:30 UTC; 23:30 EST is 04:30 UTC on the 2nd.
      ['2026-11-01T04:30:00.000Z', 'America/New_York', '2026-11-01'],
      ['2026-11-02T04:30:00.000Z', 'America/New_York', '2026-11-01'],
      ['2026-11-01T00:30:00.000Z', 'America/New_York', '2026-10-31'],
      // Sydney, 5 April 2026: 00:30 AEDT (+11) is 13:30 UTC on the 4th; 23:30 AEST (+10) is 13:30 UTC on the 5th.
      ['2026-04-04T13:30:00.000Z', 'Australia/Sydney', '2026-04-05'],
      ['2026-04-05T13:30:00.000Z', 'Australia/Sydney', '2026-04-05'],
      ['2026-04-04T12:30:00.000Z', 'Australia/Sydney', '2026-04-04'],
    ];
    for (const [instant, zone, day] of cases) expect(localDateOf(instant, zone), `${instant} in ${zone}`).toBe(day);
    // The bug this replaces: the first ten characters of the UTC string.
    expect('2026-11-02T04:30:00.000Z'.slice(0, 10)).not.toBe(localDateOf('2026-11-02T04:30:00.000Z', 'America/New_York'));
    expect('2026-04-04T13:30:00.000Z'.slice(0, 10)).not.toBe(localDateOf('2026-04-04T13:30:00.000Z', 'Australia/Sydney'));
  });

  it(`without a zone, dates by this machine's zone (${ZONE}) at 00:30 and 23:30 local around each change`, () => {
    for (const [date, hour, minute] of WALL_TIMES) {
      const instant = localInstant(date, hour, minute);
      expect(localDateOf(instant.toISOString()), `${date} ${hour}:${minute} local`).toBe(date);
      expect(localDateOf(instant)).toBe(date);
      expect(localDateOf(instant.toISOString(), ZONE)).toBe(date);
      expect(todayIso(instant)).toBe(date);
    }
  });

  it('takes instants with an offset too, and refuses a calendar date or a broken string', () => {
    expect(localDateOf('2026-11-01T23:30:00-05:00', 'America/New_York')).toBe('2026-11-01');
    expect(() => localDateOf('2026-11-01')).toThrow(/not a calendar date/);
    expect(() => localDateOf('2026-13-45T99:00:00Z')).toThrow(RangeError);
  });

  it('calendar arithmetic on UTC midnights reads back without any zone', () => {
    expect(calendarDateOfUtc(new Date(Date.UTC(2026, 2, 29)))).toBe('2026-03-29');
    expect(calendarDateOfUtc(new Date(Date.UTC(2026, 10, 1 + 7)))).toBe('2026-11-08');
    expect(calendarDateOfUtc(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
  });
});

describe(`instants stored by the app are dated in the user's zone (${ZONE})`, () => {
  let f: Awaited<ReturnType<typeof unlockedVault>>;
  beforeAll(async () => {
    f = await unlockedVault();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(() => f.cleanup());

  // Only Date is faked: the clock the repositories and todayIso read. Timers, workers and SQLCipher run as usual.
  function at(date: string, hour: number, minute: number): void {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(localInstant(date, hour, minute));
  }

  for (const [date, hour, minute] of [['2026-03-29', 0, 30], ['2026-11-01', 23, 30], ['2026-04-05', 0, 30], ['2026-04-05', 23, 30]] as const) {
    it(`a client opened and a PHQ-9 given at ${String(hour).padStart(2, '0')}:${minute} on ${date} are dated ${date}: retention, search, chart, letter`, async () => {
      at(date, hour, minute);
      const name = `Zone Person ${date.replaceAll('-', '')}${hour}`;
      const clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: name, dateOfBirth: '1980-01-01', presentingProblem: 'low mood' } })).id;
      const courseId = expectOk(await f.services.call('courses.create', { clientId, type: 'acute', contract: { startDate: date, plannedSessions: 12, frequency: 'weekly' } })).id;
      const a = expectOk(await f.services.call('measures.administer', { clientId, courseId, instrumentId: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 2, 1] }));
      expect(a.administeredOn).toBe(date);
      const risk = expectOk(await f.services.call('risks.list', { clientId }))[0]!;
      expectOk(await f.services.call('risks.assess', { id: risk.id, assessment: 'No plan or intent.' }));

      const retention = expectOk(await f.services.call('retention.list', {})).find((r) => r.clientId === clientId)!;
      expect(retention.lastContact).toBe(date);
      const hit = expectOk(await f.services.call('search.query', { text: name, clientId })).find((h) => h.kind === 'client')!;
      expect(hit.date).toBe(date);
      expect(expectOk(await f.services.call('measures.chart', { clientId })).points.map((p) => p.date)).toEqual([date]);
      const draft = expectOk(await f.services.call('letters.draft', { clientId, kind: 'progress' }));
      const text = draft.sections.map((s) => s.text).join('\n');
      expect(text).toContain(`on ${longDate(date)}`);
      expect(text).toContain(`On the most recent PHQ-9 (${longDate(date)})`);
      expect(text).toContain(`The most recent risk assessment (${longDate(date)})`);
    });
  }
});
