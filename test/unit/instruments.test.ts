import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAD7_V1, INSTRUMENT_ATTRIBUTION, PHQ9_V1, score, type InstrumentDefinition } from '../../shared/ipt/instruments.ts';
import { measureDue, nhsOutcome, reliableChange } from '../../shared/ipt/outcomes.ts';

/**
 * The reference the product was given: ../shared/reference/instruments.md beside the repository.
 * A copy is kept in test/fixtures so the check also runs where shared/ is absent; where both
 * exist, they must be the same text.
 */
const SHARED_COPY = resolve(import.meta.dirname, '../../../shared/reference/instruments.md');
const FIXTURE = resolve(import.meta.dirname, '../fixtures/reference/instruments.md');
const REFERENCE = readFileSync(existsSync(SHARED_COPY) ? SHARED_COPY : FIXTURE, 'utf8');

it('uses the reference as given (the kept copy matches shared/ when it is there)', () => {
  expect(readFileSync(FIXTURE, 'utf8')).toBe(REFERENCE);
});

function section(heading: string): string {
  const start = REFERENCE.indexOf(heading);
  const next = REFERENCE.indexOf('\n## ', start + 1);
  return REFERENCE.slice(start, next === -1 ? undefined : next);
}

function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

function quoted(text: string, after: string): string {
  const start = text.indexOf(after);
  const open = text.indexOf('"', start);
  const close = text.indexOf('"', open + 1);
  return text.slice(open + 1, close).replace(/\s*\n\s*/g, ' ');
}

describe('PHQ-9 and GAD-7 definitions match the reference, character for character', () => {
  it('the answer scale, with LOINC answer codes', () => {
    const rows = tableRows(section('## Answer scale'));
    expect(PHQ9_V1.answers.map((a) => [String(a.value), a.label, a.loinc])).toEqual(rows);
    expect(GAD7_V1.answers).toEqual(PHQ9_V1.answers);
  });

  for (const [def, heading] of [[PHQ9_V1, '## PHQ-9'], [GAD7_V1, '## GAD-7']] as [InstrumentDefinition, string][]) {
    it(`${def.name}: stem, items, codes`, () => {
      const text = section(heading);
      expect(def.stem).toBe(quoted(text, 'Stem:'));
      expect(def.items.map((i) => [String(i.number), i.text, i.loinc])).toEqual(tableRows(text));
      expect(text).toContain(`panel LOINC ${def.panelLoinc}`);
      expect(text).toContain(`total score LOINC ${def.totalLoinc}`);
    });
  }

  it('the difficulty question and its options', () => {
    const text = section('## PHQ-9');
    expect(PHQ9_V1.difficulty.text).toBe(quoted(text, 'Difficulty question'));
    const options = text.slice(text.indexOf('" — ') + 4, text.indexOf('\nTotal')).replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
    expect(PHQ9_V1.difficulty.options.join(' / ')).toBe(options);
    expect(GAD7_V1.difficulty).toEqual(PHQ9_V1.difficulty);
  });

  it('the attribution line', () => {
    expect(INSTRUMENT_ATTRIBUTION).toBe(quoted(REFERENCE, 'free to reproduce:'));
  });

  it('the bands', () => {
    expect(section('## PHQ-9')).toContain('Bands: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.');
    expect(PHQ9_V1.bands.map((b) => `${b.min}–${b.max} ${b.label}`).join(', ')).toBe('0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe');
    expect(GAD7_V1.bands.map((b) => `${b.min}–${b.max} ${b.label}`).join(', ')).toBe('0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe');
  });
});

/** Answers that add up to `total`, filling items from the first with 3s. */
function answersFor(def: InstrumentDefinition, total: number): number[] {
  let left = total;
  return def.items.map(() => {
    const a = Math.min(3, left);
    left -= a;
    return a;
  });
}

describe('scoring', () => {
  it('gives every PHQ-9 total its band, at every boundary', () => {
    const expected: [number, string][] = [[0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'moderately severe'], [19, 'moderately severe'], [20, 'severe'], [27, 'severe']];
    for (const [total, band] of expected) expect(score(PHQ9_V1, answersFor(PHQ9_V1, total)), String(total)).toMatchObject({ total, band, complete: true });
    for (let t = 0; t <= 27; t++) expect(score(PHQ9_V1, answersFor(PHQ9_V1, t)).total).toBe(t);
  });

  it('gives every GAD-7 total its band, at every boundary', () => {
    const expected: [number, string][] = [[0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'severe'], [21, 'severe']];
    for (const [total, band] of expected) expect(score(GAD7_V1, answersFor(GAD7_V1, total))).toMatchObject({ total, band });
  });

  it('gives an incomplete form no total and no band: a missing answer is never a 0', () => {
    const answers = [1, 1, 1, 1, null, 1, 1, 1, 0];
    expect(score(PHQ9_V1, answers)).toEqual({ complete: false, total: null, band: null, riskItemAnswer: 0 });
    expect(score(GAD7_V1, [null, null, null, null, null, null, null])).toMatchObject({ complete: false, total: null });
    expect(() => score(GAD7_V1, [1, 1])).toThrow(/7 items/);
  });

  it('reports the item-9 answer for the risk rule', () => {
    for (const v of [0, 1, 2, 3]) expect(score(PHQ9_V1, [0, 0, 0, 0, 0, 0, 0, 0, v]).riskItemAnswer).toBe(v);
    expect(score(GAD7_V1, [3, 3, 3, 3, 3, 3, 3]).riskItemAnswer).toBeNull();
  });
});

