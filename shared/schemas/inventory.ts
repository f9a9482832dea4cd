import { z } from 'zod';
import {
  ARGUMENT_FREQUENCIES,
  CONTACT_FREQUENCIES,
  MET,
  ONSET_ROLES,
  RELATIONSHIP_TYPES,
  YES_NO_UNSURE,
} from '../ipt/vocabulary.ts';
import { isoDateTime } from './dates.ts';
import { uuid } from './course.ts';

const text = (max = 2000) => z.string().trim().max(max, { message: `Keep this under ${max} characters.` }).default('');

/** One important person in the client's life: a row of the interpersonal inventory. */
export const personFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Enter a name or initials.' }).max(100, { message: 'Keep this under 100 characters.' }),
  relationship: z.enum(RELATIONSHIP_TYPES),
  relationshipOther: text(100),
  age: z.number().int().min(0).max(120).nullable().default(null),
  livesWithClient: z.boolean().default(false),
  contactFrequency: z.enum(CONTACT_FREQUENCIES).default('unset'),
  timeTogether: text(),
  sharedActivities: text(),
  values: text(),
  dislikes: text(),
  canTalkAbout: text(),
  cannotTalkAbout: text(),
  knowsAboutDifficulties: z.enum(YES_NO_UNSURE).default('unset'),
  feelingsWhenTogether: text(),
  argueFrequency: z.enum(ARGUMENT_FREQUENCIES).default('unset'),
  howArgumentsEnd: text(),
  clientExpectations: text(),
  theirExpectations: text(),
  expectationsMet: z.enum(MET).default('unset'),
  wishToChange: text(),
  roleNearOnset: z.enum(ONSET_ROLES).default('unset'),
  notes: text(8000),
});
export type PersonFields = z.output<typeof personFieldsSchema>;
export type PersonInput = z.input<typeof personFieldsSchema>;

export const personSchema = z.strictObject({
  id: uuid,
  clientId: uuid,
  position: z.number().int(),
  fields: personFieldsSchema,
  archivedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Person = z.output<typeof personSchema>;

export const personUsageSchema = z.strictObject({
  /** Plain descriptions of where the person is referred to, e.g. "Grief focus of the acute course". */
  usedIn: z.array(z.string()),
});

/** Removing a person who is referred to elsewhere is refused; the answer says where. */
export const personRemoveResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('removed') }),
  z.strictObject({ outcome: z.literal('in-use'), usedIn: z.array(z.string()) }),
]);
