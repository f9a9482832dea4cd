/**
 * Deterministic generator of practice data for the benchmark (and later issues' larger seeds).
 * The same seed always gives the same records.
 */
import type { ClientFields } from '../shared/schemas/client.ts';

/** mulberry32: small, fast and good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Ada', 'Bilal', 'Chen', 'Dara', 'Eilidh', 'Femi', 'Grace', 'Hamid', 'Ines', 'Jonah', 'Kiri', 'Lena', 'Mateo', 'Niamh', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tomasz', 'Uma', 'Viktor', 'Wen', 'Xavier', 'Yara', 'Zofia'];
const FAMILY = ['Abbott', 'Bose', 'Castillo', 'Dimitrov', 'Evans', 'Fischer', 'Gallagher', 'Haddad', 'Ibrahim', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quirke', 'Rahman', 'Silva', 'Thompson', 'Umarov', 'Vasquez', 'Williams', 'Xu', 'Yilmaz', 'Zhang'];
const PROBLEMS = ['Low mood since a bereavement', 'Conflict with partner about caring duties', 'Isolation after moving for work', 'Struggling after retirement', 'Anxiety and low mood after becoming a parent'];

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function clientFields(random: () => number, index: number): ClientFields {
  const given = pick(random, GIVEN);
  const family = pick(random, FAMILY);
  const year = 1940 + Math.floor(random() * 65);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return {
    fullName: `${given} ${family} ${index}`,
    preferredName: random() < 0.3 ? given.slice(0, 3) : '',
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    pronouns: '',
    phone: `07700 9${String(index).padStart(5, '0')}`,
    email: `${given.toLowerCase()}.${index}@example.org`,
    address: `${1 + (index % 200)} Example Street\nTown`,
    identifiers: [{ type: 'NHS number', value: String(9_000_000_000 + index) }],
    emergencyContact: { name: '', relationship: '', phone: '' },
    referrer: { name: 'Dr Example', practice: 'Example Surgery', address: '', email: '' },
    presentingProblem: pick(random, PROBLEMS),
    gpConsent: 'unset',
    gpConsentDate: '',
    dateOfDeath: '',
  };
}
