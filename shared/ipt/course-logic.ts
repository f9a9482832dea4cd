/**
 * Pure rules of the treatment contract: phases, session counting, the planned end date, the
 * prompt to raise the ending, and which course is the client's current one. Main computes with
 * these; the renderer only shows the results.
 */
import { calendarDateOfUtc } from '../schemas/dates.ts';
import { CONTRACT_RANGES, type CourseType, type Frequency, type Phase } from './vocabulary.ts';

export interface PhasePlan {
  plannedSessions: number;
  /** Sessions 1..initialSessions are the initial phase. */
  initialSessions: number;
  /** The last terminationSessions of the contract are the ending phase. */
  terminationSessions: number;
}

/** The phase a session belongs to, by its number among attended sessions (1-based). */
export function phaseOfSession(sessionNumber: number, plan: PhasePlan): Phase {
  if (sessionNumber <= plan.initialSessions) return 'initial';
  if (sessionNumber > plan.plannedSessions - plan.terminationSessions) return 'termination';
  return 'middle';
}

export interface ContractProgress {
  attended: number;
  planned: number;
  /** The phase of the most recent attended session; before any, the initial phase. */
  phase: Phase;
  remaining: number;
  exceeded: boolean;
  /** Set when the ending should be raised with the client. */
  endingPrompt: null | { kind: 'raise-ending'; remaining: number } | { kind: 'contract-reached' } | { kind: 'contract-exceeded'; over: number };
}

export function contractProgress(attended: number, plan: PhasePlan, endingPromptAt: number): ContractProgress {
  const planned = plan.plannedSessions;
  const remaining = Math.max(0, planned - attended);
  const phase = attended === 0 ? 'initial' : phaseOfSession(attended, plan);
  let endingPrompt: ContractProgress['endingPrompt'] = null;
  if (attended > planned) endingPrompt = { kind: 'contract-exceeded', over: attended - planned };
  else if (attended === planned) endingPrompt = { kind: 'contract-reached' };
  else if (remaining <= endingPromptAt) endingPrompt = { kind: 'raise-ending', remaining };
  return { attended, planned, phase, remaining, exceeded: attended > planned, endingPrompt };
}

export function isWithinContractRange(type: CourseType, plannedSessions: number): boolean {
  const range = CONTRACT_RANGES[type];
  return plannedSessions >= range.min && plannedSessions <= range.max;
}

/** Checks phase boundaries against the contract: the initial and ending phases may not overlap. */
export function phasePlanProblem(plan: PhasePlan): string | null {
  if (plan.initialSessions < 1) return 'The initial phase needs at least one session.';
  if (plan.terminationSessions < 1) return 'The ending phase needs at least one session.';
  if (plan.initialSessions + plan.terminationSessions > plan.plannedSessions) {
    return 'The initial and ending phases together cannot be longer than the whole contract.';
  }
  return null;
}

/** Date of the last planned session: start + (n - 1) intervals. Calendar dates, no time zone. */
export function plannedEndDate(startDate: string, plannedSessions: number, frequency: Frequency): string {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const steps = Math.max(0, plannedSessions - 1);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (frequency === 'monthly') {
    const target = new Date(Date.UTC(y, m - 1 + steps, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d, lastDay));
    return calendarDateOfUtc(target);
  }
  date.setUTCDate(date.getUTCDate() + steps * (frequency === 'weekly' ? 7 : 14));
  return calendarDateOfUtc(date);
}

/** What `currentCourse` needs of a course; a full `Course` fits. */
export interface CurrentCourseCandidate {
  id: string;
  type: CourseType;
  status: 'open' | 'closed';
  contract: { startDate: string };
  /** When the course was closed; null while open. */
  closedAt: string | null;
  createdAt: string;
}

/** 0: open acute, 1: open continuation or maintenance, 2: closed. */
function currentRank(c: CurrentCourseCandidate): number {
  if (c.status === 'open') return c.type === 'acute' ? 0 : 1;
  return 2;
}

/** Negative when `a` is the better current course. ISO dates and times compare as strings. */
function compareForCurrent(a: CurrentCourseCandidate, b: CurrentCourseCandidate): number {
  const later = (x: string, y: string) => (x === y ? 0 : x > y ? -1 : 1);
  return (
    currentRank(a) - currentRank(b) ||
    (a.status === 'closed' ? later(a.closedAt ?? '', b.closedAt ?? '') : 0) ||
    later(a.contract.startDate, b.contract.startDate) ||
    later(a.createdAt, b.createdAt) ||
    later(a.id, b.id)
  );
}

/**
 * The client's current course, the one rule every screen and document uses: the open acute
 * course; else the open continuation or maintenance course that started last; else, when every
 * course is closed, the one closed most recently. Ties fall to the later start, then the later
 * creation, then the id, so the answer never depends on the order of the list. Null for none.
 */
export function currentCourse<C extends CurrentCourseCandidate>(courses: readonly C[]): C | null {
  let best: C | null = null;
  for (const c of courses) if (best === null || compareForCurrent(c, best) < 0) best = c;
  return best;
}
