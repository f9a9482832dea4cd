/**
 * The built-in technique templates, version 1. Field wording is the app's own. A template that
 * has shipped is never edited in place: a change is a new version appended to its list.
 */
import type { TemplateDefinition } from './types.ts';

const feelings = {
  key: 'feelings',
  label: 'Feelings during and after',
  type: 'longText' as const,
  help: 'What the client felt in the moment, and afterwards.',
};

export const COMMUNICATION_ANALYSIS_V1: TemplateDefinition = {
  id: 'communication-analysis',
  version: 1,
  title: 'Communication analysis',
  summary: 'Go through one recent, emotionally charged conversation in detail to see where communication broke down.',
  suits: ['role_dispute', 'interpersonal_deficits', 'role_transition'],
  sections: [
    {
      title: 'The incident',
      fields: [
        { key: 'when', label: 'When it happened', type: 'text' },
        { key: 'otherPerson', label: 'With whom', type: 'person' },
        { key: 'setting', label: 'Where, and what was going on', type: 'longText' },
        { key: 'whyChosen', label: 'Why this conversation', type: 'longText', help: 'Recent, felt strongly, linked to the focus?' },
        { key: 'leadUp', label: 'What led up to it', type: 'longText', help: 'What happened just before, and the client’s mood going in.' },
      ],
    },
    {
      title: 'The exchange, turn by turn',
      fields: [
        { key: 'exchange', label: 'Turns', type: 'exchange', help: 'Who spoke, the words as the client remembers them, the tone of voice, and nonverbal cues such as face, posture and gestures.' },
      ],
    },
    {
      title: 'Meaning and impact',
      fields: [
        { key: 'meant', label: 'What the client meant to say', type: 'longText' },
        { key: 'heard', label: 'What the other person probably heard', type: 'longText' },
        {
          key: 'patternsNoticed',
          label: 'Patterns noticed',
          type: 'choice',
          multiple: true,
          choices: [
            { value: 'indirect', label: 'Asking indirectly' },
            { value: 'assumed', label: 'Assuming the other person knows' },
            { value: 'silence', label: 'Going silent or withdrawing' },
            { value: 'escalation', label: 'Escalating' },
            { value: 'not-listening', label: 'Not listening to the other person' },
            { value: 'not-asserting', label: 'Not saying what they needed' },
          ],
        },
        feelings,
        { key: 'outcome', label: 'How it ended', type: 'longText', help: 'Was anything settled? How was the week afterwards?' },
        { key: 'patternNamed', label: 'The pattern, in the client’s words', type: 'text' },
      ],
    },
    {
      title: 'Other ways',
      fields: [
        { key: 'alternatives', label: 'Other ways to say or do it', type: 'list' },
        { key: 'chosenAlternative', label: 'The one to try', type: 'text', help: 'This can become the goal of a role play.' },
      ],
    },
  ],
};

