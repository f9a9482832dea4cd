/**
 * Printable HTML for session and course summaries, the letter, the record summary and blank
 * worksheets. Every value is escaped; process notes appear only when the data carries an
 * authorisation (RecordData.sessions[].processNote is null otherwise).
 */
import { currentCourse } from '../../../../shared/ipt/course-logic.ts';
import { closenessCircleSvg } from '../../../../shared/ipt/closeness-circle.ts';
import { INSTRUMENT_ATTRIBUTION, instrument, type InstrumentId } from '../../../../shared/ipt/instruments.ts';
import { measureChartSvg } from '../../../../shared/ipt/measure-chart.ts';
import { NOTE_FIELD_LABELS, NOTE_TEXT_FIELDS } from '../../../../shared/ipt/note-layouts.ts';
import { allFields } from '../../../../shared/ipt/templates/logic.ts';
import type { ExchangeTurn, OptionRow, StepRow, TemplateDefinition, TemplateField } from '../../../../shared/ipt/templates/types.ts';
import { ATTENDANCE_LABELS, COURSE_TYPE_LABELS, PHASE_LABELS, PROBLEM_AREA_LABELS } from '../../../../shared/ipt/vocabulary.ts';
import { localDateOf } from '../../../../shared/schemas/dates.ts';
import type { LetterDraft } from '../../../../shared/schemas/documents.ts';
import { measuresTableRows } from './docx-letter.ts';
import { escapeHtml as e } from './platform.ts';
import { longDate, type RecordData, type SessionRecord } from './record-data.ts';

