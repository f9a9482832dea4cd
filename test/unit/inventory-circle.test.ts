import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, expectOk, unlockedVault } from '../support/vault-fixture.ts';

type Fixture = Awaited<ReturnType<typeof unlockedVault>>;


describe('interpersonal inventory, circle, timeline and ratings', () => {
  let f: Fixture;
  let clientId: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    f = await unlockedVault();
    clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Inventory Client', dateOfBirth: '1975-07-07' } })).id;
    for (const [name, relationship, role] of [['Sam', 'partner', 'stress'], ['Mum', 'parent', 'support'], ['Jo', 'friend', 'support'], ['Alex', 'colleague', 'mixed'], ['Kit', 'sibling', 'unset']] as const) {
      ids[name] = expectOk(await f.services.call('people.create', { clientId, fields: { name, relationship, roleNearOnset: role } })).id;
    }
  });
  afterAll(() => f.cleanup());

  it('stores every inventory field and keeps order; reorders on request', async () => {
    const full = expectOk(
      await f.services.call('people.update', {
        id: ids['Sam']!,
        expectedUpdatedAt: expectOk(await f.services.call('people.list', { clientId }))[0]!.updatedAt,
        fields: {
          name: 'Sam', relationship: 'partner', age: 44, livesWithClient: true, contactFrequency: 'daily', timeTogether: 'Evenings', sharedActivities: 'Walking',
          values: 'Kind', dislikes: 'Silences', canTalkAbout: 'Work', cannotTalkAbout: 'Money', knowsAboutDifficulties: 'yes', feelingsWhenTogether: 'Tense',
          argueFrequency: 'often', howArgumentsEnd: 'Someone leaves the room', clientExpectations: 'Share chores', theirExpectations: 'More time together',
          expectationsMet: 'not_met', wishToChange: 'Talk without shouting', roleNearOnset: 'stress', notes: 'Met in 2005',
        },
      }),
    );
    expect(full.fields).toMatchObject({ age: 44, argueFrequency: 'often', expectationsMet: 'not_met', livesWithClient: true });
    expect(expectOk(await f.services.call('people.list', { clientId })).map((p) => p.fields.name)).toEqual(['Sam', 'Mum', 'Jo', 'Alex', 'Kit']);
    const order = [ids['Mum']!, ids['Sam']!, ids['Jo']!, ids['Alex']!, ids['Kit']!];
    expect(expectOk(await f.services.call('people.reorder', { clientId, order })).map((p) => p.fields.name)).toEqual(['Mum', 'Sam', 'Jo', 'Alex', 'Kit']);
    expect(code(await f.services.call('people.reorder', { clientId, order: order.slice(1) }))).toBe('VALIDATION_FAILED');
    expect(code(await f.services.call('people.create', { clientId, fields: { name: '', relationship: 'friend' } }))).toBe('VALIDATION_FAILED');
    expect(code(await f.services.call('people.create', { clientId, fields: { name: 'Odd', relationship: 'enemy' } } as never))).toBe('VALIDATION_FAILED');
  });

  it('a person referred to elsewhere is not silently removed: the app says where, and archiving is offered', async () => {
    const course = expectOk(await f.services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } }));
    expectOk(await f.services.call('courses.update', { id: course.id, expectedUpdatedAt: course.updatedAt, primaryArea: { area: 'role_dispute', details: { personId: ids['Sam']!, issues: ['Chores'] } } }));
    expectOk(await f.services.call('timeline.createEvent', { clientId, fields: { date: '2025-11-01', kind: 'dispute', title: 'Row about moving', personId: ids['Sam']! } }));
    const refused = expectOk(await f.services.call('people.remove', { id: ids['Sam']! }));
    expect(refused.outcome).toBe('in-use');
    if (refused.outcome === 'in-use') {
      expect(refused.usedIn).toHaveLength(2);
      expect(refused.usedIn[0]).toMatch(/^Role dispute \(primary focus\) of the acute course/);
      expect(refused.usedIn[1]).toBe('Life event “Row about moving” on 2025-11-01');
    }
    expect(expectOk(await f.services.call('people.list', { clientId })).map((p) => p.fields.name)).toContain('Sam');
    // The database refuses too, whatever the caller.
    expect(() => f.services.vault.database().prepare('DELETE FROM people WHERE id = ?').run(ids['Sam'])).toThrow(/FOREIGN KEY/);
    const archived = expectOk(await f.services.call('people.archive', { id: ids['Sam']! }));
    expect(archived.archivedAt).not.toBeNull();
    expect(expectOk(await f.services.call('people.list', { clientId })).map((p) => p.fields.name)).not.toContain('Sam');
    expect(expectOk(await f.services.call('people.list', { clientId, includeArchived: true })).map((p) => p.fields.name)).toContain('Sam');
    expectOk(await f.services.call('people.restore', { id: ids['Sam']! }));
    const spare = expectOk(await f.services.call('people.create', { clientId, fields: { name: 'Spare', relationship: 'other' } }));
    expect(expectOk(await f.services.call('people.remove', { id: spare.id }))).toEqual({ outcome: 'removed' });
  });

  it('places people on the circle, snapshots it, and compares snapshots', async () => {
    const placements = [
      { personId: ids['Mum']!, ring: 1, angle: 0 },
      { personId: ids['Sam']!, ring: 1, angle: 90 },
      { personId: ids['Jo']!, ring: 2, angle: 180 },
      { personId: ids['Alex']!, ring: 3, angle: 270 },
      { personId: ids['Kit']!, ring: 2, angle: 45 },
    ];
    expectOk(await f.services.call('circle.update', { clientId, rings: 3, placements }));
    expect(code(await f.services.call('circle.update', { clientId, rings: 3, placements: [{ personId: ids['Mum']!, ring: 4, angle: 0 }] }))).toBe('VALIDATION_FAILED');
    const first = expectOk(await f.services.call('circle.saveSnapshot', { clientId, takenOn: '2026-01-12', label: 'Session 1' }));
    expect(first.entries.find((e) => e.personId === ids['Sam'])).toMatchObject({ name: 'Sam', role: 'stress', ring: 1 });
    // Sam moves out, Jo moves in, Kit moves around the same ring; a new person joins.
    const newFriend = expectOk(await f.services.call('people.create', { clientId, fields: { name: 'Priya', relationship: 'friend', roleNearOnset: 'support' } }));
    expectOk(
      await f.services.call('circle.update', {
        clientId,
        rings: 4,
        placements: [
          { personId: ids['Mum']!, ring: 1, angle: 0 },
          { personId: ids['Sam']!, ring: 3, angle: 90 },
          { personId: ids['Jo']!, ring: 1, angle: 180 },
          { personId: ids['Alex']!, ring: 3, angle: 270 },
          { personId: ids['Kit']!, ring: 2, angle: 120 },
          { personId: newFriend.id, ring: 4, angle: 300 },
        ],
      }),
    );
    // Renaming a person later does not change what a snapshot recorded.
    const sam = expectOk(await f.services.call('people.list', { clientId })).find((p) => p.id === ids['Sam'])!;
    expectOk(await f.services.call('people.update', { id: sam.id, expectedUpdatedAt: sam.updatedAt, fields: { ...sam.fields, name: 'Samuel' } }));
    const last = expectOk(await f.services.call('circle.saveSnapshot', { clientId, takenOn: '2026-03-23', label: 'Session 12' }));
    expect(last.rings).toBe(4);
    const comparison = expectOk(await f.services.call('circle.compare', { beforeId: first.id, afterId: last.id }));
    const byName = Object.fromEntries(comparison.changes.map((c) => [c.name, c.change]));
    expect(byName).toEqual({ Mum: 'unchanged', Samuel: 'moved-further', Jo: 'moved-closer', Alex: 'unchanged', Kit: 'moved-around', Priya: 'added' });
    expect(expectOk(await f.services.call('circle.snapshots', { clientId })).find((s) => s.id === first.id)!.entries.find((e) => e.personId === ids['Sam'])!.name).toBe('Sam');
  });

  it('builds the timeline from events, courses and session ticks, and tracks 0-10 ratings', async () => {
    const course = expectOk(await f.services.call('courses.list', { clientId }))[0]!;
    expectOk(await f.services.call('sessions.create', { courseId: course.id, date: '2026-01-05', attendance: 'attended' }));
    expectOk(await f.services.call('sessions.create', { courseId: course.id, date: '2026-01-12', attendance: 'did_not_attend' }));
    expectOk(await f.services.call('timeline.createEvent', { clientId, fields: { date: '2025-09-01', kind: 'move', title: 'Moved city', moodRating: 3 } }));
    expect(code(await f.services.call('timeline.createEvent', { clientId, fields: { date: '2025-09-01', kind: 'move', title: 'Bad mood', moodRating: 11 } }))).toBe('VALIDATION_FAILED');
    const timeline = expectOk(await f.services.call('timeline.get', { clientId }));
    expect(timeline.events.map((e) => [e.fields.date, e.fields.title])).toEqual([['2025-09-01', 'Moved city'], ['2025-11-01', 'Row about moving']]);
    expect(timeline.sessions.map((s) => [s.date, s.attended, s.number])).toEqual([['2026-01-05', true, 1], ['2026-01-12', false, null]]);
    expect(timeline.courses[0]).toMatchObject({ startDate: '2026-01-05', plannedEndDate: '2026-03-23' });

    const goal = expectOk(await f.services.call('ratings.createSeries', { clientId, courseId: course.id, kind: 'goal', label: 'Talk with Sam without shouting', problemArea: 'role_dispute' }));
    expectOk(await f.services.call('ratings.add', { seriesId: goal.id, date: '2026-01-05', value: 2 }));
    const rated = expectOk(await f.services.call('ratings.add', { seriesId: goal.id, date: '2026-02-02', value: 6, note: 'Better week' }));
    expect(rated.ratings.map((r) => r.value)).toEqual([2, 6]);
    expect(code(await f.services.call('ratings.add', { seriesId: goal.id, date: '2026-02-03', value: 10.5 }))).toBe('VALIDATION_FAILED');

    const overview = expectOk(await f.services.call('clients.overview', { id: clientId }));
    expect(overview.course?.id).toBe(course.id);
    expect(overview.course?.progress).toMatchObject({ attended: 1, planned: 12, phase: 'initial' });
    expect(overview.course?.primaryArea?.area).toBe('role_dispute');
    expect(overview.goals).toEqual([{ seriesId: goal.id, label: 'Talk with Sam without shouting', problemArea: 'role_dispute', latest: { value: 6, date: '2026-02-02' } }]);
    expect(overview.circle.placements).toHaveLength(6);
    expect(overview.people.map((p) => p.name)).toContain('Samuel');

    const audit = JSON.stringify(f.services.vault.database().prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toMatch(/Samuel|Priya|Moved city|shouting/);
  });
});
