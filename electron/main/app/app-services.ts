/**
 * The composition root for everything main does: vault, settings, audit, records, and the one
 * dispatcher that every transport (Electron IPC, the browser host) calls. No `electron` here.
 */
import type { z } from 'zod';
import { CLIENT_MODE_CHANNELS, contract, isChannelName, type ChannelInput, type ChannelName, type ChannelOutput } from '../../../shared/contract.ts';
import type { AppErrorPayload, FieldErrors, Result } from '../../../shared/errors.ts';
import { ERROR_MESSAGES } from '../../../shared/errors.ts';
import { AuditService, auditMacKey } from '../data/audit.ts';
import { CircleRepository } from '../data/circle.ts';
import { ClientRepository } from '../data/clients.ts';
import { CourseRepository } from '../data/courses.ts';
import { PersonRepository } from '../data/inventory.ts';
import { DocumentRepository } from '../data/documents.ts';
import { DocumentService } from '../domain/documents/document-service.ts';
import type { DocumentPlatform } from '../domain/documents/platform.ts';
import { MeasureRepository } from '../data/measures.ts';
import { NoteRepository } from '../data/notes.ts';
import { clientOverview } from '../domain/overview.ts';
import { ProfileRepository } from '../data/profile.ts';
import { BackupService } from '../domain/backup/backup-service.ts';
import { bundledLicences } from './resources.ts';
import { SearchIndex } from '../data/search.ts';
import { RetentionService } from '../data/retention.ts';
import { todayIso } from '../../../shared/schemas/dates.ts';
import { estimatePassphraseStrength } from '../../../shared/passphrase-strength.ts';
import { TemplateRegistry } from '../data/templates.ts';
import { orderByFit, prefill } from '../../../shared/ipt/templates/logic.ts';
import type { EntryValues } from '../../../shared/ipt/templates/types.ts';
import { RatingRepository } from '../data/ratings.ts';
import { numberSessions, SessionRepository } from '../data/sessions.ts';
import { TimelineRepository } from '../data/timeline.ts';
import { AppError } from '../data/errors.ts';
import type { KdfPolicy } from '../data/keys/kdf-policy.ts';
import { SettingsService, type PreferencesStore } from '../data/settings.ts';
import { translateSqliteError } from '../data/vault/database.ts';
import { VaultService, type UnlockedVault } from '../data/vault/vault-service.ts';

/** What the shell around the services provides: Electron in the app, Node in the browser host. */
export interface AppPlatform {
  shell: 'electron' | 'browser-host';
  version: string;
  /** The renderer has saved its drafts; the window may close now. */
  closeReady(): void;
  /** PDF rendering and saving files; absent where documents cannot be made. */
  documents?: DocumentPlatform;
  /** The system's folder picker (desktop), or a fixed folder (browser host). */
  chooseFolder?: () => Promise<string | null>;
}

export interface AppServicesOptions {
  dataDir: string;
  platform?: AppPlatform;
  kdfPolicy: KdfPolicy;
  preferences: PreferencesStore;
  /** Told of internal failures by code only; never receives record contents. */
  onInternalError?: (channel: ChannelName, kind: string) => void;
}

interface UnlockedServices {
  audit: AuditService;
  clients: ClientRepository;
  courses: CourseRepository;
  sessions: SessionRepository;
  people: PersonRepository;
  circle: CircleRepository;
  timeline: TimelineRepository;
  ratings: RatingRepository;
  search: SearchIndex;
  templates: TemplateRegistry;
  profile: ProfileRepository;
  notes: NoteRepository;
  measures: MeasureRepository;
  documents: DocumentRepository;
  retention: RetentionService;
}

/** The repositories over one open vault connection. */
export function createRepositories(db: UnlockedVault['db'], auditKey: Buffer): UnlockedServices {
  const audit = new AuditService(db, auditKey);
  const search = new SearchIndex(db);
  const sessions = new SessionRepository(db, audit);
  const courses = new CourseRepository(db, audit, sessions);
  const templates = new TemplateRegistry(db, audit);
  const profile = new ProfileRepository(db, audit);
  const notes = new NoteRepository({ db, audit, search, sessions, courses, templates, profile });
  return {
    audit,
    search,
    templates,
    profile,
    notes,
    measures: new MeasureRepository({ db, audit, notes, sessions, courses }),
    documents: new DocumentRepository(db, audit),
    retention: new RetentionService(db, audit, search),
    clients: new ClientRepository(db, audit, search),
    courses,
    sessions,
    people: new PersonRepository(db, audit),
    circle: new CircleRepository(db, audit),
    timeline: new TimelineRepository(db, audit, sessions, courses),
    ratings: new RatingRepository(db, audit),
  };
}

