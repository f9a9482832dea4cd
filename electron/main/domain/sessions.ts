/**
 * The rules of planning and correcting sessions, which span the client (date of birth), the
 * course (contract) and the client's other sessions. Each call checks everything first and
 * writes only when every rule holds (VALIDATION_FAILED with field messages otherwise), so bad
 * input changes nothing.
 */
import { planSeries as planDates, addMonths, daysBetween, addDays, slotDate } from '../../../shared/ipt/session-planner.ts';
import type { Attendance, Modality } from '../../../shared/ipt/vocabulary.ts';
import { todayIso } from '../../../shared/schemas/dates.ts';
import type { z } from 'zod';
import type { planSeriesSchema, seriesPlanInputSchema, SessionSummary, sessionCreateSchema, sessionRescheduleSchema, sessionUpdateSchema } from '../../../shared/schemas/session.ts';
import type { ClientRepository } from '../data/clients.ts';
import type { CourseRepository } from '../data/courses.ts';
import { AppError } from '../data/errors.ts';
import type { PersonRepository } from '../data/inventory.ts';
import type { SessionFacts, SessionRepository } from '../data/sessions.ts';

export interface SessionDeps {
  clients: Pick<ClientRepository, 'get'>;
  courses: Pick<CourseRepository, 'get' | 'clientOf'>;
  sessions: SessionRepository;
  people: Pick<PersonRepository, 'assertOfClient'>;
  /** Today's calendar date in the user's time zone. */
  today?: () => string;
}

/** A session as it would be after the change being checked. */
interface Slot {
  id: string | null;
  date: string;
  time: string;
  durationMinutes: number;
  attendance: Attendance;
}

/** Sessions more than this far ahead are a typo in the year, not a plan (the "two years"). */
const MAX_MONTHS_AHEAD = 24;

/** Cancelled sessions free their slot: a new appointment may take the hour a cancelled one had. */
function holdsSlot(a: Attendance): boolean {
  return a === 'planned' || a === 'attended' || a === 'did_not_attend';
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Two sessions overlap when both hold their slot, fall on the same day, both have a time and the
 * times intersect. A session without a time cannot be placed in the day, so it overlaps nothing
 * (recording past sessions by date alone stays possible).
 */
function overlaps(a: Slot, b: Slot): boolean {
  if (!holdsSlot(a.attendance) || !holdsSlot(b.attendance) || a.date !== b.date || !a.time || !b.time) return false;
  const [as, bs] = [minutes(a.time), minutes(b.time)];
  return as < bs + b.durationMinutes && bs < as + a.durationMinutes;
}

function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1];
  return `${d} ${month} ${y}`;
}

