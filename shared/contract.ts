/**
 * The IPC contract: every channel between the renderer and main, declared once.
 * Main validates every input against `input`; the renderer receives values shaped by `output`.
 * Names are "<group>.<method>"; the renderer calls them as `window.ipt.<group>.<method>(input)`.
 */
import { z } from 'zod';
import {
  clientId,
  clientInputSchema,
  clientListQuerySchema,
  clientSchema,
  clientSummarySchema,
  clientUpdateSchema,
} from './schemas/client.ts';
import { circleSchema, circleUpdateSchema, snapshotComparisonSchema, snapshotCreateSchema, snapshotSchema } from './schemas/circle.ts';
import { courseCreateSchema, courseSchema, courseSummarySchema, courseUpdateSchema, renegotiationInputSchema, uuid } from './schemas/course.ts';
import { isoDate, isoDateTime } from './schemas/dates.ts';
import { personFieldsSchema, personRemoveResultSchema, personSchema, personUsageSchema } from './schemas/inventory.ts';
import { PROBLEM_AREAS } from './ipt/vocabulary.ts';
import {
  entryCreateSchema,
  entrySaveSchema,
  entrySchema,
  noteSaveSchema,
  practiceProfileSchema,
  riskRecordSchema,
  searchHitSchema,
  searchQuerySchema,
  sessionNoteSchema,
} from './schemas/note.ts';
import {
  administerSchema,
  administrationSchema,
  chartDataSchema,
  clientModeDraftSchema,
  clientModeExitResultSchema,
  clientModeExitSchema,
  clientModeStartSchema,
  clientModeViewSchema,
  measureSettingsSchema,
  measureSummarySchema,
} from './schemas/measures.ts';
import {
  authorisationInputSchema,
  authorisationSchema,
  exportResultSchema,
  letterDraftRequestSchema,
  letterDraftSchema,
  letterExportSchema,
  letterRecordSchema,
  packetPreviewSchema,
  packetSelectionSchema,
  printRequestSchema,
  worksheetRequestSchema,
} from './schemas/documents.ts';
import { overviewSchema } from './schemas/overview.ts';
import { safetyPlanPrintSchema, safetyPlanRevisionSchema, safetyPlanSaveSchema } from './schemas/safety-plan.ts';
import { templateSchema } from './schemas/template.ts';
import { ratingAddSchema, ratingSeriesCreateSchema, ratingSeriesSchema } from './schemas/ratings.ts';
import {
  icsExportSchema,
  planSeriesSchema,
  seriesPlanInputSchema,
  seriesPlanSchema,
  sessionCreateSchema,
  sessionRescheduleSchema,
  sessionsCsvSchema,
  sessionSummarySchema,
  sessionUpdateSchema,
} from './schemas/session.ts';
import { settingsPatchSchema, settingsSchema } from './schemas/settings.ts';
import { lifeEventFieldsSchema, lifeEventSchema, timelineSchema } from './schemas/timeline.ts';
import { fullExportRequestSchema } from './schemas/export.ts';
import {
  backupCredentialSchema,
  backupInfoSchema,
  localCopySchema,
  backupStatusSchema,
  verifyReportSchema,
  changePassphraseSchema,
  createVaultSchema,
  recoverSchema,
  recoveryKeyShownSchema,
  unlockSchema,
  saveRecoveryKeySchema,
  vaultStatusSchema,
} from './schemas/vault.ts';

/** Who may call a channel: `always` works while locked; `unlocked` needs an open vault. */
export type ChannelAccess = 'always' | 'unlocked';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: ChannelAccess;
  /**
   * For the renderer's query cache only (main ignores it): the groups whose cached reads a
   * successful call makes stale. Absent means the channel's own group. Reads are called through
   * `useChannel`, which never invalidates, so they need no entry.
   */
  changes?: readonly string[];
}

const none = z.strictObject({});
const byId = z.strictObject({ id: clientId });
const byClient = z.strictObject({ clientId: uuid });
const ok = z.strictObject({ ok: z.literal(true) });
const bySession = z.strictObject({ sessionId: uuid });
const processNote = z.strictObject({ text: z.string(), updatedAt: isoDateTime.nullable() });

/**
 * What a change to sessions makes stale: numbering and phase (sessions, courses, notes), the
 * overview's next appointment (clients), session ticks (measures, timeline), the letter draft's
 * attended count (letters) and note search dates (search).
 */