type Handlers = { [C in ChannelName]: (input: z.output<(typeof contract)[C]['input']>) => ChannelOutput<C> | Promise<ChannelOutput<C>> };

export class AppServices {
  readonly vault: VaultService;
  readonly settings: SettingsService;
  readonly backups: BackupService;
  private unlocked: UnlockedServices | null = null;
  /** Cached from the vault, so it is known while locked (the client's questionnaire resumes). */
  private clientMode = false;
  private readonly handlers: Handlers;
  private readonly options: AppServicesOptions;

  constructor(options: AppServicesOptions) {
    this.options = options;
    this.vault = new VaultService({ dataDir: options.dataDir, kdfPolicy: options.kdfPolicy });
    this.settings = new SettingsService(options.preferences);
    this.backups = new BackupService({ vault: this.vault, settings: this.settings, dataDir: options.dataDir, appVersion: options.platform?.version ?? '0.0.0', audit: () => this.unlocked?.audit ?? null });
    this.handlers = this.buildHandlers();
  }

  /** Services that need an open vault; VAULT_LOCKED otherwise. */
  session(): UnlockedServices {
    if (!this.unlocked || !this.vault.isUnlocked()) throw new AppError('VAULT_LOCKED');
    return this.unlocked;
  }

  /** Locking never fails: a damaged or full vault must still let go of the key. */
  /** Whether a client is filling in a questionnaire (menus and shortcuts are then off). */
  isClientMode(): boolean {
    return this.clientMode;
  }

  lock(): void {
    try {
      this.unlocked?.audit.append({ type: 'vault.locked' });
    } catch {
      // the audit row is lost, the lock is not
    }
    this.unlocked = null;
    this.backups.cancelIntegrityCheck();
    this.vault.lockVault();
  }

