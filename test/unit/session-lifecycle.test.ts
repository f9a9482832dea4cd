import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { addMonths, planSeries } from '../../shared/ipt/session-planner.ts';
import { todayIso } from '../../shared/schemas/dates.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

const dir = tempDir('ipt-sessions-');
const output = join(dir.path, 'exports');
const app = createApp({
  dataDir: join(dir.path, 'data'),
  kdfPolicy: testKdfPolicy(),
  preferences: createConfStore(join(dir.path, 'data')),
  platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: new HostDocumentPlatform(output) },
});
const call: typeof app.call = (channel, input) => app.call(channel, input);

function failure(result: { ok: boolean; error?: { code: string; message: string; fields?: Record<string, string> } }) {
  if (result.ok) throw new Error('Expected a failure');
  return result.error!;
}

async function newClient(fullName: string, dateOfBirth = '1980-02-02') {
  return expectOk(await call('clients.create', { fields: { fullName, dateOfBirth } })).id;
}

async function newCourse(clientId: string, startDate = '2026-01-05', plannedSessions = 16) {
  return expectOk(await call('courses.create', { clientId, type: 'acute', contract: { startDate, plannedSessions, frequency: 'weekly' } }));
}

async function lastAuditSeq(): Promise<number> {
  return Math.max(...expectOk(await call('audit.list', { limit: 5000 })).map((r) => r.seq));
}

async function auditTypes(recordId: string): Promise<string[]> {
  return expectOk(await call('audit.list', { limit: 5000 }))
    .filter((r) => r.recordId === recordId)
    .map((r) => r.type);
}

