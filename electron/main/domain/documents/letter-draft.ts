/**
 * Builds a letter's sections, in plain language, from the record. The therapist edits the text
 * in a preview before exporting; tables and pictures are rebuilt from the vault at export.
 */
import { currentCourse } from '../../../../shared/ipt/course-logic.ts';
import { instrument, PHQ9_V1 } from '../../../../shared/ipt/instruments.ts';
import { latestBuiltIn } from '../../../../shared/ipt/templates/built-in.ts';
import { COURSE_TYPE_LABELS, FREQUENCY_LABELS, PROBLEM_AREA_LABELS, type ProblemArea } from '../../../../shared/ipt/vocabulary.ts';
import { LETTER_SECTION_TITLES, type LetterDraft, type LetterKind, type LetterSection, type LetterSectionId, type Recipient } from '../../../../shared/schemas/documents.ts';
import { localDateOf } from '../../../../shared/schemas/dates.ts';
import type { Course } from '../../../../shared/schemas/course.ts';
import { longDate, type RecordData } from './record-data.ts';
import { SAFETY_PLAN_HEADINGS, SAFETY_PLAN_SECTIONS } from '../../../../shared/schemas/safety-plan.ts';
import { safetyPlanRows } from './safety-plan-html.ts';

export interface LetterOptions {
  /** Adds the current safety plan to the risk section (the user asked for it). */
  includeSafetyPlan?: boolean;
}

const SECTIONS_BY_KIND: Record<LetterKind, { id: LetterSectionId; included: boolean }[]> = {
  assessment: [
    { id: 'reason', included: true }, { id: 'focus', included: true }, { id: 'treatment', included: true }, { id: 'measures', included: true },
    { id: 'chart', included: false }, { id: 'circle', included: false }, { id: 'risk', included: true }, { id: 'plan', included: true },
  ],
  progress: [
    { id: 'reason', included: true }, { id: 'focus', included: true }, { id: 'treatment', included: true }, { id: 'measures', included: true },
    { id: 'chart', included: true }, { id: 'circle', included: false }, { id: 'risk', included: true }, { id: 'plan', included: true },
  ],
  end_of_treatment: [
    { id: 'reason', included: true }, { id: 'focus', included: true }, { id: 'treatment', included: true }, { id: 'measures', included: true },
    { id: 'chart', included: true }, { id: 'circle', included: false }, { id: 'risk', included: true }, { id: 'plan', included: true },
  ],
};

function personName(data: RecordData, id: string): string {
  return data.people.find((p) => p.id === id)?.fields.name ?? 'someone close to them';
}

function areaInWords(data: RecordData, course: Course, area: ProblemArea): string {
  const entry = course.primaryArea?.area === area ? course.primaryArea : course.secondaryArea;
  const label = PROBLEM_AREA_LABELS[area].toLowerCase();
  if (entry?.area === 'grief') return `grief after the death of ${entry.details.personId ? personName(data, entry.details.personId) : 'someone close'} (${label})`;
  if (entry?.area === 'role_dispute') return `a disagreement with ${entry.details.personId ? personName(data, entry.details.personId) : 'someone close'} about what each expects of the other (a ${label})`;
  if (area === 'role_transition') return `adjusting to a change in life circumstances (a ${label})`;
  return `loneliness and difficulty in forming and keeping close relationships (${label})`;
}

export function attendedSessions(data: RecordData, course: Course) {
  return data.sessions.filter((s) => s.note.courseId === course.id && s.note.attendance === 'attended');
}

function techniquesUsed(data: RecordData, course: Course): string[] {
  const ids = new Set<string>();
  for (const s of data.sessions) if (s.note.courseId === course.id) for (const e of s.note.entries) ids.add(e.templateId);
  return [...ids].map((id) => latestBuiltIn(id)?.title.toLowerCase() ?? 'a technique of my own').sort();
}

function firstLast(data: RecordData, id: 'phq9' | 'gad7') {
  return data.summary?.[id] ?? null;
}