const CSS = `
  @page { margin: 22mm 16mm 20mm 16mm; }
  body { font-family: 'DejaVu Sans', Verdana, sans-serif; font-size: 10.5pt; color: #111; line-height: 1.45; }
  h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; color: #1f5f8b; } h3 { font-size: 11pt; margin: 10pt 0 3pt; }
  .client-header { border-bottom: 2px solid #1f5f8b; padding-bottom: 6pt; margin-bottom: 10pt; }
  .muted { color: #555; } .session { break-inside: auto; border-top: 1px solid #bbb; padding-top: 6pt; margin-top: 10pt; }
  .field-label { font-weight: bold; margin-top: 5pt; } .prewrap { white-space: pre-wrap; }
  table { border-collapse: collapse; width: 100%; margin: 6pt 0; } th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; font-size: 9.5pt; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  .addendum { margin: 4pt 0 4pt 12pt; border-left: 3px solid #8a5300; padding-left: 6pt; }
  .signature { margin-top: 8pt; font-style: italic; }
  .line { border-bottom: 1px solid #777; height: 18pt; margin: 2pt 0; } .box { border: 1px solid #777; min-height: 60pt; margin: 2pt 0 8pt; }
  .q-row td.opt { text-align: center; width: 12%; } svg { max-width: 100%; height: auto; }
  .process { border: 2px dashed #8a5300; padding: 6pt; margin-top: 6pt; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}

export function clientHeaderText(data: RecordData): string {
  const f = data.client.fields;
  const nhs = f.identifiers.find((i) => /nhs/i.test(i.type));
  return `${f.fullName} · born ${longDate(f.dateOfBirth)}${nhs ? ` · ${nhs.type} ${nhs.value}` : ''}`;
}

function clientHeader(data: RecordData, title: string): string {
  return `<div class="client-header"><h1>${e(title)}</h1><div>${e(clientHeaderText(data))}</div><div class="muted">${e(data.profile.practiceName || data.profile.clinicianName)}${data.profile.clinicianName ? ` · ${e(data.profile.clinicianName)}` : ''}</div></div>`;
}

function fieldValue(field: TemplateField, value: unknown, names: Record<string, string>): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  switch (field.type) {
    case 'person':
      return e((Object.hasOwn(names, value as string) ? names[value as string] : undefined) ?? 'A person from the inventory');
    case 'choice': {
      const label = (v: string) => field.choices.find((c) => c.value === v)?.label ?? v;
      return e(Array.isArray(value) ? (value as string[]).map(label).join(', ') : label(value as string));
    }
    case 'list':
      return `<ul>${(value as string[]).map((v) => `<li>${e(v)}</li>`).join('')}</ul>`;
    case 'exchange':
      return `<ol>${(value as ExchangeTurn[]).map((t) => `<li><b>${t.speaker === 'client' ? 'Client' : 'Other'}:</b> “${e(t.words)}”${t.tone ? ` (tone: ${e(t.tone)})` : ''}${t.nonverbal ? ` [${e(t.nonverbal)}]` : ''}</li>`).join('')}</ol>`;
    case 'options':
      return `<table><thead><tr><th>Option</th><th>For</th><th>Against</th><th>Rating</th></tr></thead><tbody>${(value as OptionRow[]).map((o) => `<tr><td>${e(o.option)}</td><td>${e(o.pros)}</td><td>${e(o.cons)}</td><td>${o.rating ?? ''}</td></tr>`).join('')}</tbody></table>`;
    case 'steps':
      return `<ul>${(value as StepRow[]).map((s) => `<li>${s.done ? '✓ ' : ''}${e(s.action)}${s.due ? ` (by ${e(longDate(s.due))})` : ''}</li>`).join('')}</ul>`;
    default:
      return `<div class="prewrap">${e(String(value))}</div>`;
  }
}

function sessionHtml(s: SessionRecord): string {
  const n = s.note;
  const title = n.number === null ? `Session of ${longDate(n.date)}` : `Session ${n.number} of ${n.plannedSessions}`;
  const parts = [
    `<section class="session"><h2>${e(title)}${n.phase ? ` · ${e(PHASE_LABELS[n.phase])}` : ''}</h2>`,
    `<div class="muted">${e(longDate(n.date))}${n.time ? ` ${e(n.time)}` : ''} · ${e(ATTENDANCE_LABELS[n.attendance])} · note ${n.status === 'signed' ? 'signed' : n.status === 'voided' ? 'VOID' : 'draft (not signed)'}</div>`,
  ];
  if (n.status === 'voided') parts.push(`<p><b>Void:</b> ${e(n.voidReason)}</p>`);
  if (n.fields.focusArea) parts.push(`<div class="field-label">Problem-area focus</div><div>${e(PROBLEM_AREA_LABELS[n.fields.focusArea])}</div>`);
  for (const key of NOTE_TEXT_FIELDS) if (n.fields[key]) parts.push(`<div class="field-label">${e(NOTE_FIELD_LABELS[key])}</div><div class="prewrap">${e(n.fields[key])}</div>`);
  for (const entry of n.entries) {
    const t = s.templates[`${entry.templateId}@${entry.templateVersion}`]!;
    parts.push(`<h3>${e(t.title)}</h3>`);
    for (const field of allFields(t)) {
      const v = fieldValue(field, entry.values[field.key], n.peopleNames);
      if (v) parts.push(`<div class="field-label">${e(field.label)}</div>${v}`);
    }
  }
  if (n.signedAt && n.frozen) parts.push(`<div class="signature">Signed ${e(longDate(localDateOf(n.signedAt)))} by ${e(n.frozen.clinicianName)}${n.frozen.credentials ? `, ${e(n.frozen.credentials)}` : ''}</div>`);
  for (const a of n.addenda) parts.push(`<div class="addendum"><b>Addendum, ${e(longDate(localDateOf(a.writtenAt)))}:</b> <span class="prewrap">${e(a.text)}</span></div>`);
  if (s.processNote) parts.push(`<div class="process"><b>Psychotherapy (process) note, disclosed with authorisation:</b><div class="prewrap">${e(s.processNote)}</div></div>`);
  parts.push('</section>');
  return parts.join('');
}

function measuresHtml(data: RecordData): string {
  const rows = measuresTableRows(data);
  const complete = data.administrations.filter((a) => a.complete);
  if (!data.administrations.length) return '';
  return [
    '<h2>Outcome measures</h2>',
    rows.length ? `<table><thead><tr><th>Measure</th><th>First</th><th>Latest</th><th>Change</th><th>Verdict and rule</th></tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>` : '',
    `<table><thead><tr><th>Date</th><th>Measure</th><th>Total</th><th>Band</th><th>By</th></tr></thead><tbody>${data.administrations
      .map((a) => `<tr><td>${e(longDate(a.administeredOn))}</td><td>${e(instrument(a.instrumentId, a.instrumentVersion).name)}</td><td>${a.total ?? 'incomplete'}</td><td>${e(a.band ?? '')}</td><td>${a.administeredBy}</td></tr>`)
      .join('')}</tbody></table>`,
    complete.length ? measureChartSvg({ points: complete.map((a) => ({ instrumentId: a.instrumentId, date: a.administeredOn, total: a.total! })), sessions: data.sessions.map((s) => ({ date: s.note.date, attended: s.note.attendance === 'attended' })), events: data.events.map((ev) => ({ date: ev.fields.date, title: ev.fields.title })) }) : '',
  ].join('');
}

/** One session, or every session of a course, with the client header and measures with bands. */
export function summaryHtml(data: RecordData, title: string): string {
  const course = currentCourse(data.courses);
  const intro = course
    ? `<p>${e(COURSE_TYPE_LABELS[course.type])} course from ${e(longDate(course.contract.startDate))}: ${course.contract.plannedSessions} sessions planned${course.primaryArea ? `, focus ${e(PROBLEM_AREA_LABELS[course.primaryArea.area].toLowerCase())}` : ''}.</p>`
    : '';
  return page(title, [clientHeader(data, title), intro, ...data.sessions.map(sessionHtml), measuresHtml(data)].join(''));
}

export function letterHtml(draft: LetterDraft, data: RecordData): string {
  const p = data.profile;
  const f = data.client.fields;
  const parts = [
    `<div style="text-align:right"><b style="font-size:14pt">${e(p.practiceName || p.clinicianName)}</b><br>${e(p.address).replace(/\n/g, '<br>')}<br>${e([p.phone, p.email].filter(Boolean).join(' · '))}</div><hr>`,
    `<p style="text-align:right">${e(longDate(draft.date))}</p>`,
    `<p>${[draft.recipient.name, draft.recipient.practice, ...draft.recipient.address.split('\n')].filter(Boolean).map(e).join('<br>')}</p>`,
    `<p>Dear ${e(draft.recipient.name)},</p><p><b>Re: ${e(f.fullName)}, date of birth ${e(longDate(f.dateOfBirth))}</b></p>`,
  ];
  for (const s of draft.sections.filter((x) => x.included)) {
    parts.push(`<h2>${e(s.title)}</h2>`, ...s.text.split(/\n{2,}/).map((para) => `<p class="prewrap">${e(para.trim())}</p>`));
    if (s.id === 'measures') {
      const rows = measuresTableRows(data);
      if (rows.length) parts.push(`<table><thead><tr><th>Measure</th><th>First</th><th>Latest</th><th>Change</th><th>Verdict and rule</th></tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    }
    if (s.id === 'chart') {
      const complete = data.administrations.filter((a) => a.complete);
      if (complete.length) parts.push(measureChartSvg({ points: complete.map((a) => ({ instrumentId: a.instrumentId, date: a.administeredOn, total: a.total! })), sessions: data.sessions.map((x) => ({ date: x.note.date, attended: x.note.attendance === 'attended' })), events: data.events.map((ev) => ({ date: ev.fields.date, title: ev.fields.title })) }));
    }
    if (s.id === 'circle') parts.push(circleSvgFor(data, f.preferredName || f.fullName));
  }
  parts.push(`<p style="margin-top:18pt">${e(p.signOff || 'Yours sincerely')},</p><p><b>${e(p.clinicianName)}</b><br>${e([p.credentials, p.registrationNumber ? `Registration ${p.registrationNumber}` : ''].filter(Boolean).join(' · '))}</p>`);
  return page('Letter', parts.join(''));
}

