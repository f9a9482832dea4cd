import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract } from '../../shared/contract.ts';
import { createServices, expectOk, unlockedVault } from '../support/vault-fixture.ts';
import { tempDir } from '../support/temp.ts';

type Fixture = Awaited<ReturnType<typeof unlockedVault>>;

function rowCounts(f: Fixture): { clients: number; audit: number; identifiers: number } {
  const db = f.services.vault.database();
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { clients: count('clients'), audit: count('audit_log'), identifiers: count('client_identifiers') };
}

const valid = { fullName: 'Grace Hopper', dateOfBirth: '1986-12-09' };


describe('contract: every channel validates its input in main', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await unlockedVault();
  });
  afterAll(() => f.cleanup());

  it('declares strict input schemas that reject unknown keys on every channel', async () => {
    for (const name of CHANNEL_NAMES) {
      const result = contract[name].input.safeParse({ surprise: 1 });
      expect(result.success, name).toBe(false);
    }
  });

  it('refuses an unknown channel and non-object inputs with typed errors', async () => {
    const unknown = await f.services.dispatch('clients.drop', {});
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('UNKNOWN_CHANNEL');
    for (const input of [null, 'text', 42, [], undefined]) {
      const result = await f.services.dispatch('clients.create', input);
      expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('rejects bad client input field by field, with plain messages, and writes nothing', async () => {
    const before = rowCounts(f);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...valid, fullName: '' }, 'fields.fullName', /full name/i],
      [{ ...valid, fullName: '   ' }, 'fields.fullName', /full name/i],
      [{ dateOfBirth: valid.dateOfBirth }, 'fields.fullName', /required/i],
      [{ ...valid, dateOfBirth: '2023-02-30' }, 'fields.dateOfBirth', /real date/i],
      [{ ...valid, dateOfBirth: '09/12/1986' }, 'fields.dateOfBirth', /real date/i],
      [{ ...valid, dateOfBirth: '2099-01-01' }, 'fields.dateOfBirth', /future/i],
      [{ ...valid, email: 'grace@' }, 'fields.email', /valid email/i],
      [{ ...valid, dateOfDeath: '1980-01-01' }, 'fields.dateOfDeath', /before date of birth/i],
      [{ ...valid, gpConsent: 'yes' }, 'fields.gpConsentDate', /date consent/i],
      [{ ...valid, gpConsent: 'maybe' }, 'fields.gpConsent', /.+/],
      [{ ...valid, fullName: 'x'.repeat(201) }, 'fields.fullName', /under 200/i],
      [{ ...valid, identifiers: [{ type: '', value: '1' }] }, 'fields.identifiers.0.type', /kind of identifier/i],
      [{ ...valid, nickname: 'G' }, 'fields', /unexpected field/i],
    ];
    for (const [fields, path, message] of cases) {
      const result = await f.services.call('clients.create', { fields } as never);
      expect(result.ok, JSON.stringify(fields).slice(0, 80)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION_FAILED');
        expect(result.error.message).toMatch(/need attention/);
        expect(result.error.fields?.[path], `${path} for ${JSON.stringify(fields).slice(0, 60)}`).toMatch(message);
      }
    }
    expect(rowCounts(f)).toEqual(before);
  });

  it('rejects bad ids and stale updates without writing', async () => {
    const client = expectOk(await f.services.call('clients.create', { fields: valid }));
    const before = rowCounts(f);
    const badId = await f.services.call('clients.get', { id: 'not-a-uuid' });
    expect(badId.ok ? 'ok' : badId.error.code).toBe('VALIDATION_FAILED');
    const missing = await f.services.call('clients.archive', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
    const stale = await f.services.call('clients.update', {
      id: client.id,
      expectedUpdatedAt: '2000-01-01T00:00:00.000Z',
      fields: { ...valid, fullName: 'Changed' },
    });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('CONFLICT');
    expect(rowCounts(f)).toEqual(before);
    expect(expectOk(await f.services.call('clients.get', { id: client.id })).fields.fullName).toBe('Grace Hopper');
  });

  it('errors carry a code and a message only: no stack, no SQL, no record data', async () => {
    const result = await f.services.call('clients.create', { fields: { ...valid, email: 'Grace Hopper <x' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const text = JSON.stringify(result.error);
      expect(text).not.toMatch(/at .*\.ts:\d+|SQLITE|Error:/);
      expect(text).not.toContain('Grace Hopper');
    }
  });
});

describe('contract: locked vault', () => {
  it('refuses record channels while locked, before looking at the input, but answers status and settings', async () => {
    const dir = tempDir();
    const services = createServices(dir.path);
    const unlockedOnly = CHANNEL_NAMES.filter((n) => contract[n].access === 'unlocked');
    expect(unlockedOnly.length).toBeGreaterThan(20);
    for (const name of unlockedOnly) {
      const result = await services.dispatch(name, {});
      expect(result.ok ? 'ok' : result.error.code, name).toBe('VAULT_LOCKED');
    }
    expect((await services.call('vault.status', {})).ok).toBe(true);
    expect((await services.call('settings.get', {})).ok).toBe(true);
    dir.remove();
  });
});
