import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { contractProgress, currentCourse, isWithinContractRange, phasePlanProblem, plannedEndDate, type PhasePlan } from '../../../shared/ipt/course-logic.ts';
import { CONTRACT_RANGES, COURSE_TYPE_LABELS, type CourseType } from '../../../shared/ipt/vocabulary.ts';
import {
  checklistSchema,
  contractSchema,
  formulationSchema,
  problemAreaSchema,
  terminationSchema,
  type Contract,
  type Course,
  type courseCreateSchema,
  type CourseSummary,
  type courseUpdateSchema,
  type ProblemAreaEntry,
  type renegotiationInputSchema,
} from '../../../shared/schemas/course.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { ClientRepository } from './clients.ts';
import type { PersonRepository } from './inventory.ts';
import { laterTimestamp, readJson, requireRow } from './records.ts';
import type { SessionRepository } from './sessions.ts';
import type { Db } from './vault/database.ts';

interface CourseRow {
  id: string;
  client_id: string;
  type: CourseType;
  parent_course_id: string | null;
  status: 'open' | 'closed';
  contract: string;
  checklist: string;
  formulation: string;
  termination: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

function planOf(contract: Contract): PhasePlan {
  return { plannedSessions: contract.plannedSessions, initialSessions: contract.initialSessions, terminationSessions: contract.terminationSessions };
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: { [field]: message } });
}

function checkContract(type: CourseType, contract: Contract, prefix = 'contract'): void {
  if (!isWithinContractRange(type, contract.plannedSessions) && contract.outOfRangeReason === '') {
    const range = CONTRACT_RANGES[type];
    throw invalid(
      `${prefix}.outOfRangeReason`,
      `${COURSE_TYPE_LABELS[type]} courses are usually ${range.min} to ${range.max} sessions. Say why this one is different.`,
    );
  }
  const problem = phasePlanProblem(planOf(contract));
  if (problem) throw invalid(`${prefix}.initialSessions`, problem);
}

/** The inventory person a problem area refers to, if any. */
function personOf(entry: ProblemAreaEntry): string | null {
  if (entry.area === 'grief' || entry.area === 'role_dispute') return entry.details.personId || null;
  return null;
}