export function circleSvgFor(data: RecordData, centre: string, size = 480): string {
  const names = new Map(data.people.map((p) => [p.id, p]));
  return closenessCircleSvg({
    centreLabel: centre,
    rings: data.circle.rings,
    size,
    people: data.circle.placements.filter((pl) => names.has(pl.personId)).map((pl) => ({ id: pl.personId, label: names.get(pl.personId)!.fields.name, ring: pl.ring, angle: pl.angle, role: names.get(pl.personId)!.fields.roleNearOnset })),
  });
}

/** The record summary in the referral packet: the minimum a receiving clinician needs. */
export function recordSummaryHtml(data: RecordData): string {
  const f = data.client.fields;
  const parts = [clientHeader(data, 'Record summary')];
  parts.push(`<h2>Details</h2><p>${e(f.fullName)}${f.pronouns ? ` (${e(f.pronouns)})` : ''}, born ${e(longDate(f.dateOfBirth))}. ${f.presentingProblem ? `Presenting problem: ${e(f.presentingProblem)}` : ''}</p>`);
  for (const c of data.courses) {
    parts.push(`<h2>${e(COURSE_TYPE_LABELS[c.type])} course from ${e(longDate(c.contract.startDate))}</h2>`);
    if (c.checklist.diagnosis) parts.push(`<p>Diagnosis: ${e(c.checklist.diagnosis)}${c.checklist.diagnosisCode ? ` (${e(c.checklist.diagnosisCode.system)} ${e(c.checklist.diagnosisCode.code)})` : ''}</p>`);
    if (c.primaryArea) parts.push(`<p>Problem area: ${e(PROBLEM_AREA_LABELS[c.primaryArea.area])}${c.secondaryArea ? `; secondary ${e(PROBLEM_AREA_LABELS[c.secondaryArea.area])}` : ''}</p>`);
    if (c.formulation.text) parts.push(`<p>Formulation: ${e(c.formulation.text)}</p>`);
    const sessions = data.sessions.filter((s) => s.note.courseId === c.id);
    parts.push(`<table><thead><tr><th>Date</th><th>Attendance</th><th>Session</th></tr></thead><tbody>${sessions.map((s) => `<tr><td>${e(longDate(s.note.date))}</td><td>${e(ATTENDANCE_LABELS[s.note.attendance])}</td><td>${s.note.number ?? ''}</td></tr>`).join('')}</tbody></table>`);
  }
  parts.push(measuresHtml(data));
  return page('Record summary', parts.join(''));
}

