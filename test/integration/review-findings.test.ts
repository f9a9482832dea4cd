/**
 * The adversarial review of issue 14, one test per finding (named after it): each failed on the
 * code before its fix. Real encrypted vaults and real backup folders; the tests read back what the
 * app wrote.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../electron/main/data/vault/database.ts';
import { snapshotFolder } from '../support/files.ts';
import { code, createServices, expectOk, TEST_PASSPHRASE, unlockedVault, vaultWithBackupFolder } from '../support/vault-fixture.ts';



describe('finding 8: a restore with a wrong credential while unlocked jams the session', () => {
  it('after a wrong-passphrase restore while unlocked, clients.list still works and the vault stays unlocked', async () => {
    const f = await vaultWithBackupFolder();
    try {
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Stays Open', dateOfBirth: '1970-01-01' } }));
      const { name } = expectOk(await f.services.call('backups.run', {}));
      expect(code(await f.services.call('backups.restore', { name, passphrase: 'not the passphrase of that day' }))).toBe('WRONG_PASSPHRASE');
      expect(code(await f.services.call('backups.restore', { name, recoveryKey: 'AAAA-BBBB', newPassphrase: 'copper meadow whistles under the old bridge' }))).toBe('WRONG_RECOVERY_KEY');
      expect(expectOk(await f.services.call('vault.status', {})).state).toBe('unlocked');
      expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Stays Open']);
    } finally {
      f.cleanup();
    }
  });
});

describe('finding 13: one malformed manifest makes backups.list fail for all', () => {
  it('lists the other backups and marks the malformed one with its problem', async () => {
    const f = await vaultWithBackupFolder();
    try {
      const { name: good } = expectOk(await f.services.call('backups.run', {}));
      const { name: bad } = expectOk(await f.services.call('backups.run', {}));
      const manifestPath = join(f.folder, bad, 'manifest.json');
      const { rowCounts: _dropped, ...rest } = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      writeFileSync(manifestPath, JSON.stringify({ ...rest, createdAt: 5 }));
      const listed = expectOk(await f.services.call('backups.list', {}));
      expect(listed.map((b) => b.name).sort()).toEqual([good, bad].sort());
      const marked = listed.find((b) => b.name === bad)!;
      expect(marked.readable).toBe(false);
      expect((marked as Record<string, unknown>)['problem']).toMatch(/manifest/i);
      const fine = listed.find((b) => b.name === good)!;
      expect(fine).toMatchObject({ readable: true, problem: null, rows: { clients: 0 } });
    } finally {
      f.cleanup();
    }
  });

  it('vaultIntegrity does not say "ok" after an unlock that failed as damaged', async () => {
    const f = await unlockedVault();
    try {
      for (let i = 0; i < 200 && expectOk(await f.services.call('backups.status', {})).vaultIntegrity !== 'ok'; i++) await new Promise((r) => setTimeout(r, 25));
      expect(expectOk(await f.services.call('backups.status', {})).vaultIntegrity).toBe('ok');
      expectOk(await f.services.call('vault.lock', {}));
      const path = join(f.dir, 'vault.db');
      const bytes = readFileSync(path);
      for (let i = 64; i < 4000; i++) bytes[i] = bytes[i]! ^ 0x5a;
      writeFileSync(path, bytes);
      expect(code(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }))).toBe('VAULT_DAMAGED');
      expect(expectOk(await f.services.call('backups.status', {})).vaultIntegrity).toBe('damaged');
    } finally {
      f.cleanup();
    }
  });
});

describe('finding 4: backups can be rolled back unnoticed', () => {
  it('an older vault.db swapped into a newer backup folder, sums fixed, verifies as damaged (naming the manifest) and is not restored', async () => {
    const f = await vaultWithBackupFolder();
    try {
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Older One', dateOfBirth: '1970-01-01' } }));
      const { name: older } = expectOk(await f.services.call('backups.run', {}));
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Newer One', dateOfBirth: '1970-01-01' } }));
      const { name: newer } = expectOk(await f.services.call('backups.run', {}));
      const olderManifest = JSON.parse(readFileSync(join(f.folder, older, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      const swapped = join(f.folder, newer, 'vault.db');
      copyFileSync(join(f.folder, older, 'vault.db'), swapped);
      const manifestPath = join(f.folder, newer, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { parts: { name: string; sha256: string; bytes: number }[] } & Record<string, unknown>;
      // The attacker makes every unauthenticated field agree with the swapped file.
      for (const part of manifest.parts) {
        if (part.name !== 'vault.db') continue;
        part.sha256 = createHash('sha256').update(readFileSync(swapped)).digest('hex');
        part.bytes = statSync(swapped).size;
      }
      writeFileSync(manifestPath, JSON.stringify({ ...manifest, rowCounts: olderManifest['rowCounts'], auditHead: olderManifest['auditHead'] }));

      const report = expectOk(await f.services.call('backups.verify', { name: newer, passphrase: TEST_PASSPHRASE }));
      expect(report.ok).toBe(false);
      expect(report.problems.join(' ')).toMatch(/manifest\.json/);
      const before = snapshotFolder(f.dir);
      expect(code(await f.services.call('backups.restore', { name: newer, passphrase: TEST_PASSPHRASE }))).toBe('BACKUP_DAMAGED');
      expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName).sort()).toEqual(['Newer One', 'Older One']);
      f.services.lock();
      const after = snapshotFolder(f.dir);
      expect(after['vault.key']).toBe(before['vault.key']);
      // The untouched older backup still verifies.
      expect(expectOk(await f.services.call('backups.verify', { name: older, passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    } finally {
      f.cleanup();
    }
  });
});

describe('finding 5: the audit trail cannot tell that its tail was cut', () => {
  it('an older vault.db put back in place still unlocks, and the cut tail shows in audit.verify and the backup status', async () => {
    const f = await unlockedVault();
    try {
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Early', dateOfBirth: '1970-01-01' } }));
      expectOk(await f.services.call('vault.lock', {}));
      const older = join(f.dir, '..', `${f.dir.split('/').pop()}-older.db`);
      copyFileSync(join(f.dir, 'vault.db'), older);
      expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Late', dateOfBirth: '1970-01-01' } }));
      expectOk(await f.services.call('vault.lock', {}));
      // Someone with the folder but without the key rolls the vault back: the chain in it is whole.
      copyFileSync(older, join(f.dir, 'vault.db'));
      for (const extra of ['vault.db-wal', 'vault.db-shm']) rmSync(join(f.dir, extra), { force: true });
      rmSync(older);
      expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
      expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Early']);
      const report = expectOk(await f.services.call('audit.verify', {})) as Record<string, unknown>;
      expect(report['ok']).toBe(false);
      expect(report['tailCut']).toBe(true);
      expect((expectOk(await f.services.call('backups.status', {})) as Record<string, unknown>)['auditTailCut']).toBe(true);
    } finally {
      f.cleanup();
    }
  });

  it('a renumbered row (seq changed by someone with the key) breaks the chain at that row', async () => {
    const f = await unlockedVault();
    try {
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Numbered', dateOfBirth: '1970-01-01' } }));
      const keyHex = f.services.vault.keyForWorker();
      expectOk(await f.services.call('vault.lock', {}));
      const db = openEncryptedDatabase(join(f.dir, 'vault.db'), keyHex, { fileMustExist: true });
      const last = (db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number }).seq;
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(last + 40, last);
      db.close();
      expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
      const report = expectOk(await f.services.call('audit.verify', {}));
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toBe(last + 40);
    } finally {
      f.cleanup();
    }
  });
});

describe('finding 6: restore is neither locked nor atomic', () => {
  it('a second instance cannot restore under a running one: VAULT_IN_USE, and the running vault keeps its files', async () => {
    const f = await vaultWithBackupFolder();
    const second = createServices(f.dir);
    try {
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Running', dateOfBirth: '1970-01-01' } }));
      const { name } = expectOk(await f.services.call('backups.run', {}));
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Written Later', dateOfBirth: '1970-01-01' } }));
      second.settings.update({ backupFolder: f.folder });
      const keyBefore = readFileSync(join(f.dir, 'vault.key'));
      expect(code(await second.call('backups.restore', { name, passphrase: TEST_PASSPHRASE }))).toBe('VAULT_IN_USE');
      expect(readdirSync(f.dir).filter((n) => n.startsWith('pre-restore-'))).toEqual([]);
      expect(readFileSync(join(f.dir, 'vault.key')).equals(keyBefore)).toBe(true);
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Still Here', dateOfBirth: '1970-01-01' } }));
      expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName).sort()).toEqual(['Running', 'Still Here', 'Written Later']);
    } finally {
      second.close();
      f.cleanup();
    }
  });
});

describe('finding 11: copies inside the data folder outlive deletion', () => {
  it('pre-restore and pre-migration copies are listed with the backups and removed at unlock once older than the stated time (30 days)', async () => {
    const f = await vaultWithBackupFolder();
    try {
      expectOk(await f.services.call('clients.create', { fields: { fullName: 'Copied Away', dateOfBirth: '1970-01-01' } }));
      const { name } = expectOk(await f.services.call('backups.run', {}));
      expectOk(await f.services.call('backups.restore', { name, passphrase: TEST_PASSPHRASE }));
      const fresh = readdirSync(f.dir).filter((n) => n.startsWith('pre-restore-'));
      expect(fresh).toHaveLength(1);
      expectOk(await f.services.call('backups.restore', { name, passphrase: TEST_PASSPHRASE }));
      // One copy from long ago of each kind, beside the fresh ones.
      const second = readdirSync(f.dir).filter((n) => n.startsWith('pre-restore-') && !fresh.includes(n));
      renameSync(join(f.dir, second[0]!), join(f.dir, 'pre-restore-20200101-000000'));
      const oldMigration = join(f.dir, 'vault.pre-migration-v5.db');
      copyFileSync(join(f.dir, 'pre-restore-20200101-000000', 'vault.db'), oldMigration);
      const longAgo = new Date(Date.now() - 40 * 86_400_000);
      utimesSync(oldMigration, longAgo, longAgo);

      const listed = await f.services.dispatch('backups.localCopies', {});
      expect(listed.ok).toBe(true);
      const copies = (listed as { ok: true; value: { name: string; kind: string; removeAfter: string }[] }).value;
      expect(copies.map((c) => c.name).sort()).toEqual([fresh[0]!, 'pre-restore-20200101-000000', 'vault.pre-migration-v5.db'].sort());
      expect(copies.find((c) => c.name === fresh[0])!.kind).toBe('pre-restore');
      expect(copies.find((c) => c.name === 'vault.pre-migration-v5.db')!.kind).toBe('pre-migration');
      expect(f.services.settings.get()).toMatchObject({ localCopyKeepDays: 30 });

      expectOk(await f.services.call('vault.lock', {}));
      expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
      expect(existsSync(join(f.dir, 'pre-restore-20200101-000000'))).toBe(false);
      expect(existsSync(oldMigration)).toBe(false);
      expect(existsSync(join(f.dir, fresh[0]!, 'vault.db'))).toBe(true);
      expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Copied Away']);
    } finally {
      f.cleanup();
    }
  });
});
