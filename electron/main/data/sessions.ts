import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { phaseOfSession, type PhasePlan } from '../../../shared/ipt/course-logic.ts';
import type { Attendance } from '../../../shared/ipt/vocabulary.ts';
import type { sessionCreateSchema, SessionSummary } from '../../../shared/schemas/session.ts';
import type { AuditService } from './audit.ts';
import { requireRow } from './records.ts';
import type { Db } from './vault/database.ts';

interface SessionRow {
  id: string;
  course_id: string;
  date: string;
  time: string;
  duration_minutes: number;
  attendance: Attendance;
  created_at: string;
}

/**
 * Numbers sessions among the attended ones, in date order: cancelled and missed sessions get no
 * number and do not move the phase. The numbering is derived, never stored.
 */
function numberSessions(rows: SessionRow[], plan: PhasePlan): SessionSummary[] {
  let n = 0;
  return rows.map((r) => {
    const attended = r.attendance === 'attended';
    const number = attended ? ++n : null;
    return {
      id: r.id,
      courseId: r.course_id,
      date: r.date,
      time: r.time,
      durationMinutes: r.duration_minutes,
      attendance: r.attendance,
      number,
      phase: number === null ? null : phaseOfSession(number, plan),
      createdAt: r.created_at,
    };
  });
}

interface PlaceRow extends SessionRow {
  client_id: string;
}

export interface SessionPlace {
  id: string;
  courseId: string;
  clientId: string;
  date: string;
  time: string;
  attendance: Attendance;
  createdAt: string;
}

const ORDER = 'ORDER BY date, time, created_at, id';

/** What sessions need from the course that owns them (the course repository answers). */
export interface CourseFacts {
  plan(courseId: string): PhasePlan;
  clientOf(courseId: string): string;
}

export class SessionRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly courses: CourseFacts;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, courses: CourseFacts, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.courses = courses;
    this.now = now;
  }

  create(input: z.output<typeof sessionCreateSchema>): string {
    const course = { client_id: this.courses.clientOf(input.courseId) };
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO sessions (id, course_id, client_id, date, time, duration_minutes, attendance, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.courseId, course.client_id, input.date, input.time, input.durationMinutes, input.attendance, at, at);
      this.audit.append({ type: 'session.created', recordType: 'session', recordId: id });
    })();
    return id;
  }

  /** The course's sessions in date order, numbered among the attended ones, each with its phase: the one place numbering is done. */
  numbered(courseId: string): SessionSummary[] {
    return numberSessions(this.rowsForCourse(courseId), this.courses.plan(courseId));
  }

  /** One session as `numbered` shows it. */
  numberedOne(sessionId: string): SessionSummary {
    const row = requireRow(this.db.prepare('SELECT course_id FROM sessions WHERE id = ?').get(sessionId) as { course_id: string } | undefined);
    return this.numbered(row.course_id).find((s) => s.id === sessionId)!;
  }

  /** Every session of the client, numbered within its own course, in date order. */
  numberedForClient(clientId: string): SessionSummary[] {
    const courseIds = [...new Set(this.rowsForClient(clientId).map((r) => r.course_id))];
    return courseIds.flatMap((id) => this.numbered(id)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** Where a session sits: its course, client, date and attendance; NOT_FOUND for an unknown session. */
  place(sessionId: string): SessionPlace {
    return requireRow(this.findPlace(sessionId) ?? undefined);
  }

  /** As `place`, or null for an unknown session. */
  findPlace(sessionId: string): SessionPlace | null {
    const r = this.db.prepare('SELECT id, course_id, client_id, date, time, attendance, created_at FROM sessions WHERE id = ?').get(sessionId) as PlaceRow | undefined;
    return r ? { id: r.id, courseId: r.course_id, clientId: r.client_id, date: r.date, time: r.time, attendance: r.attendance, createdAt: r.created_at } : null;
  }

  /**
   * The sessions of the same course before this one, latest first: an earlier date, or the same
   * date and created earlier.
   */
  earlierInCourse(s: Pick<SessionPlace, 'id' | 'courseId' | 'date' | 'createdAt'>): string[] {
    return (
      this.db
        .prepare('SELECT id FROM sessions WHERE course_id = ? AND id <> ? AND (date < ? OR (date = ? AND created_at < ?)) ORDER BY date DESC, time DESC, created_at DESC')
        .all(s.courseId, s.id, s.date, s.date, s.createdAt) as { id: string }[]
    ).map((r) => r.id);
  }

  /** The client's latest session date, or null (retention counts from it); one index lookup. */
  lastDate(clientId: string): string | null {
    return (this.db.prepare('SELECT max(date) AS last FROM sessions WHERE client_id = ?').get(clientId) as { last: string | null }).last;
  }

  rowsForCourse(courseId: string): SessionRow[] {
    return this.db.prepare(`SELECT id, course_id, date, time, duration_minutes, attendance, created_at FROM sessions WHERE course_id = ? ${ORDER}`).all(courseId) as SessionRow[];
  }

  attendedCount(courseId: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM sessions WHERE course_id = ? AND attendance = 'attended'").get(courseId) as { n: number }).n;
  }

  rowsForClient(clientId: string): SessionRow[] {
    return this.db.prepare(`SELECT id, course_id, date, time, duration_minutes, attendance, created_at FROM sessions WHERE client_id = ? ${ORDER}`).all(clientId) as SessionRow[];
  }
}
