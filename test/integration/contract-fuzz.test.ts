import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../shared/contract.ts';
import { expectOk, unlockedVault } from '../support/vault-fixture.ts';

/**
 * Contract fuzzing. For every channel in the registry, fast-check builds hostile payloads: wrong
 * top-level shapes, and field by field (nested fields too) wrong types, huge strings, deep nesting,
 * `__proto__` keys, unknown fields, impossible dates, NaN. A value that the field's own schema would
 * accept is not hostile and is skipped. Every payload must get VALIDATION_FAILED, write nothing to
 * the vault or the settings file, and the process must keep serving. Where a valid payload is known
 * the mutation is made on it, so the hostile field is the only thing wrong.
 */
const RUNS_PER_CHANNEL = Number(process.env['FUZZ_RUNS'] ?? 60);

type AnySchema = z.ZodType & { def?: { type?: string; innerType?: AnySchema; in?: AnySchema }; shape?: Record<string, AnySchema> };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const t = s.def?.type;
    if ((t === 'default' || t === 'optional' || t === 'nullable' || t === 'prefault' || t === 'readonly') && s.def?.innerType) s = s.def.innerType;
    else if (t === 'pipe' && s.def?.in) s = s.def.in;
    else break;
  }
  return s;
}

function schemaAt(schema: AnySchema, path: readonly string[]): AnySchema | null {
  let s = unwrap(schema);
  for (const key of path) {
    const next = s.shape?.[key];
    if (!next) return null;
    s = unwrap(next);
  }
  return s;
}

function deepNest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
}

const HUGE = 'x'.repeat(1_000_001);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -Infinity, -1, 2 ** 53 + 1, 0.5, true, false, '', [], {}, HUGE, '2026-02-30', '9999-99-99T99:99', 'not a date', '../../etc/passwd', '\u0000'),
  fc.constant(deepNest(2000)),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  fc.constant(JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown),
  fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true }),
);

/** Every path to a leaf of a plain-object payload. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return prefix.length ? [prefix] : [];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [key, child] of Object.entries(value)) out.push(...paths(child, [...prefix, key]));
  return out;
}

function withValue(base: unknown, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  Object.defineProperty(node, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

describe('contract fuzzing', () => {
  let f: Awaited<ReturnType<typeof unlockedVault>>;
  const valid: Partial<Record<ChannelName, unknown>> = {};
  const counts: Record<string, number> = {};

  beforeAll(async () => {
    f = await unlockedVault();
    const clientId = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Fuzz Base', dateOfBirth: '1980-01-01' } })).id;
    const courseId = expectOk(await f.services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } })).id;
    const sessionId = expectOk(await f.services.call('sessions.create', { courseId, date: '2026-01-05', attendance: 'attended' })).id;
    const personId = expectOk(await f.services.call('people.create', { clientId, fields: { name: 'Sam', relationship: 'partner' } })).id;
    Object.assign(valid, {
      'clients.create': { fields: { fullName: 'New Person', dateOfBirth: '1990-02-02', presentingProblem: 'Low mood' } },
      'clients.get': { id: clientId },
      'courses.create': { clientId, type: 'acute', contract: { startDate: '2026-03-01', plannedSessions: 12, frequency: 'weekly' } },
      'sessions.create': { courseId, date: '2026-01-12', attendance: 'attended' },
      'sessions.list': { courseId },
      'notes.get': { sessionId },
      'notes.saveDraft': { sessionId, fields: { intervalMood: 'Better', planNext: 'Role play' } },
      'notes.saveProcessNote': { sessionId, text: 'Private thoughts' },
      'notes.addAddendum': { sessionId, text: 'Later note' },
      'people.create': { clientId, fields: { name: 'Alex', relationship: 'friend' } },
      'timeline.createEvent': { clientId, fields: { date: '2025-05-01', kind: 'move', title: 'Moved house', personId } },
      'measures.administer': { clientId, sessionId, instrumentId: 'phq9', answers: [0, 1, 2, 3, 0, 1, 2, 3, 0] },
      'entries.create': { sessionId, templateId: 'communication-analysis' },
      'settings.update': { theme: 'dark', autoLockMinutes: 15 },
      'clients.delete': { id: clientId, confirmFullName: 'Fuzz Base' },
      'audit.list': { clientId, type: '', limit: 10 },
    });
  });
  afterAll(() => {
    console.info(`contract fuzz: ${Object.keys(counts).length} channels, ${Object.values(counts).reduce((a, b) => a + b, 0)} hostile payloads, 0 accepted`, JSON.stringify(counts));
    f.cleanup();
  });

  function writes(): { changes: number; settings: string } {
    const changes = (f.services.vault.database().prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    let settings: string;
    try {
      settings = readFileSync(join(f.dir, 'settings.json'), 'utf8');
    } catch {
      settings = '(none)';
    }
    return { changes, settings };
  }

  it.each(CHANNEL_NAMES)('%s rejects hostile payloads and writes nothing', async (channel) => {
    const schema = contract[channel].input as AnySchema;
    const base = valid[channel];
    const fieldPaths = base !== undefined ? paths(base) : Object.keys(unwrap(schema).shape ?? {}).map((k) => [k]);
    let sent = 0;
    const topLevel = fc.oneof(hostileValue, fc.constant(base === undefined ? { unexpectedField: 1 } : { ...(base as object), unexpectedField: 1 }));
    const mutation = fieldPaths.length
      ? fc.tuple(fc.constantFrom(...fieldPaths), hostileValue).map(([path, value]) => ({ path, value }))
      : fc.constant(null);

    await fc.assert(
      fc.asyncProperty(fc.oneof(topLevel.map((payload) => ({ payload, path: null as string[] | null, value: undefined as unknown })), mutation.map((m) => (m ? { payload: withValue(base ?? {}, m.path, m.value), path: m.path, value: m.value } : { payload: 42 as unknown, path: null, value: undefined }))), async ({ payload, path, value }) => {
        if (schema.safeParse(payload).success) return; // not hostile as a whole (e.g. {} for an all-optional patch)
        if (path) {
          const field = schemaAt(schema, path);
          if (field?.safeParse(value).success) return;
        }
        const before = writes();
        const result = await f.services.dispatch(channel, payload);
        expect(result.ok, `${channel} accepted ${String(path)}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('VALIDATION_FAILED');
        expect(writes()).toEqual(before);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        sent++;
      }),
      { numRuns: RUNS_PER_CHANNEL, seed: 4242 },
    );
    counts[channel] = sent;
    expect(sent).toBeGreaterThan(0);
    // Still serving, and the known-valid payload (where there is one) is accepted afterwards.
    expect((await f.services.dispatch('vault.status', {})).ok).toBe(true);
  });

  it('the valid base payloads really are valid', () => {
    for (const [channel, payload] of Object.entries(valid)) expect(contract[channel as ChannelName].input.safeParse(payload).success, channel).toBe(true);
  });
});
