import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyConnectionPragmas, hasPlaintextHeader, openEncryptedDatabase, type Db } from '../../electron/main/services/vault/database.ts';
import { migrate, schemaVersion } from '../../electron/main/services/vault/migrate.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/main/services/vault/migrations/index.ts';
import type { Migration } from '../../electron/main/services/vault/migrations/types.ts';
import { tempDir } from '../support/temp.ts';

function keyedFile(): { db: Db; path: string; key: string; remove: () => void } {
  const dir = tempDir();
  const path = join(dir.path, 'm.db');
  const key = randomBytes(32).toString('hex');
  const db = openEncryptedDatabase(path, key);
  applyConnectionPragmas(db);
  return { db, path, key, remove: () => { db.close(); dir.remove(); } };
}

function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index','trigger') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 initial: creates clients, identifiers and the append-only audit log on a keyed file', () => {
    const f = keyedFile();
    migrate(f.db, MIGRATIONS, 1);
    expect(schemaVersion(f.db)).toBe(1);
    expect(tables(f.db)).toEqual(expect.arrayContaining(['clients', 'client_identifiers', 'audit_log', 'audit_log_no_update', 'audit_log_no_delete', 'clients_by_name']));
    f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, created_at, updated_at) VALUES ('a', 'A', '2000-01-01', 'x', 'x')").run();
    f.db.prepare("INSERT INTO client_identifiers (client_id, position, type, value) VALUES ('a', 0, 't', 'v')").run();
    f.db.prepare("DELETE FROM clients WHERE id = 'a'").run();
    expect(f.db.prepare('SELECT count(*) AS n FROM client_identifiers').get()).toEqual({ n: 0 });
    expect(() => f.db.prepare("INSERT INTO clients (id, full_name, date_of_birth, gp_consent, created_at, updated_at) VALUES ('b', 'B', '2000-01-01', 'perhaps', 'x', 'x')").run()).toThrow(/CHECK/);
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(hasPlaintextHeader(f.path)).toBe(false);
    f.remove();
  });

  it('runs each migration in a transaction: a failing one leaves the previous version intact', () => {
    const f = keyedFile();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(f.db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(f.db)).toBe(MIGRATIONS.length);
    expect(tables(f.db)).not.toContain('half_done');
    f.remove();
  });

  it('refuses a database from a newer schema without changing it', () => {
    const f = keyedFile();
    migrate(f.db);
    f.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(f.db)).toThrow(/newer version/);
    expect(schemaVersion(f.db)).toBe(LATEST_SCHEMA_VERSION + 1);
    f.remove();
  });
});
