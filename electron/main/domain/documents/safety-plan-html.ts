/**
 * The client's copy of the safety plan: one page, in the client's own words, addressed to them.
 * It holds the plan and how to reach the practice, and nothing else: no diagnosis, no scores, no
 * risk assessment text (clinical reference section 9: the client copy holds no diagnosis or scores).
 */
import { localDateOf } from '../../../../shared/schemas/dates.ts';
import type { Person } from '../../../../shared/schemas/inventory.ts';
import type { PracticeProfile } from '../../../../shared/schemas/note.ts';
import { SAFETY_PLAN_HEADINGS, SAFETY_PLAN_SECTIONS, type PlanContact, type SafetyPlanRevision, type SafetyPlanSection } from '../../../../shared/schemas/safety-plan.ts';
import { escapeHtml as e } from './platform.ts';
import { page } from './print-html.ts';
import { longDate } from './record-data.ts';

/**
 * Larger type than the record summaries (the client reads it in a hard moment) and two columns,
 * so a plan of typical length stays on one sheet.
 */
const PLAN_CSS = `<style>
  body { font-size: 11pt; }
  .plan { column-count: 2; column-gap: 10mm; }
  .plan section { break-inside: avoid; margin: 0 0 8pt; }
  .plan h2 { font-size: 12pt; margin: 0 0 3pt; }
  .plan ul { margin: 0; padding-left: 14pt; } .plan li { margin: 1pt 0; }
  .urgent { border: 2px solid #1f5f8b; padding: 6pt 8pt; margin-top: 10pt; font-weight: bold; }
</style>`;

/** A person from the inventory by their current name (the stored name if they were removed), or the free text. */
export function contactName(contact: PlanContact, people: Person[]): string {
  const person = contact.personId ? people.find((p) => p.id === contact.personId) : undefined;
  return person?.fields.name || contact.name || 'Someone from my list';
}

/** Each section's rows as plain strings, names resolved now. */
export function safetyPlanRows(plan: SafetyPlanRevision, people: Person[]): Record<SafetyPlanSection, string[]> {
  const c = plan.content;
  const withPhone = (name: string, phone: string) => (phone ? `${name}: ${phone}` : name);
  return {
    warningSigns: c.warningSigns.map((l) => l.text),
    copingOnMyOwn: c.copingOnMyOwn.map((l) => l.text),
    distractions: c.distractions.map((x) => withPhone(contactName(x, people), x.phone)),
    askForHelp: c.askForHelp.map((x) => withPhone(contactName(x, people), x.phone)),
    professionals: c.professionals.map((x) => withPhone(x.name, x.phone)),
    saferSurroundings: c.saferSurroundings.map((l) => l.text),
    reasonsForLiving: c.reasonsForLiving.map((l) => l.text),
  };
}

export function safetyPlanHtml(plan: SafetyPlanRevision, clientName: string, people: Person[], profile: PracticeProfile): string {
  const rows = safetyPlanRows(plan, people);
  const sections = SAFETY_PLAN_SECTIONS.map((key, i) => {
    const items = rows[key];
    // An empty section keeps its heading and two blank lines, so it can be filled in by hand.
    const body = items.length ? `<ul>${items.map((t) => `<li>${e(t)}</li>`).join('')}</ul>` : '<div class="line"></div><div class="line"></div>';
    return `<section><h2>${i + 1}. ${e(SAFETY_PLAN_HEADINGS[key])}</h2>${body}</section>`;
  }).join('');
  const practice = [profile.clinicianName, profile.practiceName, profile.phone].filter(Boolean).join(' · ');
  const body = [
    PLAN_CSS,
    `<div class="client-header"><h1>My safety plan</h1><div>${e(clientName)} · version ${plan.revision}, ${e(longDate(localDateOf(plan.createdAt)))}</div>${practice ? `<div class="muted">Made with ${e(practice)}</div>` : ''}</div>`,
    '<p>Start at step 1 and go on to the next step until I feel safer.</p>',
    `<div class="plan">${sections}</div>`,
    '<p class="urgent">If I am in danger right now, I call my local emergency number or go to the nearest emergency department.</p>',
  ].join('');
  return page('My safety plan', body);
}