export class SessionSchedule {
  private readonly deps: SessionDeps;
  private readonly today: () => string;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.today = deps.today ?? (() => todayIso());
  }

  create(input: z.output<typeof sessionCreateSchema>): SessionSummary {
    const clientId = this.deps.courses.clientOf(input.courseId);
    this.checkParticipants(clientId, input.participants, 'participants');
    this.check(clientId, [{ slot: { id: null, ...input }, date: 'date', time: 'time' }], []);
    const id = this.deps.sessions.create(input);
    return this.deps.sessions.numberedOne(id);
  }

  update(input: z.output<typeof sessionUpdateSchema>): SessionSummary {
    const current = this.deps.sessions.facts(input.id);
    if (input.participants) this.checkParticipants(current.clientId, input.participants, 'participants');
    const next: Slot = {
      id: current.id,
      date: input.date ?? current.date,
      time: input.time ?? current.time,
      durationMinutes: input.durationMinutes ?? current.durationMinutes,
      attendance: input.attendance ?? current.attendance,
    };
    this.check(current.clientId, [{ slot: next, date: 'date', time: 'time' }], [current.id]);
    const { id, expectedUpdatedAt, ...change } = input;
    this.deps.sessions.update(id, expectedUpdatedAt, change);
    return this.deps.sessions.numberedOne(id);
  }

  remove(id: string): void {
    this.deps.sessions.remove(id);
  }

  /**
   * Moves one session, or it and every later session of its course by the same number of days
   * (a holiday week pushes the rest of the plan along). Only sessions still planned move with it:
   * what already happened stays on the day it happened.
   */
  reschedule(input: z.output<typeof sessionRescheduleSchema>): SessionSummary[] {
    const current = this.deps.sessions.facts(input.id);
    const shift = daysBetween(current.date, input.newDate);
    const later = input.shiftLater
      ? this.deps.sessions
          .factsForClient(current.clientId)
          .filter((s) => s.courseId === current.courseId && s.id !== current.id && s.attendance === 'planned' && (s.date > current.date || (s.date === current.date && s.time > current.time)))
      : [];
    const moves = [
      { facts: current, date: input.newDate, time: input.newTime ?? current.time },
      ...later.map((s) => ({ facts: s, date: addDays(s.date, shift), time: s.time })),
    ];
    this.check(
      current.clientId,
      // A later session's clash is reported at the new date: the user chose that shift there.
      moves.map((m, i) => ({ slot: { ...m.facts, date: m.date, time: m.time }, date: 'newDate', time: i === 0 ? 'newTime' : 'newDate' })),
      moves.map((m) => m.facts.id),
    );
    this.deps.sessions.move(moves.map((m) => ({ id: m.facts.id, date: m.date, time: m.time })));
    return this.deps.sessions.numbered(current.courseId);
  }

  /** The proposed dates of a series from the contract (nothing is written). */
  proposeSeries(input: z.output<typeof seriesPlanInputSchema>): { dates: string[]; skipped: string[]; afterEnd: string[]; plannedEnd: string; time: string } {
    const course = this.deps.courses.get(input.courseId);
    const contract = course.contract;
    const existing = this.deps.sessions.numbered(course.id);
    const lastTime = existing.findLast((s) => s.time)?.time ?? '';
    // Sessions already attended or planned count towards the contract; the rest are offered.
    const taken = existing.filter((s) => s.attendance === 'attended' || s.attendance === 'planned').length;
    const count = input.count ?? Math.max(1, contract.plannedSessions - taken);
    const lastDate = existing.at(-1)?.date;
    // After sessions already recorded, the offer continues one interval after the last.
    const start = input.start ?? (lastDate && lastDate >= contract.startDate ? slotDate(lastDate, contract.frequency, 1) : contract.startDate);
    const plan = planDates({ start, frequency: contract.frequency, count, away: input.away, plannedEnd: course.plannedEndDate });
    return { ...plan, plannedEnd: course.plannedEndDate, time: lastTime };
  }

  /** Writes a planned series in one transaction, after every date has passed every rule. */
  planSeries(input: z.output<typeof planSeriesSchema>): SessionSummary[] {
    const course = this.deps.courses.get(input.courseId);
    if (course.status !== 'open') throw new AppError('VALIDATION_FAILED', { fields: { courseId: 'This course is closed. Reopen it to plan sessions.' } });
    const clientId = course.clientId;
    const durationMinutes = course.contract.sessionMinutes;
    if (!input.beyondContractEnd) {
      const fields: Record<string, string> = {};
      input.sessions.forEach((s, i) => {
        if (s.date > course.plannedEndDate) fields[`sessions.${i}.date`] = `This is after the contract's planned end (${longDate(course.plannedEndDate)}). Confirm planning past the end, or renegotiate the contract.`;
      });
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
    }
    this.check(
      clientId,
      input.sessions.map((s, i) => ({ slot: { id: null, date: s.date, time: s.time, durationMinutes, attendance: 'planned' as const }, date: `sessions.${i}.date`, time: `sessions.${i}.time` })),
      [],
    );
    this.deps.sessions.createMany(
      course.id,
      input.sessions.map((s) => ({ date: s.date, time: s.time, durationMinutes, attendance: 'planned' as const, modality: input.modality as Modality })),
    );
    return this.deps.sessions.numbered(course.id);
  }

  /**
   * Checks candidate sessions against the client's date of birth, the two-year horizon and the
   * client's other sessions (and each other); `replacing` are the stored sessions the candidates
   * stand in for. Throws VALIDATION_FAILED naming each field; returns when all hold.
   */
  private check(clientId: string, candidates: { slot: Slot; date: string; time: string }[], replacing: string[]): void {
    const dob = this.deps.clients.get(clientId).fields.dateOfBirth;
    const horizon = addMonths(this.today(), MAX_MONTHS_AHEAD);
    const others: Slot[] = this.deps.sessions.factsForClient(clientId).filter((s: SessionFacts) => !replacing.includes(s.id));
    const fields: Record<string, string> = {};
    const set = (key: string, message: string) => {
      fields[key] ??= message;
    };
    candidates.forEach((c, i) => {
      if (dob && c.slot.date < dob) set(c.date, `This date is before the client's date of birth (${longDate(dob)}).`);
      else if (c.slot.date > horizon) set(c.date, 'This date is more than two years ahead. Check the year.');
      const clash = [...others, ...candidates.slice(0, i).map((x) => x.slot)].find((o) => overlaps(c.slot, o));
      if (clash) set(c.time, `This overlaps the session on ${longDate(clash.date)} at ${clash.time}. Choose another time.`);
    });
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  }

  private checkParticipants(clientId: string, people: string[], field: string): void {
    for (const p of people) this.deps.people.assertOfClient(p, clientId, field, 'Choose people from this client’s inventory.');
  }
}