  /**
   * Validates, runs and answers one contract call. Never throws: every failure becomes a typed
   * error payload with a plain message, and nothing is written when validation fails.
   */
  async dispatch(channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) return failure(new AppError('UNKNOWN_CHANNEL'));
    const def = contract[channel];
    if (this.clientMode && !CLIENT_MODE_CHANNELS.includes(channel)) return failure(new AppError('CLIENT_MODE'));
    if (def.access === 'unlocked' && !this.vault.isUnlocked()) return failure(new AppError('VAULT_LOCKED'));
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) return failure(new AppError('VALIDATION_FAILED', { fields: fieldErrors(parsed.error) }));
    try {
      const handler = this.handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: def.output.parse(value) };
    } catch (error) {
      const translated = translateSqliteError(error);
      if (translated instanceof AppError) {
        if (translated.code === 'VAULT_DAMAGED' && this.vault.isUnlocked()) this.lock();
        return failure(translated);
      }
      this.options.onInternalError?.(channel, translated instanceof Error ? translated.name : typeof translated);
      return failure(new AppError('INTERNAL'));
    }
  }

  /** Typed direct call for tests and the bench: same path as the transports. */
  async call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    return (await this.dispatch(channel, input)) as Result<ChannelOutput<C>>;
  }

  close(): void {
    this.lock();
  }

  private onUnlocked(result: UnlockedVault): void {
    this.unlocked = createRepositories(result.db, auditMacKey(this.vault.keyForWorker()));
    this.clientMode = this.unlocked.measures.clientModeRow() !== null;
    const audit = this.unlocked.audit;
    const type = result.how === 'created' ? 'vault.created' : result.how === 'recovery' ? 'vault.recovered' : 'vault.unlocked';
    audit.append({ type, detail: { failedAttempts: result.failedAttempts } });
    this.backups.scheduleIntegrityCheck(this.vault.vaultPath, this.vault.keyForWorker());
  }

  /** Documents for the open vault, through the shell's platform. */
  docs(): DocumentService {
    return new DocumentService(this.session(), this.options.platform?.documents ?? null, this.options.platform?.version ?? '0.0.0');
  }

  private status() {
    return { ...this.vault.status(), clientMode: this.clientMode };
  }

  private clientModeView() {
    const row = this.session().measures.clientModeRow();
    if (!row) return { active: false, instruments: [], draft: { answers: {}, difficulty: {} }, submitted: false };
    return {
      active: true,
      instruments: JSON.parse(row.instruments) as ('phq9' | 'gad7')[],
      draft: JSON.parse(row.draft) as { answers: Record<string, (0 | 1 | 2 | 3 | null)[]>; difficulty: Record<string, 0 | 1 | 2 | 3 | null> },
      submitted: (JSON.parse(row.submitted_ids) as string[]).length > 0,
    };
  }

  private sessionList(courseId: string) {
    const s = this.session();
    return numberSessions(s.sessions.rowsForCourse(courseId), s.courses.plan(courseId));
  }

  private buildHandlers(): Handlers {
    return {
      'vault.status': () => ({ ...this.vault.status(), clientMode: this.clientMode }),
      'vault.beginCreate': () => this.vault.beginCreate(),
      'vault.create': async ({ passphrase, recoveryKeyTypedBack }) => {
        this.onUnlocked(await this.vault.create(passphrase, recoveryKeyTypedBack));
        return this.status();
      },
      'vault.unlock': async ({ passphrase }) => {
        this.onUnlocked(await this.vault.unlock(passphrase));
        return this.status();
      },
      'vault.recover': async ({ recoveryKey, newPassphrase }) => {
        this.onUnlocked(await this.vault.recover(recoveryKey, newPassphrase));
        return this.status();
      },
      'vault.lock': async () => {
        // An automatic backup that is due runs before the key is dropped.
        await this.backups.autoIfDue().catch(() => false);
        await this.backups.idle();
        this.lock();
        return this.status();
      },
      'vault.changePassphrase': async ({ currentPassphrase, newPassphrase }) => {
        await this.vault.changePassphrase(currentPassphrase, newPassphrase);
        this.session().audit.append({ type: 'vault.passphrase_changed' });
        return { changed: true as const };
      },
      'app.info': () => ({
        version: this.options.platform?.version ?? '0.0.0',
        dataDir: this.options.dataDir,
        shell: this.options.platform?.shell ?? 'browser-host',
        spellCheck: false as const,
        licences: bundledLicences(),
      }),
      'app.closeReady': () => {
        this.options.platform?.closeReady();
        return { ok: true as const };
      },
      'backups.status': () => this.backups.status(),
      'backups.chooseFolder': async () => {
        const folder = await this.options.platform?.chooseFolder?.();
        if (folder) this.settings.update({ backupFolder: folder });
        return this.backups.status();
      },
      'backups.run': async () => {
        const { name, verified } = await this.backups.backupNow('manual');
        return { name, verified };
      },
      'backups.list': () => this.backups.list(),
      'backups.verify': async ({ name, passphrase, recoveryKey }) => {
        const report = await this.backups.verify(name, passphrase ? { passphrase } : { recoveryKey: recoveryKey! });
        return { ok: report.ok, problems: report.problems, createdAt: report.manifest?.createdAt ?? null };
      },
      'backups.restore': async ({ name, passphrase, recoveryKey, newPassphrase }) => {
        if (recoveryKey) {
          const strength = estimatePassphraseStrength(newPassphrase ?? '');
          if (!strength.acceptable) throw new AppError('WEAK_PASSPHRASE', { fields: { newPassphrase: strength.suggestions[0] ?? 'Choose a stronger passphrase.' } });
        }
        this.unlocked = null;
        await this.backups.restore(name, passphrase ? { passphrase } : { recoveryKey: recoveryKey! });
        this.onUnlocked(passphrase ? await this.vault.unlock(passphrase) : await this.vault.recover(recoveryKey!, newPassphrase!));
        this.unlocked!.audit.append({ type: 'backup.restored' });
        return this.status();
      },
      'retention.list': () => {
        const s = this.settings.get();
        return this.session().retention.list(s.retentionProfile, s.retentionCustomYears, todayIso());
      },
      'clients.delete': ({ id, confirmFullName }) => {
        const session = this.session();
        if (confirmFullName.trim() !== session.clients.get(id).fields.fullName) {
          throw new AppError('VALIDATION_FAILED', { fields: { confirmFullName: 'Type the client’s full name exactly to confirm.' } });
        }
        session.retention.delete(id);
        return { deleted: true as const, backupsStillHoldIt: this.settings.get().lastBackupAt !== '' };
      },
      'audit.verify': () => this.session().audit.verify(),
      'audit.list': (filter) => this.session().audit.query(filter),
      'audit.exportCsv': async ({ clientId }) => {
        const s = this.session();
        const rows = s.audit.query({ clientId, type: '', limit: 1_000_000 }).reverse();
        const platform = this.options.platform?.documents;
        if (!platform) throw new AppError('INTERNAL', { message: 'Files cannot be saved here.' });
        const result = await platform.saveFile(`Audit trail ${todayIso()}.csv`, new TextEncoder().encode(s.audit.csv(rows)));
        if (result.saved) s.audit.append({ type: 'audit.exported', detail: { rows: rows.length } });
        return { ...result, id: null };
      },
      'settings.get': () => this.settings.get(),
      'settings.update': (patch) => {
        const next = this.settings.update(patch);
        this.unlocked?.audit.append({ type: 'settings.changed' });
        return next;
      },
      'clients.list': (query) => this.session().clients.list(query),
      'clients.get': ({ id }) => this.session().clients.get(id),
      'clients.create': ({ fields }) => this.session().clients.create(fields),
      'clients.update': ({ id, expectedUpdatedAt, fields }) => this.session().clients.update(id, expectedUpdatedAt, fields),
      'clients.archive': ({ id }) => this.session().clients.archive(id),
      'clients.restore': ({ id }) => this.session().clients.restore(id),
      'clients.overview': ({ id }) => clientOverview(this.session(), id),

      'courses.create': (input) => this.session().courses.create(input),
      'courses.get': ({ id }) => this.session().courses.get(id),
      'courses.list': ({ clientId }) => this.session().courses.list(clientId),
      'courses.update': (input) => this.session().courses.update(input),
      'courses.renegotiate': (input) => this.session().courses.renegotiate(input),
      'courses.close': ({ id }) => this.session().courses.setClosed(id, true),
      'courses.reopen': ({ id }) => this.session().courses.setClosed(id, false),

      'sessions.create': (input) => {
        const s = this.session();
        const id = s.sessions.create(input);
        return this.sessionList(input.courseId).find((x) => x.id === id)!;
      },
      'sessions.list': ({ courseId }) => this.sessionList(courseId),

      'people.list': ({ clientId, includeArchived }) => this.session().people.list(clientId, includeArchived),
      'people.create': ({ clientId, fields }) => this.session().people.create(clientId, fields),
      'people.update': ({ id, expectedUpdatedAt, fields }) => this.session().people.update(id, expectedUpdatedAt, fields),
      'people.reorder': ({ clientId, order }) => this.session().people.reorder(clientId, order),
      'people.usage': ({ id }) => ({ usedIn: this.session().people.usage(id) }),
      'people.remove': ({ id }) => this.session().people.remove(id),
      'people.archive': ({ id }) => this.session().people.setArchived(id, true),
      'people.restore': ({ id }) => this.session().people.setArchived(id, false),

      'circle.get': ({ clientId }) => this.session().circle.get(clientId),
      'circle.update': ({ clientId, rings, placements }) => this.session().circle.update(clientId, rings, placements),
      'circle.saveSnapshot': ({ clientId, takenOn, label }) => this.session().circle.snapshot(clientId, takenOn, label),
      'circle.snapshots': ({ clientId }) => this.session().circle.snapshots(clientId),
      'circle.compare': ({ beforeId, afterId }) => this.session().circle.compare(beforeId, afterId),

      'timeline.get': ({ clientId }) => this.session().timeline.timeline(clientId),
      'timeline.createEvent': ({ clientId, fields }) => this.session().timeline.create(clientId, fields),
      'timeline.updateEvent': ({ id, expectedUpdatedAt, fields }) => this.session().timeline.update(id, expectedUpdatedAt, fields),
      'timeline.removeEvent': ({ id }) => {
        this.session().timeline.remove(id);
        return { ok: true as const };
      },

      'ratings.createSeries': (input) => this.session().ratings.createSeries(input),
      'ratings.add': (input) => this.session().ratings.add(input),
      'notes.get': ({ sessionId }) => this.session().notes.get(sessionId),
      'notes.saveDraft': ({ sessionId, fields }) => this.session().notes.saveDraft(sessionId, fields),
      'notes.startFromLast': ({ sessionId }) => this.session().notes.startFromLast(sessionId),
      'notes.sign': ({ sessionId }) => this.session().notes.sign(sessionId),
      'notes.addAddendum': ({ sessionId, text }) => this.session().notes.addAddendum(sessionId, text),
      'notes.void': ({ sessionId, reason }) => this.session().notes.void(sessionId, reason),
      'notes.move': ({ sessionId, targetSessionId }) => this.session().notes.move(sessionId, targetSessionId),
      'notes.getProcessNote': ({ sessionId }) => this.session().notes.processNote(sessionId),
      'notes.saveProcessNote': ({ sessionId, text }) => this.session().notes.saveProcessNote(sessionId, text),

      'entries.create': ({ sessionId, templateId, sourceEntryId }) => {
        const s = this.session();
        let initial: EntryValues = {};
        if (sourceEntryId) {
          const source = s.notes.entry(sourceEntryId);
          initial = prefill(source.templateId, source.values as EntryValues, s.templates.latest(templateId));
        }
        return s.notes.createEntry(sessionId, templateId, sourceEntryId, initial);
      },
      'entries.save': ({ id, values }) => this.session().notes.saveEntry(id, values),
      'entries.remove': ({ id }) => {
        this.session().notes.removeEntry(id);
        return { ok: true as const };
      },

      'templates.list': ({ area }) => orderByFit(this.session().templates.listLatest(), area),
      'templates.get': ({ id, version }) => this.session().templates.resolve(id, version),
      'templates.clone': ({ templateId, title }) => this.session().templates.clone(templateId, title),
      'templates.saveVersion': ({ definition }) => this.session().templates.saveVersion(definition),

      'search.query': (query) => this.session().search.query(query),

      'risks.list': ({ clientId }) => this.session().notes.openRisks(clientId),
      'risks.assess': ({ id, assessment }) => this.session().notes.assessRisk(id, assessment),

      'profile.get': () => this.session().profile.get(),
      'profile.save': (profile) => this.session().profile.save(profile),

      'measures.administer': (input) => this.session().measures.administer(input),
      'measures.list': ({ clientId, courseId }) => this.session().measures.list(clientId, courseId),
      'measures.summary': ({ clientId, courseId }) => this.session().measures.summary(clientId, courseId),
      'measures.chart': ({ clientId }) => this.session().measures.chartData(clientId),
      'measures.settings': () => this.session().measures.settings(),
      'measures.saveSettings': (settings) => this.session().measures.saveSettings(settings),
      'measures.setSchedule': ({ courseId, every }) => {
        this.session().measures.setSchedule(courseId, every);
        return { ok: true as const };
      },

      'clientMode.start': ({ clientId, sessionId, instruments }) => {
        this.session().measures.startClientMode(clientId, sessionId, instruments);
        this.clientMode = true;
        return this.clientModeView();
      },
      'clientMode.view': () => this.clientModeView(),
      'clientMode.saveDraft': (draft) => {
        this.session().measures.saveClientDraft(draft);
        return { ok: true as const };
      },
      'clientMode.submit': () => {
        this.session().measures.submitClientMode();
        return this.clientModeView();
      },
      'clientMode.exit': async ({ passphrase }) => {
        await this.vault.verifyPassphrase(passphrase);
        const result = this.session().measures.endClientMode();
        this.clientMode = false;
        return result;
      },

      'letters.draft': (req) => this.docs().draft(req),
      'letters.export': ({ draft, consentOverrideReason }) => this.docs().exportLetter(draft, consentOverrideReason),
      'letters.list': ({ clientId }) => this.session().documents.letters(clientId),
      'documents.print': (req) => this.docs().print(req),
      'documents.worksheet': (req) => this.docs().worksheet(req),
      'authorisations.record': (input) => this.session().documents.recordAuthorisation(input),
      'authorisations.list': ({ clientId }) => this.session().documents.authorisations(clientId),
      'packet.preview': (sel) => this.docs().preview(sel),
      'packet.export': (sel) => this.docs().exportPacket(sel),
      'export.full': (req) => this.docs().exportAll(req),

      'ratings.list': ({ clientId, courseId }) => this.session().ratings.list(clientId, courseId),
    };
  }
}

function failure(error: AppError): Result<never> {
  return { ok: false, error: error.toPayload() };
}

/** Zod issues as field path -> first plain message. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = issue.code === 'custom' || issue.message.length < 120 ? friendly(issue) : ERROR_MESSAGES.VALIDATION_FAILED;
  }
  return fields;
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `Unexpected field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'This is required.' : `Expected ${issue.expected}.`;
  return issue.message;
}

export type { AppErrorPayload };
