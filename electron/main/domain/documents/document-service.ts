/**
 * Letters, printed summaries, worksheets and the referral packet. Gathers the record once,
 * renders, and saves only where the user chooses; every export is audited with opaque ids.
 */
import { currentCourse } from '../../../../shared/ipt/course-logic.ts';
import { latestBuiltIn } from '../../../../shared/ipt/templates/built-in.ts';
import { closenessCircleSvg } from '../../../../shared/ipt/closeness-circle.ts';
import { measureChartSvg } from '../../../../shared/ipt/measure-chart.ts';
import { z } from 'zod';
import { LETTER_KIND_LABELS, type letterDraftRequestSchema, type LetterDraft, type LetterRecord, type PacketSelection, type printRequestSchema, type worksheetRequestSchema } from '../../../../shared/schemas/documents.ts';
import type { Repositories } from '../../data/repositories.ts';
import { AppError } from '../../data/errors.ts';
import { assertStrongPassphrase } from '../../data/vault/vault-service.ts';
import { svgToPng } from './rasterise.ts';
import { todayIso } from '../../../../shared/schemas/dates.ts';
import { circleWorksheetDocx, instrumentWorksheetDocx, inventoryWorksheetDocx, templateWorksheetDocx } from './docx-worksheets.ts';
import { buildLetterDocx } from './docx-letter.ts';
import { consentWarning, draftLetter } from './letter-draft.ts';
import { buildFullExportInWorker, buildPacketInWorker, suggestPacketPassphrase } from './packet.ts';
import type { FullExportClient } from './full-export-build.ts';
import { exportRecordSchema, type ExportRecord } from '../../../../shared/schemas/export.ts';
import { randomUUID } from 'node:crypto';
import { PACKET_FILES } from './packet-build.ts';
import type { DocumentPlatform, SaveResult } from './platform.ts';
import { fileNameFor, type ExportNameStyle } from './file-names.ts';

/** A save's result as the page sees it: the record it made, if any (a kept letter). */
type ExportResult = SaveResult & { id: string | null };
import { circleSvgFor, circleWorksheetHtml, clientHeaderText, instrumentWorksheetHtml, inventoryWorksheetHtml, letterHtml, recordSummaryHtml, summaryHtml, templateWorksheetHtml } from './print-html.ts';
import { ProcessNoteGate } from './process-note-gate.ts';
import { gatherRecord, type RecordData } from './record-data.ts';
import { safetyPlanHtml } from './safety-plan-html.ts';
import type { SafetyPlanRevision, safetyPlanPrintSchema } from '../../../../shared/schemas/safety-plan.ts';

type Repos = Repositories;

export class DocumentService {
  private readonly repos: Repos;
  private readonly platform: DocumentPlatform | null;
  private readonly appVersion: string;
  private readonly nameStyle: ExportNameStyle;

  constructor(repos: Repos, platform: DocumentPlatform | null, appVersion: string, nameStyle: ExportNameStyle = 'initials') {
    this.repos = repos;
    this.platform = platform;
    this.appVersion = appVersion;
    this.nameStyle = nameStyle;
  }

  draft(req: z.output<typeof letterDraftRequestSchema>): LetterDraft {
    const processNotes = ProcessNoteGate.forDisclosure(this.repos, req.clientId, req);
    const data = gatherRecord(this.repos, req.clientId, { processNotes });
    return draftLetter(data, req.kind, todayIso(), undefined, { includeSafetyPlan: req.includeSafetyPlan });
  }

  /** Builds the DOCX from the edited text and the vault's own numbers and pictures, saves it, keeps it. */
  async exportLetter(edited: LetterDraft, consentOverrideReason: string): Promise<ExportResult> {
    const platform = this.requirePlatform();
    // A draft that includes the process-notes section opens the gate only with its authorisation.
    const includeProcessNotes = edited.sections.some((s) => s.id === 'process_notes' && s.included);
    const processNotes = ProcessNoteGate.forDisclosure(this.repos, edited.clientId, { includeProcessNotes, authorisationId: edited.authorisationId });
    const draft: LetterDraft = { ...edited, sections: processNotes.sections(edited.clientId, edited.sections) };
    const data = gatherRecord(this.repos, draft.clientId, { processNotes });
    if (consentWarning(data, draft.recipient) && !consentOverrideReason) {
      throw new AppError('VALIDATION_FAILED', { fields: { consentOverrideReason: 'The client has not agreed to contact with their GP. Say why you are writing.' } });
    }
    const docx = await buildLetterDocx(draft, data, await this.images(data, draft));
    const fileName = fileNameFor(LETTER_KIND_LABELS[draft.kind].toLowerCase(), data.client.fields, draft.date, this.nameStyle, 'docx');
    const result = await platform.saveFile(fileName, new Uint8Array(docx));
    if (!result.saved) return { ...result, id: null };
    const record: LetterRecord = this.repos.documents.saveLetter(draft, consentOverrideReason);
    return { ...result, id: record.id };
  }

