/**
 * Everything a document may draw on, gathered once from the vault for one client: the record
 * as letters, print views, the FHIR bundle and the referral packet see it. Process notes are
 * only read through the caller's ProcessNoteGate (process-note-gate.ts).
 */
import { currentCourse } from '../../../../shared/ipt/course-logic.ts';
import { instrument } from '../../../../shared/ipt/instruments.ts';
import type { Administration, MeasureSummary } from '../../../../shared/schemas/measures.ts';
import type { Authorisation } from '../../../../shared/schemas/documents.ts';
import type { Client } from '../../../../shared/schemas/client.ts';
import type { Course } from '../../../../shared/schemas/course.ts';
import type { Person } from '../../../../shared/schemas/inventory.ts';
import type { PracticeProfile, RiskRecord, SessionNote } from '../../../../shared/schemas/note.ts';
import type { LifeEvent } from '../../../../shared/schemas/timeline.ts';
import type { Circle } from '../../../../shared/schemas/circle.ts';
import type { SafetyPlanRevision } from '../../../../shared/schemas/safety-plan.ts';
import type { TemplateDefinition } from '../../../../shared/ipt/templates/types.ts';
import type { Repositories } from '../../data/repositories.ts';
import { AppError } from '../../data/errors.ts';
import { ProcessNoteGate } from './process-note-gate.ts';

type Repos = Repositories;

export interface SessionRecord {
  note: SessionNote;
  templates: Record<string, TemplateDefinition>;
  /** Only present when the caller's ProcessNoteGate let it through. */
  processNote: string | null;
}

export interface RecordData {
  profile: PracticeProfile;
  client: Client;
  courses: Course[];
  sessions: SessionRecord[];
  administrations: Administration[];
  summary: MeasureSummary | null;
  people: Person[];
  circle: Circle;
  events: LifeEvent[];
  openRisks: RiskRecord[];
  assessedRisks: RiskRecord[];
  /** The current safety plan (its latest revision): part of the clinical record, not a process note. */
  safetyPlan: SafetyPlanRevision | null;
  authorisation: Authorisation | null;
}

export interface GatherOptions {
  courseIds?: string[];
  sessionIds?: string[];
  /** Whether process notes may be read; closed (none) unless the caller's request opened it. */
  processNotes?: ProcessNoteGate;
}

export function gatherRecord(repos: Repos, clientId: string, options: GatherOptions = {}): RecordData {
  const client = repos.clients.get(clientId);
  const gate = options.processNotes ?? ProcessNoteGate.closed();
  const allCourses = repos.courses.list(clientId).map((c) => repos.courses.get(c.id));
  const courses = options.courseIds?.length ? allCourses.filter((c) => options.courseIds!.includes(c.id)) : allCourses;
  if (options.courseIds?.length && courses.length !== options.courseIds.length) throw new AppError('VALIDATION_FAILED', { fields: { courseIds: 'Choose courses of this client.' } });
  const sessions: SessionRecord[] = [];
  for (const course of [...courses].sort((a, b) => (a.contract.startDate < b.contract.startDate ? -1 : 1))) {
    for (const row of repos.sessions.rowsForCourse(course.id)) {
      if (options.sessionIds?.length && !options.sessionIds.includes(row.id)) continue;
      const note = repos.notes.get(row.id);
      const templates: Record<string, TemplateDefinition> = {};
      for (const e of note.entries) templates[`${e.templateId}@${e.templateVersion}`] = repos.templates.resolve(e.templateId, e.templateVersion);
      sessions.push({ note, templates, processNote: gate.noteText(clientId, () => repos.notes.processNote(row.id).text) });
    }
  }
  const current = currentCourse(courses);
  const administrations = repos.measures.list(clientId).filter((a) => !a.courseId || courses.some((c) => c.id === a.courseId));
  return {
    profile: repos.profile.get(),
    client,
    courses,
    sessions,
    administrations,
    summary: current ? repos.measures.summary(clientId, current.id) : null,
    people: repos.people.list(clientId, true),
    circle: repos.circle.get(clientId),
    events: repos.timeline.timeline(clientId).events,
    openRisks: repos.risks.openRisks(clientId),
    assessedRisks: repos.risks.assessedRisks(clientId),
    safetyPlan: repos.safetyPlans.latest(clientId),
    authorisation: gate.allows(clientId) ? gate.authorisation : null,
  };
}

/** "PHQ-9 18 (moderately severe) on 5 Jan 2026" style facts, used by letters and summaries. */
export function describeAdministration(a: Administration, formatDate: (iso: string) => string): string {
  const def = instrument(a.instrumentId, a.instrumentVersion);
  return a.complete ? `${def.name} ${a.total} (${a.band}) on ${formatDate(a.administeredOn)}` : `${def.name} incomplete on ${formatDate(a.administeredOn)}`;
}

const LONG_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' });

/**
 * A calendar date (YYYY-MM-DD) in the user's locale, written out ("5 January 2026" or "January 5,
 * 2026"). An instant is first dated with localDateOf; formatting in UTC only keeps the day as given.
 */
export function longDate(iso: string): string {
  const time = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(time) ? iso : LONG_DATE.format(time);
}
