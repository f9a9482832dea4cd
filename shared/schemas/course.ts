import { z } from 'zod';
import {
  COURSE_TYPES,
  DIAGNOSIS_CODE_SYSTEMS,
  DISPUTE_STAGES,
  FREQUENCIES,
  NEXT_STEPS,
  OUTCOMES,
  PHASES,
  PROBLEM_AREAS,
  TRANSITION_TYPES,
} from '../ipt/vocabulary.ts';
import { isoDate, isoDateTime } from './dates.ts';

const text = (max = 4000) => z.string().trim().max(max, { message: `Keep this under ${max} characters.` }).default('');
const list = (max = 50) => z.array(z.string().trim().min(1).max(500)).max(max).default([]);
const optionalDate = z.union([z.literal(''), isoDate]).default('');
export const uuid = z.uuid({ message: 'Not a valid record id.' });
const optionalPerson = z.union([z.literal(''), uuid]).default('');

/** Initial-phase checklist. Dates record when a step was done; '' means not yet. */
export const checklistSchema = z.strictObject({
  diagnosis: text(500),
  diagnosisCode: z
    .strictObject({ system: z.enum(DIAGNOSIS_CODE_SYSTEMS), code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9.-]{0,15}$/i, { message: 'Enter a code like F32.1 or 6A70.' }) })
    .nullable()
    .default(null),
  psychoeducationGiven: z.boolean().default(false),
  sickRoleDiscussed: z.boolean().default(false),
  dutiesRelaxed: text(1000),
  medicationConsidered: z.boolean().default(false),
  medicationNote: text(1000),
  inventoryDone: z.boolean().default(false),
  onsetLinked: z.boolean().default(false),
  onsetNote: text(2000),
  formulationAgreedOn: optionalDate,
  contractAgreedOn: optionalDate,
});
export type Checklist = z.output<typeof checklistSchema>;

export const formulationSchema = z.strictObject({
  biological: text(),
  psychological: text(),
  social: text(),
  culturalSpiritual: text(),
  text: text(8000),
  clientAgreed: z.boolean().default(false),
  agreedOn: optionalDate,
});
export type Formulation = z.output<typeof formulationSchema>;

export const griefDetailsSchema = z.strictObject({
  personId: optionalPerson,
  dateOfDeath: optionalDate,
  circumstances: text(2000),
  onsetRelativeToDeath: text(1000),
  feelingsExpressed: list(),
  avoidance: text(2000),
  newInterestsAndRelationships: list(),
});

export const disputeDetailsSchema = z.strictObject({
  personId: optionalPerson,
  issues: list(),
  clientExpectations: text(2000),
  otherExpectations: text(2000),
  stageHistory: z.array(z.strictObject({ stage: z.enum(DISPUTE_STAGES), date: isoDate })).max(50).default([]),
  options: list(),
  chosenPlan: text(2000),
  status: z.enum(['unset', 'resolved', 'improved', 'unchanged', 'dissolved']).default('unset'),
});

export const transitionDetailsSchema = z.strictObject({
  transitionType: z.enum(['unset', ...TRANSITION_TYPES]).default('unset'),
  dateOfChange: optionalDate,
  chosenOrImposed: z.enum(['unset', 'chosen', 'imposed', 'mixed']).default('unset'),
  oldRoleGood: list(),
  oldRoleBad: list(),
  newRoleGood: list(),
  newRoleBad: list(),
  lossesToMourn: list(),
  skillsNeeded: list(),
  supportsNeeded: list(),
});

export const deficitsDetailsSchema = z.strictObject({
  networkSize: z.number().int().min(0).max(1000).nullable().default(null),
  confidants: list(),
  recurringPatterns: text(2000),
  skillTargets: list(),
  peopleToReconnectWith: list(),
  newContactOpportunities: list(),
});

export const problemAreaSchema = z.discriminatedUnion('area', [
  z.strictObject({ area: z.literal('grief'), details: griefDetailsSchema }),
  z.strictObject({ area: z.literal('role_dispute'), details: disputeDetailsSchema }),
  z.strictObject({ area: z.literal('role_transition'), details: transitionDetailsSchema }),
  z.strictObject({ area: z.literal('interpersonal_deficits'), details: deficitsDetailsSchema }),
]);
export type ProblemAreaEntry = z.output<typeof problemAreaSchema>;

