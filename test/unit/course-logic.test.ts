import { describe, expect, it } from 'vitest';
import { contractProgress, currentCourse, isWithinContractRange, phaseOfSession, phasePlanProblem, plannedEndDate, type CurrentCourseCandidate } from '../../shared/ipt/course-logic.ts';

const twelve = { plannedSessions: 12, initialSessions: 3, terminationSessions: 3 };

describe('phases and the contract', () => {
  it('puts sessions 1-3 in the initial phase, 4-9 in the middle and 10-12 in the ending (default 12)', () => {
    const phases = Array.from({ length: 14 }, (_, i) => phaseOfSession(i + 1, twelve));
    expect(phases).toEqual([
      'initial', 'initial', 'initial',
      'middle', 'middle', 'middle', 'middle', 'middle', 'middle',
      'termination', 'termination', 'termination',
      'termination', 'termination',
    ]);
  });

  it('follows edited boundaries', () => {
    const plan = { plannedSessions: 16, initialSessions: 4, terminationSessions: 2 };
    expect([4, 5, 14, 15].map((n) => phaseOfSession(n, plan))).toEqual(['initial', 'middle', 'middle', 'termination']);
  });

  it('refuses boundaries that overlap', () => {
    expect(phasePlanProblem({ plannedSessions: 8, initialSessions: 3, terminationSessions: 3 })).toBeNull();
    expect(phasePlanProblem({ plannedSessions: 5, initialSessions: 3, terminationSessions: 3 })).toMatch(/longer than the whole contract/);
    expect(phasePlanProblem({ plannedSessions: 6, initialSessions: 3, terminationSessions: 3 })).toBeNull();
  });

  it('prompts to raise the ending when sessions remain at the threshold, and when reached or exceeded', () => {
    expect(contractProgress(0, twelve, 3)).toMatchObject({ phase: 'initial', remaining: 12, endingPrompt: null });
    expect(contractProgress(8, twelve, 3).endingPrompt).toBeNull();
    expect(contractProgress(9, twelve, 3).endingPrompt).toEqual({ kind: 'raise-ending', remaining: 3 });
    expect(contractProgress(9, twelve, 2).endingPrompt).toBeNull();
    expect(contractProgress(10, twelve, 2).endingPrompt).toEqual({ kind: 'raise-ending', remaining: 2 });
    expect(contractProgress(8, twelve, 4).endingPrompt).toEqual({ kind: 'raise-ending', remaining: 4 });
    expect(contractProgress(12, twelve, 3)).toMatchObject({ endingPrompt: { kind: 'contract-reached' }, exceeded: false });
    expect(contractProgress(14, twelve, 3)).toMatchObject({ endingPrompt: { kind: 'contract-exceeded', over: 2 }, exceeded: true, remaining: 0 });
  });

  it('knows the usual ranges per course type', () => {
    expect([7, 8, 12, 20, 21].map((n) => isWithinContractRange('acute', n))).toEqual([false, true, true, true, false]);
    expect(isWithinContractRange('maintenance', 36)).toBe(true);
    expect(isWithinContractRange('continuation', 30)).toBe(false);
  });

  it('derives the planned end date from start, sessions and frequency', () => {
    expect(plannedEndDate('2026-01-05', 12, 'weekly')).toBe('2026-03-23');
    expect(plannedEndDate('2026-01-05', 12, 'fortnightly')).toBe('2026-06-08');
    expect(plannedEndDate('2026-01-31', 2, 'monthly')).toBe('2026-02-28');
    expect(plannedEndDate('2026-01-15', 36, 'monthly')).toBe('2028-12-15');
    expect(plannedEndDate('2026-01-05', 1, 'weekly')).toBe('2026-01-05');
  });
});

describe('problem-area labels', () => {
  it('shows the fourth area as the practice prefers, keeping the stored code', async () => {
    const { problemAreaLabels, PROBLEM_AREA_LABELS } = await import('../../shared/ipt/vocabulary.ts');
    expect(problemAreaLabels('sensitivity').interpersonal_deficits).toBe('Interpersonal sensitivity');
    expect(problemAreaLabels('deficits')).toEqual(PROBLEM_AREA_LABELS);
  });
});

