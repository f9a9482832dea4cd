import { describe, expect, it } from 'vitest';
import { contractProgress, isWithinContractRange, phaseOfSession, phasePlanProblem, plannedEndDate } from '../../shared/ipt/course-logic.ts';

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
