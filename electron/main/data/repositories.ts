/**
 * The repositories over one open vault connection. Each owns its tables; this is the one place
 * that wires them to each other. Domain code takes the narrow parts it needs (see overview.ts).
 */
import { AuditService } from './audit.ts';
import { CircleRepository } from './circle.ts';
import { ClientRepository } from './clients.ts';
import { CourseRepository } from './courses.ts';
import { DocumentRepository } from './documents.ts';
import { EntryRepository } from './entries.ts';
import { PersonRepository } from './inventory.ts';
import { MeasureRepository } from './measures.ts';
import { NoteSearch } from './note-search.ts';
import { NoteRepository } from './notes.ts';
import { ProfileRepository } from './profile.ts';
import { RatingRepository } from './ratings.ts';
import { RetentionService } from './retention.ts';
import { RiskRepository } from './risks.ts';
import { SafetyPlanRepository } from './safety-plans.ts';
import { SearchIndex } from './search.ts';
import { SessionRepository } from './sessions.ts';
import { TemplateRegistry } from './templates.ts';
import { TimelineRepository } from './timeline.ts';
import type { Db } from './vault/database.ts';

export interface Repositories {
  audit: AuditService;
  clients: ClientRepository;
  courses: CourseRepository;
  sessions: SessionRepository;
  people: PersonRepository;
  circle: CircleRepository;
  timeline: TimelineRepository;
  ratings: RatingRepository;
  search: SearchIndex;
  templates: TemplateRegistry;
  profile: ProfileRepository;
  notes: NoteRepository;
  entries: EntryRepository;
  risks: RiskRepository;
  safetyPlans: SafetyPlanRepository;
  measures: MeasureRepository;
  documents: DocumentRepository;
  retention: RetentionService;
}

export function createRepositories(db: Db, auditKey: Buffer): Repositories {
  const audit = new AuditService(db, auditKey);
  // Search asks clients for the hits' names and notes for where process notes sit; resolved when first called.
  const search: SearchIndex = new SearchIndex(db, { clients: { namesOf: (ids) => clients.namesOf(ids) }, processNotes: { latestProcessNotes: (rowids, window) => notes.latestProcessNotes(rowids, window), processNotePlacesOfClient: (id) => notes.processNotePlacesOfClient(id) } });
  const clients: ClientRepository = new ClientRepository(db, audit, search);
  // Sessions ask their course for its plan and client, and their note whether they may go; resolved when first called.
  const sessions: SessionRepository = new SessionRepository(db, audit, {
    courses: { plan: (id) => courses.plan(id), clientOf: (id) => courses.clientOf(id) },
    notes: { assertSessionRemovable: (id) => notes.assertSessionRemovable(id), forgetSession: (id) => notes.forgetSession(id), reindexSession: (id) => notes.reindexSessionById(id) },
  });
  // People and the circle ask each other (an archived person leaves the circle); resolved when first called.
  // People ask the owners of what may name a person (courses, entries, sessions, timeline) where they are used; resolved when first called.
  const people: PersonRepository = new PersonRepository(db, audit, {
    clients,
    circle: { unplace: (id) => circle.unplace(id) },
    usedBy: {
      courses: { problemAreasNaming: (id) => courses.problemAreasNaming(id) },
      entries: { namingPerson: (id) => entries.namingPerson(id) },
      sessions,
      timeline: { eventsNaming: (id) => timeline.eventsNaming(id) },
    },
  });
  const circle: CircleRepository = new CircleRepository(db, audit, { clients, people });
  const courses: CourseRepository = new CourseRepository(db, audit, { sessions, clients, people });
  const templates = new TemplateRegistry(db, audit);
  const profile = new ProfileRepository(db, audit);
  const risks = new RiskRepository(db, audit);
  const noteSearch = new NoteSearch(search);
  // Entries ask their note whether it is still a draft; resolved when first called.
  const entries: EntryRepository = new EntryRepository({ db, audit, search: noteSearch, sessions, notes: { assertEditable: (id) => notes.assertEditable(id) }, people, templates });
  const notes: NoteRepository = new NoteRepository({ db, audit, search: noteSearch, sessions, courses, entries, risks, profile });
  const timeline: TimelineRepository = new TimelineRepository(db, audit, { clients, people, courses, sessions });
  return {
    audit,
    search,
    templates,
    profile,
    notes,
    entries,
    risks,
    safetyPlans: new SafetyPlanRepository(db, audit, { clients, risks }),
    measures: new MeasureRepository({ db, audit, owners: { clients, courses, sessions, risks, timeline } }),
    documents: new DocumentRepository(db, audit, clients),
    retention: new RetentionService(db, audit, { clients, sessions, search, notes }),
    clients,
    courses,
    sessions,
    people,
    circle,
    timeline,
    ratings: new RatingRepository(db, audit, { clients, courses }),
  };
}