describe('the current course', () => {
  const course = (id: string, type: CurrentCourseCandidate['type'], start: string, closed: string | null, created = `${start}T09:00:00.000Z`): CurrentCourseCandidate => ({
    id,
    type,
    status: closed === null ? 'open' : 'closed',
    contract: { startDate: start },
    closedAt: closed,
    createdAt: created,
  });
  /** Every order of the list gives the same answer. */
  const current = (courses: CurrentCourseCandidate[]): string | null => {
    const permutations = (xs: CurrentCourseCandidate[]): CurrentCourseCandidate[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
    const answers = new Set(permutations(courses).map((order) => currentCourse(order)?.id ?? null));
    expect(answers.size, 'the answer depends on the order of the list').toBe(1);
    return [...answers][0]!;
  };

  it('is null without courses, and the only course when there is one, open or closed', () => {
    expect(currentCourse([])).toBeNull();
    expect(current([course('a', 'acute', '2025-01-06', null)])).toBe('a');
    expect(current([course('a', 'acute', '2025-01-06', '2025-04-01T10:00:00.000Z')])).toBe('a');
  });

  it('prefers the open acute course to an open continuation or maintenance course, even a newer one', () => {
    expect(current([course('acute', 'acute', '2025-01-06', null), course('cont', 'continuation', '2025-06-02', null, '2025-06-01T09:00:00.000Z'), course('maint', 'maintenance', '2025-09-01', null)])).toBe('acute');
  });

  it('prefers an open continuation or maintenance course to every closed course, even one closed later', () => {
    expect(current([course('cont', 'continuation', '2025-04-07', null), course('acute', 'acute', '2025-01-06', '2025-08-01T10:00:00.000Z')])).toBe('cont');
    expect(current([course('maint', 'maintenance', '2025-04-07', null), course('acute', 'acute', '2025-09-01', '2025-12-01T10:00:00.000Z')])).toBe('maint');
  });

  it('among open continuation and maintenance courses, takes the one that started last', () => {
    expect(current([course('cont', 'continuation', '2025-04-07', null), course('maint', 'maintenance', '2025-07-07', null)])).toBe('maint');
    expect(current([course('maint', 'maintenance', '2025-04-07', null), course('cont', 'continuation', '2025-07-07', null)])).toBe('cont');
  });

  it('among open courses that started the same day, takes the one created last, then the higher id', () => {
    expect(current([course('x', 'continuation', '2025-04-07', null, '2025-04-01T09:00:00.000Z'), course('y', 'maintenance', '2025-04-07', null, '2025-04-02T09:00:00.000Z')])).toBe('y');
    expect(current([course('x', 'continuation', '2025-04-07', null), course('y', 'maintenance', '2025-04-07', null)])).toBe('y');
  });

  it('when every course is closed, takes the one closed most recently', () => {
    // An acute course and a later continuation, both closed: the continuation ended last.
    expect(current([course('acute', 'acute', '2025-01-06', '2025-04-01T10:00:00.000Z'), course('cont', 'continuation', '2025-04-07', '2025-09-01T10:00:00.000Z')])).toBe('cont');
    // Two acute courses (a relapse): the second, created and closed later.
    expect(current([course('first', 'acute', '2024-01-08', '2024-04-01T10:00:00.000Z'), course('second', 'acute', '2025-01-06', '2025-04-01T10:00:00.000Z')])).toBe('second');
  });

  it('when every course is closed, the closing date decides, not the start or the creation', () => {
    // The acute course was reopened and closed again after the continuation had ended.
    expect(current([course('acute', 'acute', '2025-01-06', '2025-10-01T10:00:00.000Z'), course('cont', 'continuation', '2025-04-07', '2025-09-01T10:00:00.000Z', '2025-04-01T09:00:00.000Z')])).toBe('acute');
  });

  it('between courses closed at the same moment, takes the later start, then the later creation', () => {
    const at = '2025-09-01T10:00:00.000Z';
    expect(current([course('acute', 'acute', '2025-01-06', at), course('cont', 'continuation', '2025-04-07', at)])).toBe('cont');
    expect(current([course('x', 'acute', '2025-01-06', at, '2025-01-01T09:00:00.000Z'), course('y', 'acute', '2025-01-06', at, '2025-01-02T09:00:00.000Z')])).toBe('y');
  });

  it('puts a closed course without a closing date after those that have one', () => {
    expect(current([course('undated', 'continuation', '2025-06-02', null), course('dated', 'acute', '2025-01-06', '2025-04-01T10:00:00.000Z')].map((c) => (c.id === 'undated' ? { ...c, status: 'closed' as const } : c)))).toBe('dated');
  });

  it('returns the caller\'s own object, so a full Course comes back as a Course', () => {
    const list = [{ ...course('a', 'acute', '2025-01-06', null), extra: 1 }];
    expect(currentCourse(list)).toBe(list[0]);
  });
});
