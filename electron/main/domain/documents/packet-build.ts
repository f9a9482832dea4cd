/**
 * The CPU-heavy part of the referral packet, run in a worker: the letter DOCX, the FHIR Bundle,
 * hashes, the manifest and the zip (AES-256 when a passphrase is given). Pure inputs in, bytes out.
 */
import { createHash } from 'node:crypto';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import type { LetterDraft } from '../../../../shared/schemas/documents.ts';
import { buildLetterDocx } from './docx-letter.ts';
import { buildFhirBundle, type LetterAttachment } from './fhir.ts';
import type { RecordData } from './record-data.ts';

export interface PacketInput {
  data: RecordData;
  draft: LetterDraft | null;
  chartPng: Uint8Array | null;
  circlePng: Uint8Array | null;
  letterPdf: Uint8Array | null;
  summaryPdf: Uint8Array;
  /** The client's copy of the current safety plan, when the packet includes it. */
  safetyPlanPdf: Uint8Array | null;
  ids: { practitioner: string; organization: string; bundle: string; questionnaire: string; iptResponse: string; letter: string };
  timestamp: string;
  appVersion: string;
  passphrase: string;
}

export interface PacketOutput {
  zip: Uint8Array;
  manifest: { name: string; sha256: string; bytes: number }[];
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sha1Base64 = (b: Uint8Array) => createHash('sha1').update(b).digest('base64');

/** File names carry no client name: zip entry names stay readable even when the zip is encrypted. */
export const PACKET_FILES = {
  letterDocx: 'referral-letter.docx',
  letterPdf: 'referral-letter.pdf',
  summaryPdf: 'record-summary.pdf',
  safetyPlanPdf: 'safety-plan.pdf',
  bundle: 'fhir-bundle.json',
  manifest: 'manifest.json',
} as const;

export async function buildPacket(input: PacketInput): Promise<PacketOutput> {
  configure({ useWebWorkers: false });
  const files: { name: string; data: Uint8Array; contentType: string }[] = [];
  if (input.draft) {
    const docx = new Uint8Array(await buildLetterDocx(input.draft, input.data, { chartPng: input.chartPng, circlePng: input.circlePng }));
    files.push({ name: PACKET_FILES.letterDocx, data: docx, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    if (input.letterPdf) files.push({ name: PACKET_FILES.letterPdf, data: input.letterPdf, contentType: 'application/pdf' });
  }
  files.push({ name: PACKET_FILES.summaryPdf, data: input.summaryPdf, contentType: 'application/pdf' });
  if (input.safetyPlanPdf) files.push({ name: PACKET_FILES.safetyPlanPdf, data: input.safetyPlanPdf, contentType: 'application/pdf' });
  const letter: LetterAttachment | null = input.draft
    ? { id: input.ids.letter, date: input.draft.date, title: 'Referral letter', files: files.filter((f) => f.name.startsWith('referral-letter')).map((f) => ({ name: f.name, contentType: f.contentType, sha1Base64: sha1Base64(f.data), size: f.data.length })) }
    : null;
  const bundle = buildFhirBundle(input.data, input.ids, letter, input.timestamp);
  files.push({ name: PACKET_FILES.bundle, data: new TextEncoder().encode(`${JSON.stringify(bundle, null, 2)}\n`), contentType: 'application/fhir+json' });
  const manifest = files.map((f) => ({ name: f.name, sha256: sha256(f.data), bytes: f.data.length }));
  const manifestJson = { format: 'ipt-workstation-referral-packet', version: 1, created: input.timestamp, app: input.appVersion, fhirVersion: '4.0.1', encrypted: input.passphrase !== '', files: manifest };
  files.push({ name: PACKET_FILES.manifest, data: new TextEncoder().encode(`${JSON.stringify(manifestJson, null, 2)}\n`), contentType: 'application/json' });

  const writer = new ZipWriter(new Uint8ArrayWriter(), input.passphrase ? { password: input.passphrase, encryptionStrength: 3 } : {});
  for (const f of files) await writer.add(f.name, new Uint8ArrayReader(f.data), { lastModDate: new Date(input.timestamp) });
  return { zip: await writer.close(), manifest };
}