/** Courses of treatment (`courses`), their problem areas (`course_problem_areas`) and renegotiations (`course_renegotiations`). */
export class CourseRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly sessions: Pick<SessionRepository, 'attendedCount'>;
  private readonly clients: Pick<ClientRepository, 'assertExists'>;
  private readonly people: Pick<PersonRepository, 'assertOfClient'>;
  private readonly now: () => Date;

  constructor(
    db: Db,
    audit: AuditService,
    owners: { sessions: Pick<SessionRepository, 'attendedCount'>; clients: Pick<ClientRepository, 'assertExists'>; people: Pick<PersonRepository, 'assertOfClient'> },
    now: () => Date = () => new Date(),
  ) {
    this.db = db;
    this.audit = audit;
    this.sessions = owners.sessions;
    this.clients = owners.clients;
    this.people = owners.people;
    this.now = now;
  }

  create(input: z.output<typeof courseCreateSchema>): Course {
    const id = randomUUID();
    this.db.transaction(() => {
      this.clients.assertExists(input.clientId);
      if (input.type === 'acute') {
        if (input.parentCourseId) throw invalid('parentCourseId', 'An acute course does not follow another course.');
        if (this.db.prepare("SELECT 1 FROM courses WHERE client_id = ? AND type = 'acute' AND status = 'open'").get(input.clientId)) {
          throw invalid('type', 'This client already has an open acute course. Close it before starting another.');
        }
      } else {
        if (!input.parentCourseId) throw invalid('parentCourseId', 'Choose the acute course this one continues.');
        const parent = this.db.prepare('SELECT client_id, type FROM courses WHERE id = ?').get(input.parentCourseId) as { client_id: string; type: string } | undefined;
        if (!parent || parent.client_id !== input.clientId || parent.type !== 'acute') {
          throw invalid('parentCourseId', 'Choose an acute course of this client.');
        }
      }
      checkContract(input.type, input.contract);
      const at = this.now().toISOString();
      this.db
        .prepare(
          `INSERT INTO courses (id, client_id, type, parent_course_id, status, contract, checklist, formulation, termination, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.clientId,
          input.type,
          input.parentCourseId,
          JSON.stringify(input.contract),
          JSON.stringify(checklistSchema.parse({})),
          JSON.stringify(formulationSchema.parse({})),
          JSON.stringify(terminationSchema.parse({})),
          at,
          at,
        );
      this.audit.append({ type: 'course.created', recordType: 'course', recordId: id });
    })();
    return this.get(id);
  }

  get(id: string): Course {
    const row = this.row(id);
    return this.toCourse(row);
  }

  list(clientId: string): CourseSummary[] {
    this.clients.assertExists(clientId);
    const rows = this.db.prepare('SELECT * FROM courses WHERE client_id = ? ORDER BY created_at DESC').all(clientId) as CourseRow[];
    return rows.map((row) => {
      const course = this.toCourse(row);
      return {
        id: course.id,
        type: course.type,
        status: course.status,
        contract: course.contract,
        plannedEndDate: course.plannedEndDate,
        progress: course.progress,
        closedAt: course.closedAt,
        createdAt: course.createdAt,
        primaryArea: course.primaryArea?.area ?? null,
      };
    });
  }

  /** The client's current course, by the one rule in shared/ipt/course-logic.ts (`currentCourse`). */
  currentFor(clientId: string): Course | null {
    const rows = this.db.prepare('SELECT id, type, status, contract, closed_at, created_at FROM courses WHERE client_id = ?').all(clientId) as Pick<CourseRow, 'id' | 'type' | 'status' | 'contract' | 'closed_at' | 'created_at'>[];
    const current = currentCourse(
      rows.map((r) => ({ id: r.id, type: r.type, status: r.status, contract: { startDate: readJson(contractSchema, r.contract).startDate }, closedAt: r.closed_at, createdAt: r.created_at })),
    );
    return current ? this.get(current.id) : null;
  }

  update(input: z.output<typeof courseUpdateSchema>): Course {
    this.db.transaction(() => {
      const row = this.row(input.id);
      if (row.updated_at !== input.expectedUpdatedAt) throw new AppError('CONFLICT');
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const column of ['checklist', 'formulation', 'termination'] as const) {
        if (input[column]) {
          sets.push(`${column} = ?`);
          values.push(JSON.stringify(input[column]));
        }
      }
      if (input.phases || input.plannedEndDateOverride !== undefined) {
        const contract = readJson(contractSchema, row.contract);
        const next = { ...contract, ...(input.phases ?? {}), ...(input.plannedEndDateOverride !== undefined ? { plannedEndDateOverride: input.plannedEndDateOverride } : {}) };
        const problem = phasePlanProblem(planOf(next));
        if (problem) throw invalid('phases.initialSessions', problem);
        sets.push('contract = ?');
        values.push(JSON.stringify(next));
      }
      const areas = this.areas(row.id);
      const primary = input.primaryArea !== undefined ? input.primaryArea : areas.primary;
      const secondary = input.secondaryArea !== undefined ? input.secondaryArea : areas.secondary;
      if (secondary && !primary) throw invalid('secondaryArea', 'Choose a primary problem area before a secondary one.');
      if (primary && secondary && primary.area === secondary.area) throw invalid('secondaryArea', 'The secondary problem area must differ from the primary one.');
      if (input.primaryArea !== undefined) this.writeArea(row, 'primary', input.primaryArea, 'primaryArea');
      if (input.secondaryArea !== undefined) this.writeArea(row, 'secondary', input.secondaryArea, 'secondaryArea');
      sets.push('updated_at = ?');
      values.push(laterTimestamp(this.now(), row.updated_at));
      this.db.prepare(`UPDATE courses SET ${sets.join(', ')} WHERE id = ?`).run(...values, row.id);
      this.audit.append({ type: 'course.changed', recordType: 'course', recordId: row.id });
    })();
    return this.get(input.id);
  }

  /** Changes the planned sessions or frequency, keeping a dated record of old, new and why. */
  renegotiate(input: z.output<typeof renegotiationInputSchema>): Course {
    this.db.transaction(() => {
      const row = this.row(input.courseId);
      if (row.updated_at !== input.expectedUpdatedAt) throw new AppError('CONFLICT');
      const contract = readJson(contractSchema, row.contract);
      if (contract.plannedSessions === input.plannedSessions && contract.frequency === input.frequency) {
        throw invalid('plannedSessions', 'Change the number of sessions or the frequency to renegotiate.');
      }
      const next: Contract = { ...contract, plannedSessions: input.plannedSessions, frequency: input.frequency, outOfRangeReason: input.outOfRangeReason || contract.outOfRangeReason };
      if (!isWithinContractRange(row.type, next.plannedSessions) && input.outOfRangeReason === '') {
        const range = CONTRACT_RANGES[row.type];
        throw invalid('outOfRangeReason', `${COURSE_TYPE_LABELS[row.type]} courses are usually ${range.min} to ${range.max} sessions. Say why this one is different.`);
      }
      const problem = phasePlanProblem(planOf(next));
      if (problem) throw invalid('plannedSessions', problem);
      const at = laterTimestamp(this.now(), row.updated_at);
      this.db
        .prepare(
          `INSERT INTO course_renegotiations (id, course_id, date, old_planned_sessions, new_planned_sessions, old_frequency, new_frequency, reason, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(randomUUID(), row.id, input.date, contract.plannedSessions, next.plannedSessions, contract.frequency, next.frequency, input.reason, at);
      this.db.prepare('UPDATE courses SET contract = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(next), at, row.id);
      this.audit.append({ type: 'course.renegotiated', recordType: 'course', recordId: row.id });
    })();
    return this.get(input.courseId);
  }

  setClosed(id: string, closed: boolean): Course {
    this.db.transaction(() => {
      const row = this.row(id);
      if ((row.status === 'closed') === closed) return;
      if (!closed && row.type === 'acute' && this.db.prepare("SELECT 1 FROM courses WHERE client_id = ? AND type = 'acute' AND status = 'open' AND id <> ?").get(row.client_id, id)) {
        throw invalid('status', 'Another acute course is open for this client. Close it first.');
      }
      const at = laterTimestamp(this.now(), row.updated_at);
      this.db.prepare('UPDATE courses SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?').run(closed ? 'closed' : 'open', closed ? at : null, at, id);
      this.audit.append({ type: closed ? 'course.closed' : 'course.reopened', recordType: 'course', recordId: id });
    })();
    return this.get(id);
  }

  /** The client a course belongs to; NOT_FOUND for an unknown course. */
  clientOf(courseId: string): string {
    return requireRow(this.findClientOf(courseId) ?? undefined);
  }

  /** The client a course belongs to, or null for an unknown course. */
  findClientOf(courseId: string): string | null {
    return (this.db.prepare('SELECT client_id FROM courses WHERE id = ?').get(courseId) as { client_id: string } | undefined)?.client_id ?? null;
  }

  /** Every how many attended sessions the questionnaires are due. */
  measureEvery(courseId: string): number {
    return requireRow(this.db.prepare('SELECT measure_every FROM courses WHERE id = ?').get(courseId) as { measure_every: number } | undefined).measure_every;
  }

  setMeasureEvery(courseId: string, every: number): void {
    this.db.transaction(() => {
      requireRow(this.db.prepare('SELECT 1 FROM courses WHERE id = ?').get(courseId));
      this.db.prepare('UPDATE courses SET measure_every = ? WHERE id = ?').run(every, courseId);
      this.audit.append({ type: 'course.changed', recordType: 'course', recordId: courseId });
    })();
  }

  /** The client's courses as spans on the timeline, oldest first. */
  spans(clientId: string): { id: string; type: string; startDate: string; plannedEndDate: string }[] {
    const rows = this.db.prepare('SELECT id, type, contract FROM courses WHERE client_id = ? ORDER BY created_at').all(clientId) as { id: string; type: string; contract: string }[];
    return rows.map((c) => {
      const contract = readJson(contractSchema, c.contract);
      return { id: c.id, type: c.type, startDate: contract.startDate, plannedEndDate: contract.plannedEndDateOverride || plannedEndDate(contract.startDate, contract.plannedSessions, contract.frequency) };
    });
  }

  plan(courseId: string): PhasePlan {
    return planOf(readJson(contractSchema, this.row(courseId).contract));
  }

  /** The ids of the client's courses: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM courses WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private writeArea(row: CourseRow, rank: 'primary' | 'secondary', entry: ProblemAreaEntry | null, field: string): void {
    this.db.prepare('DELETE FROM course_problem_areas WHERE course_id = ? AND rank = ?').run(row.id, rank);
    if (!entry) return;
    const personId = personOf(entry);
    if (personId) this.people.assertOfClient(personId, row.client_id, `${field}.details.personId`);
    this.db
      .prepare('INSERT INTO course_problem_areas (course_id, rank, area, person_id, details) VALUES (?, ?, ?, ?, ?)')
      .run(row.id, rank, entry.area, personId, JSON.stringify(entry.details));
  }

  /** The problem areas that name this person, with their course's type and start, oldest course first (the inventory's "used in"). */
  problemAreasNaming(personId: string): { rank: string; area: ProblemAreaEntry['area']; courseType: CourseType; courseCreatedAt: string }[] {
    return (
      this.db
        .prepare('SELECT pa.rank, pa.area, c.type, c.created_at FROM course_problem_areas pa JOIN courses c ON c.id = pa.course_id WHERE pa.person_id = ? ORDER BY c.created_at')
        .all(personId) as { rank: string; area: ProblemAreaEntry['area']; type: CourseType; created_at: string }[]
    ).map((r) => ({ rank: r.rank, area: r.area, courseType: r.type, courseCreatedAt: r.created_at }));
  }

  private areas(courseId: string): { primary: ProblemAreaEntry | null; secondary: ProblemAreaEntry | null } {
    const rows = this.db.prepare('SELECT rank, area, details FROM course_problem_areas WHERE course_id = ?').all(courseId) as { rank: string; area: string; details: string }[];
    const byRank = (rank: string) => {
      const r = rows.find((x) => x.rank === rank);
      return r ? readJson(problemAreaSchema, JSON.stringify({ area: r.area, details: JSON.parse(r.details) })) : null;
    };
    return { primary: byRank('primary'), secondary: byRank('secondary') };
  }

  private row(id: string): CourseRow {
    return requireRow(this.db.prepare('SELECT * FROM courses WHERE id = ?').get(id) as CourseRow | undefined);
  }

  private toCourse(row: CourseRow): Course {
    const contract = readJson(contractSchema, row.contract);
    const areas = this.areas(row.id);
    const renegotiations = (
      this.db
        .prepare('SELECT * FROM course_renegotiations WHERE course_id = ? ORDER BY recorded_at')
        .all(row.id) as { id: string; date: string; old_planned_sessions: number; new_planned_sessions: number; old_frequency: Contract['frequency']; new_frequency: Contract['frequency']; reason: string; recorded_at: string }[]
    ).map((r) => ({
      id: r.id,
      date: r.date,
      oldPlannedSessions: r.old_planned_sessions,
      newPlannedSessions: r.new_planned_sessions,
      oldFrequency: r.old_frequency,
      newFrequency: r.new_frequency,
      reason: r.reason,
      recordedAt: r.recorded_at,
    }));
    return {
      id: row.id,
      clientId: row.client_id,
      type: row.type,
      parentCourseId: row.parent_course_id,
      status: row.status,
      contract,
      plannedEndDate: contract.plannedEndDateOverride || plannedEndDate(contract.startDate, contract.plannedSessions, contract.frequency),
      checklist: readJson(checklistSchema, row.checklist),
      formulation: readJson(formulationSchema, row.formulation),
      primaryArea: areas.primary,
      secondaryArea: areas.secondary,
      termination: readJson(terminationSchema, row.termination),
      renegotiations,
      progress: contractProgress(this.sessions.attendedCount(row.id), planOf(contract), contract.endingPromptAt),
      closedAt: row.closed_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
