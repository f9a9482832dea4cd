/**
 * The twenty-year practice of the performance issue, written through the app's own repositories
 * so that every row, audit entry and search entry is the one the app would write: 2,000 clients,
 * 2,400 courses (2,000 acute, 400 continuation), 50,000 sessions with notes of 200-600 words,
 * 60,000 technique entries, 100,000 PHQ-9/GAD-7 administrations and 30,000 inventory people,
 * plus the large client of the course issue (60 sessions, 30 people). The same seed always gives
 * the same records.
 */
import type { Repositories } from '../electron/main/data/repositories.ts';
import type { Db } from '../electron/main/data/vault/database.ts';
import type { NoteFields } from '../shared/schemas/note.ts';
import { seedLargeClient } from './large-client.ts';
import { paragraph, vocabulary, type Vocabulary } from './practice-text.ts';
import { clientFields, pick, prng } from './seed-data.ts';

type Repos = Repositories;

/** Bump when the generator changes, so a cached practice from an older generator is rebuilt. */
export const PRACTICE_VERSION = 2;
export const DEFAULT_PRACTICE_SEED = 20_261_130;

export const PRACTICE_SHAPE = {
  clients: 2000,
  continuationEvery: 5, // every fifth client comes back for a continuation course: 400 courses
  acuteSessions: 22,
  continuationSessions: 15,
  peoplePerClient: 15,
  /** One technique entry per session, and a second one every fifth session. */
  secondEntryEvery: 5,
} as const;

export interface PracticeCounts {
  clients: number;
  courses: number;
  sessions: number;
  notes: number;
  entries: number;
  administrations: number;
  people: number;
}

const RELATIONSHIPS = ['partner', 'parent', 'child', 'sibling', 'friend', 'colleague', 'other'] as const;
const ROLES = ['support', 'stress', 'mixed', 'unset'] as const;
const AREAS = ['grief', 'role_dispute', 'role_transition', 'interpersonal_deficits'] as const;
const TEMPLATES = ['communication-analysis', 'role-play', 'problem-solving', 'clarification', 'encouragement-of-affect'] as const;

