import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { instrument, INSTRUMENT_IDS, score, type InstrumentId } from '../../../shared/ipt/instruments.ts';
import { measureDue, nhsOutcome, reliableChange } from '../../../shared/ipt/outcomes.ts';
import {
  clientModeDraftSchema,
  measureSettingsSchema,
  type Administration,
  type administerSchema,
  type ChartData,
  type ClientModeDraft,
  type clientModeViewSchema,
  instrumentId,
  type MeasureSettings,
  type MeasureSummary,
} from '../../../shared/schemas/measures.ts';
import { localDateOf } from '../../../shared/schemas/dates.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { RiskRepository } from './risks.ts';
import type { ClientRepository } from './clients.ts';
import type { CourseRepository } from './courses.ts';
import { readJson, requireRow } from './records.ts';
import type { SessionRepository } from './sessions.ts';
import type { TimelineRepository } from './timeline.ts';
import type { Db } from './vault/database.ts';

const instrumentListSchema = z.array(instrumentId);
const idListSchema = z.array(z.string());

export interface ClientModeState {
  clientId: string;
  sessionId: string | null;
  instruments: InstrumentId[];
  draft: ClientModeDraft;
  submittedIds: string[];
}
type ClientModeView = z.output<typeof clientModeViewSchema>;

interface AdministrationRow {
  id: string;
  client_id: string;
  course_id: string | null;
  session_id: string | null;
  instrument_id: InstrumentId;
  instrument_version: number;
  language: string;
  administered_by: 'therapist' | 'client';
  administered_on: string;
  administered_at: string;
  answers: string;
  difficulty: number | null;
  complete: number;
  total: number | null;
  band: string | null;
}

type AdministerInput = z.output<typeof administerSchema>;

function toAdministration(r: AdministrationRow): Administration {
  return {
    id: r.id,
    clientId: r.client_id,
    courseId: r.course_id,
    sessionId: r.session_id,
    instrumentId: r.instrument_id,
    instrumentVersion: r.instrument_version,
    language: r.language,
    administeredBy: r.administered_by,
    administeredOn: r.administered_on,
    administeredAt: r.administered_at,
    answers: JSON.parse(r.answers) as Administration['answers'],
    difficulty: r.difficulty as Administration['difficulty'],
    complete: r.complete === 1,
    total: r.total,
    band: r.band,
  };
}

const SETTINGS_KEY = 'measures';

/** What measures need from the records' owners (each repository answers for its own tables). */
export interface MeasureOwners {
  clients: Pick<ClientRepository, 'assertExists' | 'dateOfBirth'>;
  courses: Pick<CourseRepository, 'findClientOf' | 'measureEvery'>;
  sessions: Pick<SessionRepository, 'findPlace' | 'place' | 'numbered' | 'rowsForClient'>;
  risks: Pick<RiskRepository, 'openRisk'>;
  timeline: Pick<TimelineRepository, 'eventMarks'>;
}