export const ROLE_PLAY_V1: TemplateDefinition = {
  id: 'role-play',
  version: 1,
  title: 'Role play',
  summary: 'Rehearse a conversation in the session, trying new ways of speaking and responding.',
  suits: ['role_dispute', 'interpersonal_deficits', 'role_transition', 'grief'],
  sections: [
    {
      title: 'Setting it up',
      fields: [
        {
          key: 'scenarioKind',
          label: 'Kind of scenario',
          type: 'choice',
          choices: [
            { value: 'past', label: 'A past situation, played again' },
            { value: 'hypothetical', label: 'A situation still to come' },
          ],
        },
        { key: 'scenario', label: 'The scenario', type: 'longText' },
        { key: 'otherPerson', label: 'The other person', type: 'person' },
        { key: 'clientGoal', label: 'What the client wants from the conversation', type: 'longText' },
        {
          key: 'therapistPlays',
          label: 'The therapist plays',
          type: 'choice',
          choices: [
            { value: 'other', label: 'The other person' },
            { value: 'client', label: 'The client' },
          ],
        },
        { key: 'roleReversal', label: 'Roles swapped during the play', type: 'choice', choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
      ],
    },
    {
      title: 'Rounds',
      fields: [{ key: 'rounds', label: 'What was tried, and the feedback', type: 'steps', help: 'One line per round; tick the ones that worked.' }],
    },
    {
      title: 'What came of it',
      fields: [
        {
          key: 'skills',
          label: 'Skills practised',
          type: 'choice',
          multiple: true,
          choices: [
            { value: 'assertiveness', label: 'Saying what they need' },
            { value: 'listening', label: 'Listening actively' },
            { value: 'problem-solving', label: 'Solving problems together' },
            { value: 'conflict', label: 'Handling conflict' },
            { value: 'boundaries', label: 'Setting limits' },
          ],
        },
        { key: 'perspective', label: 'What the client understood about the other person', type: 'longText' },
        { key: 'confidenceBefore', label: 'Confidence before (0-10)', type: 'rating' },
        { key: 'confidenceAfter', label: 'Confidence after (0-10)', type: 'rating' },
        { key: 'planForReal', label: 'Plan to try it for real', type: 'longText', help: 'When, with whom, and what first step.' },
      ],
    },
  ],
};

export const PROBLEM_SOLVING_V1: TemplateDefinition = {
  id: 'problem-solving',
  version: 1,
  title: 'Problem solving',
  summary: 'Define the problem, list options without judging them, weigh them, choose one and plan the steps.',
  suits: ['role_transition', 'role_dispute', 'interpersonal_deficits', 'grief'],
  sections: [
    {
      title: 'The problem',
      fields: [{ key: 'problem', label: 'The problem, stated specifically', type: 'longText', help: 'Facts, not feelings about it: who, what, when.' }],
    },
    {
      title: 'Options',
      fields: [{ key: 'options', label: 'Options, with pros, cons and a rating', type: 'options', help: 'List many first, without judging; then weigh each from 0 to 10.' }],
    },
    {
      title: 'Plan',
      fields: [
        { key: 'chosenOption', label: 'The option chosen', type: 'text' },
        { key: 'steps', label: 'Steps', type: 'steps' },
        { key: 'implementation', label: 'How it went', type: 'longText' },
      ],
    },
    {
      title: 'Review',
      fields: [
        { key: 'reviewDate', label: 'Review date', type: 'text', help: 'For example the date of the next session.' },
        { key: 'evaluation', label: 'What happened', type: 'longText' },
        { key: 'adjustment', label: 'What to change, or the next option to try', type: 'longText' },
      ],
    },
  ],
};

export const DECISION_ANALYSIS_V1: TemplateDefinition = {
  id: 'decision-analysis',
  version: 1,
  title: 'Decision analysis',
  summary: 'Lay out the realistic choices in an interpersonal situation and their likely consequences before choosing.',
  suits: ['role_dispute', 'role_transition'],
  sections: [
    {
      title: 'The decision',
      fields: [
        { key: 'situation', label: 'The situation', type: 'longText' },
        { key: 'otherPerson', label: 'Who else is involved', type: 'person' },
        { key: 'options', label: 'Choices and their consequences', type: 'options' },
        { key: 'decision', label: 'What the client decided', type: 'longText' },
        { key: 'nextStep', label: 'First step', type: 'text' },
      ],
    },
  ],
};

export const ENCOURAGEMENT_OF_AFFECT_V1: TemplateDefinition = {
  id: 'encouragement-of-affect',
  version: 1,
  title: 'Encouragement of affect',
  summary: 'Help the client name, bear and use feelings about a key situation or relationship.',
  suits: ['grief', 'role_transition', 'role_dispute'],
  sections: [
    {
      title: 'Feelings',
      fields: [
        { key: 'situation', label: 'The situation or relationship', type: 'longText' },
        { key: 'emotions', label: 'Feelings named', type: 'list' },
        { key: 'intensity', label: 'Strongest feeling, how intense (0-10)', type: 'rating' },
        { key: 'previouslyHeldBack', label: 'A feeling the client had been holding back', type: 'choice', choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
        { key: 'meaning', label: 'What the feeling says about the relationship', type: 'longText' },
        { key: 'expression', label: 'How it could be expressed', type: 'longText' },
      ],
    },
  ],
};

export const CLARIFICATION_V1: TemplateDefinition = {
  id: 'clarification',
  version: 1,
  title: 'Clarification',
  summary: 'Reflect back something the client said, or a contrast in it, to help them see it differently.',
  suits: ['grief', 'role_dispute', 'role_transition', 'interpersonal_deficits'],
  sections: [
    {
      title: 'Clarification',
      fields: [
        { key: 'statement', label: 'What the client said', type: 'longText' },
        { key: 'reflection', label: 'What was reflected or contrasted', type: 'longText' },
        { key: 'reaction', label: 'The client’s reaction', type: 'longText' },
        { key: 'insight', label: 'What became clearer', type: 'longText' },
      ],
    },
  ],
};

export const INTERPERSONAL_INCIDENT_V1: TemplateDefinition = {
  id: 'interpersonal-incident',
  version: 1,
  title: 'Interpersonal incident',
  summary: 'A short account of a specific interaction with someone important, to see what the client needed and what happened.',
  suits: ['interpersonal_deficits', 'role_dispute'],
  sections: [
    {
      title: 'The incident',
      fields: [
        { key: 'otherPerson', label: 'With whom', type: 'person' },
        { key: 'whatHappened', label: 'What happened', type: 'longText' },
        { key: 'need', label: 'What the client needed', type: 'longText' },
        { key: 'response', label: 'How the other person responded', type: 'longText' },
        feelings,
        { key: 'learning', label: 'What the client takes from it', type: 'longText' },
      ],
    },
  ],
};

export const THERAPEUTIC_RELATIONSHIP_V1: TemplateDefinition = {
  id: 'therapeutic-relationship',
  version: 1,
  title: 'Use of the therapeutic relationship',
  summary: 'Notice how the client relates to the therapist when it mirrors other relationships, and use it with care.',
  suits: ['interpersonal_deficits', 'role_dispute'],
  sections: [
    {
      title: 'Observation',
      fields: [
        { key: 'observation', label: 'What was noticed in the session', type: 'longText' },
        { key: 'fedBack', label: 'Shared with the client', type: 'choice', choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'Not yet' }] },
        { key: 'clientResponse', label: 'The client’s response', type: 'longText' },
      ],
    },
  ],
};

