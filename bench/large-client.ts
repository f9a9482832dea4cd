/**
 * The largest realistic single client (the course issue's target): one long acute course with
 * 60 sessions, 30 people in the inventory on the circle, life events and goals with ratings.
 */
import type { Repositories } from '../electron/main/data/repositories.ts';
import { clientFields, pick, prng } from './seed-data.ts';

type Repos = Repositories;

const RELATIONSHIPS = ['partner', 'parent', 'child', 'sibling', 'friend', 'colleague', 'other'] as const;
const ROLES = ['support', 'stress', 'mixed', 'unset'] as const;

export function seedLargeClient(repos: Repos, seed = 60): string {
  const random = prng(seed);
  const client = repos.clients.create(clientFields(random, 999_999));
  const course = repos.courses.create({
    clientId: client.id,
    type: 'acute',
    parentCourseId: null,
    contract: {
      startDate: '2025-01-06', plannedSessions: 60, frequency: 'weekly', sessionMinutes: 50, agreedFocus: 'Long course', plannedEndDateOverride: '',
      outOfRangeReason: 'Benchmark: the largest realistic course', initialSessions: 3, terminationSessions: 3, endingPromptAt: 3,
    },
  });
  for (let i = 0; i < 60; i++) {
    const date = new Date(Date.UTC(2025, 0, 6 + i * 7)).toISOString().slice(0, 10);
    const sessionId = repos.sessions.create({ courseId: course.id, date, time: '10:00', durationMinutes: 50, attendance: random() < 0.9 ? 'attended' : 'cancelled_client' });
    const level = Math.max(0, 3 - Math.floor(i / 20));
    const answers = (n: number) => Array.from({ length: n }, () => Math.min(3, Math.floor(random() * (level + 1))) as 0 | 1 | 2 | 3);
    repos.measures.administer({ clientId: client.id, courseId: null, sessionId, instrumentId: 'phq9', answers: answers(9), difficulty: 1, administeredOn: date });
    repos.measures.administer({ clientId: client.id, courseId: null, sessionId, instrumentId: 'gad7', answers: answers(7), difficulty: 1, administeredOn: date });
  }
  const people: string[] = [];
  for (let i = 0; i < 30; i++) {
    const person = repos.people.create(client.id, {
      name: `Person ${i}`, relationship: pick(random, RELATIONSHIPS), relationshipOther: '', age: 20 + Math.floor(random() * 60), livesWithClient: random() < 0.2,
      contactFrequency: 'weekly', timeTogether: 'Some evenings', sharedActivities: 'Walks', values: 'Kind and funny', dislikes: 'Late', canTalkAbout: 'Work',
      cannotTalkAbout: 'Money', knowsAboutDifficulties: 'yes', feelingsWhenTogether: 'Calm', argueFrequency: 'rarely', howArgumentsEnd: 'Talk it through',
      clientExpectations: 'Support', theirExpectations: 'Company', expectationsMet: 'partly', wishToChange: 'See more of them', roleNearOnset: pick(random, ROLES), notes: '',
    });
    people.push(person.id);
  }
  repos.circle.update(client.id, 3, people.map((personId, i) => ({ personId, ring: 1 + (i % 3), angle: (i * 12) % 360 })));
  repos.courses.update({ id: course.id, expectedUpdatedAt: repos.courses.get(course.id).updatedAt, primaryArea: { area: 'role_dispute', details: { personId: people[0]!, issues: ['Chores'], clientExpectations: '', otherExpectations: '', stageHistory: [], options: [], chosenPlan: '', status: 'unset' } } });
  for (let i = 0; i < 10; i++) {
    repos.timeline.create(client.id, { date: `2024-${String(1 + i).padStart(2, '0')}-15`, kind: 'other', title: `Event ${i}`, personId: people[i] ?? null, moodRating: 5, note: '' });
  }
  for (let g = 0; g < 3; g++) {
    const series = repos.ratings.createSeries({ clientId: client.id, courseId: course.id, kind: 'goal', label: `Goal ${g}`, problemArea: 'role_dispute', lowAnchor: 'Not at all', highAnchor: 'Completely' });
    for (let r = 0; r < 20; r++) repos.ratings.add({ seriesId: series.id, date: new Date(Date.UTC(2025, 0, 6 + r * 21)).toISOString().slice(0, 10), value: Math.min(10, r % 11), note: '' });
  }
  return client.id;
}