/** PHQ-9 and GAD-7 administrations (`measure_administrations`), their scores and bands, change over a course with the practice's norms (`practice_settings`), and client mode (`client_mode`). */
export class MeasureRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly owners: MeasureOwners;
  private readonly now: () => Date;

  constructor(deps: { db: Db; audit: AuditService; owners: MeasureOwners; now?: () => Date }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.owners = deps.owners;
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Scores and stores one administration. Item 9 of the PHQ-9 can never be skipped; any answer
   * above 0 opens a risk record that stays open until an assessment is recorded. The questionnaire
   * is dated `administeredOn` (the day the client answered: a paper form from last week goes on last
   * week), today in the user's zone when left out; not in the future, not before the client's birth.
   */
  administer(input: AdministerInput, by: 'therapist' | 'client' = 'therapist'): Administration {
    const def = instrument(input.instrumentId);
    if (input.answers.length !== def.items.length) {
      throw new AppError('VALIDATION_FAILED', { fields: { answers: `${def.name} has ${def.items.length} questions.` } });
    }
    if (def.riskItem !== null && input.answers[def.riskItem - 1] === null) {
      throw new AppError('VALIDATION_FAILED', { fields: { [`answers.${def.riskItem - 1}`]: `Question ${def.riskItem} must be answered.` } });
    }
    const result = score(def, input.answers);
    const id = randomUUID();
    const at = this.now().toISOString();
    const on = input.administeredOn ?? localDateOf(at);
    if (on > localDateOf(at)) throw new AppError('VALIDATION_FAILED', { fields: { administeredOn: 'This date cannot be in the future.' } });
    this.db.transaction(() => {
      if (on < this.owners.clients.dateOfBirth(input.clientId)) {
        throw new AppError('VALIDATION_FAILED', { fields: { administeredOn: 'This date is before the client’s date of birth.' } });
      }
      let courseId = input.courseId;
      if (input.sessionId) {
        const session = this.owners.sessions.place(input.sessionId);
        if (session.clientId !== input.clientId) throw new AppError('VALIDATION_FAILED', { fields: { sessionId: 'Choose a session of this client.' } });
        courseId = session.courseId;
      }
      if (courseId) {
        if (this.owners.courses.findClientOf(courseId) !== input.clientId) throw new AppError('VALIDATION_FAILED', { fields: { courseId: 'Choose a course of this client.' } });
      }
      this.db
        .prepare(
          `INSERT INTO measure_administrations (id, client_id, course_id, session_id, instrument_id, instrument_version, language, administered_by, administered_on, administered_at, answers, difficulty, complete, total, band, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.clientId, courseId, input.sessionId, def.id, def.version, def.language, by, on, at, JSON.stringify(input.answers), input.difficulty, result.complete ? 1 : 0, result.total, result.band, at);
      if (result.riskItemAnswer !== null && result.riskItemAnswer > 0) {
        this.owners.risks.openRisk(input.clientId, input.sessionId, 'phq9_item9', `PHQ-9 question 9 was answered “${def.answers[result.riskItemAnswer]!.label}”.`);
      }
      this.audit.append({ type: 'measure.administered', recordType: 'measure', recordId: id, detail: { complete: result.complete } });
    })();
    return this.get(id);
  }

  get(id: string): Administration {
    return toAdministration(requireRow(this.db.prepare('SELECT * FROM measure_administrations WHERE id = ?').get(id) as AdministrationRow | undefined));
  }

  list(clientId: string, courseId: string | null = null): Administration[] {
    this.owners.clients.assertExists(clientId);
    const rows = (
      courseId
        ? this.db.prepare('SELECT * FROM measure_administrations WHERE client_id = ? AND course_id = ? ORDER BY administered_on, administered_at').all(clientId, courseId)
        : this.db.prepare('SELECT * FROM measure_administrations WHERE client_id = ? ORDER BY administered_on, administered_at').all(clientId)
    ) as AdministrationRow[];
    return rows.map(toAdministration);
  }

  settings(): MeasureSettings {
    const row = this.db.prepare('SELECT value FROM practice_settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
    return row ? readJson(measureSettingsSchema, row.value) : measureSettingsSchema.parse({});
  }

  saveSettings(settings: MeasureSettings): MeasureSettings {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO practice_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(SETTINGS_KEY, JSON.stringify(settings), this.now().toISOString());
      this.audit.append({ type: 'settings.changed', detail: { measures: true } });
    })();
    return this.settings();
  }

  /** Baseline = first complete administration in the course; latest = most recent; verdicts named. */
  summary(clientId: string, courseId: string | null): MeasureSummary {
    const administrations = this.list(clientId, courseId);
    const settings = this.settings();
    const change = (id: InstrumentId) => {
      const complete = administrations.filter((a) => a.instrumentId === id && a.complete);
      if (complete.length === 0) return null;
      const first = complete[0]!;
      const latest = complete.at(-1)!;
      const rcSettings = settings[id];
      return {
        first,
        latest,
        difference: latest.total! - first.total!,
        reliableChange: rcSettings && complete.length > 1 ? reliableChange(first.total!, latest.total!, rcSettings) : null,
      };
    };
    const phq9 = change('phq9');
    const gad7 = change('gad7');
    const nhs =
      settings.nhsRules.enabled && phq9 && gad7 && (phq9.first.id !== phq9.latest.id || gad7.first.id !== gad7.latest.id)
        ? nhsOutcome({ first: phq9.first.total!, last: phq9.latest.total! }, { first: gad7.first.total!, last: gad7.latest.total! }, settings.nhsRules.variant)
        : null;
    let due = false;
    let every = 1;
    if (courseId) {
      every = this.owners.courses.measureEvery(courseId);
      const numbered = this.owners.sessions.numbered(courseId);
      const attended = numbered.filter((s) => s.number !== null).map((s) => s.number!);
      const bySession = new Map(numbered.map((s) => [s.id, s.number]));
      const measuredAt = administrations.filter((a) => a.sessionId && bySession.get(a.sessionId)).map((a) => bySession.get(a.sessionId!)!);
      due = measureDue(attended, measuredAt, every);
    }
    return { administrations, phq9, gad7, nhs, due, every };
  }

  chartData(clientId: string): ChartData {
    const points = this.list(clientId)
      .filter((a) => a.complete)
      .map((a) => ({ instrumentId: a.instrumentId, date: a.administeredOn, total: a.total!, band: a.band! }));
    const sessions = this.owners.sessions.rowsForClient(clientId).map((s) => ({
      date: s.date,
      attended: s.attendance === 'attended',
    }));
    const events = this.owners.timeline.eventMarks(clientId);
    return { points, sessions, events };
  }

  // --- client mode ---------------------------------------------------------------------------

  /** The open questionnaire, its JSON columns read through their schemas; null when client mode is off. */
  clientModeState(): ClientModeState | null {
    const row = this.db.prepare('SELECT client_id, session_id, instruments, draft, submitted_ids FROM client_mode WHERE id = 1').get() as
      | { client_id: string; session_id: string | null; instruments: string; draft: string; submitted_ids: string }
      | undefined;
    if (!row) return null;
    return {
      clientId: row.client_id,
      sessionId: row.session_id,
      instruments: readJson(instrumentListSchema, row.instruments),
      draft: readJson(clientModeDraftSchema, row.draft),
      submittedIds: readJson(idListSchema, row.submitted_ids),
    };
  }

  /** What the client's screen may see (never a name or an alert). */
  clientModeView(): ClientModeView {
    const state = this.clientModeState();
    if (!state) return { active: false, instruments: [], draft: { answers: {}, difficulty: {} }, submitted: false };
    return { active: true, instruments: state.instruments, draft: state.draft, submitted: state.submittedIds.length > 0 };
  }

  startClientMode(clientId: string, sessionId: string | null, instruments: InstrumentId[]): void {
    this.db.transaction(() => {
      this.owners.clients.assertExists(clientId);
      if (sessionId) {
        if (this.owners.sessions.findPlace(sessionId)?.clientId !== clientId) throw new AppError('VALIDATION_FAILED', { fields: { sessionId: 'Choose a session of this client.' } });
      }
      this.db.prepare('DELETE FROM client_mode').run();
      const draft: ClientModeDraft = { answers: {}, difficulty: {} };
      for (const id of instruments) {
        draft.answers[id] = instrument(id).items.map(() => null);
        draft.difficulty[id] = null;
      }
      this.db
        .prepare('INSERT INTO client_mode (id, client_id, session_id, instruments, draft, started_at) VALUES (1, ?, ?, ?, ?, ?)')
        .run(clientId, sessionId, JSON.stringify([...new Set(instruments)]), JSON.stringify(draft), this.now().toISOString());
      this.audit.append({ type: 'client_mode.started', recordType: 'client', recordId: clientId });
    })();
  }

  saveClientDraft(draft: ClientModeDraft): void {
    const row = this.clientModeState();
    if (!row) throw new AppError('NOT_FOUND', { message: 'There is no questionnaire open.' });
    const instruments = row.instruments;
    for (const id of Object.keys(draft.answers) as InstrumentId[]) {
      if (!instruments.includes(id) || draft.answers[id]!.length !== instrument(id).items.length) {
        throw new AppError('VALIDATION_FAILED', { fields: { answers: 'These answers do not match the questionnaire.' } });
      }
    }
    this.db.prepare('UPDATE client_mode SET draft = ? WHERE id = 1').run(JSON.stringify(draft));
  }

  /** Stores the client's answers as administrations, dated today. The reply says nothing about risk. */
  submitClientMode(): void {
    this.db.transaction(() => {
      const row = this.clientModeState();
      if (!row) throw new AppError('NOT_FOUND', { message: 'There is no questionnaire open.' });
      if (row.submittedIds.length > 0) return;
      const draft = row.draft;
      const ids: string[] = [];
      for (const id of row.instruments) {
        const answers = draft.answers[id] ?? [];
        const def = instrument(id);
        if (def.riskItem !== null && answers[def.riskItem - 1] === null) {
          throw new AppError('VALIDATION_FAILED', { fields: { [`${id}.${def.riskItem - 1}`]: `Please answer question ${def.riskItem}.` } });
        }
        ids.push(this.administer({ clientId: row.clientId, courseId: null, sessionId: row.sessionId, instrumentId: id, answers, difficulty: draft.difficulty[id] ?? null }, 'client').id);
      }
      this.db.prepare('UPDATE client_mode SET submitted_ids = ? WHERE id = 1').run(JSON.stringify(ids));
    })();
  }

  /** Ends client mode; the therapist now sees what the client's answers need. */
  endClientMode(): { clientId: string; alerts: { administrationId: string; instrumentId: InstrumentId; riskItemAnswer: number }[]; administrations: Administration[] } {
    return this.db.transaction(() => {
      const row = this.clientModeState();
      if (!row) throw new AppError('NOT_FOUND', { message: 'Client mode is not on.' });
      const administrations = row.submittedIds.map((id) => this.get(id));
      const alerts = administrations.flatMap((a) => {
        const def = instrument(a.instrumentId, a.instrumentVersion);
        const answer = def.riskItem === null ? null : a.answers[def.riskItem - 1];
        return answer ? [{ administrationId: a.id, instrumentId: a.instrumentId, riskItemAnswer: answer }] : [];
      });
      this.db.prepare('DELETE FROM client_mode').run();
      this.audit.append({ type: 'client_mode.ended', recordType: 'client', recordId: row.clientId });
      return { clientId: row.clientId, alerts, administrations };
    })();
  }

  /** The ids of the client's questionnaire administrations: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM measure_administrations WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }
}

export { INSTRUMENT_IDS };
