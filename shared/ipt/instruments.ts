/**
 * PHQ-9 and GAD-7, reproduced exactly (the one text the app copies), with their LOINC codes,
 * answer scale, bands and the required attribution. Versioned: a shipped version is never edited.
 */
export const INSTRUMENT_ATTRIBUTION =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

export interface AnswerOption {
  value: number;
  label: string;
  loinc: string;
}

export interface InstrumentItem {
  number: number;
  text: string;
  loinc: string;
}

export interface Band {
  min: number;
  max: number;
  label: string;
}

export interface InstrumentDefinition {
  id: 'phq9' | 'gad7';
  version: number;
  language: 'en';
  name: string;
  panelLoinc: string;
  totalLoinc: string;
  stem: string;
  items: InstrumentItem[];
  answers: AnswerOption[];
  difficulty: { text: string; options: string[] };
  maxTotal: number;
  bands: Band[];
  /** Item number whose any non-zero answer opens a risk record; it can never be skipped. */
  riskItem: number | null;
  /** Threshold for "caseness" in the NHS Talking Therapies rules. */
  casenessAtLeast: number;
  /** Change in total that counts as reliable in the NHS Talking Therapies rules. */
  reliableChangePoints: number;
}

export const ANSWER_SCALE: AnswerOption[] = [
  { value: 0, label: 'Not at all', loinc: 'LA6568-5' },
  { value: 1, label: 'Several days', loinc: 'LA6569-3' },
  { value: 2, label: 'More than half the days', loinc: 'LA6570-1' },
  { value: 3, label: 'Nearly every day', loinc: 'LA6571-9' },
];

const DIFFICULTY = {
  text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
  options: ['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'],
};

export const PHQ9_V1: InstrumentDefinition = {
  id: 'phq9',
  version: 1,
  language: 'en',
  name: 'PHQ-9',
  panelLoinc: '44249-1',
  totalLoinc: '44261-6',
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    { number: 1, text: 'Little interest or pleasure in doing things', loinc: '44250-9' },
    { number: 2, text: 'Feeling down, depressed, or hopeless', loinc: '44255-8' },
    { number: 3, text: 'Trouble falling or staying asleep, or sleeping too much', loinc: '44259-0' },
    { number: 4, text: 'Feeling tired or having little energy', loinc: '44254-1' },
    { number: 5, text: 'Poor appetite or overeating', loinc: '44251-7' },
    { number: 6, text: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down', loinc: '44258-2' },
    { number: 7, text: 'Trouble concentrating on things, such as reading the newspaper or watching television', loinc: '44252-5' },
    {
      number: 8,
      text: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      loinc: '44253-3',
    },
    { number: 9, text: 'Thoughts that you would be better off dead or of hurting yourself in some way', loinc: '44260-8' },
  ],
  answers: ANSWER_SCALE,
  difficulty: DIFFICULTY,
  maxTotal: 27,
  bands: [
    { min: 0, max: 4, label: 'minimal' },
    { min: 5, max: 9, label: 'mild' },
    { min: 10, max: 14, label: 'moderate' },
    { min: 15, max: 19, label: 'moderately severe' },
    { min: 20, max: 27, label: 'severe' },
  ],
  riskItem: 9,
  casenessAtLeast: 10,
  reliableChangePoints: 6,
};

export const GAD7_V1: InstrumentDefinition = {
  id: 'gad7',
  version: 1,
  language: 'en',
  name: 'GAD-7',
  panelLoinc: '69737-5',
  totalLoinc: '70274-6',
  stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: [
    { number: 1, text: 'Feeling nervous, anxious, or on edge', loinc: '69725-0' },
    { number: 2, text: 'Not being able to stop or control worrying', loinc: '68509-9' },
    { number: 3, text: 'Worrying too much about different things', loinc: '69733-4' },
    { number: 4, text: 'Trouble relaxing', loinc: '69734-2' },
    { number: 5, text: 'Being so restless that it is hard to sit still', loinc: '69735-9' },
    { number: 6, text: 'Becoming easily annoyed or irritable', loinc: '69689-8' },
    { number: 7, text: 'Feeling afraid, as if something awful might happen', loinc: '69736-7' },
  ],
  answers: ANSWER_SCALE,
  difficulty: DIFFICULTY,
  maxTotal: 21,
  bands: [
    { min: 0, max: 4, label: 'minimal' },
    { min: 5, max: 9, label: 'mild' },
    { min: 10, max: 14, label: 'moderate' },
    { min: 15, max: 21, label: 'severe' },
  ],
  riskItem: null,
  casenessAtLeast: 8,
  reliableChangePoints: 4,
};

/** Every version of every instrument ever shipped. */
export const INSTRUMENT_VERSIONS: Record<InstrumentDefinition['id'], readonly InstrumentDefinition[]> = {
  phq9: [PHQ9_V1],
  gad7: [GAD7_V1],
};

export const INSTRUMENT_IDS = ['phq9', 'gad7'] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export function instrument(id: InstrumentId, version?: number): InstrumentDefinition {
  const versions = INSTRUMENT_VERSIONS[id];
  const found = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  if (!found) throw new Error(`Unknown version ${version} of ${id}`);
  return found;
}

export interface Score {
  complete: boolean;
  /** null for an incomplete form: a missing answer is never counted as 0. */
  total: number | null;
  band: string | null;
  riskItemAnswer: number | null;
}

/** Scores a form. The difficulty question is never part of the total. */
export function score(def: InstrumentDefinition, answers: readonly (number | null)[]): Score {
  if (answers.length !== def.items.length) throw new Error(`${def.name} has ${def.items.length} items.`);
  const complete = answers.every((a) => a !== null);
  const total = complete ? (answers as number[]).reduce((sum, a) => sum + a, 0) : null;
  const band = total === null ? null : (def.bands.find((b) => total >= b.min && total <= b.max)?.label ?? null);
  const riskItemAnswer = def.riskItem === null ? null : (answers[def.riskItem - 1] ?? null);
  return { complete, total, band, riskItemAnswer };
}
