/**
 * IPT vocabulary as data: codes are stored, labels are shown. Labels are the app's own words.
 */
export const PROBLEM_AREAS = ['grief', 'role_dispute', 'role_transition', 'interpersonal_deficits'] as const;
export type ProblemArea = (typeof PROBLEM_AREAS)[number];

export const PROBLEM_AREA_LABELS: Record<ProblemArea, string> = {
  grief: 'Grief',
  role_dispute: 'Role dispute',
  role_transition: 'Role transition',
  interpersonal_deficits: 'Interpersonal deficits',
};

/** Some practices prefer "interpersonal sensitivity"; the label is a setting, the stored code is not. */
export function problemAreaLabels(deficitsLabel: 'deficits' | 'sensitivity'): Record<ProblemArea, string> {
  return { ...PROBLEM_AREA_LABELS, interpersonal_deficits: deficitsLabel === 'sensitivity' ? 'Interpersonal sensitivity' : 'Interpersonal deficits' };
}

export const COURSE_TYPES = ['acute', 'continuation', 'maintenance'] as const;
export type CourseType = (typeof COURSE_TYPES)[number];

export const COURSE_TYPE_LABELS: Record<CourseType, string> = {
  acute: 'Acute',
  continuation: 'Continuation',
  maintenance: 'Maintenance',
};

/** Planned sessions per course type: allowed range and default. Outside the range needs a reason. */
export const CONTRACT_RANGES: Record<CourseType, { min: number; max: number; default: number }> = {
  acute: { min: 8, max: 20, default: 12 },
  continuation: { min: 4, max: 16, default: 6 },
  maintenance: { min: 3, max: 48, default: 12 },
};

export const FREQUENCIES = ['weekly', 'fortnightly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = { weekly: 'Weekly', fortnightly: 'Every two weeks', monthly: 'Monthly' };

export const PHASES = ['initial', 'middle', 'termination'] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<Phase, string> = { initial: 'Initial phase', middle: 'Middle phase', termination: 'Ending phase' };

export const DISPUTE_STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;
export const DISPUTE_STAGE_LABELS: Record<(typeof DISPUTE_STAGES)[number], string> = {
  renegotiation: 'Renegotiation',
  impasse: 'Impasse',
  dissolution: 'Dissolution',
};

export const TRANSITION_TYPES = ['work', 'relationship', 'health', 'residence', 'parenthood', 'finances', 'other'] as const;

export const RELATIONSHIP_TYPES = ['partner', 'parent', 'child', 'sibling', 'friend', 'colleague', 'other'] as const;
export const RELATIONSHIP_LABELS: Record<(typeof RELATIONSHIP_TYPES)[number], string> = {
  partner: 'Partner',
  parent: 'Parent',
  child: 'Child',
  sibling: 'Sibling',
  friend: 'Friend',
  colleague: 'Colleague',
  other: 'Other',
};

export const CONTACT_FREQUENCIES = ['unset', 'daily', 'weekly', 'monthly', 'rarely', 'no_contact'] as const;
export const CONTACT_FREQUENCY_LABELS: Record<(typeof CONTACT_FREQUENCIES)[number], string> = {
  unset: 'Not recorded',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  rarely: 'Rarely',
  no_contact: 'No contact now',
};

export const ARGUMENT_FREQUENCIES = ['unset', 'never', 'rarely', 'sometimes', 'often'] as const;

export const ONSET_ROLES = ['unset', 'support', 'stress', 'mixed'] as const;
export type OnsetRole = (typeof ONSET_ROLES)[number];
export const ONSET_ROLE_LABELS: Record<OnsetRole, string> = {
  unset: 'Not decided',
  support: 'Support',
  stress: 'Stress',
  mixed: 'Mixed',
};

export const YES_NO_UNSURE = ['unset', 'yes', 'no', 'unsure'] as const;
export const MET = ['unset', 'met', 'partly', 'not_met'] as const;

export const LIFE_EVENT_KINDS = ['death', 'move', 'role_change', 'dispute', 'illness', 'other'] as const;
export const LIFE_EVENT_LABELS: Record<(typeof LIFE_EVENT_KINDS)[number], string> = {
  death: 'Death',
  move: 'Move',
  role_change: 'Role change',
  dispute: 'Dispute',
  illness: 'Illness',
  other: 'Other',
};

/** What became of a session: planned until it happens, then one of the others. Only attended sessions are numbered. */
export const ATTENDANCE = ['planned', 'attended', 'cancelled_client', 'cancelled_client_late', 'cancelled_therapist', 'did_not_attend'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  planned: 'Planned',
  attended: 'Attended',
  cancelled_client: 'Cancelled by client, with notice',
  cancelled_client_late: 'Cancelled by client, without notice',
  cancelled_therapist: 'Cancelled by therapist',
  did_not_attend: 'Did not attend',
};

export const MODALITIES = ['in_person', 'video', 'telephone'] as const;
export type Modality = (typeof MODALITIES)[number];
export const MODALITY_LABELS: Record<Modality, string> = { in_person: 'In person', video: 'Video', telephone: 'Telephone' };

export const OUTCOMES = ['unset', 'responded', 'partial', 'no_response'] as const;
export const NEXT_STEPS = ['unset', 'discharge', 'continuation', 'maintenance', 'refer_on'] as const;

export const DIAGNOSIS_CODE_SYSTEMS = ['ICD-10', 'ICD-10-CM', 'ICD-11', 'DSM-5-TR'] as const;
