import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One rule for dates: an instant (created, signed, administered at...) is stored in UTC and
 * becomes a calendar date only through `localDateOf` in shared/schemas/dates.ts, in the user's
 * time zone. Taking the first ten characters of a UTC instant dates a PHQ-9 taken at 20:30 in
 * New York on the next day, and a morning session in Sydney on the day before. This scan fails
 * on every source line that dates something by cutting a string, and names each place.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['electron', 'shared', 'renderer'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

const PATTERNS: { name: string; re: RegExp }[] = [
  { name: '.slice(0, 10)', re: /\.slice\(\s*0\s*,\s*10\s*\)/ },
  { name: '.substring(0, 10)', re: /\.substring\(\s*0\s*,\s*10\s*\)/ },
  { name: '.substr(', re: /\.substr\(/ },
  { name: 'SQL substr(…, 1, 10)', re: /\bsubstr\(\s*[\w.]+\s*,\s*1\s*,\s*10\s*\)/i },
  { name: 'toISOString().slice/substring/split', re: /toISOString\(\)\s*\.\s*(slice|substring|substr|split)\(/ },
  { name: "split('T')", re: /\.split\(\s*['"`]T['"`]\s*\)/ },
  { name: 'date(…) in SQL on an *_at column', re: /\b(date|strftime|julianday)\(\s*[\w.]*_at\b/i },
];

/**
 * Lines allowed to match, each with the reason it does not date an instant. A line is matched by
 * its file and a fragment of its text, so an edit that moves it keeps it allowed and any other
 * line in the same file is still checked.
 */
const ALLOWED: { file: string; fragment: string; reason: string }[] = [
  {
    file: 'electron/main/data/vault/migrations/003-notes-techniques-search.ts',
    fragment: 'substr(created_at, 1, 10)',
    reason:
      'A shipped migration (never edited): it indexed the clients that existed when it first ran. ' +
      'On a new vault the clients table is empty then; each client is re-dated by clients.ts on the next update.',
  },
];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

function findings(): string[] {
  const found: string[] = [];
  for (const folder of FOLDERS) {
    for (const path of sources(join(ROOT, folder))) {
      const file = relative(ROOT, path).split('\\').join('/');
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const hits = PATTERNS.filter((p) => p.re.test(line)).map((p) => p.name);
          if (hits.length === 0 || ALLOWED.some((a) => a.file === file && line.includes(a.fragment))) return;
          found.push(`${file}:${i + 1}: ${hits.join(', ')}: ${line.trim().slice(0, 160)}`);
        });
    }
  }
  return found;
}

describe('dates are never cut out of instants', () => {
  it('no source line in electron/, shared/ or renderer/ dates a string by slicing it', () => {
    expect(findings()).toEqual([]);
  });

  it('the scan finds each pattern it is meant to find (so an empty list means something)', () => {
    const samples = [
      "a.administeredAt.slice(0, 10)",
      'x.substring(0,10)',
      'createdAt.substr(0, 10)',
      "SELECT substr(created_at, 1, 10) FROM clients",
      'new Date().toISOString().slice(0, 10)',
      "signedAt.split('T')[0]",
      "SELECT date(administered_at) FROM measure_administrations",
    ];
    for (const s of samples) expect(PATTERNS.some((p) => p.re.test(s)), s).toBe(true);
    expect(PATTERNS.some((p) => p.re.test("const [y, m] = iso.split('-')"))).toBe(false);
  });

  it('every allowed line still exists (a stale allowance is removed, not kept)', () => {
    for (const a of ALLOWED) {
      expect(a.reason.length, a.file).toBeGreaterThan(20);
      expect(readFileSync(join(ROOT, a.file), 'utf8'), a.file).toContain(a.fragment);
    }
  });
});
