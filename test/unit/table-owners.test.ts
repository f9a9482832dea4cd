/**
 * "A repository reads only the tables it owns" (docs/architecture.md): every table a file in
 * electron/main/data/ names in SQL is one its doc comments claim (`table`), and no table is
 * claimed by two files. Migrations and vault/ are exempt: they build the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dataDir = join(import.meta.dirname, '..', '..', 'electron', 'main', 'data');
const files = readdirSync(dataDir).filter((f) => f.endsWith('.ts'));
/** SQL keywords are upper case in this code base, so English "from" in prose is not read as SQL. */
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)/g;
const TABLE_FUNCTIONS = new Set(['json_each']);

function tablesNamed(source: string): Set<string> {
  return new Set([...source.matchAll(SQL_TABLE)].map((m) => m[1]!).filter((t) => !TABLE_FUNCTIONS.has(t)));
}

function tablesClaimed(source: string, known: Set<string>): Set<string> {
  const comments = source.match(/\/\*\*[\s\S]*?\*\//g) ?? [];
  return new Set(comments.flatMap((c) => [...c.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!)).filter((t) => known.has(t)));
}

describe('each repository reads only the tables it owns', () => {
  const sources = new Map(files.map((f) => [f, readFileSync(join(dataDir, f), 'utf8')]));
  const named = new Map([...sources].map(([f, s]) => [f, tablesNamed(s)]));
  const known = new Set([...named.values()].flatMap((t) => [...t]));

  it('names in SQL only the tables its doc comments claim', () => {
    expect(known.size).toBeGreaterThan(30);
    const strays = [...named].flatMap(([f, tables]) => {
      const claimed = tablesClaimed(sources.get(f)!, known);
      return [...tables].filter((t) => !claimed.has(t)).map((t) => `${f} reads ${t}`);
    });
    expect(strays).toEqual([]);
  });

  it('has one owner per table', () => {
    const owners = new Map<string, string[]>();
    for (const [f, tables] of named) for (const t of tables) owners.set(t, [...(owners.get(t) ?? []), f]);
    expect([...owners].filter(([, fs]) => fs.length > 1).map(([t, fs]) => `${t}: ${fs.join(', ')}`)).toEqual([]);
  });
});