  async print(req: z.output<typeof printRequestSchema>): Promise<ExportResult> {
    const platform = this.requirePlatform();
    let clientId: string;
    let title: string;
    let options: { courseIds?: string[]; sessionIds?: string[] };
    if (req.sessionId) {
      const note = this.repos.notes.get(req.sessionId);
      clientId = note.clientId;
      title = 'Session summary';
      options = { courseIds: [note.courseId], sessionIds: [req.sessionId] };
    } else if (req.courseId) {
      clientId = this.repos.courses.get(req.courseId).clientId;
      title = 'Course summary';
      options = { courseIds: [req.courseId] };
    } else throw new AppError('VALIDATION_FAILED', { fields: { sessionId: 'Choose a session or a course to print.' } });
    const processNotes = ProcessNoteGate.forDisclosure(this.repos, clientId, req);
    const data = gatherRecord(this.repos, clientId, { ...options, processNotes });
    const html = summaryHtml(data, title);
    const pdfOptions = { paperSize: data.profile.paperSize, headerText: clientHeaderText(data) };
    this.repos.documents.audited('document.printed', clientId, { processNotes: processNotes.open, sessions: data.sessions.length });
    if (req.output === 'dialog' && (await platform.printDialog(html, pdfOptions))) return { saved: true, fileName: '', fileId: null, id: null };
    const pdf = await platform.htmlToPdf(html, pdfOptions);
    const result = await platform.saveFile(fileNameFor(title.toLowerCase(), data.client.fields, todayIso(), this.nameStyle, 'pdf'), pdf);
    return { ...result, id: null };
  }

  /** The PDF bytes of a summary, for tests and the packet. */
  async summaryPdf(data: RecordData, title: string): Promise<Uint8Array> {
    return this.requirePlatform().htmlToPdf(summaryHtml(data, title), { paperSize: data.profile.paperSize, headerText: clientHeaderText(data) });
  }

  /** The client's copy of the safety plan (the latest revision unless one is named), as a PDF saved where the user chooses. */
  async printSafetyPlan(req: z.output<typeof safetyPlanPrintSchema>): Promise<ExportResult> {
    const platform = this.requirePlatform();
    const plan = req.revision ? this.repos.safetyPlans.revision(req.clientId, req.revision) : this.repos.safetyPlans.latest(req.clientId);
    if (!plan) throw new AppError('NOT_FOUND', { message: 'There is no safety plan to print yet. Save one first.' });
    const pdf = await this.safetyPlanPdf(plan);
    this.repos.safetyPlans.printed(plan);
    const result = await platform.saveFile(fileNameFor(`safety plan version ${plan.revision}`, this.repos.clients.get(plan.clientId).fields, todayIso(), this.nameStyle, 'pdf'), pdf);
    return { ...result, id: null };
  }

  /** The PDF bytes of a safety plan's client copy, for printing and the packet. */
  async safetyPlanPdf(plan: SafetyPlanRevision): Promise<Uint8Array> {
    const client = this.repos.clients.get(plan.clientId);
    const profile = this.repos.profile.get();
    const html = safetyPlanHtml(plan, client.fields.preferredName || client.fields.fullName, this.repos.people.list(plan.clientId, true), profile);
    // The header names the client only: it is their own copy, so no date of birth or identifiers.
    return this.requirePlatform().htmlToPdf(html, { paperSize: profile.paperSize, headerText: client.fields.fullName });
  }

  async worksheet(req: z.output<typeof worksheetRequestSchema>): Promise<ExportResult> {
    const platform = this.requirePlatform();
    let name: string;
    let docx: () => Promise<Buffer>;
    let html: () => string;
    switch (req.kind) {
      case 'template': {
        const template = latestBuiltIn(req.templateId) ?? this.repos.templates.latest(req.templateId);
        name = template.title;
        docx = () => templateWorksheetDocx(template);
        html = () => templateWorksheetHtml(template);
        break;
      }
      case 'inventory':
        name = 'Interpersonal inventory';
        docx = inventoryWorksheetDocx;
        html = inventoryWorksheetHtml;
        break;
      case 'circle':
        name = 'Closeness circle';
        docx = async () => circleWorksheetDocx(await svgToPng(closenessCircleSvg({ centreLabel: 'Me', rings: 3, people: [], size: 600 }), 1000));
        html = circleWorksheetHtml;
        break;
      default:
        name = req.kind === 'phq9' ? 'PHQ-9' : 'GAD-7';
        docx = () => instrumentWorksheetDocx(req.kind as 'phq9' | 'gad7');
        html = () => instrumentWorksheetHtml(req.kind as 'phq9' | 'gad7');
    }
    const bytes = req.format === 'docx' ? new Uint8Array(await docx()) : await platform.htmlToPdf(html(), { paperSize: this.repos.profile.get().paperSize, headerText: name });
    this.repos.documents.audited('worksheet.exported', undefined, { pdf: req.format === 'pdf' });
    const result = await platform.saveFile(fileNameFor(`${name} worksheet`, null, todayIso(), this.nameStyle, req.format), bytes);
    return { ...result, id: null };
  }

