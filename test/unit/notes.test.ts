import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, expectOk, unlockedVault } from '../support/vault-fixture.ts';

type Fixture = Awaited<ReturnType<typeof unlockedVault>>;


describe('session notes, entries, signing and search', () => {
  let f: Fixture;
  let clientId: string;
  let courseId: string;
  let sam: string;
  const sessions: string[] = [];

  async function search(text: string, extra: Record<string, unknown> = {}) {
    return expectOk(await f.services.call('search.query', { text, ...extra }));
  }

  beforeAll(async () => {
    f = await unlockedVault();
    expectOk(await f.services.call('profile.save', { clinicianName: 'Dr Rowan Ellis', credentials: 'DClinPsy, IPT practitioner' }));
    clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Noor Haddad', dateOfBirth: '1988-04-04', presentingProblem: 'Arguments at home' } })).id;
    courseId = expectOk(await f.services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } })).id;
    sam = expectOk(await f.services.call('people.create', { clientId, fields: { name: 'Sam', relationship: 'partner', roleNearOnset: 'stress' } })).id;
    for (const [date, attendance] of [['2026-01-05', 'attended'], ['2026-01-12', 'did_not_attend'], ['2026-01-19', 'attended'], ['2026-01-26', 'attended']] as const) {
      sessions.push(expectOk(await f.services.call('sessions.create', { courseId, date, attendance })).id);
    }
  });
  afterAll(() => f.cleanup());

  it('saves drafts, keeps the writing time apart from the session date, and carries forward from the last note', async () => {
    const first = expectOk(await f.services.call('notes.saveDraft', { sessionId: sessions[0]!, fields: { focusArea: 'role_dispute', intervalMood: 'Low all week', planNext: 'Look at Sunday’s argument', task: 'Notice when voices rise' } }));
    const note = expectOk(await f.services.call('notes.get', { sessionId: sessions[0]! }));
    expect(note).toMatchObject({ status: 'draft', number: 1, phase: 'initial', date: '2026-01-05', plannedSessions: 12 });
    expect(note.writtenAt).toBe(first.updatedAt);
    expect(note.writtenAt!.slice(0, 10)).not.toBe('2026-01-05');
    const third = expectOk(await f.services.call('notes.get', { sessionId: sessions[2]! }));
    expect(third.number).toBe(2);
    expect(third.previous).toMatchObject({ planNext: 'Look at Sunday’s argument', task: 'Notice when voices rise', focusArea: 'role_dispute' });
    const carried = expectOk(await f.services.call('notes.startFromLast', { sessionId: sessions[2]! }));
    expect(carried.fields.focusArea).toBe('role_dispute');
    expect(carried.fields.taskReviewNote).toBe('Task from last session: Notice when voices rise');
  });

  it('a risk check of "needs assessment" opens a risk record until an assessment is recorded', async () => {
    expectOk(await f.services.call('notes.saveDraft', { sessionId: sessions[2]!, fields: { riskCheck: 'needs_assessment', intervalMood: 'Hopeless at times' } }));
    expectOk(await f.services.call('notes.saveDraft', { sessionId: sessions[2]!, fields: { riskCheck: 'needs_assessment', intervalMood: 'Hopeless at times, said twice' } }));
    const risks = expectOk(await f.services.call('risks.list', { clientId }));
    expect(risks).toHaveLength(1);
    expect(expectOk(await f.services.call('notes.get', { sessionId: sessions[2]! })).openRisks).toHaveLength(1);
    expect(code(await f.services.call('risks.assess', { id: risks[0]!.id, assessment: '' }))).toBe('VALIDATION_FAILED');
    expectOk(await f.services.call('risks.assess', { id: risks[0]!.id, assessment: 'No plan or intent; safety plan reviewed.' }));
    expect(expectOk(await f.services.call('risks.list', { clientId }))).toEqual([]);
  });

  it('chains a communication analysis into a role play and a problem-solving entry, linked to their sources', async () => {
    const sessionId = sessions[3]!;
    const templates = expectOk(await f.services.call('templates.list', { area: 'role_dispute' }));
    expect(templates[0]!.id).toBe('communication-analysis');
    const ca = expectOk(await f.services.call('entries.create', { sessionId, templateId: 'communication-analysis' }));
    const caSaved = expectOk(
      await f.services.call('entries.save', {
        id: ca.id,
        values: {
          when: 'Sunday night',
          otherPerson: sam,
          setting: 'Washing up after dinner',
          exchange: [
            { speaker: 'other', words: 'You always leave it to me', tone: 'tired', nonverbal: 'back turned' },
            { speaker: 'client', words: 'Fine, forget it', tone: 'flat', nonverbal: 'walked out' },
          ],
          patternsNoticed: ['silence', 'assumed'],
          chosenAlternative: 'Say I am worn out and ask to share the evenings',
        },
      }),
    );
    expect(caSaved.values['patternsNoticed']).toEqual(['silence', 'assumed']);
    const rp = expectOk(await f.services.call('entries.create', { sessionId, templateId: 'role-play', sourceEntryId: ca.id }));
    expect(rp.sourceEntryId).toBe(ca.id);
    expect(rp.values).toMatchObject({ otherPerson: sam, clientGoal: 'Say I am worn out and ask to share the evenings', scenarioKind: 'past' });
    expectOk(await f.services.call('entries.save', { id: rp.id, values: { ...rp.values, planForReal: 'Talk to Sam on Saturday morning about the rota', confidenceBefore: 3, confidenceAfter: 6 } }));
    const ps = expectOk(await f.services.call('entries.create', { sessionId, templateId: 'problem-solving', sourceEntryId: rp.id }));
    expect(ps.values['problem']).toBe('Talk to Sam on Saturday morning about the rota');
    expect(code(await f.services.call('entries.save', { id: rp.id, values: { confidenceAfter: 11 } }))).toBe('VALIDATION_FAILED');
    expect(code(await f.services.call('entries.save', { id: rp.id, values: { notAField: 'x' } }))).toBe('VALIDATION_FAILED');
    // The person is now referred to by entries: removing Sam is refused and says where.
    const usage = expectOk(await f.services.call('people.usage', { id: sam }));
    expect(usage.usedIn).toContain('Communication analysis entry in the session of 2026-01-26');
    // Found by a word in the role play, by prefix, and filtered by technique.
    const hits = await search('rota');
    expect(hits.map((h) => [h.kind, h.title])).toEqual(expect.arrayContaining([['entry', 'Role play'], ['entry', 'Problem solving']]));
    expect(hits.find((h) => h.title === 'Role play')!.snippet).toContain('\u0002rota\u0003');
    expect((await search('satur')).length).toBeGreaterThan(0);
    expect((await search('rota', { templateId: 'problem-solving' })).map((h) => h.title)).toEqual(['Problem solving']);
    expect(await search('rota', { from: '2026-02-01' })).toEqual([]);
  });

  it('signing freezes the note: read-only in every channel, with frozen values after renames and renegotiation', async () => {
    const sessionId = sessions[3]!;
    expectOk(await f.services.call('notes.saveDraft', { sessionId, fields: { focusArea: 'role_dispute', workDone: 'Communication analysis of Sunday', planNext: 'Review the talk with Sam' } }));
    const signed = expectOk(await f.services.call('notes.sign', { sessionId }));
    expect(signed.status).toBe('signed');
    expect(signed.frozen).toMatchObject({ sessionNumber: 3, plannedSessions: 12, phase: 'initial', clinicianName: 'Dr Rowan Ellis', credentials: 'DClinPsy, IPT practitioner', people: { [sam]: 'Sam' } });
    const entry = signed.entries[0]!;
    const attempts = [
      await f.services.call('notes.saveDraft', { sessionId, fields: { workDone: 'Changed later' } }),
      await f.services.call('notes.sign', { sessionId }),
      await f.services.call('notes.startFromLast', { sessionId }),
      await f.services.call('entries.save', { id: entry.id, values: { ...entry.values, when: 'Changed' } }),
      await f.services.call('entries.create', { sessionId, templateId: 'clarification' }),
      await f.services.call('entries.remove', { id: entry.id }),
    ];
    expect(attempts.map(code)).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY']);
    expect(() => f.services.vault.database().prepare("UPDATE session_notes SET fields = '{}' WHERE session_id = ?").run(sessionId)).toThrow(/read-only/);
    // Later edits elsewhere do not change what the signed note shows.
    const person = expectOk(await f.services.call('people.list', { clientId })).find((p) => p.id === sam)!;
    expectOk(await f.services.call('people.update', { id: sam, expectedUpdatedAt: person.updatedAt, fields: { ...person.fields, name: 'Samira' } }));
    const course = expectOk(await f.services.call('courses.get', { id: courseId }));
    expectOk(await f.services.call('courses.renegotiate', { courseId, expectedUpdatedAt: course.updatedAt, date: '2026-02-01', plannedSessions: 16, frequency: 'weekly', reason: 'More time for the dispute' }));
    expectOk(await f.services.call('profile.save', { clinicianName: 'Someone Else', credentials: 'None' }));
    const after = expectOk(await f.services.call('notes.get', { sessionId }));
    expect(after).toMatchObject({ number: 3, plannedSessions: 12, phase: 'initial', fields: { workDone: 'Communication analysis of Sunday' } });
    expect(after.peopleNames).toEqual({ [sam]: 'Sam' });
    expect(after.frozen?.clinicianName).toBe('Dr Rowan Ellis');
    // Later changes are addenda with their own time.
    const withAddendum = expectOk(await f.services.call('notes.addAddendum', { sessionId, text: 'Client phoned: the Saturday talk went well.' }));
    expect(withAddendum.addenda).toHaveLength(1);
    expect(withAddendum.fields.workDone).toBe('Communication analysis of Sunday');
    expect((await search('phoned')).map((h) => h.kind)).toEqual(['addendum']);
    expect(code(await f.services.call('notes.addAddendum', { sessionId: sessions[2]!, text: 'on a draft' }))).toBe('VALIDATION_FAILED');
    const audit = f.services.session().audit.list({ recordId: sessionId }).map((r) => r.type);
    expect(audit).toEqual(expect.arrayContaining(['note.created', 'note.signed', 'addendum.added']));
  });

  it('voids a wrongly filed note with a reason and moves another to the right client; search follows', async () => {
    const other = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Ola Berg', dateOfBirth: '1970-01-01' } })).id;
    const otherCourse = expectOk(await f.services.call('courses.create', { clientId: other, type: 'acute', contract: { startDate: '2026-01-06', plannedSessions: 12, frequency: 'weekly' } })).id;
    const target = expectOk(await f.services.call('sessions.create', { courseId: otherCourse, date: '2026-01-06', attendance: 'attended' })).id;
    expectOk(await f.services.call('notes.saveDraft', { sessionId: sessions[0]!, fields: { intervalMood: 'Spoke about the allotment xylophone' } }));
    expect((await search('xylophone')).map((h) => h.clientId)).toEqual([clientId]);
    const moved = expectOk(await f.services.call('notes.move', { sessionId: sessions[0]!, targetSessionId: target }));
    expect(moved.clientId).toBe(other);
    expect((await search('xylophone')).map((h) => h.clientId)).toEqual([other]);
    expect(expectOk(await f.services.call('notes.get', { sessionId: sessions[0]! })).status).toBe('draft');
    expect(expectOk(await f.services.call('notes.get', { sessionId: sessions[0]! })).fields.intervalMood).toBe('');
    expect(code(await f.services.call('notes.move', { sessionId: sessions[2]!, targetSessionId: target }))).toBe('VALIDATION_FAILED');

    const voided = expectOk(await f.services.call('notes.void', { sessionId: target, reason: 'Written in the wrong session' }));
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'Written in the wrong session' });
    expect(await search('xylophone')).toEqual([]);
    expect(code(await f.services.call('notes.saveDraft', { sessionId: target, fields: {} }))).toBe('READ_ONLY');
    const audit = f.services.session().audit.list({ recordId: target }).map((r) => r.type);
    expect(audit).toEqual(expect.arrayContaining(['note.moved', 'note.voided']));
  });

  it('keeps process notes apart: out of notes and search unless asked for', async () => {
    const sessionId = sessions[2]!;
    expectOk(await f.services.call('notes.saveProcessNote', { sessionId, text: 'My own countertransference: quokka feelings' }));
    const note = expectOk(await f.services.call('notes.get', { sessionId }));
    expect(JSON.stringify(note)).not.toContain('quokka');
    expect(await search('quokka')).toEqual([]);
    const opted = await search('quokka', { includeProcessNotes: true });
    expect(opted.map((h) => h.kind)).toEqual(['process_note']);
    expect(expectOk(await f.services.call('notes.getProcessNote', { sessionId })).text).toContain('quokka');
    expectOk(await f.services.call('notes.saveProcessNote', { sessionId, text: 'Rewritten without the animal' }));
    expect(await search('quokka', { includeProcessNotes: true })).toEqual([]);
  });

  it('keeps the index consistent after edits and deletes', async () => {
    const sessionId = sessions[2]!;
    const e = expectOk(await f.services.call('entries.create', { sessionId, templateId: 'clarification' }));
    expectOk(await f.services.call('entries.save', { id: e.id, values: { statement: 'I am a burden zeppelin' } }));
    expect((await search('zeppelin')).length).toBe(1);
    expectOk(await f.services.call('entries.save', { id: e.id, values: { statement: 'I am a burden' } }));
    expect(await search('zeppelin')).toEqual([]);
    expectOk(await f.services.call('entries.save', { id: e.id, values: { statement: 'walrus' } }));
    expectOk(await f.services.call('entries.remove', { id: e.id }));
    expect(await search('walrus')).toEqual([]);
    const db = f.services.vault.database();
    const docs = (db.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n;
    const indexed = (db.prepare('SELECT count(*) AS n FROM search_index').get() as { n: number }).n;
    expect(indexed).toBe(docs);
    // Client records are searchable by name and presenting problem.
    expect((await search('haddad')).map((h) => h.kind)).toContain('client');
    expect((await search('arguments home')).map((h) => h.kind)).toContain('client');
  });

  it('returns the most recent first, whatever order the notes were written in', async () => {
    for (const date of ['2026-03-01', '2025-11-30', '2026-04-12', '2026-03-01']) {
      const id = expectOk(await f.services.call('sessions.create', { courseId, date, attendance: 'attended' })).id;
      expectOk(await f.services.call('notes.saveDraft', { sessionId: id, fields: { intervalEvents: `Orderly marmalade on ${date}` } }));
    }
    const hits = await search('marmalade');
    expect(hits.map((h) => h.date)).toEqual(['2026-04-12', '2026-03-01', '2026-03-01', '2025-11-30']);
    expect((await search('marmalade', { limit: 2 })).map((h) => h.date)).toEqual(['2026-04-12', '2026-03-01']);
    expect((await search('marmalade', { from: '2026-01-01', to: '2026-03-31' })).map((h) => h.date)).toEqual(['2026-03-01', '2026-03-01']);
  });

  it('custom templates are versioned: old entries keep and are checked against their version', async () => {
    const copy = expectOk(await f.services.call('templates.clone', { templateId: 'clarification', title: 'My clarification' }));
    expect(copy.id).toMatch(/^custom-/);
    expect(copy.version).toBe(1);
    const oldEntry = expectOk(await f.services.call('entries.create', { sessionId: sessions[2]!, templateId: copy.id }));
    expect(oldEntry.templateVersion).toBe(1);
    const v2 = expectOk(
      await f.services.call('templates.saveVersion', {
        definition: { ...copy, sections: [{ title: 'Reflection', fields: [{ key: 'statement', label: 'What they said, word for word', type: 'longText' }, { key: 'mood', label: 'Mood 0-10', type: 'rating' }] }] },
      }),
    );
    expect(v2.version).toBe(2);
    const newEntry = expectOk(await f.services.call('entries.create', { sessionId: sessions[2]!, templateId: copy.id }));
    expect(newEntry.templateVersion).toBe(2);
    // The v1 entry still renders from v1 and refuses a field only v2 has.
    expect(expectOk(await f.services.call('templates.get', { id: copy.id, version: 1 })).sections[0]!.fields.map((x) => x.key)).toContain('insight');
    expect(code(await f.services.call('entries.save', { id: oldEntry.id, values: { mood: 4 } }))).toBe('VALIDATION_FAILED');
    expectOk(await f.services.call('entries.save', { id: oldEntry.id, values: { insight: 'Saw the pattern' } }));
    expectOk(await f.services.call('entries.save', { id: newEntry.id, values: { mood: 4 } }));
    expect(code(await f.services.call('templates.saveVersion', { definition: { ...copy, id: 'communication-analysis' } }))).toBe('VALIDATION_FAILED');
    const list = expectOk(await f.services.call('templates.list', { area: null }));
    expect(list.filter((t) => t.id === copy.id).map((t) => t.version)).toEqual([2]);
  });

  it('an entry using every field type round-trips', async () => {
    const copy = expectOk(await f.services.call('templates.clone', { templateId: 'clarification' }));
    const every = expectOk(
      await f.services.call('templates.saveVersion', {
        definition: {
          ...copy,
          sections: [
            {
              title: 'All',
              fields: [
                { key: 'text', label: 'Text', type: 'text' },
                { key: 'long', label: 'Long', type: 'longText' },
                { key: 'list', label: 'List', type: 'list' },
                { key: 'one', label: 'One', type: 'choice', choices: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
                { key: 'many', label: 'Many', type: 'choice', multiple: true, choices: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
                { key: 'rating', label: 'Rating', type: 'rating' },
                { key: 'person', label: 'Person', type: 'person' },
                { key: 'exchange', label: 'Exchange', type: 'exchange' },
                { key: 'options', label: 'Options', type: 'options' },
                { key: 'steps', label: 'Steps', type: 'steps' },
              ],
            },
          ],
        },
      }),
    );
    const entry = expectOk(await f.services.call('entries.create', { sessionId: sessions[2]!, templateId: every.id }));
    const values = {
      text: 'short', long: 'long\ntext', list: ['x', 'y'], one: 'b', many: ['a', 'b'], rating: 7, person: sam,
      exchange: [{ speaker: 'client', words: 'Hi', tone: 'warm', nonverbal: 'smile' }],
      options: [{ option: 'Ask', pros: 'Direct', cons: 'Scary', rating: 8 }],
      steps: [{ action: 'Call', due: '2026-02-02', done: false }],
    };
    const saved = expectOk(await f.services.call('entries.save', { id: entry.id, values }));
    expect(saved.values).toEqual(values);
    const reread = expectOk(await f.services.call('notes.get', { sessionId: sessions[2]! })).entries.find((e) => e.id === entry.id)!;
    expect(reread.values).toEqual(values);
    expect(code(await f.services.call('entries.save', { id: entry.id, values: { ...values, steps: [{ action: 'Call', due: '2026-02-30', done: false }] } }))).toBe('VALIDATION_FAILED');
  });
});
