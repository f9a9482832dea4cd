/**
 * The whole vault as open formats, built in a worker: per client a FHIR R4 Bundle and a JSON
 * record (what FHIR does not carry), the practice profile, the templates, a JSON Schema for the
 * records, a plain-words README and a manifest with SHA-256 of every file. AES-256 zip when a
 * passphrase is given.
 */
import { createHash } from 'node:crypto';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import type { ExportRecord } from '../../../../shared/schemas/export.ts';
import { buildFhirBundle } from './fhir.ts';
import type { RecordData } from './record-data.ts';

export interface FullExportClient {
  data: RecordData;
  record: ExportRecord;
  ids: { practitioner: string; organization: string; bundle: string; questionnaire: string; iptResponse: string };
}

export interface FullExportInput {
  clients: FullExportClient[];
  profile: unknown;
  templates: unknown;
  recordSchema: unknown;
  timestamp: string;
  appVersion: string;
  passphrase: string;
  includeProcessNotes: boolean;
}

export interface FullExportOutput {
  zip: Uint8Array;
  files: number;
}

const README = `IPT Workstation: full export

This folder holds every client record from the vault in open formats, so the records can be read
without the app.

  manifest.json                   every file with its size and SHA-256 checksum
  practice-profile.json           the practice profile (name, address, letterhead)
  templates.json                  every technique worksheet template, with all versions
  schema/record.schema.json       JSON Schema (draft 2020-12) describing each record.json
  clients/NNNN/fhir-bundle.json   a FHIR R4 Bundle (type "collection"): Patient, EpisodeOfCare,
                                  Encounter, Condition, Observation (PHQ-9 LOINC 44261-6, GAD-7
                                  LOINC 70274-6), QuestionnaireResponse, RelatedPerson, and more
  clients/NNNN/record.json        the complete record as the app holds it: courses, session
                                  notes, technique worksheets, interpersonal inventory, closeness
                                  circle and snapshots, timeline, ratings, risks, letters

Dates are ISO 8601. Psychotherapy (process) notes are included only when the person exporting
chose to include them; otherwise each processNote is null, and a letter that was sent with them
(includesProcessNotes) shows its psychotherapy-notes section as withheld.
`;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

export async function buildFullExport(input: FullExportInput): Promise<FullExportOutput> {
  configure({ useWebWorkers: false });
  const files: { name: string; data: Uint8Array }[] = [
    { name: 'README.txt', data: new TextEncoder().encode(README) },
    { name: 'practice-profile.json', data: json(input.profile) },
    { name: 'templates.json', data: json(input.templates) },
    { name: 'schema/record.schema.json', data: json(input.recordSchema) },
  ];
  input.clients.forEach((c, i) => {
    const folder = `clients/${String(i + 1).padStart(4, '0')}`;
    files.push({ name: `${folder}/fhir-bundle.json`, data: json(buildFhirBundle(c.data, c.ids, null, input.timestamp)) });
    files.push({ name: `${folder}/record.json`, data: json(c.record) });
  });
  const manifest = {
    format: 'ipt-workstation-full-export',
    version: 1,
    created: input.timestamp,
    app: input.appVersion,
    fhirVersion: '4.0.1',
    clients: input.clients.length,
    processNotesIncluded: input.includeProcessNotes,
    encrypted: input.passphrase !== '',
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.data), bytes: f.data.length })),
  };
  files.push({ name: 'manifest.json', data: json(manifest) });
  const writer = new ZipWriter(new Uint8ArrayWriter(), input.passphrase ? { password: input.passphrase, encryptionStrength: 3 } : {});
  for (const f of files) await writer.add(f.name, new Uint8ArrayReader(f.data), { lastModDate: new Date(input.timestamp) });
  return { zip: await writer.close(), files: files.length };
}