export const terminationSchema = z.strictObject({
  endingFirstRaisedAtSession: z.number().int().min(1).max(500).nullable().default(null),
  gainsReviewed: text(),
  clientCreditsChangeTo: text(),
  feelingsAboutEnding: text(),
  warningSigns: list(),
  relapsePlan: text(),
  outcome: z.enum(OUTCOMES).default('unset'),
  nextStep: z.enum(NEXT_STEPS).default('unset'),
});
export type Termination = z.output<typeof terminationSchema>;

export const contractSchema = z.strictObject({
  startDate: isoDate,
  plannedSessions: z.number().int().min(1).max(200),
  frequency: z.enum(FREQUENCIES),
  sessionMinutes: z.number().int().min(15).max(180).default(50),
  agreedFocus: text(1000),
  /** '' means "derived from start, sessions and frequency". */
  plannedEndDateOverride: optionalDate,
  /** Required when the planned sessions are outside the usual range for the course type. */
  outOfRangeReason: text(1000),
  initialSessions: z.number().int().min(1).max(50).default(3),
  terminationSessions: z.number().int().min(1).max(50).default(3),
  /** Raise the ending when this many sessions remain (2-4). */
  endingPromptAt: z.number().int().min(2).max(4).default(3),
});
export type ContractInput = z.input<typeof contractSchema>;
export type Contract = z.output<typeof contractSchema>;

export const courseCreateSchema = z.strictObject({
  clientId: uuid,
  type: z.enum(COURSE_TYPES),
  parentCourseId: z.union([z.null(), uuid]).default(null),
  contract: contractSchema,
});

export const courseUpdateSchema = z.strictObject({
  id: uuid,
  expectedUpdatedAt: isoDateTime,
  checklist: checklistSchema.optional(),
  formulation: formulationSchema.optional(),
  primaryArea: problemAreaSchema.nullable().optional(),
  secondaryArea: problemAreaSchema.nullable().optional(),
  termination: terminationSchema.optional(),
  phases: z
    .strictObject({ initialSessions: z.number().int().min(1).max(50), terminationSessions: z.number().int().min(1).max(50), endingPromptAt: z.number().int().min(2).max(4) })
    .optional(),
  plannedEndDateOverride: optionalDate.optional(),
});

export const renegotiationInputSchema = z.strictObject({
  courseId: uuid,
  expectedUpdatedAt: isoDateTime,
  date: isoDate,
  plannedSessions: z.number().int().min(1).max(200),
  frequency: z.enum(FREQUENCIES),
  reason: z.string().trim().min(1, { message: 'Say why the contract is changing.' }).max(2000),
  outOfRangeReason: text(1000),
});

export const renegotiationSchema = z.strictObject({
  id: uuid,
  date: isoDate,
  oldPlannedSessions: z.number().int(),
  newPlannedSessions: z.number().int(),
  oldFrequency: z.enum(FREQUENCIES),
  newFrequency: z.enum(FREQUENCIES),
  reason: z.string(),
  recordedAt: isoDateTime,
});

export const courseSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  type: z.enum(COURSE_TYPES),
  parentCourseId: uuid.nullable(),
  status: z.enum(['open', 'closed']),
  contract: contractSchema,
  plannedEndDate: isoDate,
  checklist: checklistSchema,
  formulation: formulationSchema,
  primaryArea: problemAreaSchema.nullable(),
  secondaryArea: problemAreaSchema.nullable(),
  termination: terminationSchema,
  renegotiations: z.array(renegotiationSchema),
  progress: z.strictObject({
    attended: z.number().int(),
    planned: z.number().int(),
    phase: z.enum(PHASES),
    remaining: z.number().int(),
    exceeded: z.boolean(),
    endingPrompt: z
      .union([
        z.strictObject({ kind: z.literal('raise-ending'), remaining: z.number().int() }),
        z.strictObject({ kind: z.literal('contract-reached') }),
        z.strictObject({ kind: z.literal('contract-exceeded'), over: z.number().int() }),
      ])
      .nullable(),
  }),
  closedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Course = z.output<typeof courseSchema>;

// closedAt: the tabs pick the current course from this list with `currentCourse` (course-logic.ts), which needs it.
export const courseSummarySchema = courseSchema.pick({ id: true, type: true, status: true, contract: true, plannedEndDate: true, progress: true, closedAt: true, createdAt: true }).extend({
  primaryArea: z.enum(PROBLEM_AREAS).nullable(),
});
export type CourseSummary = z.output<typeof courseSummarySchema>;