function blankField(field: TemplateField): string {
  switch (field.type) {
    case 'choice':
      return `<div>${field.choices.map((c) => `☐ ${e(c.label)}`).join('&nbsp;&nbsp; ')}</div>`;
    case 'rating':
      return `<div>${Array.from({ length: 11 }, (_, i) => `☐ ${i}`).join('&nbsp; ')}</div>`;
    case 'text':
    case 'person':
      return '<div class="line"></div>';
    case 'exchange':
      return `<table><thead><tr><th>Who</th><th>Words, as remembered</th><th>Tone</th><th>Face, body, gestures</th></tr></thead><tbody>${'<tr><td>&nbsp;</td><td></td><td></td><td></td></tr>'.repeat(6)}</tbody></table>`;
    case 'options':
      return `<table><thead><tr><th>Option</th><th>For</th><th>Against</th><th>0-10</th></tr></thead><tbody>${'<tr><td>&nbsp;</td><td></td><td></td><td></td></tr>'.repeat(5)}</tbody></table>`;
    case 'steps':
      return `<table><thead><tr><th>Step</th><th>By when</th><th>Done</th></tr></thead><tbody>${'<tr><td>&nbsp;</td><td></td><td></td></tr>'.repeat(4)}</tbody></table>`;
    default:
      return '<div class="box"></div>';
  }
}

export function templateWorksheetHtml(t: TemplateDefinition): string {
  return page(t.title, [`<h1>${e(t.title)}</h1><p class="muted">${e(t.summary)}</p><p>Name: ____________________ Date: ____________</p>`, ...t.sections.map((s) => `<h2>${e(s.title)}</h2>${s.fields.map((f) => `<div class="field-label">${e(f.label)}</div>${f.help ? `<div class="muted">${e(f.help)}</div>` : ''}${blankField(f)}`).join('')}`)].join(''));
}

export const INVENTORY_PROMPTS = [
  'Name or initials, and relationship', 'Age; do you live together?', 'How often are you in touch? What do you do together?', 'What do you value about them? What do you dislike?',
  'What can you talk about with them, and what not?', 'Do they know about your difficulties?', 'How do you feel when you are together?', 'How often do you argue, and how do arguments end?',
  'What do you expect of each other? Are those expectations met?', 'What would you like to change?', 'Around the time things got hard: support, stress, or both?',
];

export function inventoryWorksheetHtml(): string {
  const person = `<section class="session"><h2>Person ____</h2>${INVENTORY_PROMPTS.map((p) => `<div class="field-label">${e(p)}</div><div class="line"></div>`).join('')}</section>`;
  return page('Interpersonal inventory', `<h1>Interpersonal inventory</h1><p>One page per important person, past or present.</p>${person}${person}`);
}

export function circleWorksheetHtml(): string {
  return page('Closeness circle', `<h1>Closeness circle</h1><p>Write your name in the centre and place the people in your life on the rings: the closest ring is for the people you feel closest to.</p>${closenessCircleSvg({ centreLabel: 'Me', rings: 3, people: [], size: 560 })}`);
}

export function instrumentWorksheetHtml(id: InstrumentId): string {
  const def = instrument(id);
  const header = `<tr><th></th>${def.answers.map((a) => `<th>${e(a.label)} (${a.value})</th>`).join('')}</tr>`;
  const rows = def.items.map((item) => `<tr class="q-row"><td>${item.number}. ${e(item.text)}</td>${def.answers.map(() => '<td class="opt">☐</td>').join('')}</tr>`).join('');
  return page(def.name, [
    `<h1>${e(def.name)}</h1><p>Name: ____________________ Date: ____________</p><p><b>${e(def.stem)}</b></p>`,
    `<table><thead>${header}</thead><tbody>${rows}</tbody></table>`,
    `<p>${e(def.difficulty.text)}</p><p>${def.difficulty.options.map((o) => `☐ ${e(o)}`).join('&nbsp;&nbsp; ')}</p>`,
    `<p class="muted" style="font-size:8.5pt">${e(INSTRUMENT_ATTRIBUTION)}</p>`,
  ].join(''));
}
