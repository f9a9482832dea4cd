import { describe, expect, it } from 'vitest';
import { PROCESS_NOTES_WITHHELD, ProcessNoteGate } from '../../electron/main/domain/documents/process-note-gate.ts';
import type { Authorisation, LetterRecord } from '../../shared/schemas/documents.ts';
import type { SearchHit } from '../../shared/schemas/note.ts';

const ADA = '11111111-1111-4111-8111-111111111111';
const BO = '22222222-2222-4222-8222-222222222222';
const auth = (id: string, clientId: string): Authorisation => ({ id, clientId, authorisedBy: 'signed form', date: '2025-01-01', scope: 'to the new therapist', createdAt: '2025-01-01T00:00:00.000Z' });
const authorisations: Record<string, Authorisation> = { 'auth-ada': auth('auth-ada', ADA), 'auth-bo': auth('auth-bo', BO) };
const repos = { documents: { authorisation: (id: string) => authorisations[id]! } } as unknown as Parameters<typeof ProcessNoteGate.forDisclosure>[0];
const fail = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
};

const letter = (includesProcessNotes: boolean): LetterRecord => ({
  id: '33333333-3333-4333-8333-333333333333',
  clientId: ADA,
  kind: 'progress',
  date: '2025-02-01',
  recipient: { name: 'Dr X', practice: '', address: '', isGp: false },
  sections: [
    { id: 'treatment', title: 'Treatment so far', included: true, text: 'Twelve sessions.' },
    ...(includesProcessNotes ? [{ id: 'process_notes' as const, title: 'Psychotherapy notes', included: true, text: 'secret process text' }] : []),
  ],
  consentOverrideReason: '',
  includesProcessNotes,
  createdAt: '2025-02-01T00:00:00.000Z',
});

describe('the process-note gate', () => {
  it('is closed unless the request asks; reads nothing when closed', () => {
    let reads = 0;
    const read = () => {
      reads++;
      return 'secret';
    };
    for (const gate of [ProcessNoteGate.closed(), ProcessNoteGate.forOwnUse(false), ProcessNoteGate.forDisclosure(repos, ADA, { includeProcessNotes: false, authorisationId: 'auth-ada' })]) {
      expect(gate.open).toBe(false);
      expect(gate.noteText(ADA, read)).toBeNull();
    }
    expect(reads).toBe(0);
  });

  it('for a disclosure, opens only with an authorisation recorded for that client, and only for that client', () => {
    expect(fail(() => ProcessNoteGate.forDisclosure(repos, ADA, { includeProcessNotes: true, authorisationId: null }))).toBe('VALIDATION_FAILED');
    expect(fail(() => ProcessNoteGate.forDisclosure(repos, ADA, { includeProcessNotes: true, authorisationId: 'auth-bo' }))).toBe('VALIDATION_FAILED');
    const gate = ProcessNoteGate.forDisclosure(repos, ADA, { includeProcessNotes: true, authorisationId: 'auth-ada' });
    expect(gate.authorisation?.id).toBe('auth-ada');
    expect(gate.noteText(ADA, () => 'secret')).toBe('secret');
    expect(gate.noteText(BO, () => 'secret')).toBeNull();
    expect(gate.noteText(ADA, () => '')).toBeNull();
  });

  it('for the therapist\'s own copy, opens on their choice for every client', () => {
    const gate = ProcessNoteGate.forOwnUse(true);
    expect(gate.authorisation).toBeNull();
    expect([gate.noteText(ADA, () => 'a'), gate.noteText(BO, () => 'b')]).toEqual(['a', 'b']);
  });

  it('withholds a stored letter\'s process-notes section when closed, keeping the rest and the mark', () => {
    const closed = ProcessNoteGate.forOwnUse(false).letter(letter(true));
    expect(closed.includesProcessNotes).toBe(true);
    expect(closed.sections).toEqual([letter(true).sections[0], { id: 'process_notes', title: 'Psychotherapy notes', included: true, text: PROCESS_NOTES_WITHHELD }]);
    expect(JSON.stringify(closed)).not.toContain('secret');
    // An unmarked letter that somehow holds the section is withheld too.
    expect(JSON.stringify(ProcessNoteGate.closed().letter({ ...letter(true), includesProcessNotes: false }))).not.toContain('secret');
    expect(ProcessNoteGate.forOwnUse(true).letter(letter(true))).toEqual(letter(true));
    expect(ProcessNoteGate.closed().letter(letter(false))).toEqual(letter(false));
    // A disclosure gate for another client does not open this client's letter.
    expect(JSON.stringify(ProcessNoteGate.forDisclosure(repos, BO, { includeProcessNotes: true, authorisationId: 'auth-bo' }).letter(letter(true)))).not.toContain('secret');
  });

  it('drops a draft\'s process-notes section when closed', () => {
    const sections = letter(true).sections;
    expect(ProcessNoteGate.closed().sections(ADA, sections).map((s) => s.id)).toEqual(['treatment']);
    expect(ProcessNoteGate.forDisclosure(repos, ADA, { includeProcessNotes: true, authorisationId: 'auth-ada' }).sections(ADA, sections)).toEqual(sections);
  });

  it('passes process-note search hits only when asked', () => {
    const hit = (kind: SearchHit['kind']): SearchHit => ({ kind, recordId: ADA, clientId: ADA, clientName: 'Ada', sessionId: null, date: '2025-01-01', title: kind, snippet: kind });
    const hits = [hit('note'), hit('process_note'), hit('entry')];
    expect(ProcessNoteGate.forOwnUse(false).searchHits(hits).map((h) => h.kind)).toEqual(['note', 'entry']);
    expect(ProcessNoteGate.forOwnUse(true).searchHits(hits)).toEqual(hits);
  });
});
