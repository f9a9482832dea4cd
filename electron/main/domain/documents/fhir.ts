/**
 * The structured record as a FHIR R4 Bundle: Patient, Practitioner, Organization, an
 * EpisodeOfCare per course, an Encounter per session, a QuestionnaireResponse per measure (LOINC
 * item and answer codes), an Observation per total with derivedFrom, a Condition for a coded
 * diagnosis, a DocumentReference for the letter, and the IPT parts (problem areas, formulation,
 * inventory) as a locally coded Questionnaire + QuestionnaireResponse with readable narrative.
 */
import type { Bundle, BundleEntry, Condition, DocumentReference, Encounter, EpisodeOfCare, Observation, Organization, Patient, Practitioner, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { currentCourse } from '../../../../shared/ipt/course-logic.ts';
import { instrument } from '../../../../shared/ipt/instruments.ts';
import { localDateOf } from '../../../../shared/schemas/dates.ts';
import { PROBLEM_AREA_LABELS, RELATIONSHIP_LABELS, ONSET_ROLE_LABELS } from '../../../../shared/ipt/vocabulary.ts';
import { escapeHtml } from './platform.ts';
import type { RecordData } from './record-data.ts';

export const IPT_QUESTIONNAIRE_URL = 'urn:ipt-workstation:questionnaire:ipt-record';
const LOINC = 'http://loinc.org';
const CODE_SYSTEMS: Record<string, string> = {
  'ICD-10': 'http://hl7.org/fhir/sid/icd-10',
  'ICD-10-CM': 'http://hl7.org/fhir/sid/icd-10-cm',
  'ICD-11': 'http://id.who.int/icd/release/11/mms',
  'DSM-5-TR': 'urn:ipt-workstation:code-system:dsm-5-tr',
};

export interface LetterAttachment {
  id: string;
  date: string;
  title: string;
  files: { name: string; contentType: string; sha1Base64: string; size: number }[];
}

const ref = (id: string) => ({ reference: `urn:uuid:${id}` });
const div = (html: string) => ({ status: 'generated' as const, div: `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>` });

export function buildFhirBundle(data: RecordData, ids: { practitioner: string; organization: string; bundle: string; questionnaire: string; iptResponse: string }, letter: LetterAttachment | null, timestamp: string): Bundle {
  const f = data.client.fields;
  const entries: BundleEntry[] = [];
  const add = (resource: Resource & { id: string }) => entries.push({ fullUrl: `urn:uuid:${resource.id}`, resource });

  const [given, ...family] = f.fullName.split(' ');
  const patient: Patient & { id: string } = {
    resourceType: 'Patient',
    id: data.client.id,
    text: div(`${escapeHtml(f.fullName)}, born ${escapeHtml(f.dateOfBirth)}`),
    name: [{ text: f.fullName, ...(family.length ? { family: family.join(' '), given: [given!] } : {}) }],
    birthDate: f.dateOfBirth,
    ...(f.dateOfDeath ? { deceasedDateTime: f.dateOfDeath } : {}),
    identifier: f.identifiers.map((i) => (/nhs/i.test(i.type) ? { system: 'https://fhir.nhs.uk/Id/nhs-number', value: i.value.replace(/\s/g, '') } : { type: { text: i.type }, value: i.value })),
    telecom: [...(f.phone ? [{ system: 'phone' as const, value: f.phone }] : []), ...(f.email ? [{ system: 'email' as const, value: f.email }] : [])],
    ...(f.address ? { address: [{ text: f.address }] } : {}),
  };
  add(patient);
  const p = data.profile;
  const practitioner: Practitioner & { id: string } = {
    resourceType: 'Practitioner',
    id: ids.practitioner,
    name: [{ text: p.clinicianName || 'Therapist' }],
    ...(p.registrationNumber ? { identifier: [{ type: { text: 'Professional registration' }, value: p.registrationNumber }] } : {}),
    ...(p.credentials ? { qualification: [{ code: { text: p.credentials } }] } : {}),
  };
  add(practitioner);
  const organization: Organization & { id: string } = {
    resourceType: 'Organization',
    id: ids.organization,
    name: p.practiceName || p.clinicianName || 'Practice',
    telecom: [...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : []), ...(p.email ? [{ system: 'email' as const, value: p.email }] : [])],
    ...(p.address ? { address: [{ text: p.address }] } : {}),
  };
  add(organization);

  for (const course of data.courses) {
    const episode: EpisodeOfCare & { id: string } = {
      resourceType: 'EpisodeOfCare',
      id: course.id,
      status: course.status === 'open' ? 'active' : 'finished',
      type: [{ text: `Interpersonal Psychotherapy, ${course.type} course` }],
      patient: ref(patient.id),
      managingOrganization: ref(organization.id),
      careManager: ref(practitioner.id),
      period: { start: course.contract.startDate, ...(course.closedAt ? { end: localDateOf(course.closedAt) } : {}) },
    };
    add(episode);
    if (course.checklist.diagnosisCode) {
      const condition: Condition & { id: string } = {
        resourceType: 'Condition',
        id: deriveId(course.id, 'condition'),
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: course.status === 'open' ? 'active' : 'resolved' }] },
        code: { coding: [{ system: CODE_SYSTEMS[course.checklist.diagnosisCode.system]!, code: course.checklist.diagnosisCode.code }], text: course.checklist.diagnosis || course.checklist.diagnosisCode.code },
        subject: ref(patient.id),
      };
      add(condition);
    }
  }

  for (const s of data.sessions) {
    const n = s.note;
    const encounter: Encounter & { id: string } = {
      resourceType: 'Encounter',
      id: n.sessionId,
      status: n.attendance === 'attended' ? 'finished' : n.attendance === 'planned' ? 'planned' : 'cancelled',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      type: [{ text: 'Interpersonal Psychotherapy session' }],
      subject: ref(patient.id),
      episodeOfCare: [ref(n.courseId)],
      participant: [{ individual: ref(practitioner.id) }],
      period: { start: n.time ? new Date(`${n.date}T${n.time}:00`).toISOString() : n.date },
    };
    add(encounter);
  }

  const sessionIds = new Set(data.sessions.map((s) => s.note.sessionId));
  for (const a of data.administrations) {
    const def = instrument(a.instrumentId, a.instrumentVersion);
    const response: QuestionnaireResponse & { id: string } = {
      resourceType: 'QuestionnaireResponse',
      id: a.id,
      questionnaire: `${LOINC}/q/${def.panelLoinc}`,
      status: a.complete ? 'completed' : 'in-progress',
      subject: ref(patient.id),
      // The day the client answered (a FHIR date is a valid dateTime); the instant of entry is Observation.issued.
      authored: a.administeredOn,
      ...(a.sessionId && sessionIds.has(a.sessionId) ? { encounter: ref(a.sessionId) } : {}),
      source: a.administeredBy === 'client' ? ref(patient.id) : ref(practitioner.id),
      item: def.items.map((item, i) => {
        const answer = a.answers[i];
        const option = answer === null || answer === undefined ? null : def.answers[answer]!;
        return { linkId: item.loinc, text: item.text, ...(option ? { answer: [{ valueCoding: { system: LOINC, code: option.loinc, display: option.label } }] } : {}) };
      }),
    };
    add(response);
    if (a.complete) {
      const observation: Observation & { id: string } = {
        resourceType: 'Observation',
        id: deriveId(a.id, 'total'),
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
        code: { coding: [{ system: LOINC, code: def.totalLoinc, display: `${def.name} total score` }], text: `${def.name} total` },
        subject: ref(patient.id),
        effectiveDateTime: a.administeredOn,
        issued: a.administeredAt,
        valueInteger: a.total!,
        interpretation: [{ text: a.band! }],
        derivedFrom: [ref(a.id)],
      };
      add(observation);
    }
  }

  if (letter) {
    const doc: DocumentReference & { id: string } = {
      resourceType: 'DocumentReference',
      id: letter.id,
      status: 'current',
      type: { text: letter.title },
      subject: ref(patient.id),
      date: `${letter.date}T00:00:00Z`,
      author: [ref(practitioner.id)],
      content: letter.files.map((file) => ({ attachment: { contentType: file.contentType, url: file.name, title: letter.title, hash: file.sha1Base64, size: file.size } })),
    };
    add(doc);
  }

  const { questionnaire, response } = iptQuestionnaire(data, ids, timestamp);
  add(questionnaire);
  add(response);

  return { resourceType: 'Bundle', id: ids.bundle, type: 'collection', timestamp, entry: entries };
}