function isoDay(base: Date, plusDays: number): string {
  return new Date(base.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** Note fields summing to 200-600 words, spread over the note's free-text fields. */
function noteFields(v: Vocabulary, random: () => number, area: NoteFields['focusArea']): NoteFields {
  const total = 200 + Math.floor(random() * 401);
  const share = (fraction: number) => Math.max(5, Math.round(total * fraction));
  const words = (n: number) => paragraph(v, random, n, n);
  return {
    focusArea: area,
    intervalMood: words(share(0.15)),
    intervalEvents: words(share(0.2)),
    moodEventLink: words(share(0.1)),
    affectObserved: words(share(0.05)),
    riskCheck: random() < 0.97 ? 'none' : 'low',
    workDone: words(share(0.3)),
    clientResponse: words(share(0.12)),
    planNext: words(share(0.08)),
    task: '',
    taskReview: 'unset',
    taskReviewNote: '',
  };
}

/** Values for a built-in template's long-text fields and its person: what a worksheet holds in practice. */
function entryValues(templateId: (typeof TEMPLATES)[number], v: Vocabulary, random: () => number, personId: string): Record<string, unknown> {
  const text = (min: number, max: number) => paragraph(v, random, min, max);
  switch (templateId) {
    case 'communication-analysis':
      return { when: 'Last weekend', otherPerson: personId, setting: text(5, 15), leadUp: text(20, 60), meant: text(10, 40), heard: text(10, 40), outcome: text(10, 40) };
    case 'role-play':
      return { scenario: text(10, 30), otherPerson: personId, clientGoal: text(10, 30), perspective: text(20, 60), planForReal: text(10, 30) };
    case 'problem-solving':
      return { problem: text(15, 40), implementation: text(20, 60), evaluation: text(10, 40) };
    case 'clarification':
      return { statement: text(10, 30), reflection: text(10, 30), insight: text(10, 30) };
    case 'encouragement-of-affect':
      return { situation: text(10, 30), meaning: text(10, 30), expression: text(10, 30) };
  }
}

function answers(random: () => number, n: number, level: number): (0 | 1 | 2 | 3)[] {
  return Array.from({ length: n }, (_, i) => (i === 8 && random() < 0.97 ? 0 : Math.min(3, Math.floor(random() * (level + 1)))) as 0 | 1 | 2 | 3);
}

/**
 * Seeds one client with its courses, sessions, notes, worksheets, measures and inventory, in one
 * transaction (the app writes each record in its own; batching here only makes seeding faster).
 */
function seedClient(db: Db, repos: Repos, v: Vocabulary, random: () => number, index: number, counts: PracticeCounts): void {
  db.transaction(() => {
    const client = repos.clients.create(clientFields(random, index));
    counts.clients++;
    const people: string[] = [];
    for (let p = 0; p < PRACTICE_SHAPE.peoplePerClient; p++) {
      const person = repos.people.create(client.id, {
        name: `Person ${p}`, relationship: pick(random, RELATIONSHIPS), relationshipOther: '', age: 18 + Math.floor(random() * 70), livesWithClient: random() < 0.2,
        contactFrequency: 'weekly', timeTogether: paragraph(v, random, 3, 10), sharedActivities: paragraph(v, random, 3, 10), values: paragraph(v, random, 3, 12), dislikes: paragraph(v, random, 3, 12),
        canTalkAbout: paragraph(v, random, 2, 8), cannotTalkAbout: paragraph(v, random, 2, 8), knowsAboutDifficulties: 'yes', feelingsWhenTogether: paragraph(v, random, 2, 8), argueFrequency: 'rarely',
        howArgumentsEnd: paragraph(v, random, 2, 8), clientExpectations: paragraph(v, random, 2, 8), theirExpectations: paragraph(v, random, 2, 8), expectationsMet: 'partly', wishToChange: paragraph(v, random, 2, 8),
        roleNearOnset: pick(random, ROLES), notes: '',
      });
      people.push(person.id);
      counts.people++;
    }
    repos.circle.update(client.id, 3, people.map((personId, i) => ({ personId, ring: 1 + (i % 3), angle: (i * 24) % 360 })));

    // Clients arrive evenly over twenty years, from 2006 on.
    const start = new Date(Date.UTC(2006, 0, 2) + Math.floor((index / PRACTICE_SHAPE.clients) * 20 * 365) * 86_400_000);
    const area = pick(random, AREAS);
    const acute = repos.courses.create({
      clientId: client.id, type: 'acute', parentCourseId: null,
      contract: { startDate: isoDay(start, 0), plannedSessions: 20, frequency: 'weekly', sessionMinutes: 50, agreedFocus: paragraph(v, random, 5, 15), plannedEndDateOverride: '', outOfRangeReason: '', initialSessions: 3, terminationSessions: 3, endingPromptAt: 3 },
    });
    counts.courses++;
    const courses: { id: string; sessions: number; from: number }[] = [{ id: acute.id, sessions: PRACTICE_SHAPE.acuteSessions, from: 0 }];
    if (index % PRACTICE_SHAPE.continuationEvery === 0) {
      const from = PRACTICE_SHAPE.acuteSessions * 7 + 28;
      const continuation = repos.courses.create({
        clientId: client.id, type: 'continuation', parentCourseId: acute.id,
        contract: { startDate: isoDay(start, from), plannedSessions: 16, frequency: 'fortnightly', sessionMinutes: 50, agreedFocus: '', plannedEndDateOverride: '', outOfRangeReason: '', initialSessions: 2, terminationSessions: 3, endingPromptAt: 3 },
      });
      counts.courses++;
      courses.push({ id: continuation.id, sessions: PRACTICE_SHAPE.continuationSessions, from });
    }
    for (const course of courses) {
      for (let s = 0; s < course.sessions; s++) {
        const date = isoDay(start, course.from + s * 7);
        const attendance = random() < 0.92 ? 'attended' : pick(random, ['cancelled_client', 'did_not_attend'] as const);
        const sessionId = repos.sessions.create({ courseId: course.id, date, time: '10:00', durationMinutes: 50, attendance });
        counts.sessions++;
        repos.notes.saveDraft(sessionId, noteFields(v, random, area));
        counts.notes++;
        const entriesHere = counts.sessions % PRACTICE_SHAPE.secondEntryEvery === 0 ? 2 : 1;
        for (let e = 0; e < entriesHere; e++) {
          const templateId = pick(random, TEMPLATES);
          const entry = repos.entries.create(sessionId, templateId, null, {});
          repos.entries.save(entry.id, entryValues(templateId, v, random, pick(random, people)));
          counts.entries++;
        }
        const level = Math.max(0, 3 - Math.floor((s / course.sessions) * 3));
        repos.measures.administer({ clientId: client.id, courseId: null, sessionId, instrumentId: 'phq9', answers: answers(random, 9, level), difficulty: 1, administeredOn: date });
        repos.measures.administer({ clientId: client.id, courseId: null, sessionId, instrumentId: 'gad7', answers: answers(random, 7, level), difficulty: 1, administeredOn: date });
        counts.administrations += 2;
      }
      if (course.id === acute.id && courses.length > 1) repos.courses.setClosed(acute.id, true);
    }
  })();
}

/**
 * Seeds the whole practice (or its first `clients` clients, for tests); `progress` hears after
 * every 100 clients. Returns what was written.
 */
export function seedPractice(db: Db, repos: Repos, seed: number, options: { clients?: number; progress?: (done: number) => void } = {}): { counts: PracticeCounts; largeClientId: string } {
  const clients = options.clients ?? PRACTICE_SHAPE.clients;
  const v = vocabulary();
  const random = prng(seed);
  const counts: PracticeCounts = { clients: 0, courses: 0, sessions: 0, notes: 0, entries: 0, administrations: 0, people: 0 };
  for (let i = 0; i < clients; i++) {
    seedClient(db, repos, v, random, i, counts);
    if ((i + 1) % 100 === 0) options.progress?.(i + 1);
  }
  const largeClientId = db.transaction(() => seedLargeClient(repos))();
  return { counts, largeClientId };
}