describe('reliable change (Jacobson & Truax), worked by hand', () => {
  it('PHQ-9 18 -> 7 with SD 5.0 and r 0.89', () => {
    // S_diff = sqrt(2) * 5 * sqrt(0.11) = 1.41421 * 5 * 0.33166 = 2.34521; RC = -11 / 2.34521 = -4.6904
    const r = reliableChange(18, 7, { sd: 5, reliability: 0.89, source: 'Kroenke 2001 (alpha), SD from our clinic' });
    expect(r.sDiff).toBeCloseTo(2.34521, 4);
    expect(r.rc).toBeCloseTo(-4.6904, 3);
    expect(r.minimumReliableChange).toBeCloseTo(4.5966, 3);
    expect(r.verdict).toBe('reliable improvement');
    expect(r.rule).toContain('Jacobson & Truax');
  });

  it('a change just under the threshold is not reliable, one just over is', () => {
    // SD 6, r 0.84: S_diff = 1.41421 * 6 * 0.4 = 3.39411; 1.96 * S_diff = 6.6525
    expect(reliableChange(20, 14, { sd: 6, reliability: 0.84, source: 's' }).verdict).toBe('no reliable change'); // RC = -1.7678
    expect(reliableChange(20, 13, { sd: 6, reliability: 0.84, source: 's' }).verdict).toBe('reliable improvement'); // RC = -2.0624
    expect(reliableChange(6, 13, { sd: 6, reliability: 0.84, source: 's' }).verdict).toBe('reliable deterioration'); // RC = +2.0624
  });
});

describe('NHS Talking Therapies rules', () => {
  it('reliable improvement and recovery ("or" variant), naming the rule', () => {
    const r = nhsOutcome({ first: 16, last: 8 }, { first: 12, last: 6 }, 'or');
    expect(r).toMatchObject({ casenessAtStart: true, reliableImprovement: true, reliableDeterioration: false, recovery: true, reliableRecovery: true });
    expect(r.summary).toContain('reliable improvement (PHQ-9 fell by 6 or more; GAD-7 fell by 4 or more)');
    expect(r.summary).toContain('"or" variant');
  });

  it('one measure improving is enough with "or", not with "and"', () => {
    const phq = { first: 16, last: 9 };
    const gad = { first: 9, last: 7 };
    expect(nhsOutcome(phq, gad, 'or')).toMatchObject({ reliableImprovement: true, recovery: true, reliableRecovery: true });
    expect(nhsOutcome(phq, gad, 'and')).toMatchObject({ reliableImprovement: false, recovery: true, reliableRecovery: false });
    expect(nhsOutcome(phq, gad, 'or').summary).toContain('reliable improvement (PHQ-9 fell by 6 or more)');
  });

  it('improvement on one with reliable deterioration on the other is not improvement', () => {
    const r = nhsOutcome({ first: 18, last: 10 }, { first: 5, last: 10 }, 'or');
    expect(r).toMatchObject({ reliableImprovement: false, reliableDeterioration: true });
    expect(r.summary).toContain('reliable deterioration (GAD-7 rose by 4 or more)');
  });

  it('deterioration by the same margins; exact thresholds count', () => {
    expect(nhsOutcome({ first: 8, last: 14 }, { first: 3, last: 3 }, 'or')).toMatchObject({ reliableDeterioration: true, reliableImprovement: false });
    expect(nhsOutcome({ first: 8, last: 13 }, { first: 3, last: 6 }, 'or')).toMatchObject({ reliableDeterioration: false });
    expect(nhsOutcome({ first: 10, last: 4 }, { first: 8, last: 8 }, 'or')).toMatchObject({ casenessAtStart: true, reliableImprovement: true, recovery: false });
  });

  it('recovery needs caseness at the start', () => {
    const r = nhsOutcome({ first: 9, last: 2 }, { first: 7, last: 1 }, 'or');
    expect(r).toMatchObject({ casenessAtStart: false, recovery: false, reliableImprovement: true });
    expect(r.summary).toContain('not a case at the start');
  });
});

describe('measure schedule', () => {
  it('every session by default, or every N attended sessions', () => {
    expect(measureDue([], [], 1)).toBe(true);
    expect(measureDue([1, 2, 3], [3], 1)).toBe(true);
    expect(measureDue([1, 2, 3], [1], 4)).toBe(false);
    expect(measureDue([1, 2, 3, 4], [1], 4)).toBe(true);
    expect(measureDue([1, 2, 3, 4, 5, 6, 7, 8], [1, 5], 4)).toBe(true);
    expect(measureDue([1, 2, 3, 4, 5, 6, 7], [1, 5], 4)).toBe(false);
  });
});
