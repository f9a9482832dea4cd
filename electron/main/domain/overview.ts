import type { Overview } from '../../../shared/schemas/overview.ts';
import type { CircleRepository } from '../data/circle.ts';
import type { ClientRepository } from '../data/clients.ts';
import type { CourseRepository } from '../data/courses.ts';
import type { PersonRepository } from '../data/inventory.ts';
import type { RatingRepository } from '../data/ratings.ts';
import type { RiskRepository } from '../data/risks.ts';
import type { SessionRepository } from '../data/sessions.ts';
import { todayIso } from '../../../shared/schemas/dates.ts';

/** Builds the client overview from the repositories: one call for the whole screen. */
export function clientOverview(
  repos: { clients: ClientRepository; courses: CourseRepository; people: PersonRepository; circle: CircleRepository; ratings: RatingRepository; risks: Pick<RiskRepository, 'openRisks'>; sessions: Pick<SessionRepository, 'nextPlanned'> },
  clientId: string,
  today: string = todayIso(),
): Overview {
  const client = repos.clients.get(clientId);
  const course = repos.courses.currentFor(clientId);
  const goals = repos.ratings
    .list(clientId, course?.id ?? null)
    .filter((s) => s.kind === 'goal')
    .map((s) => {
      const last = s.ratings.at(-1);
      return { seriesId: s.id, label: s.label, problemArea: s.problemArea, latest: last ? { value: last.value, date: last.date } : null };
    });
  return {
    client: {
      id: client.id,
      fullName: client.fields.fullName,
      preferredName: client.fields.preferredName,
      dateOfBirth: client.fields.dateOfBirth,
      archived: client.archivedAt !== null,
      updatedAt: client.updatedAt,
    },
    course,
    courses: repos.courses.list(clientId),
    goals,
    people: repos.people.list(clientId).map((p) => ({ id: p.id, name: p.fields.name, relationship: p.fields.relationship, role: p.fields.roleNearOnset })),
    circle: repos.circle.get(clientId),
    openRisks: repos.risks.openRisks(clientId),
    nextAppointment: nextOf(repos.sessions.nextPlanned(clientId, today)),
  };
}

function nextOf(s: ReturnType<SessionRepository['nextPlanned']>): Overview['nextAppointment'] {
  return s ? { sessionId: s.id, date: s.date, time: s.time, modality: s.modality } : null;
}