export function riskStatement(data: RecordData): string {
  const phq = data.administrations.filter((a) => a.instrumentId === 'phq9').at(-1);
  const parts: string[] = [];
  if (phq) {
    const answer = phq.answers[8];
    const label = answer === null || answer === undefined ? 'not answered' : `“${PHQ9_V1.answers[answer]!.label}” (${answer} of 3)`;
    parts.push(`On the most recent PHQ-9 (${longDate(phq.administeredOn)}), question 9, about thoughts of being better off dead or of self-harm, was answered ${label}.`);
  } else parts.push('No PHQ-9 has been completed, so question 9 has not been asked.');
  if (data.openRisks.length) parts.push(`There ${data.openRisks.length === 1 ? 'is one risk concern' : `are ${data.openRisks.length} risk concerns`} awaiting a recorded assessment.`);
  const last = data.assessedRisks.at(-1);
  if (last) parts.push(`The most recent risk assessment (${longDate(localDateOf(last.assessedAt!))}): ${last.assessment}`);
  if (!data.openRisks.length && !last) parts.push('No risk concerns have been recorded.');
  return parts.join(' ');
}

/** The current safety plan in a few lines, for the risk section; section by section, names resolved now. */
export function safetyPlanStatement(data: RecordData, name: string): string {
  const plan = data.safetyPlan;
  if (!plan) return `${name} does not have a safety plan recorded yet.`;
  const rows = safetyPlanRows(plan, data.people);
  const lines = [`${name} and I made a safety plan together; the current version (${plan.revision}) is dated ${longDate(localDateOf(plan.createdAt))}. In ${name}’s words:`];
  for (const key of SAFETY_PLAN_SECTIONS) if (rows[key].length) lines.push(`${SAFETY_PLAN_HEADINGS[key]}: ${rows[key].join('; ')}.`);
  return lines.join('\n');
}

function measuresText(data: RecordData): string {
  const lines: string[] = [];
  for (const id of ['phq9', 'gad7'] as const) {
    const c = firstLast(data, id);
    if (!c) continue;
    const name = instrument(id).name;
    if (c.first.id === c.latest.id) lines.push(`${name}: ${c.first.total} (${c.first.band}) on ${longDate(c.first.administeredOn)}.`);
    else {
      const verb = c.difference < 0 ? 'fell' : c.difference > 0 ? 'rose' : 'stayed';
      lines.push(`${name} ${verb} from ${c.first.total} (${c.first.band}) on ${longDate(c.first.administeredOn)} to ${c.latest.total} (${c.latest.band}) on ${longDate(c.latest.administeredOn)}.`);
      if (c.reliableChange) lines.push(`${name}: ${c.reliableChange.verdict}, by the ${c.reliableChange.rule}.`);
    }
  }
  if (data.summary?.nhs) lines.push(`By the NHS Talking Therapies rules: ${data.summary.nhs.summary}.`);
  return lines.length ? lines.join('\n\n') : 'No outcome measures have been completed yet.';
}

