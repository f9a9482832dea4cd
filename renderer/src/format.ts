/** Dates in the user's locale. Stored dates are calendar dates (YYYY-MM-DD), shown without shifting. */
const dateFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const countFormatter = new Intl.NumberFormat();

/** A count in the user's locale: 2,001 in English, 2.001 in German. */
export function formatCount(n: number): string {
  return countFormatter.format(n);
}

export function formatDate(isoDate: string): string {
  if (!isoDate) return '';
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(time) ? isoDate : dateFormatter.format(time);
}

export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTimeFormatter.format(time);
}

export function ageOn(isoDate: string, today = new Date()): number | null {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return null;
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age;
}

const pluralRules = new Intl.PluralRules();

/**
 * A count and its noun, chosen by the locale's plural rules rather than an "s" suffix:
 * `plural(1, { one: 'client', other: 'clients' })` gives "1 client"; 2001 gives "2,001 clients".
 */
export function plural(n: number, forms: { one: string; other: string }): string {
  return `${formatCount(n)} ${pluralRules.select(n) === 'one' ? forms.one : forms.other}`;
}
