import { z } from 'zod';
import { isoDate, isoDateTime, pastOrTodayIsoDate } from './dates.ts';

const text = (max: number) => z.string().trim().max(max, { message: `Keep this under ${max} characters.` });
const optionalText = (max: number) => text(max).default('');

const email = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Enter a valid email address, like name@example.org.' })
  .default('');

export const clientId = z.uuid({ message: 'Not a valid record id.' });

export const clientIdentifierSchema = z.strictObject({
  type: text(60).min(1, { message: 'Say what kind of identifier this is (for example NHS number).' }),
  value: text(80).min(1, { message: 'Enter the identifier.' }),
});

export const emergencyContactSchema = z.strictObject({
  name: optionalText(200),
  relationship: optionalText(100),
  phone: optionalText(40),
});

export const referrerSchema = z.strictObject({
  name: optionalText(200),
  practice: optionalText(200),
  address: optionalText(500),
  email,
});

export const GP_CONSENT = ['unset', 'yes', 'no'] as const;

/** The editable part of a client record: what the form sends. */
export const clientInputSchema = z
  .strictObject({
    fullName: text(200).min(1, { message: 'Enter the client’s full name.' }),
    preferredName: optionalText(100),
    dateOfBirth: pastOrTodayIsoDate,
    pronouns: optionalText(40),
    phone: optionalText(40),
    email,
    address: optionalText(500),
    identifiers: z.array(clientIdentifierSchema).max(10).default([]),
    emergencyContact: emergencyContactSchema.default({ name: '', relationship: '', phone: '' }),
    referrer: referrerSchema.default({ name: '', practice: '', address: '', email: '' }),
    presentingProblem: optionalText(5000),
    gpConsent: z.enum(GP_CONSENT).default('unset'),
    gpConsentDate: z.union([z.literal(''), pastOrTodayIsoDate]).default(''),
    dateOfDeath: z.union([z.literal(''), pastOrTodayIsoDate]).default(''),
  })
  .superRefine((c, ctx) => {
    if (c.dateOfDeath && c.dateOfDeath < c.dateOfBirth) {
      ctx.addIssue({ code: 'custom', path: ['dateOfDeath'], message: 'Date of death cannot be before date of birth.' });
    }
    if (c.gpConsent !== 'unset' && c.gpConsentDate === '') {
      ctx.addIssue({ code: 'custom', path: ['gpConsentDate'], message: 'Enter the date consent was given or refused.' });
    }
  });

export type ClientInput = z.input<typeof clientInputSchema>;
export type ClientFields = z.output<typeof clientInputSchema>;

export const clientSchema = z.strictObject({
  id: clientId,
  fields: clientInputSchema,
  archivedAt: z.union([z.null(), isoDateTime]),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Client = z.output<typeof clientSchema>;

export const clientSummarySchema = z.strictObject({
  id: clientId,
  fullName: z.string(),
  preferredName: z.string(),
  dateOfBirth: isoDate,
  archived: z.boolean(),
  updatedAt: isoDateTime,
});
export type ClientSummary = z.output<typeof clientSummarySchema>;

export const clientListQuerySchema = z.strictObject({
  status: z.enum(['active', 'archived', 'all']).default('active'),
  nameFilter: z.string().trim().max(200).default(''),
});
export type ClientListQuery = z.input<typeof clientListQuerySchema>;

export const clientUpdateSchema = z.strictObject({
  id: clientId,
  /** The updatedAt the form was loaded with: a stale form gets CONFLICT instead of overwriting. */
  expectedUpdatedAt: isoDateTime,
  fields: clientInputSchema,
});
