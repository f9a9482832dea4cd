import { AppError } from '../errors.ts';
import type { Db } from './database.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a vault written by a newer app before anything is changed. */
export function assertNotNewer(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  if (schemaVersion(db) > migrations.length) throw new AppError('VAULT_NEWER_VERSION');
}

/** Applies each pending migration in its own transaction, setting user_version inside it. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo = migrations.length): number {
  assertNotNewer(db, migrations);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is out of order.`);
  });
  let current = schemaVersion(db);
  for (const migration of migrations.slice(current, upTo)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    current = migration.version;
  }
  return current;
}