  /** Exactly what a packet will contain, before anything is built. */
  async preview(sel: PacketSelection) {
    await assertZipPassphrase(sel.zipPassphrase);
    const data = this.gatherForPacket(sel);
    const warnings: string[] = [];
    if (sel.includeLetter && consentWarning(data, sel.recipient)) warnings.push('The client has not agreed to contact with their GP.');
    if (data.openRisks.length) warnings.push('There are risk concerns without a recorded assessment.');
    const unsigned = data.sessions.filter((s) => s.note.status === 'draft' && s.note.writtenAt).length;
    if (unsigned) warnings.push(`${unsigned} session note${unsigned === 1 ? ' is' : 's are'} not signed.`);
    const files = [
      ...(sel.includeLetter ? [{ name: PACKET_FILES.letterDocx, description: 'Referral letter (Word)' }, { name: PACKET_FILES.letterPdf, description: 'Referral letter (PDF)' }] : []),
      ...(sel.includeSafetyPlan && data.safetyPlan ? [{ name: PACKET_FILES.safetyPlanPdf, description: `Safety plan, version ${data.safetyPlan.revision} (the client’s copy)` }] : []),
      { name: PACKET_FILES.summaryPdf, description: `Record summary: ${data.courses.length} course(s), ${data.sessions.length} session(s)${sel.includeMeasures ? `, ${data.administrations.length} questionnaire(s)` : ''}` },
      { name: PACKET_FILES.bundle, description: 'The same record as FHIR R4 (structured data for the receiving system)' },
      { name: PACKET_FILES.manifest, description: 'A list of the files with their SHA-256 checksums' },
    ];
    return { files, sessions: data.sessions.length, measures: data.administrations.length, includesProcessNotes: data.authorisation !== null, suggestedPassphrase: suggestPacketPassphrase(), warnings };
  }

  async exportPacket(sel: PacketSelection): Promise<ExportResult> {
    await assertZipPassphrase(sel.zipPassphrase);
    const platform = this.requirePlatform();
    const data = this.gatherForPacket(sel);
    const draft = sel.includeLetter ? { ...draftLetter(data, currentCourse(data.courses)?.status === 'open' ? 'progress' : 'end_of_treatment', todayIso(), sel.recipient) } : null;
    if (draft && draft.consentWarning) {
      throw new AppError('VALIDATION_FAILED', { fields: { recipient: 'The client has not agreed to contact with their GP: write the letter separately and record why, or leave the letter out.' } });
    }
    const images = draft ? await this.images(data, draft) : { chartPng: null, circlePng: null };
    const pdfOptions = { paperSize: data.profile.paperSize, headerText: clientHeaderText(data) };
    // Two independent renders, each in its own page: side by side they take the longer one's time.
    const [letterPdf, summaryPdf, safetyPlanPdf] = await Promise.all([
      draft ? platform.htmlToPdf(letterHtml(draft, data), pdfOptions) : null,
      platform.htmlToPdf(recordSummaryHtml(data), pdfOptions),
      sel.includeSafetyPlan && data.safetyPlan ? this.safetyPlanPdf(data.safetyPlan) : null,
    ]);
    const out = await buildPacketInWorker({ data, draft, ...images, letterPdf, summaryPdf, safetyPlanPdf, appVersion: this.appVersion, passphrase: sel.zipPassphrase });
    const result = await platform.saveFile(fileNameFor('referral packet', data.client.fields, todayIso(), this.nameStyle, 'zip'), out.zip);
    if (!result.saved) return { ...result, id: null };
    const letter = draft ? this.repos.documents.saveLetter(draft, '') : null;
    this.repos.documents.audited('packet.exported', sel.clientId, { files: out.manifest.length + 1, encrypted: sel.zipPassphrase !== '', processNotes: data.authorisation !== null });
    return { ...result, id: letter?.id ?? null };
  }

