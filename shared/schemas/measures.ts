import { z } from 'zod';
import { INSTRUMENT_IDS } from '../ipt/instruments.ts';
import { uuid } from './course.ts';
import { isoDate, isoDateTime, pastOrTodayIsoDate } from './dates.ts';

export const answerSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.null()]);
export const instrumentId = z.enum(INSTRUMENT_IDS);

export const administerSchema = z.strictObject({
  clientId: uuid,
  courseId: z.union([z.null(), uuid]).default(null),
  sessionId: z.union([z.null(), uuid]).default(null),
  instrumentId,
  answers: z.array(answerSchema).min(7).max(9),
  difficulty: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.null()]).default(null),
  /** The day the client answered (a paper form from last week is dated last week); today when left out. */
  administeredOn: pastOrTodayIsoDate.optional(),
});

export const administrationSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  courseId: uuid.nullable(),
  sessionId: uuid.nullable(),
  instrumentId,
  instrumentVersion: z.number().int(),
  language: z.string(),
  administeredBy: z.enum(['therapist', 'client']),
  /** The calendar day the client answered: what charts, the change table, letters and FHIR show. */
  administeredOn: isoDate,
  /** The instant the answers were stored (UTC); the audit's "when", never shown as the questionnaire's date. */
  administeredAt: isoDateTime,
  answers: z.array(answerSchema),
  difficulty: answerSchema,
  complete: z.boolean(),
  total: z.number().int().nullable(),
  band: z.string().nullable(),
});
export type Administration = z.output<typeof administrationSchema>;

const reliableChangeSettings = z.strictObject({
  sd: z.number().positive({ message: 'Enter the standard deviation (above 0).' }).max(100),
  reliability: z.number().gt(0, { message: 'Reliability is between 0 and 1.' }).lt(1, { message: 'Reliability is between 0 and 1.' }),
  source: z.string().trim().min(1, { message: 'Say where these figures come from.' }).max(300),
});

export const measureSettingsSchema = z.strictObject({
  phq9: reliableChangeSettings.nullable().default(null),
  gad7: reliableChangeSettings.nullable().default(null),
  nhsRules: z.strictObject({ enabled: z.boolean(), variant: z.enum(['or', 'and']) }).default({ enabled: false, variant: 'or' }),
});
export type MeasureSettings = z.output<typeof measureSettingsSchema>;

const change = z.strictObject({
  first: administrationSchema,
  latest: administrationSchema,
  difference: z.number().int(),
  reliableChange: z
    .strictObject({ rc: z.number(), sDiff: z.number(), minimumReliableChange: z.number(), verdict: z.string(), rule: z.string() })
    .nullable(),
});

export const measureSummarySchema = z.strictObject({
  administrations: z.array(administrationSchema),
  phq9: change.nullable(),
  gad7: change.nullable(),
  nhs: z
    .strictObject({
      casenessAtStart: z.boolean(),
      reliableImprovement: z.boolean(),
      reliableDeterioration: z.boolean(),
      recovery: z.boolean(),
      reliableRecovery: z.boolean(),
      summary: z.string(),
      rules: z.array(z.string()),
    })
    .nullable(),
  due: z.boolean(),
  every: z.number().int(),
});
export type MeasureSummary = z.output<typeof measureSummarySchema>;

export const chartDataSchema = z.strictObject({
  points: z.array(z.strictObject({ instrumentId, date: isoDate, total: z.number().int(), band: z.string() })),
  sessions: z.array(z.strictObject({ date: isoDate, attended: z.boolean() })),
  events: z.array(z.strictObject({ date: isoDate, title: z.string() })),
});
export type ChartData = z.output<typeof chartDataSchema>;

export const clientModeStartSchema = z.strictObject({
  clientId: uuid,
  sessionId: z.union([z.null(), uuid]).default(null),
  instruments: z.array(instrumentId).min(1).max(2),
});

export const clientModeDraftSchema = z.strictObject({
  answers: z.partialRecord(z.enum(INSTRUMENT_IDS), z.array(answerSchema).max(9)),
  difficulty: z.partialRecord(z.enum(INSTRUMENT_IDS), answerSchema),
});
export type ClientModeDraft = z.output<typeof clientModeDraftSchema>;

/** What the client's screen may know: never the client's name or any alert. */
export const clientModeViewSchema = z.strictObject({
  active: z.boolean(),
  instruments: z.array(instrumentId),
  draft: clientModeDraftSchema,
  submitted: z.boolean(),
});

export const clientModeExitSchema = z.strictObject({ passphrase: z.string().min(1, { message: 'Enter your passphrase.' }).max(1024) });

export const clientModeExitResultSchema = z.strictObject({
  clientId: uuid,
  alerts: z.array(z.strictObject({ administrationId: uuid, instrumentId, riskItemAnswer: z.number().int() })),
  administrations: z.array(administrationSchema),
});
