import { describe, expect, it } from 'vitest';
import { LAYOUT_SECTIONS, NOTE_LAYOUTS, NOTE_TEXT_FIELDS } from '../../shared/ipt/note-layouts.ts';
import { BUILT_IN_TEMPLATE_VERSIONS, latestBuiltIns } from '../../shared/ipt/templates/built-in.ts';
import { allFields, emptyValues, entryValuesSchema, orderByFit, prefill, templateDefinitionSchema } from '../../shared/ipt/templates/logic.ts';
import { FIELD_TYPES } from '../../shared/ipt/templates/types.ts';
import { toFtsQuery } from '../../electron/main/data/search.ts';

describe('technique templates as data', () => {
  it('ships the nine built-in techniques, each with unique field keys and an accepted empty entry', () => {
    expect(Object.keys(BUILT_IN_TEMPLATE_VERSIONS).sort()).toEqual(
      ['between-session-task', 'clarification', 'communication-analysis', 'decision-analysis', 'encouragement-of-affect', 'interpersonal-incident', 'problem-solving', 'role-play', 'therapeutic-relationship'],
    );
    for (const template of latestBuiltIns()) {
      const keys = allFields(template).map((f) => f.key);
      expect(new Set(keys).size, template.id).toBe(keys.length);
      expect(entryValuesSchema(template).parse({})).toEqual(emptyValues(template));
      for (const f of allFields(template)) if (f.type === 'choice') expect(f.choices.length).toBeGreaterThan(0);
    }
    const used = new Set(latestBuiltIns().flatMap((t) => allFields(t).map((f) => f.type)));
    expect([...used].sort()).toEqual([...FIELD_TYPES].sort());
  });

  it('the communication analysis records the exchange turn by turn with tone and nonverbal cues', () => {
    const ca = BUILT_IN_TEMPLATE_VERSIONS['communication-analysis']![0]!;
    const schema = entryValuesSchema(ca);
    const ok = schema.parse({ exchange: [{ speaker: 'client', words: 'You never help', tone: 'sharp', nonverbal: 'arms folded' }] });
    expect(ok['exchange']).toHaveLength(1);
    expect(schema.safeParse({ exchange: [{ speaker: 'narrator', words: '', tone: '', nonverbal: '' }] }).success).toBe(false);
    expect(schema.safeParse({ nonsense: 'x' }).success).toBe(false);
  });

  it('orders templates by fit to the problem area', () => {
    const titles = (area: Parameters<typeof orderByFit>[1]) => orderByFit(latestBuiltIns(), area).map((t) => t.id);
    expect(titles('role_dispute').slice(0, 3)).toEqual(['communication-analysis', 'decision-analysis', 'role-play']);
    expect(titles('grief').slice(0, 2)).toEqual(['clarification', 'encouragement-of-affect']);
    expect(titles('grief').indexOf('communication-analysis')).toBeGreaterThan(titles('grief').indexOf('role-play'));
    expect(titles('role_transition').slice(0, 2)).toEqual(['between-session-task', 'problem-solving']);
    expect(titles('interpersonal_deficits').slice(0, 2)).toEqual(['interpersonal-incident', 'therapeutic-relationship']);
    const all = titles(null);
    expect(all).toEqual([...all].sort((a, b) => latestBuiltIns().find((t) => t.id === a)!.title.localeCompare(latestBuiltIns().find((t) => t.id === b)!.title)));
  });

  it('prefills a role play from a communication analysis, and problem solving from a role play', () => {
    const [ca, rp, ps] = ['communication-analysis', 'role-play', 'problem-solving'].map((id) => BUILT_IN_TEMPLATE_VERSIONS[id]![0]!);
    const person = '0f0c6a0e-8d5c-4b8e-9e1a-1c2d3e4f5a6b';
    const fromCa = prefill('communication-analysis', { ...emptyValues(ca!), when: 'Sunday evening', setting: 'In the kitchen', otherPerson: person, chosenAlternative: 'Ask for help directly, early' }, rp!);
    expect(fromCa).toMatchObject({ scenarioKind: 'past', scenario: 'Sunday evening. In the kitchen', otherPerson: person, clientGoal: 'Ask for help directly, early' });
    expect(entryValuesSchema(rp!).safeParse(fromCa).success).toBe(true);
    const fromRp = prefill('role-play', { ...fromCa, planForReal: 'Ask Sam on Saturday morning to split the cooking' }, ps!);
    expect(fromRp['problem']).toBe('Ask Sam on Saturday morning to split the cooking');
  });

  it('checks a custom template: unique keys, options for choices', () => {
    const base = { id: 'custom-0f0c6a0e-8d5c-4b8e-9e1a-1c2d3e4f5a6b', version: 1, title: 'Mine', summary: '', suits: [], sections: [{ title: 'S', fields: [{ key: 'a', label: 'A', type: 'text' }] }] };
    expect(templateDefinitionSchema.safeParse(base).success).toBe(true);
    expect(templateDefinitionSchema.safeParse({ ...base, sections: [{ title: 'S', fields: [{ key: 'a', label: 'A', type: 'text' }, { key: 'a', label: 'B', type: 'text' }] }] }).success).toBe(false);
    expect(templateDefinitionSchema.safeParse({ ...base, sections: [{ title: 'S', fields: [{ key: 'c', label: 'C', type: 'choice' }] }] }).success).toBe(false);
    expect(templateDefinitionSchema.safeParse({ ...base, sections: [{ title: 'S', fields: [{ key: '__proto__', label: 'C', type: 'text' }] }] }).success).toBe(false);
  });
});

describe('note layouts', () => {
  it('every layout shows every note field exactly once', () => {
    for (const layout of NOTE_LAYOUTS) {
      const fields = LAYOUT_SECTIONS[layout].flatMap((s) => s.fields);
      expect([...fields].sort(), layout).toEqual([...NOTE_TEXT_FIELDS].sort());
    }
  });
});

describe('search query building', () => {
  it('turns typed words into required prefix terms and keeps quoted phrases', () => {
    expect(toFtsQuery('kitchen argu')).toBe('"kitchen"* AND "argu"*');
    expect(toFtsQuery('"split the cooking" sam')).toBe('"split the cooking" AND "sam"*');
    expect(toFtsQuery('NEAR(a b) OR c* -d ^e')).toBe('"NEAR"* AND "a"* AND "b"* AND "OR"* AND "c"* AND "d"* AND "e"*');
    expect(toFtsQuery('"" *** ---')).toBeNull();
    expect(toFtsQuery('café')).toBe('"café"*');
  });
});
