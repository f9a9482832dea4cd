import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, unlockedVault } from '../support/vault-fixture.ts';

type Fixture = Awaited<ReturnType<typeof unlockedVault>>;

describe('client records', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await unlockedVault();
  });
  afterAll(() => f.cleanup());

  it('stores and returns every field', async () => {
    const fields = {
      fullName: 'Margaret Hamilton',
      preferredName: 'Maggie',
      dateOfBirth: '1976-08-17',
      pronouns: 'she/her',
      phone: '+44 20 7946 0000',
      email: 'maggie@example.org',
      address: '1 Apollo Way\nCambridge',
      identifiers: [
        { type: 'NHS number', value: '943 476 5919' },
        { type: 'Insurance id', value: 'INS-1' },
      ],
      emergencyContact: { name: 'James', relationship: 'Partner', phone: '07700 900000' },
      referrer: { name: 'Dr Okafor', practice: 'Riverside Surgery', address: '2 River Rd', email: 'gp@example.nhs.uk' },
      presentingProblem: 'Low mood after retirement.',
      gpConsent: 'yes' as const,
      gpConsentDate: '2026-01-05',
      dateOfDeath: '',
    };
    const created = expectOk(await f.services.call('clients.create', { fields }));
    expect(created.fields).toEqual(fields);
    expect(created.archivedAt).toBeNull();
    expect(expectOk(await f.services.call('clients.get', { id: created.id })).fields).toEqual(fields);
  });

  it('trims text and fills defaults for optional fields', async () => {
    const created = expectOk(await f.services.call('clients.create', { fields: { fullName: '  Spaced Name  ', dateOfBirth: '1990-01-01' } }));
    expect(created.fields.fullName).toBe('Spaced Name');
    expect(created.fields.identifiers).toEqual([]);
    expect(created.fields.gpConsent).toBe('unset');
  });

  it('lists by name, case-insensitively, and filters by a fragment of the full or preferred name', async () => {
    for (const name of ['zoe Adams', 'Bob Brown', 'alice Cooper', '100% Real']) {
      expectOk(await f.services.call('clients.create', { fields: { fullName: name, dateOfBirth: '1980-01-01', preferredName: name === 'Bob Brown' ? 'Robbie' : '' } }));
    }
    const names = expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName);
    const sorted = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(names).toEqual(sorted);
    expect(expectOk(await f.services.call('clients.list', { nameFilter: 'COOP' })).map((c) => c.fullName)).toEqual(['alice Cooper']);
    expect(expectOk(await f.services.call('clients.list', { nameFilter: 'robbie' })).map((c) => c.fullName)).toEqual(['Bob Brown']);
    // LIKE wildcards in the filter are literal characters.
    expect(expectOk(await f.services.call('clients.list', { nameFilter: '%' })).map((c) => c.fullName)).toEqual(['100% Real']);
    expect(expectOk(await f.services.call('clients.list', { nameFilter: '_' }))).toEqual([]);
  });

  it('archives and restores; the list shows active, archived or all', async () => {
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Archie Vist', dateOfBirth: '1970-01-01' } }));
    const archived = expectOk(await f.services.call('clients.archive', { id: c.id }));
    expect(archived.archivedAt).not.toBeNull();
    const active = expectOk(await f.services.call('clients.list', { status: 'active' })).map((x) => x.id);
    const onlyArchived = expectOk(await f.services.call('clients.list', { status: 'archived' })).map((x) => x.id);
    const all = expectOk(await f.services.call('clients.list', { status: 'all' })).map((x) => x.id);
    expect(active).not.toContain(c.id);
    expect(onlyArchived).toEqual([c.id]);
    expect(all).toContain(c.id);
    const restored = expectOk(await f.services.call('clients.restore', { id: c.id }));
    expect(restored.archivedAt).toBeNull();
    expect(Date.parse(restored.updatedAt)).toBeGreaterThan(Date.parse(archived.updatedAt) - 1);
  });

  it('updates with the version it was loaded with; a second stale update is refused', async () => {
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Ed Itor', dateOfBirth: '1960-06-06' } }));
    const updated = expectOk(await f.services.call('clients.update', { id: c.id, expectedUpdatedAt: c.updatedAt, fields: { fullName: 'Ed Itor', dateOfBirth: '1960-06-06', pronouns: 'he/him' } }));
    expect(updated.fields.pronouns).toBe('he/him');
    expect(updated.createdAt).toBe(c.createdAt);
    expect(updated.updatedAt > c.updatedAt).toBe(true);
    const stale = await f.services.call('clients.update', { id: c.id, expectedUpdatedAt: c.updatedAt, fields: { fullName: 'Lost Write', dateOfBirth: '1960-06-06' } });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('CONFLICT');
  });

  it('audits creation, change, archive and restore with opaque ids only', async () => {
    const c = expectOk(await f.services.call('clients.create', { fields: { fullName: 'Audrey Trail', dateOfBirth: '1999-09-09', presentingProblem: 'Sensitive words' } }));
    expectOk(await f.services.call('clients.update', { id: c.id, expectedUpdatedAt: c.updatedAt, fields: { fullName: 'Audrey Trail', dateOfBirth: '1999-09-09' } }));
    expectOk(await f.services.call('clients.archive', { id: c.id }));
    expectOk(await f.services.call('clients.restore', { id: c.id }));
    const db = f.services.vault.database();
    const rows = db.prepare('SELECT type, record_type, record_id FROM audit_log WHERE record_id = ? ORDER BY seq').all(c.id);
    expect(rows).toEqual(['client.created', 'client.changed', 'client.archived', 'client.restored'].map((type) => ({ type, record_type: 'client', record_id: c.id })));
    const everything = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toMatch(/Audrey|Trail|Sensitive/);
    expect(everything).toContain('vault.created');
  });

  it('keeps the audit trail append-only', () => {
    const db = f.services.vault.database();
    expect(() => db.prepare('UPDATE audit_log SET type = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