function sectionText(data: RecordData, kind: LetterKind, id: LetterSectionId, course: Course | null, options: LetterOptions = {}): string {
  const f = data.client.fields;
  const name = f.preferredName || f.fullName.split(' ')[0]!;
  switch (id) {
    case 'reason': {
      const problem = f.presentingProblem.replace(/\.$/, '');
      // "Anxiety and low mood" reads "anxiety and low mood" mid-sentence; "PTSD" stays as it is.
      const midSentence = /^[A-Z][a-z]/.test(problem) ? problem[0]!.toLowerCase() + problem.slice(1) : problem;
      const lines = [problem ? `${name} was referred with ${midSentence}.` : `${name} was referred for psychological therapy.`];
      const checklist = course?.checklist;
      if (checklist?.diagnosis) lines.push(`Working diagnosis: ${checklist.diagnosis}${checklist.diagnosisCode ? ` (${checklist.diagnosisCode.system} ${checklist.diagnosisCode.code})` : ''}.`);
      return lines.join('\n\n');
    }
    case 'focus': {
      if (!course?.primaryArea) return `We are still agreeing the focus of treatment.`;
      const lines = [`We agreed to focus on ${areaInWords(data, course, course.primaryArea.area)}${course.secondaryArea ? `, and also on ${areaInWords(data, course, course.secondaryArea.area)}` : ''}.`];
      if (course.formulation.text) lines.push(course.formulation.clientAgreed ? `${name} agreed with this understanding of their difficulties${course.formulation.agreedOn ? ` on ${longDate(course.formulation.agreedOn)}` : ''}: ${course.formulation.text}` : course.formulation.text);
      return lines.join('\n\n');
    }
    case 'treatment': {
      if (!course) return 'Treatment has not started yet.';
      // Planned sessions have not been offered yet: they are appointments, not attendance.
      const offered = data.sessions.filter((s) => s.note.courseId === course.id && s.note.attendance !== 'planned');
      const attended = attendedSessions(data, course);
      const lines = [
        `${name} is having Interpersonal Psychotherapy (IPT): ${COURSE_TYPE_LABELS[course.type].toLowerCase()} course of ${course.contract.plannedSessions} ${FREQUENCY_LABELS[course.contract.frequency].toLowerCase()} sessions, from ${longDate(course.contract.startDate)}.`,
        `${attended.length} of ${offered.length} sessions offered so far were attended${attended.length ? ` (${attended.map((s) => longDate(s.note.date)).join(', ')})` : ''}.`,
      ];
      const techniques = techniquesUsed(data, course);
      if (techniques.length) lines.push(`Techniques used include ${techniques.join(', ')}.`);
      return lines.join('\n\n');
    }
    case 'measures':
      return measuresText(data);
    case 'chart':
      return 'The chart shows PHQ-9 and GAD-7 totals over time, with the severity bands shaded and life events marked.';
    case 'circle':
      return `The closeness circle shows the people ${name} feels closest to at the centre.`;
    case 'risk':
      return options.includeSafetyPlan ? `${riskStatement(data)}\n\n${safetyPlanStatement(data, name)}` : riskStatement(data);
    case 'plan': {
      if (kind === 'assessment') return `We have agreed ${course?.contract.plannedSessions ?? 'a number of'} sessions and will review progress with the PHQ-9 and GAD-7. I would be grateful if you could let me know of any changes to ${name}’s medication or physical health.`;
      if (kind === 'progress') return `We will continue as agreed. I would be grateful if you could let me know of any changes to ${name}’s medication or physical health.`;
      const t = course?.termination;
      const next = { unset: 'The next step is still to be agreed.', discharge: `${name} is being discharged from my care.`, continuation: 'We have agreed a continuation course.', maintenance: 'We have agreed maintenance sessions.', refer_on: `I am referring ${name} on for further help.` }[t?.nextStep ?? 'unset'];
      const lines = [next];
      if (t?.warningSigns.length) lines.push(`Personal warning signs to look out for: ${t.warningSigns.join('; ')}.`);
      if (t?.relapsePlan) lines.push(`If these return: ${t.relapsePlan}`);
      lines.push('Please do not hesitate to refer again if difficulties return.');
      return lines.join('\n\n');
    }
    case 'process_notes': {
      const auth = data.authorisation;
      const notes = data.sessions.filter((s) => s.processNote).map((s) => `${longDate(s.note.date)}: ${s.processNote}`);
      return auth ? [`Included with ${name}’s authorisation given to ${auth.authorisedBy} on ${longDate(auth.date)} (${auth.scope}).`, ...notes].join('\n\n') : '';
    }
  }
}

export function draftLetter(data: RecordData, kind: LetterKind, today: string, recipient?: Recipient, options: LetterOptions = {}): LetterDraft {
  const course = currentCourse(data.courses);
  const referrer = data.client.fields.referrer;
  const to: Recipient = recipient ?? { name: referrer.name || 'Dr', practice: referrer.practice, address: referrer.address, isGp: true };
  const sections: LetterSection[] = SECTIONS_BY_KIND[kind].map(({ id, included }) => ({ id, title: LETTER_SECTION_TITLES[id], included, text: sectionText(data, kind, id, course, options) }));
  if (data.authorisation) sections.push({ id: 'process_notes', title: LETTER_SECTION_TITLES.process_notes, included: true, text: sectionText(data, kind, 'process_notes', course) });
  return { clientId: data.client.id, kind, date: today, recipient: to, sections, consentWarning: consentWarning(data, to), authorisationId: data.authorisation?.id ?? null };
}

export function consentWarning(data: RecordData, recipient: Recipient): string | null {
  if (!recipient.isGp) return null;
  const consent = data.client.fields.gpConsent;
  if (consent === 'yes') return null;
  return consent === 'no'
    ? 'The client said no to contact with their GP. Say why you are writing before you export this letter.'
    : 'The client’s consent to contact their GP is not recorded. Say why you are writing before you export this letter.';
}