const SESSION_CHANGES = ['sessions', 'courses', 'clients', 'notes', 'measures', 'timeline', 'letters', 'search'] as const;

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: ChannelAccess, changes?: readonly string[]): ChannelDef<I, O> {
  return changes ? { input, output, access, changes } : { input, output, access };
}

export const contract = {
  'vault.status': channel(none, vaultStatusSchema, 'always'),
  'vault.beginCreate': channel(none, recoveryKeyShownSchema, 'always'),
  'vault.create': channel(createVaultSchema, vaultStatusSchema, 'always', ['vault', 'backups']),
  // Only while a new vault is being created (the key is held for typing back); writes nothing to the vault.
  'vault.saveRecoveryKey': channel(saveRecoveryKeySchema, exportResultSchema, 'always', []),
  'vault.unlock': channel(unlockSchema, vaultStatusSchema, 'always', ['vault', 'backups']),
  'vault.recover': channel(recoverSchema, vaultStatusSchema, 'always', ['vault', 'backups']),
  'vault.lock': channel(none, vaultStatusSchema, 'always'),
  'vault.changePassphrase': channel(changePassphraseSchema, z.strictObject({ changed: z.literal(true) }), 'unlocked'),

  'app.info': channel(
    none,
    z.strictObject({
      version: z.string(),
      /** The day this build was made: after a year, Settings says a newer version may fix security problems. */
      buildDate: isoDate,
      dataDir: z.string(),
      shell: z.enum(['electron', 'browser-host']),
      spellCheck: z.literal(false),
      licences: z.array(z.strictObject({ name: z.string(), version: z.string(), licence: z.string() })),
    }),
    'always',
  ),
  'app.closeReady': channel(none, ok, 'always'),
  /** Opens the download page in the browser, only when the user asks; false where it cannot (the browser host). */
  'app.openDownloadPage': channel(none, z.strictObject({ opened: z.boolean() }), 'always', []),

  /** The support log (channel names, timings, codes): open its folder, or save it for sending. */
  'support.openLogFolder': channel(none, z.strictObject({ opened: z.boolean() }), 'always', []),
  'support.saveLog': channel(none, exportResultSchema, 'always', []),
  /** Shows a file saved in this run in the system's file manager; false where there is none. */
  'files.showInFolder': channel(z.strictObject({ id: uuid }), z.strictObject({ shown: z.boolean() }), 'always', []),

  'backups.status': channel(none, backupStatusSchema, 'always'),
  'backups.chooseFolder': channel(none, backupStatusSchema, 'always', ['backups']),
  'backups.run': channel(none, z.strictObject({ name: z.string(), verified: z.boolean() }), 'unlocked', ['backups']),
  'backups.list': channel(none, z.array(backupInfoSchema), 'always'),
  'backups.localCopies': channel(none, z.array(localCopySchema), 'unlocked'),
  'backups.verify': channel(backupCredentialSchema, verifyReportSchema, 'always', []),
  'backups.restore': channel(backupCredentialSchema, vaultStatusSchema, 'always', ['backups', 'vault']),

  'retention.list': channel(none, z.array(z.strictObject({ clientId: uuid, fullName: z.string(), lastContact: z.string(), retainUntil: z.string(), past: z.boolean() })), 'unlocked'),
  'clients.delete': channel(
    z.strictObject({ id: uuid, confirmFullName: z.string().max(200) }),
    z.strictObject({ deleted: z.literal(true), backupsStillHoldIt: z.boolean() }),
    'unlocked',
    ['clients', 'retention', 'audit'],
  ),

  'audit.verify': channel(none, z.strictObject({ ok: z.boolean(), rows: z.number().int(), unsealed: z.number().int(), firstBroken: z.number().int().nullable(), head: z.string().nullable(), tailCut: z.boolean() }), 'unlocked'),
  'audit.list': channel(
    z.strictObject({ clientId: z.union([z.null(), uuid]).default(null), type: z.string().max(60).default(''), limit: z.number().int().min(1).max(5000).default(500) }),
    z.array(z.strictObject({ seq: z.number().int(), at: z.string(), type: z.string(), recordType: z.string().nullable(), recordId: z.string().nullable(), detail: z.record(z.string(), z.union([z.number(), z.boolean()])) })),
    'unlocked',
  ),
  'export.full': channel(fullExportRequestSchema, exportResultSchema, 'unlocked'),
  'audit.exportCsv': channel(z.strictObject({ clientId: z.union([z.null(), uuid]).default(null) }), exportResultSchema, 'unlocked'),

  'settings.get': channel(none, settingsSchema, 'always'),
  'settings.update': channel(settingsPatchSchema, settingsSchema, 'always', ['settings', 'backups', 'retention']),

  'clients.list': channel(clientListQuerySchema, z.array(clientSummarySchema), 'unlocked'),
  'clients.get': channel(byId, clientSchema, 'unlocked'),
  'clients.create': channel(z.strictObject({ fields: clientInputSchema }), clientSchema, 'unlocked', ['clients']),
  'clients.update': channel(clientUpdateSchema, clientSchema, 'unlocked', ['clients']),
  'clients.archive': channel(byId, clientSchema, 'unlocked', ['clients']),
  'clients.restore': channel(byId, clientSchema, 'unlocked', ['clients']),
  'clients.overview': channel(byId, overviewSchema, 'unlocked'),

  'courses.create': channel(courseCreateSchema, courseSchema, 'unlocked', ['courses', 'clients']),
  'courses.get': channel(byId, courseSchema, 'unlocked'),
  'courses.list': channel(byClient, z.array(courseSummarySchema), 'unlocked'),
  'courses.update': channel(courseUpdateSchema, courseSchema, 'unlocked', ['courses', 'clients']),
  'courses.renegotiate': channel(renegotiationInputSchema, courseSchema, 'unlocked', ['courses', 'clients']),
  'courses.close': channel(byId, courseSchema, 'unlocked', ['courses', 'clients']),
  'courses.reopen': channel(byId, courseSchema, 'unlocked', ['courses', 'clients']),

  'sessions.create': channel(sessionCreateSchema, sessionSummarySchema, 'unlocked', SESSION_CHANGES),
  'sessions.list': channel(z.strictObject({ courseId: uuid }), z.array(sessionSummarySchema), 'unlocked'),
  'sessions.update': channel(sessionUpdateSchema, sessionSummarySchema, 'unlocked', SESSION_CHANGES),
  'sessions.delete': channel(z.strictObject({ id: uuid }), ok, 'unlocked', SESSION_CHANGES),
  'sessions.reschedule': channel(sessionRescheduleSchema, z.array(sessionSummarySchema), 'unlocked', SESSION_CHANGES),
  'sessions.proposeSeries': channel(seriesPlanInputSchema, seriesPlanSchema, 'unlocked'),
  'sessions.planSeries': channel(planSeriesSchema, z.array(sessionSummarySchema), 'unlocked', SESSION_CHANGES),
  'sessions.exportCsv': channel(sessionsCsvSchema, exportResultSchema, 'unlocked', []),
  'sessions.exportIcs': channel(icsExportSchema, exportResultSchema, 'unlocked', []),

  'people.list': channel(z.strictObject({ clientId: uuid, includeArchived: z.boolean().default(false) }), z.array(personSchema), 'unlocked'),
  'people.create': channel(z.strictObject({ clientId: uuid, fields: personFieldsSchema }), personSchema, 'unlocked', ['people', 'circle', 'clients']),
  'people.update': channel(z.strictObject({ id: uuid, expectedUpdatedAt: isoDateTime, fields: personFieldsSchema }), personSchema, 'unlocked', ['people', 'circle', 'clients']),
  'people.reorder': channel(z.strictObject({ clientId: uuid, order: z.array(uuid).max(500) }), z.array(personSchema), 'unlocked', ['people', 'circle', 'clients']),
  'people.usage': channel(byId, personUsageSchema, 'unlocked'),
  'people.remove': channel(byId, personRemoveResultSchema, 'unlocked', ['people', 'circle', 'clients']),
  'people.archive': channel(byId, personSchema, 'unlocked', ['people', 'circle', 'clients']),
  'people.restore': channel(byId, personSchema, 'unlocked', ['people', 'circle', 'clients']),

  'circle.get': channel(byClient, circleSchema, 'unlocked'),
  'circle.update': channel(circleUpdateSchema, circleSchema, 'unlocked', ['circle', 'clients']),
  'circle.saveSnapshot': channel(snapshotCreateSchema, snapshotSchema, 'unlocked'),
  'circle.snapshots': channel(byClient, z.array(snapshotSchema), 'unlocked'),
  'circle.compare': channel(z.strictObject({ beforeId: uuid, afterId: uuid }), snapshotComparisonSchema, 'unlocked'),

  'timeline.get': channel(byClient, timelineSchema, 'unlocked'),
  'timeline.createEvent': channel(z.strictObject({ clientId: uuid, fields: lifeEventFieldsSchema }), lifeEventSchema, 'unlocked', ['timeline', 'measures']),
  'timeline.updateEvent': channel(z.strictObject({ id: uuid, expectedUpdatedAt: isoDateTime, fields: lifeEventFieldsSchema }), lifeEventSchema, 'unlocked', ['timeline', 'measures']),
  'timeline.removeEvent': channel(byId, ok, 'unlocked', ['timeline', 'measures']),

  'ratings.createSeries': channel(ratingSeriesCreateSchema, ratingSeriesSchema, 'unlocked', ['ratings', 'clients']),
  'ratings.add': channel(ratingAddSchema, ratingSeriesSchema, 'unlocked', ['ratings', 'clients']),
  'notes.get': channel(bySession, sessionNoteSchema, 'unlocked'),
  'notes.saveDraft': channel(noteSaveSchema, z.strictObject({ updatedAt: isoDateTime }), 'unlocked'),
  'notes.startFromLast': channel(bySession, sessionNoteSchema, 'unlocked'),
  'notes.sign': channel(bySession, sessionNoteSchema, 'unlocked', ['notes', 'sessions', 'courses', 'clients']),
  'notes.addAddendum': channel(z.strictObject({ sessionId: uuid, text: z.string().trim().min(1, { message: 'Write the addendum first.' }).max(20_000) }), sessionNoteSchema, 'unlocked', ['notes', 'search']),
  'notes.void': channel(z.strictObject({ sessionId: uuid, reason: z.string().trim().min(1, { message: 'Say why the note is void.' }).max(2000) }), sessionNoteSchema, 'unlocked', ['notes', 'sessions', 'courses', 'clients', 'search']),
  'notes.move': channel(z.strictObject({ sessionId: uuid, targetSessionId: uuid }), sessionNoteSchema, 'unlocked', ['notes', 'sessions', 'courses', 'clients', 'search']),
  'notes.getProcessNote': channel(bySession, processNote, 'unlocked'),
  'notes.saveProcessNote': channel(z.strictObject({ sessionId: uuid, text: z.string().max(50_000) }), processNote, 'unlocked'),

  'entries.create': channel(entryCreateSchema, entrySchema, 'unlocked', ['entries', 'notes', 'search']),
  'entries.save': channel(entrySaveSchema, entrySchema, 'unlocked'),
  'entries.remove': channel(byId, ok, 'unlocked', ['entries', 'notes', 'search']),

  'templates.list': channel(z.strictObject({ area: z.union([z.null(), z.enum(PROBLEM_AREAS)]).default(null) }), z.array(templateSchema), 'unlocked'),
  'templates.get': channel(z.strictObject({ id: z.string().max(80), version: z.number().int().min(1) }), templateSchema, 'unlocked'),
  'templates.clone': channel(z.strictObject({ templateId: z.string().max(80), title: z.string().trim().min(1).max(120).optional() }), templateSchema, 'unlocked'),
  'templates.saveVersion': channel(z.strictObject({ definition: z.unknown() }), templateSchema, 'unlocked'),

  'search.query': channel(searchQuerySchema, z.array(searchHitSchema), 'unlocked'),

  'risks.list': channel(byClient, z.array(riskRecordSchema), 'unlocked'),
  'risks.assess': channel(z.strictObject({ id: uuid, assessment: z.string().trim().min(1, { message: 'Record the risk assessment.' }).max(20_000) }), riskRecordSchema, 'unlocked', ['risks', 'clients', 'notes']),

  'safetyPlan.get': channel(byClient, safetyPlanRevisionSchema.nullable(), 'unlocked'),
  'safetyPlan.save': channel(safetyPlanSaveSchema, safetyPlanRevisionSchema, 'unlocked', ['safetyPlan', 'audit']),
  'safetyPlan.revisions': channel(byClient, z.array(safetyPlanRevisionSchema), 'unlocked'),
  'safetyPlan.print': channel(safetyPlanPrintSchema, exportResultSchema, 'unlocked', ['safetyPlan', 'audit']),

  'profile.get': channel(none, practiceProfileSchema, 'unlocked'),
  'profile.save': channel(practiceProfileSchema, practiceProfileSchema, 'unlocked'),

  'measures.administer': channel(administerSchema, administrationSchema, 'unlocked', ['measures', 'risks', 'clients']),
  'measures.list': channel(z.strictObject({ clientId: uuid, courseId: z.union([z.null(), uuid]).default(null) }), z.array(administrationSchema), 'unlocked'),
  'measures.summary': channel(z.strictObject({ clientId: uuid, courseId: z.union([z.null(), uuid]).default(null) }), measureSummarySchema, 'unlocked'),
  'measures.chart': channel(byClient, chartDataSchema, 'unlocked'),
  'measures.settings': channel(none, measureSettingsSchema, 'unlocked'),
  'measures.saveSettings': channel(measureSettingsSchema, measureSettingsSchema, 'unlocked'),
  'measures.setSchedule': channel(z.strictObject({ courseId: uuid, every: z.number().int().min(1).max(12) }), ok, 'unlocked'),

  // The vault status says client mode is on: App switches screens on that read.
  'clientMode.start': channel(clientModeStartSchema, clientModeViewSchema, 'unlocked', ['clientMode', 'vault']),
  'clientMode.view': channel(none, clientModeViewSchema, 'unlocked'),
  'clientMode.saveDraft': channel(clientModeDraftSchema, ok, 'unlocked'),
  'clientMode.submit': channel(none, clientModeViewSchema, 'unlocked'),
  'clientMode.exit': channel(clientModeExitSchema, clientModeExitResultSchema, 'unlocked', ['clientMode', 'measures', 'risks', 'clients']),

  'letters.draft': channel(letterDraftRequestSchema, letterDraftSchema, 'unlocked'),
  'letters.export': channel(letterExportSchema, exportResultSchema, 'unlocked'),
  'letters.list': channel(byClient, z.array(letterRecordSchema), 'unlocked'),
  'documents.print': channel(printRequestSchema, exportResultSchema, 'unlocked'),
  'documents.worksheet': channel(worksheetRequestSchema, exportResultSchema, 'unlocked'),
  'authorisations.record': channel(authorisationInputSchema, authorisationSchema, 'unlocked'),
  'authorisations.list': channel(byClient, z.array(authorisationSchema), 'unlocked'),
  'packet.preview': channel(packetSelectionSchema, packetPreviewSchema, 'unlocked'),
  'packet.export': channel(packetSelectionSchema, exportResultSchema, 'unlocked'),

  'ratings.list': channel(z.strictObject({ clientId: uuid, courseId: z.union([z.null(), uuid]).default(null) }), z.array(ratingSeriesSchema), 'unlocked'),
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The group of a channel: 'clients' for 'clients.get'. */
export type ChannelGroup = ChannelName extends infer C ? (C extends `${infer G}.${string}` ? G : never) : never;

export function groupOf(channel: ChannelName): ChannelGroup {
  return channel.slice(0, channel.indexOf('.')) as ChannelGroup;
}

/** The groups a successful call of `channel` makes stale: its `changes`, or else its own group. */
export function channelChanges(channel: ChannelName): readonly ChannelGroup[] {
  const def: ChannelDef = contract[channel];
  return (def.changes as readonly ChannelGroup[] | undefined) ?? [groupOf(channel)];
}

/**
 * While a client fills in a questionnaire on the therapist's laptop, main refuses every other
 * channel: the client can answer, the app can lock and unlock, and the therapist can leave with
 * the passphrase.
 */
export const CLIENT_MODE_CHANNELS: readonly ChannelName[] = [
  'app.closeReady',
  'vault.status',
  'vault.lock',
  'vault.unlock',
  'settings.get',
  'clientMode.view',
  'clientMode.saveDraft',
  'clientMode.submit',
  'clientMode.exit',
];

/** Events main sends to the renderer (menu commands, window closing). Payload-free by design. */
export const APP_EVENTS = [
  'menu.newClient',
  'menu.search',
  'menu.lock',
  'menu.print',
  'menu.export',
  'menu.backup',
  'menu.settings',
  'menu.shortcuts',
  'menu.about',
  'app.flushDrafts',
  'vault.lockRequested',
  'vault.lockedByMain',
] as const;
export type AppEventName = (typeof APP_EVENTS)[number];
export const EVENT_CHANNEL = 'ipt:event';

export function isAppEvent(name: unknown): name is AppEventName {
  return typeof name === 'string' && (APP_EVENTS as readonly string[]).includes(name);
}

/** Prefix of the Electron IPC channel for a contract channel. */
export const IPC_PREFIX = 'ipt:';