  /**
   * Every client, as FHIR R4 Bundles plus JSON records with their schema, in one zip (AES-256 with
   * a passphrase). Process notes, in session records and in stored letters, only when asked for:
   * the therapist's own copy, so their choice opens the gate without an authorisation.
   */
  async exportAll(req: { includeProcessNotes: boolean; zipPassphrase: string }): Promise<ExportResult> {
    await assertZipPassphrase(req.zipPassphrase);
    const platform = this.requirePlatform();
    const processNotes = ProcessNoteGate.forOwnUse(req.includeProcessNotes);
    const clients: FullExportClient[] = this.repos.clients.list({ status: 'all' }).map((summary) => {
      // The FHIR bundle carries no process notes, so its data is gathered with the gate closed.
      const data = gatherRecord(this.repos, summary.id);
      const record: ExportRecord = {
        format: 'ipt-workstation-record',
        version: 1,
        client: data.client,
        courses: data.courses,
        sessions: data.sessions.map((s) => ({ note: s.note, processNote: processNotes.noteText(summary.id, () => this.repos.notes.processNote(s.note.sessionId).text) })),
        administrations: data.administrations,
        people: data.people,
        circle: data.circle,
        circleSnapshots: this.repos.circle.snapshots(summary.id),
        lifeEvents: data.events,
        ratings: this.repos.ratings.list(summary.id),
        risks: { open: data.openRisks, assessed: data.assessedRisks },
        safetyPlans: this.repos.safetyPlans.revisions(summary.id),
        letters: this.repos.documents.letters(summary.id).map((letter) => processNotes.letter(letter)),
        authorisations: this.repos.documents.authorisations(summary.id),
      };
      // Checked against the shipped schema; the record itself goes to the worker, so the objects it
      // shares with `data` are cloned once.
      exportRecordSchema.parse(record);
      return { data, record, ids: { practitioner: randomUUID(), organization: randomUUID(), bundle: randomUUID(), questionnaire: randomUUID(), iptResponse: randomUUID() } };
    });
    const templates = this.repos.templates.listLatest().flatMap((t) => Array.from({ length: t.version }, (_, i) => this.repos.templates.resolve(t.id, i + 1)));
    const out = await buildFullExportInWorker({
      clients,
      profile: this.repos.profile.get(),
      templates,
      recordSchema: z.toJSONSchema(exportRecordSchema, { unrepresentable: 'any', io: 'output' }),
      timestamp: new Date().toISOString(),
      appVersion: this.appVersion,
      passphrase: req.zipPassphrase,
      includeProcessNotes: processNotes.open,
    });
    const result = await platform.saveFile(fileNameFor('IPT Workstation export', null, todayIso(), this.nameStyle, 'zip'), out.zip);
    if (!result.saved) return { ...result, id: null };
    this.repos.documents.audited('vault.exported', undefined, { clients: clients.length, files: out.files, encrypted: req.zipPassphrase !== '', processNotes: processNotes.open });
    return { ...result, id: null };
  }

  /** The packet's data, for tests: the same selection the export uses. */
  gatherForPacket(sel: PacketSelection): RecordData {
    const processNotes = ProcessNoteGate.forDisclosure(this.repos, sel.clientId, sel);
    const data = gatherRecord(this.repos, sel.clientId, { courseIds: sel.courseIds, sessionIds: sel.sessionIds, processNotes });
    return sel.includeMeasures ? data : { ...data, administrations: [], summary: null };
  }

  private async images(data: RecordData, draft: LetterDraft): Promise<{ chartPng: Uint8Array | null; circlePng: Uint8Array | null }> {
    const wants = (id: string) => draft.sections.some((s) => s.id === id && s.included);
    const complete = data.administrations.filter((a) => a.complete);
    const chartPng =
      wants('chart') && complete.length
        ? await svgToPng(measureChartSvg({ points: complete.map((a) => ({ instrumentId: a.instrumentId, date: a.administeredOn, total: a.total! })), sessions: data.sessions.map((s) => ({ date: s.note.date, attended: s.note.attendance === 'attended' })), events: data.events.map((e) => ({ date: e.fields.date, title: e.fields.title })) }), 1520)
        : null;
    const circlePng = wants('circle') && data.circle.placements.length ? await svgToPng(circleSvgFor(data, data.client.fields.preferredName || data.client.fields.fullName, 600), 900) : null;
    return { chartPng, circlePng };
  }

  private requirePlatform(): DocumentPlatform {
    if (!this.platform) throw new AppError('INTERNAL', { message: 'Documents cannot be made here.' });
    return this.platform;
  }
}

/**
 * A zip passphrase meets the vault passphrase's rule (the strength estimator), checked here and not
 * only on the screen. Zip AES (WinZip AE-2, what other systems can open) derives its key with
 * PBKDF2-HMAC-SHA1 at 1,000 rounds, where a guess at the vault costs an Argon2id run over at least
 * 64 MiB: a copy that leaves the practice is only as safe as its passphrase. Empty means a plain
 * zip, which the screens ask the therapist to confirm.
 */
async function assertZipPassphrase(passphrase: string): Promise<void> {
  if (passphrase !== '') await assertStrongPassphrase(passphrase, 'zipPassphrase');
}
