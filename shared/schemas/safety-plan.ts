/**
 * The safety plan: one per client, kept as dated revisions (a change is a new revision; the older
 * ones stay as they were written). Its sections follow the Safety Planning Intervention (Stanley &
 * Brown 2012), as listed in ../shared/reference/ipt-clinical-reference.md section 9; the wording
 * here is our own.
 */
import { z } from 'zod';
import { uuid } from './course.ts';
import { isoDateTime } from './dates.ts';

/** One line of a list section. Rows are objects so the form's field arrays can key them. */
export const planLineSchema = z.strictObject({
  text: z.string().trim().min(1, { message: 'Write something here, or remove this line.' }).max(500, { message: 'Keep this line under 500 characters.' }),
});
export type PlanLine = z.output<typeof planLineSchema>;

/**
 * Someone (or somewhere) the client can turn to. A person from the inventory is stored by id and
 * named at print time, so a later change of name shows; `name` is free text (a place, or someone
 * not in the inventory) and the fallback if the person is later removed.
 */
export const planContactSchema = z
  .strictObject({
    personId: z.union([z.null(), uuid]).default(null),
    name: z.string().trim().max(200, { message: 'Keep the name under 200 characters.' }).default(''),
    phone: z.string().trim().max(60, { message: 'Keep the number under 60 characters.' }).default(''),
  })
  .refine((c) => c.personId !== null || c.name !== '', { message: 'Choose someone from the inventory or write a name.', path: ['name'] });
export type PlanContact = z.output<typeof planContactSchema>;

/** A professional, service or crisis line (section 5). */
export const planServiceSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Write who or which service this is.' }).max(200, { message: 'Keep the name under 200 characters.' }),
  phone: z.string().trim().max(60, { message: 'Keep the number under 60 characters.' }).default(''),
});
export type PlanService = z.output<typeof planServiceSchema>;

const lines = z.array(planLineSchema).max(30, { message: 'Keep this section to 30 lines or fewer.' }).default([]);
const contacts = z.array(planContactSchema).max(30, { message: 'Keep this section to 30 entries or fewer.' }).default([]);

export const SAFETY_PLAN_SECTIONS = ['warningSigns', 'copingOnMyOwn', 'distractions', 'askForHelp', 'professionals', 'saferSurroundings', 'reasonsForLiving'] as const;
export type SafetyPlanSection = (typeof SAFETY_PLAN_SECTIONS)[number];

/** Headings of the client's copy and the form: plain words, addressed to the client. */
export const SAFETY_PLAN_HEADINGS: Record<SafetyPlanSection, string> = {
  warningSigns: 'When I notice these signs, I use this plan',
  copingOnMyOwn: 'Things I can do on my own',
  distractions: 'People and places that take my mind off things',
  askForHelp: 'People I can ask for help',
  professionals: 'Professionals and crisis lines I can call',
  saferSurroundings: 'Making my surroundings safer',
  reasonsForLiving: 'What matters most to me and keeps me going',
};

export const safetyPlanContentSchema = z
  .strictObject({
    /** Reference 9.1: thoughts, images, moods, situations or behaviours that come before a crisis. */
    warningSigns: lines,
    /** Reference 9.2: internal coping, without contacting anyone. */
    copingOnMyOwn: lines,
    /** Reference 9.3: people and social settings that distract. */
    distractions: contacts,
    /** Reference 9.4: people the client can ask for help, with their numbers. */
    askForHelp: contacts,
    /** Reference 9.5: clinician, out-of-hours and crisis lines; the practice's own are settings. */
    professionals: z.array(planServiceSchema).max(30, { message: 'Keep this section to 30 entries or fewer.' }).default([]),
    /** Reference 9.6: reducing access to means. */
    saferSurroundings: lines,
    /** Reference 9, the published template's last question. */
    reasonsForLiving: lines,
  })
  .superRefine((plan, ctx) => {
    // The plan starts from the warning signs: they tell the client when to use the rest.
    if (plan.warningSigns.length === 0) ctx.addIssue({ code: 'custom', path: ['warningSigns'], message: 'Write at least one warning sign: they say when to use the plan.' });
  });
export type SafetyPlanContent = z.output<typeof safetyPlanContentSchema>;

export const safetyPlanRevisionSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  /** 1 for the first plan, then one more for each revision. */
  revision: z.number().int().min(1),
  content: safetyPlanContentSchema,
  createdAt: isoDateTime,
  /** The risk records this revision answers. */
  riskIds: z.array(uuid),
});
export type SafetyPlanRevision = z.output<typeof safetyPlanRevisionSchema>;

export const safetyPlanSaveSchema = z.strictObject({
  clientId: uuid,
  content: safetyPlanContentSchema,
  /** Open risk records this revision answers (the plan was opened from them). */
  riskIds: z.array(uuid).max(20).default([]),
  /** The revision the edit started from (null for a first plan): a newer one means someone saved meanwhile. */
  basedOn: z.union([z.null(), z.number().int().min(1)]),
});

export const safetyPlanPrintSchema = z.strictObject({
  clientId: uuid,
  /** Which revision to print; the latest when absent. */
  revision: z.number().int().min(1).optional(),
});

/** Drops rows left blank, so an empty "add" row never blocks a save. */
export function withoutBlankRows(content: z.input<typeof safetyPlanContentSchema>): z.input<typeof safetyPlanContentSchema> {
  const line = (rows: { text: string }[] | undefined) => (rows ?? []).filter((r) => r.text.trim() !== '');
  const contact = (rows: z.input<typeof planContactSchema>[] | undefined) => (rows ?? []).filter((r) => (r.personId ?? null) !== null || (r.name ?? '').trim() !== '' || (r.phone ?? '').trim() !== '');
  return {
    warningSigns: line(content.warningSigns),
    copingOnMyOwn: line(content.copingOnMyOwn),
    distractions: contact(content.distractions),
    askForHelp: contact(content.askForHelp),
    professionals: (content.professionals ?? []).filter((r) => r.name.trim() !== '' || (r.phone ?? '').trim() !== ''),
    saferSurroundings: line(content.saferSurroundings),
    reasonsForLiving: line(content.reasonsForLiving),
  };
}
