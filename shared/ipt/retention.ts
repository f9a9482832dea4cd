import { calendarDateOfUtc } from '../schemas/dates.ts';

/**
 * How long records are kept, per jurisdiction profile. US default (APA guidance, absent stricter
 * state law): 7 years after the last service, or 3 years after the client turns 18, whichever is
 * later. UK (NHS mental-health practice): 20 years after treatment ends, or 10 years after death.
 * Custom: a number of years after the last contact.
 */
export const RETENTION_PROFILES = ['us', 'uk', 'custom'] as const;
export type RetentionProfile = (typeof RETENTION_PROFILES)[number];

export const RETENTION_PROFILE_LABELS: Record<RetentionProfile, string> = {
  us: 'United States: 7 years after last service, or 3 years after age 18 if later',
  uk: 'United Kingdom (NHS mental health): 20 years after treatment ends, or 10 years after death',
  custom: 'My own rule: a number of years after the last contact',
};

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + n years lands on 1 March in non-leap years; keep the end of February instead.
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return calendarDateOfUtc(date);
}

export interface RetentionInput {
  lastContact: string;
  dateOfBirth: string;
  dateOfDeath: string;
}

export function retentionUntil(input: RetentionInput, profile: RetentionProfile, customYears = 10): string {
  if (profile === 'uk') return input.dateOfDeath ? addYears(input.dateOfDeath, 10) : addYears(input.lastContact, 20);
  if (profile === 'custom') return addYears(input.lastContact, customYears);
  const afterService = addYears(input.lastContact, 7);
  const afterMajority = addYears(addYears(input.dateOfBirth, 18), 3);
  return afterService > afterMajority ? afterService : afterMajority;
}