export const BETWEEN_SESSION_TASK_V1: TemplateDefinition = {
  id: 'between-session-task',
  version: 1,
  title: 'Between-session task',
  summary: 'Something the client chooses to try before the next session, and how it went.',
  suits: ['role_transition', 'interpersonal_deficits', 'role_dispute', 'grief'],
  sections: [
    {
      title: 'The task',
      fields: [
        { key: 'task', label: 'What the client will try', type: 'longText' },
        { key: 'linkedTo', label: 'What it links to', type: 'text', help: 'A technique or the problem area.' },
        { key: 'agreed', label: 'Agreed with the client', type: 'choice', choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
      ],
    },
    {
      title: 'Next session',
      fields: [
        {
          key: 'reviewed',
          label: 'Reviewed next time',
          type: 'choice',
          choices: [
            { value: 'done', label: 'Done' },
            { value: 'partly', label: 'Partly done' },
            { value: 'not-done', label: 'Not done' },
          ],
        },
        { key: 'whatHappened', label: 'What happened', type: 'longText' },
      ],
    },
  ],
};

/** Every version of every built-in template ever shipped, oldest first. */
export const BUILT_IN_TEMPLATE_VERSIONS: Record<string, readonly TemplateDefinition[]> = {
  'communication-analysis': [COMMUNICATION_ANALYSIS_V1],
  'role-play': [ROLE_PLAY_V1],
  'problem-solving': [PROBLEM_SOLVING_V1],
  'decision-analysis': [DECISION_ANALYSIS_V1],
  'encouragement-of-affect': [ENCOURAGEMENT_OF_AFFECT_V1],
  clarification: [CLARIFICATION_V1],
  'interpersonal-incident': [INTERPERSONAL_INCIDENT_V1],
  'therapeutic-relationship': [THERAPEUTIC_RELATIONSHIP_V1],
  'between-session-task': [BETWEEN_SESSION_TASK_V1],
};

/**
 * The versions of a built-in template, or none. Ids come from the user: a plain lookup would find
 * `__proto__`, `constructor` or `toString` on every object and answer with a prototype member.
 */
export function builtInVersions(id: string): readonly TemplateDefinition[] | undefined {
  return Object.hasOwn(BUILT_IN_TEMPLATE_VERSIONS, id) ? BUILT_IN_TEMPLATE_VERSIONS[id] : undefined;
}

export function isBuiltInTemplate(id: string): boolean {
  return Object.hasOwn(BUILT_IN_TEMPLATE_VERSIONS, id);
}

export function latestBuiltIn(id: string): TemplateDefinition | undefined {
  return builtInVersions(id)?.at(-1);
}

export function builtInVersion(id: string, version: number): TemplateDefinition | undefined {
  return builtInVersions(id)?.find((t) => t.version === version);
}

export function latestBuiltIns(): TemplateDefinition[] {
  return Object.values(BUILT_IN_TEMPLATE_VERSIONS).map((versions) => versions.at(-1)!);
}