beforeAll(async () => {
  mkdirSync(join(dir.path, 'data'), { recursive: true });
  const begun = expectOk(await call('vault.beginCreate', {}));
  expectOk(await call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
  expectOk(await call('profile.save', { clinicianName: 'Dr Rowan Ellis', credentials: 'DClinPsy' }));
});
afterAll(() => {
  app.close();
  dir.remove();
});

describe('the series planner', () => {
  it('steps at the contract frequency, passes over away days and still plans the contracted number', () => {
    const plan = planSeries({ start: '2026-03-02', frequency: 'weekly', count: 4, away: [{ from: '2026-03-14', to: '2026-03-22' }], plannedEnd: '2026-03-23' });
    expect(plan.dates).toEqual(['2026-03-02', '2026-03-09', '2026-03-23', '2026-03-30']);
    expect(plan.skipped).toEqual(['2026-03-16']);
    expect(plan.afterEnd).toEqual(['2026-03-30']);
    // Across the March daylight-saving change and month ends: calendar dates only.
    expect(planSeries({ start: '2026-01-31', frequency: 'monthly', count: 3 }).dates).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(planSeries({ start: '2026-03-23', frequency: 'fortnightly', count: 3 }).dates).toEqual(['2026-03-23', '2026-04-06', '2026-04-20']);
  });
});

describe('sessions that can be planned and corrected', () => {
  let clientId: string;
  let courseId: string;

  it('plans a 16-session course from the contract in one call', async () => {
    clientId = await newClient('Maria José Lopez');
    const course = await newCourse(clientId);
    courseId = course.id;
    const proposal = expectOk(await call('sessions.proposeSeries', { courseId }));
    expect(proposal.dates).toHaveLength(16);
    expect(proposal.dates[0]).toBe('2026-01-05');
    expect(proposal.dates.at(-1)).toBe(course.plannedEndDate);
    expect(proposal.afterEnd).toEqual([]);
    const planned = expectOk(await call('sessions.planSeries', { courseId, sessions: proposal.dates.map((date) => ({ date, time: '10:00' })), modality: 'video' }));
    expect(planned).toHaveLength(16);
    expect(planned.every((s) => s.attendance === 'planned' && s.number === null && s.modality === 'video' && s.durationMinutes === 50)).toBe(true);
    expect(expectOk(await call('courses.get', { id: courseId })).progress.attended).toBe(0);
  });

  it('numbers, phases and the ending prompt follow each correction', async () => {
    let list = expectOk(await call('sessions.list', { courseId }));
    for (const s of list.slice(0, 14)) expectOk(await call('sessions.update', { id: s.id, expectedUpdatedAt: s.updatedAt, attendance: 'attended' }));
    list = expectOk(await call('sessions.list', { courseId }));
    expect(list.slice(0, 14).map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(expectOk(await call('courses.get', { id: courseId })).progress.endingPrompt).toEqual({ kind: 'raise-ending', remaining: 2 });
    // One wrong click: session 4 did not attend. Everything after it moves down, then back.
    const fourth = list[3]!;
    const missed = expectOk(await call('sessions.update', { id: fourth.id, expectedUpdatedAt: fourth.updatedAt, attendance: 'did_not_attend' }));
    expect(missed.number).toBeNull();
    list = expectOk(await call('sessions.list', { courseId }));
    expect([list[13]!.number, list[13]!.phase]).toEqual([13, 'middle']);
    expect(expectOk(await call('courses.get', { id: courseId })).progress).toMatchObject({ attended: 13, endingPrompt: { kind: 'raise-ending', remaining: 3 } });
    const draft = expectOk(await call('letters.draft', { clientId, kind: 'progress' }));
    expect(draft.sections.find((s) => s.id === 'treatment')!.text).toMatch(/13 of 14 sessions offered so far were attended/);
    // A stale edit (the version before the correction) is refused and changes nothing.
    expect(failure(await call('sessions.update', { id: fourth.id, expectedUpdatedAt: fourth.updatedAt, attendance: 'attended' })).code).toBe('CONFLICT');
    const back = expectOk(await call('sessions.update', { id: fourth.id, expectedUpdatedAt: missed.updatedAt, attendance: 'attended', modality: 'in_person', time: '11:00' }));
    expect(back).toMatchObject({ number: 4, time: '11:00', modality: 'in_person' });
    expect(expectOk(await call('sessions.list', { courseId }))[13]).toMatchObject({ number: 14, phase: 'termination' });
    expect(expectOk(await call('courses.get', { id: courseId })).progress.attended).toBe(14);
    expect(await auditTypes(fourth.id)).toEqual(expect.arrayContaining(['session.created', 'session.changed']));
  });

  it('moves one session, or it and every later planned one, by a week', async () => {
    let list = expectOk(await call('sessions.list', { courseId }));
    const [fifteenth, sixteenth] = [list[14]!, list[15]!];
    expect([fifteenth.date, sixteenth.date]).toEqual(['2026-04-13', '2026-04-20']);
    list = expectOk(await call('sessions.reschedule', { id: fifteenth.id, newDate: '2026-04-20', newTime: '09:00', shiftLater: true }));
    expect(list.slice(14).map((s) => [s.date, s.time])).toEqual([['2026-04-20', '09:00'], ['2026-04-27', '10:00']]);
    // Attended sessions stay where they were.
    expect(list[13]!.date).toBe('2026-04-06');
    list = expectOk(await call('sessions.reschedule', { id: sixteenth.id, newDate: '2026-05-04', shiftLater: false }));
    expect(list.at(-1)!.date).toBe('2026-05-04');
    expect(await auditTypes(sixteenth.id)).toContain('session.rescheduled');
  });

  it('deletes a session entered by mistake; a signed note keeps its number and shows the current one', async () => {
    const mistaken = expectOk(await call('sessions.create', { courseId, date: '2026-01-06', time: '15:00', attendance: 'attended' }));
    expect(mistaken.number).toBe(2);
    let list = expectOk(await call('sessions.list', { courseId }));
    const sixth = list.find((s) => s.number === 6)!;
    expectOk(await call('notes.saveDraft', { sessionId: sixth.id, fields: { intervalMood: 'Quietmarkerword all week' } }));
    const signed = expectOk(await call('notes.sign', { sessionId: sixth.id }));
    expect(signed.number).toBe(6);
    expectOk(await call('notes.saveDraft', { sessionId: mistaken.id, fields: { intervalMood: 'Mistakenmarker text' } }));
    expect(expectOk(await call('search.query', { text: 'Mistakenmarker' }))).toHaveLength(1);
    expectOk(await call('sessions.delete', { id: mistaken.id }));
    expect(expectOk(await call('search.query', { text: 'Mistakenmarker' }))).toEqual([]);
    list = expectOk(await call('sessions.list', { courseId }));
    expect(list.some((s) => s.id === mistaken.id)).toBe(false);
    const note = expectOk(await call('notes.get', { sessionId: sixth.id }));
    expect([note.number, note.currentNumber]).toEqual([6, 5]);
    expect(await auditTypes(mistaken.id)).toContain('session.deleted');
    // A session with a signed note cannot be deleted; editing a deleted one says it is gone.
    const refused = failure(await call('sessions.delete', { id: sixth.id }));
    expect(refused.code).toBe('READ_ONLY');
    expect(refused.message).toMatch(/signed note.*Move the note.*or void it/);
    const gone = failure(await call('sessions.update', { id: mistaken.id, expectedUpdatedAt: mistaken.updatedAt, attendance: 'did_not_attend' }));
    expect([gone.code, gone.message]).toEqual(['NOT_FOUND', 'This session no longer exists.']);
    expect(failure(await call('sessions.delete', { id: mistaken.id })).code).toBe('NOT_FOUND');
    // A signed note's session moves to a new date: search finds it under the new date.
    expectOk(await call('sessions.reschedule', { id: sixth.id, newDate: '2026-02-10', shiftLater: false }));
    const hit = expectOk(await call('search.query', { text: 'Quietmarkerword' }));
    expect(hit.map((h) => h.date)).toEqual(['2026-02-10']);
  });

  it('refuses bad dates, overlaps and zero minutes with field messages, writing nothing', async () => {
    const c = await newClient('Bad Input', '1990-06-15');
    const course = await newCourse(c, '2026-01-05', 12);
    const before = await lastAuditSeq();
    const tooEarly = failure(await call('sessions.create', { courseId: course.id, date: '1990-06-14', attendance: 'attended' }));
    expect(tooEarly.fields?.['date']).toMatch(/before the client's date of birth \(15 June 1990\)/);
    const farAhead = addMonths(todayIso(), 25);
    expect(failure(await call('sessions.create', { courseId: course.id, date: farAhead, attendance: 'planned' })).fields?.['date']).toMatch(/more than two years ahead/);
    expect(failure(await call('sessions.create', { courseId: course.id, date: '2026-01-05', durationMinutes: 0, attendance: 'attended' })).fields?.['durationMinutes']).toMatch(/at least 5 minutes/);
    const first = expectOk(await call('sessions.create', { courseId: course.id, date: '2026-01-05', time: '10:00', attendance: 'attended' }));
    const overlap = failure(await call('sessions.create', { courseId: course.id, date: '2026-01-05', time: '10:30', attendance: 'planned' }));
    expect(overlap.fields?.['time']).toMatch(/overlaps the session on 5 January 2026 at 10:00/);
    // A cancelled session frees its hour; a session without a time overlaps nothing.
    const cancelled = expectOk(await call('sessions.update', { id: first.id, expectedUpdatedAt: first.updatedAt, attendance: 'cancelled_client_late' }));
    const rebooked = expectOk(await call('sessions.create', { courseId: course.id, date: '2026-01-05', time: '10:30', attendance: 'attended' }));
    expect(failure(await call('sessions.update', { id: cancelled.id, expectedUpdatedAt: cancelled.updatedAt, attendance: 'attended' })).fields?.['time']).toMatch(/overlaps the session on 5 January 2026 at 10:30/);
    expect(failure(await call('sessions.reschedule', { id: rebooked.id, newDate: '1980-01-01', shiftLater: false })).fields?.['newDate']).toMatch(/date of birth/);
    // A series past the contract's end is refused until the user confirms it; overlaps inside a series too.
    const proposal = expectOk(await call('sessions.proposeSeries', { courseId: course.id, start: '2026-01-12', away: [{ from: '2026-02-01', to: '2026-02-14' }] }));
    // Twelve contracted, one attended: eleven offered.
    expect(proposal.dates).toHaveLength(11);
    expect(proposal.skipped).toEqual(['2026-02-02', '2026-02-09']);
    expect(proposal.afterEnd).toEqual(['2026-03-30', '2026-04-06']);
    const sessions = proposal.dates.map((date) => ({ date, time: '10:00' }));
    const pastEnd = failure(await call('sessions.planSeries', { courseId: course.id, sessions }));
    expect(Object.keys(pastEnd.fields ?? {})).toEqual(['sessions.9.date', 'sessions.10.date']);
    expect(pastEnd.fields?.['sessions.9.date']).toMatch(/after the contract's planned end \(23 March 2026\)/);
    const twice = failure(await call('sessions.planSeries', { courseId: course.id, sessions: [{ date: '2026-01-12', time: '10:00' }, { date: '2026-01-12', time: '10:20' }] }));
    expect(twice.fields?.['sessions.1.time']).toMatch(/overlaps/);
    expect(await lastAuditSeq()).toBe(before + 3); // the three sessions written above, nothing else
    expect(expectOk(await call('sessions.list', { courseId: course.id }))).toHaveLength(2);
    const confirmed = expectOk(await call('sessions.planSeries', { courseId: course.id, sessions, beyondContractEnd: true }));
    expect(confirmed).toHaveLength(13);
  });

  it('records who joined a session from the inventory, and refuses someone else\'s person', async () => {
    const c = await newClient('Joint Session');
    const course = await newCourse(c);
    const partner = expectOk(await call('people.create', { clientId: c, fields: { name: 'Sam', relationship: 'partner' } }));
    const s = expectOk(await call('sessions.create', { courseId: course.id, date: '2026-01-05', attendance: 'attended', participants: [partner.id] }));
    expect(s.participants).toEqual([partner.id]);
    const stranger = expectOk(await call('people.create', { clientId, fields: { name: 'Other', relationship: 'friend' } }));
    const refused = failure(await call('sessions.update', { id: s.id, expectedUpdatedAt: s.updatedAt, participants: [stranger.id] }));
    expect(refused.fields?.['participants']).toMatch(/this client’s inventory/);
    expect(expectOk(await call('people.remove', { id: partner.id }))).toEqual({ outcome: 'in-use', usedIn: ['Joined the session of 2026-01-05'] });
  });
});

describe('the therapist\'s own records', () => {
  it('writes the sessions CSV with a BOM, guarded cells and initials unless names are chosen', async () => {
    const c = await newClient('=HYPERLINK Evil');
    const course = await newCourse(c, '2026-06-01', 12);
    expectOk(await call('sessions.create', { courseId: course.id, date: '2026-06-01', time: '09:00', attendance: 'attended', modality: 'telephone' }));
    const saved = expectOk(await call('sessions.exportCsv', { from: '2026-06-01', to: '2026-06-30', names: 'full' }));
    const bytes = readFileSync(join(output, saved.fileName));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('Date,Time,Minutes,Status,Modality,Client');
    expect(text).toContain("2026-06-01,09:00,50,Attended,Telephone,'=HYPERLINK Evil");
    const initials = expectOk(await call('sessions.exportCsv', { from: '2026-06-01', to: '2026-06-30' }));
    expect(readFileSync(join(output, initials.fileName), 'utf8')).toContain("Telephone,'=E");
    expect(failure(await call('sessions.exportCsv', { from: '2026-06-30', to: '2026-06-01' })).fields?.['to']).toMatch(/before its start/);
  });

  it('writes an .ics of the planned appointments that a calendar parser reads back, with no name and no alarm', async () => {
    const c = await newClient('Calendar Person');
    const course = await newCourse(c, '2026-09-07', 12);
    expectOk(await call('sessions.planSeries', { courseId: course.id, sessions: [{ date: '2026-09-07', time: '18:30' }, { date: '2026-09-14', time: '' }], modality: 'video' }));
    const saved = expectOk(await call('sessions.exportIcs', { clientId: c }));
    const text = readFileSync(join(output, saved.fileName), 'utf8');
    expect(text).not.toMatch(/Calendar Person|VALARM/);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(['CP', 'CP']);
    expect(events[0]!.startDate.toString()).toBe('2026-09-07T18:30:00');
    expect(events[0]!.endDate.toString()).toBe('2026-09-07T19:20:00');
    expect(events[1]!.startDate.isDate).toBe(true);
    expect(events[1]!.startDate.toString()).toBe('2026-09-14');
    const word = expectOk(await call('sessions.exportIcs', { clientId: c, summary: 'word', word: 'Supervision' }));
    expect(readFileSync(join(output, word.fileName), 'utf8')).toContain('SUMMARY:Supervision');
    expect(failure(await call('sessions.exportIcs', { clientId: c, summary: 'word' })).fields?.['word']).toMatch(/Enter the word/);
    const overview = expectOk(await call('clients.overview', { id: c }));
    expect(overview.nextAppointment?.date ?? null).toBe(todayIso() <= '2026-09-07' ? '2026-09-07' : todayIso() <= '2026-09-14' ? '2026-09-14' : null);
  });
});