/** A stable UUID derived from another, for resources that hang off a record (a total, a condition). */
export function deriveId(id: string, salt: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  const source = `${id}:${salt}`;
  for (let round = 0; round < 4; round++) {
    for (const ch of source + round) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

function iptQuestionnaire(data: RecordData, ids: { questionnaire: string; iptResponse: string }, timestamp: string): { questionnaire: Questionnaire & { id: string }; response: QuestionnaireResponse & { id: string } } {
  const questionnaire: Questionnaire & { id: string } = {
    resourceType: 'Questionnaire',
    id: ids.questionnaire,
    url: IPT_QUESTIONNAIRE_URL,
    version: '1',
    name: 'IptRecord',
    title: 'Interpersonal Psychotherapy record',
    status: 'active',
    text: div('The IPT parts of the record: problem areas, formulation, and the interpersonal inventory.'),
    item: [
      { linkId: 'problem-area-primary', text: 'Primary problem area', type: 'string' },
      { linkId: 'problem-area-secondary', text: 'Secondary problem area', type: 'string' },
      { linkId: 'formulation', text: 'Interpersonal formulation', type: 'text' },
      { linkId: 'formulation-agreed', text: 'Formulation agreed with the client', type: 'boolean' },
      {
        linkId: 'inventory',
        text: 'Interpersonal inventory',
        type: 'group',
        repeats: true,
        item: [
          { linkId: 'inventory.name', text: 'Name or initials', type: 'string' },
          { linkId: 'inventory.relationship', text: 'Relationship', type: 'string' },
          { linkId: 'inventory.role', text: 'Role near the onset', type: 'string' },
          { linkId: 'inventory.summary', text: 'What matters in this relationship', type: 'text' },
        ],
      },
    ],
  };
  const course = currentCourse(data.courses);
  const people = data.people.filter((p) => !p.archivedAt);
  const items: NonNullable<QuestionnaireResponse['item']> = [];
  if (course?.primaryArea) items.push({ linkId: 'problem-area-primary', text: 'Primary problem area', answer: [{ valueString: PROBLEM_AREA_LABELS[course.primaryArea.area] }] });
  if (course?.secondaryArea) items.push({ linkId: 'problem-area-secondary', text: 'Secondary problem area', answer: [{ valueString: PROBLEM_AREA_LABELS[course.secondaryArea.area] }] });
  if (course?.formulation.text) items.push({ linkId: 'formulation', text: 'Interpersonal formulation', answer: [{ valueString: course.formulation.text }] });
  if (course) items.push({ linkId: 'formulation-agreed', text: 'Formulation agreed with the client', answer: [{ valueBoolean: course.formulation.clientAgreed }] });
  for (const person of people) {
    const pf = person.fields;
    const summary = [pf.values && `Values: ${pf.values}`, pf.dislikes && `Dislikes: ${pf.dislikes}`, pf.wishToChange && `Would like to change: ${pf.wishToChange}`].filter(Boolean).join('. ');
    items.push({
      linkId: 'inventory',
      text: 'Interpersonal inventory',
      item: [
        { linkId: 'inventory.name', answer: [{ valueString: pf.name }] },
        { linkId: 'inventory.relationship', answer: [{ valueString: pf.relationship === 'other' && pf.relationshipOther ? pf.relationshipOther : RELATIONSHIP_LABELS[pf.relationship] }] },
        { linkId: 'inventory.role', answer: [{ valueString: ONSET_ROLE_LABELS[pf.roleNearOnset] }] },
        ...(summary ? [{ linkId: 'inventory.summary', answer: [{ valueString: summary }] }] : []),
      ],
    });
  }
  const narrative = [
    course?.primaryArea ? `<p>Primary problem area: ${escapeHtml(PROBLEM_AREA_LABELS[course.primaryArea.area])}</p>` : '',
    course?.formulation.text ? `<p>Formulation: ${escapeHtml(course.formulation.text)}</p>` : '',
    people.length ? `<ul>${people.map((p) => `<li>${escapeHtml(p.fields.name)} (${escapeHtml(RELATIONSHIP_LABELS[p.fields.relationship])}, ${escapeHtml(ONSET_ROLE_LABELS[p.fields.roleNearOnset].toLowerCase())})</li>`).join('')}</ul>` : '',
  ].join('') || '<p>No IPT details recorded.</p>';
  const response: QuestionnaireResponse & { id: string } = {
    resourceType: 'QuestionnaireResponse',
    id: ids.iptResponse,
    questionnaire: `${IPT_QUESTIONNAIRE_URL}|1`,
    status: 'completed',
    subject: ref(data.client.id),
    authored: timestamp,
    text: div(narrative),
    item: items,
  };
  return { questionnaire, response };
}
