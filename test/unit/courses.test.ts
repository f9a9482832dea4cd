import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCourse } from '../../shared/ipt/course-logic.ts';
import { code, expectOk, unlockedVault } from '../support/vault-fixture.ts';

type Fixture = Awaited<ReturnType<typeof unlockedVault>>;

const contract = { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' as const };


describe('courses of treatment', () => {
  let f: Fixture;
  let clientId: string;
  beforeAll(async () => {
    f = await unlockedVault();
    clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Course Client', dateOfBirth: '1980-02-02' } })).id;
  });
  afterAll(() => f.cleanup());

  it('creates an acute course with defaults, a derived end date and "session 0 of 12"', async () => {
    const course = expectOk(await f.services.call('courses.create', { clientId, type: 'acute', contract }));
    expect(course.contract).toMatchObject({ plannedSessions: 12, initialSessions: 3, terminationSessions: 3, endingPromptAt: 3, sessionMinutes: 50 });
    expect(course.plannedEndDate).toBe('2026-03-23');
    expect(course.progress).toMatchObject({ attended: 0, planned: 12, phase: 'initial' });
    expect(course.checklist.psychoeducationGiven).toBe(false);
    const second = await f.services.call('courses.create', { clientId, type: 'acute', contract });
    expect(code(second)).toBe('VALIDATION_FAILED');
    if (!second.ok) expect(second.error.fields?.['type']).toMatch(/already has an open acute course/);
  });

  it('allows sessions outside the usual range only with a stated reason', async () => {
    const other = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Range Client', dateOfBirth: '1980-02-02' } })).id;
    const tooMany = await f.services.call('courses.create', { clientId: other, type: 'acute', contract: { ...contract, plannedSessions: 24 } });
    expect(code(tooMany)).toBe('VALIDATION_FAILED');
    if (!tooMany.ok) expect(tooMany.error.fields?.['contract.outOfRangeReason']).toMatch(/usually 8 to 20 sessions/);
    const withReason = expectOk(await f.services.call('courses.create', { clientId: other, type: 'acute', contract: { ...contract, plannedSessions: 24, outOfRangeReason: 'Complex grief with a recent second loss' } }));
    expect(withReason.contract.plannedSessions).toBe(24);
    // Maintenance: monthly for three years is within its range; it must follow an acute course of the same client.
    const orphan = await f.services.call('courses.create', { clientId: other, type: 'maintenance', contract: { ...contract, plannedSessions: 36, frequency: 'monthly' } });
    expect(code(orphan)).toBe('VALIDATION_FAILED');
    expectOk(await f.services.call('courses.close', { id: withReason.id }));
    const maintenance = expectOk(await f.services.call('courses.create', { clientId: other, type: 'maintenance', parentCourseId: withReason.id, contract: { ...contract, plannedSessions: 36, frequency: 'monthly' } }));
    expect(maintenance.plannedEndDate).toBe('2028-12-05');
    expect(maintenance.parentCourseId).toBe(withReason.id);
    const foreign = await f.services.call('courses.create', { clientId, type: 'continuation', parentCourseId: withReason.id, contract: { ...contract, plannedSessions: 6 } });
    expect(code(foreign)).toBe('VALIDATION_FAILED');
  });

  it('numbers sessions among attended ones; cancelled and missed sessions do not move the phase', async () => {
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Phase Client', dateOfBirth: '1980-02-02' } })).id;
    const course = expectOk(await f.services.call('courses.create', { clientId: c, type: 'acute', contract: { ...contract, plannedSessions: 8 } }));
    const pattern = ['attended', 'attended', 'cancelled_client', 'attended', 'did_not_attend', 'attended', 'cancelled_therapist', 'attended', 'attended'] as const;
    for (const [i, attendance] of pattern.entries()) {
      expectOk(await f.services.call('sessions.create', { courseId: course.id, date: `2026-02-${String(i + 1).padStart(2, '0')}`, attendance }));
    }
    const sessions = expectOk(await f.services.call('sessions.list', { courseId: course.id }));
    expect(sessions.map((s) => s.number)).toEqual([1, 2, null, 3, null, 4, null, 5, 6]);
    expect(sessions.map((s) => s.phase)).toEqual(['initial', 'initial', null, 'initial', null, 'middle', null, 'middle', 'termination']);
    const after = expectOk(await f.services.call('courses.get', { id: course.id }));
    expect(after.progress).toMatchObject({ attended: 6, phase: 'termination', remaining: 2, endingPrompt: { kind: 'raise-ending', remaining: 2 } });
  });

  it('keeps a dated history of renegotiations and recounts against the new contract', async () => {
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Renegotiated', dateOfBirth: '1980-02-02' } })).id;
    let course = expectOk(await f.services.call('courses.create', { clientId: c, type: 'acute', contract }));
    const noReason = await f.services.call('courses.renegotiate', { courseId: course.id, expectedUpdatedAt: course.updatedAt, date: '2026-02-01', plannedSessions: 16, frequency: 'weekly', reason: '' });
    expect(code(noReason)).toBe('VALIDATION_FAILED');
    course = expectOk(await f.services.call('courses.renegotiate', { courseId: course.id, expectedUpdatedAt: course.updatedAt, date: '2026-02-01', plannedSessions: 16, frequency: 'weekly', reason: 'A second loss in week 4' }));
    course = expectOk(await f.services.call('courses.renegotiate', { courseId: course.id, expectedUpdatedAt: course.updatedAt, date: '2026-03-01', plannedSessions: 16, frequency: 'fortnightly', reason: 'Spacing out towards the end' }));
    expect(course.renegotiations.map((r) => [r.date, r.oldPlannedSessions, r.newPlannedSessions, r.oldFrequency, r.newFrequency, r.reason])).toEqual([
      ['2026-02-01', 12, 16, 'weekly', 'weekly', 'A second loss in week 4'],
      ['2026-03-01', 16, 16, 'weekly', 'fortnightly', 'Spacing out towards the end'],
    ]);
    expect(course.progress.planned).toBe(16);
    const stale = await f.services.call('courses.renegotiate', { courseId: course.id, expectedUpdatedAt: '2026-01-01T00:00:00.000Z', date: '2026-03-02', plannedSessions: 14, frequency: 'weekly', reason: 'x' });
    expect(code(stale)).toBe('CONFLICT');
    const shrink = await f.services.call('courses.renegotiate', { courseId: course.id, expectedUpdatedAt: course.updatedAt, date: '2026-03-02', plannedSessions: 5, frequency: 'weekly', reason: 'x', outOfRangeReason: 'y' });
    expect(code(shrink)).toBe('VALIDATION_FAILED');
    const audit = f.services.session().audit.list({ recordId: course.id }).map((r) => r.type);
    expect(audit).toEqual(['course.created', 'course.renegotiated', 'course.renegotiated']);
  });

  it('stores the checklist, formulation, problem areas and ending, validated', async () => {
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Formulated', dateOfBirth: '1980-02-02' } })).id;
    let course = expectOk(await f.services.call('courses.create', { clientId: c, type: 'acute', contract }));
    const mother = expectOk(await f.services.call('people.create', { clientId: c, fields: { name: 'Mum', relationship: 'parent', roleNearOnset: 'support' } }));
    course = expectOk(
      await f.services.call('courses.update', {
        id: course.id,
        expectedUpdatedAt: course.updatedAt,
        checklist: { diagnosis: 'Major depressive episode', diagnosisCode: { system: 'ICD-10', code: 'F32.1' }, psychoeducationGiven: true, sickRoleDiscussed: true, dutiesRelaxed: 'Cooking for the family', formulationAgreedOn: '2026-01-19' },
        formulation: { social: 'Mother died in October', text: 'Low mood began after her mother’s death.', clientAgreed: true, agreedOn: '2026-01-19' },
        primaryArea: { area: 'grief', details: { personId: mother.id, dateOfDeath: '2025-10-12', feelingsExpressed: ['sadness', 'guilt'] } },
        secondaryArea: { area: 'role_transition', details: { transitionType: 'work', chosenOrImposed: 'imposed' } },
      }),
    );
    expect(course.checklist).toMatchObject({ diagnosisCode: { system: 'ICD-10', code: 'F32.1' }, sickRoleDiscussed: true, formulationAgreedOn: '2026-01-19' });
    expect(course.primaryArea).toMatchObject({ area: 'grief', details: { personId: mother.id, feelingsExpressed: ['sadness', 'guilt'] } });
    expect(course.secondaryArea?.area).toBe('role_transition');
    const same = await f.services.call('courses.update', { id: course.id, expectedUpdatedAt: course.updatedAt, secondaryArea: { area: 'grief', details: {} } });
    expect(code(same)).toBe('VALIDATION_FAILED');
    const stranger = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Stranger', dateOfBirth: '1980-02-02' } })).id;
    const theirPerson = expectOk(await f.services.call('people.create', { clientId: stranger, fields: { name: 'Not yours', relationship: 'friend' } }));
    const foreign = await f.services.call('courses.update', { id: course.id, expectedUpdatedAt: course.updatedAt, primaryArea: { area: 'role_dispute', details: { personId: theirPerson.id } } });
    expect(code(foreign)).toBe('VALIDATION_FAILED');
    const badCode = await f.services.call('courses.update', { id: course.id, expectedUpdatedAt: course.updatedAt, checklist: { diagnosisCode: { system: 'ICD-10', code: 'DROP TABLE' } } });
    expect(code(badCode)).toBe('VALIDATION_FAILED');
    course = expectOk(await f.services.call('courses.update', { id: course.id, expectedUpdatedAt: course.updatedAt, termination: { warningSigns: ['Withdrawing from friends'], outcome: 'responded', nextStep: 'maintenance' }, phases: { initialSessions: 4, terminationSessions: 2, endingPromptAt: 4 } }));
    expect(course.termination).toMatchObject({ outcome: 'responded', nextStep: 'maintenance', warningSigns: ['Withdrawing from friends'] });
    expect(course.contract).toMatchObject({ initialSessions: 4, terminationSessions: 2, endingPromptAt: 4 });
  });

  it('lists each course with its closing time, so the course tab picks the course the overview shows once every course is closed', async () => {
    // An acute course and its continuation; the continuation is closed first, the acute course last.
    // The list comes newest first, so its first row (what the tab used to show) is the continuation.
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'All Closed', dateOfBirth: '1980-02-02' } })).id;
    const acute = expectOk(await f.services.call('courses.create', { clientId: c, type: 'acute', contract }));
    const continuation = expectOk(await f.services.call('courses.create', { clientId: c, type: 'continuation', parentCourseId: acute.id, contract: { ...contract, startDate: '2026-04-06', plannedSessions: 6 } }));
    const closedFirst = expectOk(await f.services.call('courses.close', { id: continuation.id }));
    // Closing times are millisecond instants: wait so the two cannot be equal.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const closedLast = expectOk(await f.services.call('courses.close', { id: acute.id }));
    expect(closedLast.closedAt! > closedFirst.closedAt!).toBe(true);

    const list = expectOk(await f.services.call('courses.list', { clientId: c }));
    expect(list.map((s) => [s.id, s.closedAt])).toEqual([
      [continuation.id, closedFirst.closedAt],
      [acute.id, closedLast.closedAt],
    ]);
    const overview = expectOk(await f.services.call('clients.overview', { id: c }));
    expect(overview.course?.id).toBe(acute.id);
    // The course tab and the measures tab pick with exactly this call on this list.
    expect(currentCourse(list)?.id).toBe(overview.course?.id);
  });
});
