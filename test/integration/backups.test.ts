import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { backupsToDelete, backupDirName } from '../../electron/main/domain/backup/retention.ts';
import { readManifest, runIntegrity } from '../../electron/main/domain/backup/backup-work.ts';
import { hasPlaintextHeader, openEncryptedDatabase } from '../../electron/main/data/vault/database.ts';
import { snapshotFolder } from '../support/files.ts';
import { tempDir } from '../support/temp.ts';
import { code, createServices, expectOk, TEST_PASSPHRASE, unlockedVault, vaultWithBackupFolder } from '../support/vault-fixture.ts';



describe('encrypted backups', () => {
  it('copies a consistent vault while the app goes on writing: counts match the manifest, the copy passes its check', async () => {
    const f = await vaultWithBackupFolder();
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        expectOk(await f.services.call('clients.create', { fields: { fullName: `Writer ${written}`, dateOfBirth: '1970-01-01' } }));
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const before = written;
    const { name, verified } = expectOk(await f.services.call('backups.run', {}));
    writing = false;
    await writer;
    expect(verified).toBe(true);
    expect(written).toBeGreaterThan(before);
    const copied = readManifest(join(f.folder, name))!.rowCounts['clients']!;
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(written);
    const keyHex = f.services.vault.keyForWorker();
    const db = openEncryptedDatabase(join(f.folder, name, 'vault.db'), keyHex, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: copied });
    db.close();
    f.cleanup();
  });

  it('writes an encrypted copy, the key file and a manifest; the copy opens only with the key', async () => {
    const f = await vaultWithBackupFolder();
    const marker = `Backupmarker${randomBytes(4).toString('hex')}`;
    expectOk(await f.services.call('clients.create', { fields: { fullName: `Alma ${marker}`, dateOfBirth: '1970-01-01' } }));
    const { name, verified } = expectOk(await f.services.call('backups.run', {}));
    expect(verified).toBe(true);
    const dir = join(f.folder, name);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'vault.db', 'vault.key']);
    expect(hasPlaintextHeader(join(dir, 'vault.db'))).toBe(false);
    expect(readFileSync(join(dir, 'vault.db')).includes(Buffer.from(marker))).toBe(false);
    const plain = new Database(join(dir, 'vault.db'), { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM clients').get()).toThrow();
    plain.close();
    expect(() => openEncryptedDatabase(join(dir, 'vault.db'), randomBytes(32).toString('hex'), { readonly: true })).toThrow();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'ipt-workstation-backup', version: 2, vaultId: expect.any(String), mac: expect.stringMatching(/^[0-9a-f]{64}$/), schemaVersion: expect.any(Number), rowCounts: { clients: 1 } });
    expect(manifest.parts.map((p: { name: string }) => p.name)).toEqual(['vault.db', 'vault.key']);
    expect(manifest.auditHead.seq).toBeGreaterThan(0);
    const headRow = f.services.vault.database().prepare('SELECT mac FROM audit_log WHERE seq = ?').get(manifest.auditHead.seq) as { mac: string };
    expect(manifest.auditHead.mac).toBe(headRow.mac);
    expect(JSON.stringify(manifest)).not.toContain(marker);
    const status = expectOk(await f.services.call('backups.status', {}));
    expect(status).toMatchObject({ lastBackupOk: true, warning: false, due: false });
    expect(f.services.session().audit.list().map((r) => r.type)).toContain('backup.created');
    f.cleanup();
  });

  it('verifies with the passphrase of the time or the recovery key, and reports a damaged or truncated copy', async () => {
    const f = await vaultWithBackupFolder();
    expectOk(await f.services.call('clients.create', { fields: { fullName: 'Verify Me', dateOfBirth: '1970-01-01' } }));
    const { name } = expectOk(await f.services.call('backups.run', {}));
    expect(expectOk(await f.services.call('backups.verify', { name, passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    expect(expectOk(await f.services.call('backups.verify', { name, recoveryKey: f.recoveryKey })).ok).toBe(true);
    expect(code(await f.services.call('backups.verify', { name, passphrase: 'not the passphrase then' }))).toBe('WRONG_PASSPHRASE');
    expect(code(await f.services.call('backups.verify', { name }))).toBe('VALIDATION_FAILED');
    const db = join(f.folder, name, 'vault.db');
    const bytes = readFileSync(db);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(db, bytes);
    const damaged = expectOk(await f.services.call('backups.verify', { name, passphrase: TEST_PASSPHRASE }));
    expect(damaged.ok).toBe(false);
    expect(damaged.problems[0]).toMatch(/checksum/);
    writeFileSync(db, bytes.subarray(0, 4096));
    expect(expectOk(await f.services.call('backups.verify', { name, passphrase: TEST_PASSPHRASE })).ok).toBe(false);
    f.cleanup();
  });

  it('never replaces a working vault with a damaged backup or one from a newer version', async () => {
    const f = await vaultWithBackupFolder();
    expectOk(await f.services.call('clients.create', { fields: { fullName: 'Keep Me', dateOfBirth: '1970-01-01' } }));
    const { name } = expectOk(await f.services.call('backups.run', {}));
    const { name: second } = expectOk(await f.services.call('backups.run', {}));
    f.services.lock();
    const before = snapshotFolder(f.dir);
    const db = join(f.folder, name, 'vault.db');
    const bytes = readFileSync(db);
    writeFileSync(db, bytes.subarray(0, bytes.length - 512));
    expect(code(await f.services.call('backups.restore', { name, passphrase: TEST_PASSPHRASE }))).toBe('BACKUP_DAMAGED');
    const manifestPath = join(f.folder, second, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), schemaVersion: 999 }));
    expect(code(await f.services.call('backups.restore', { name: second, passphrase: TEST_PASSPHRASE }))).toBe('VAULT_NEWER_VERSION');
    const after = snapshotFolder(f.dir);
    for (const file of ['vault.db', 'vault.key']) expect(after[file]).toBe(before[file]);
    expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Keep Me']);
    f.cleanup();
  });

  it('restores with the passphrase current when the backup was made, keeping a pre-restore copy', async () => {
    const f = await vaultWithBackupFolder();
    expectOk(await f.services.call('clients.create', { fields: { fullName: 'Before Backup', dateOfBirth: '1970-01-01' } }));
    const { name } = expectOk(await f.services.call('backups.run', {}));
    const next = 'indigo harbour lantern drifts slowly east';
    expectOk(await f.services.call('vault.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: next }));
    expectOk(await f.services.call('clients.create', { fields: { fullName: 'After Backup', dateOfBirth: '1970-01-01' } }));
    expect(code(await f.services.call('backups.restore', { name, passphrase: next }))).toBe('WRONG_PASSPHRASE');
    const status = expectOk(await f.services.call('backups.restore', { name, passphrase: TEST_PASSPHRASE }));
    expect(status.state).toBe('unlocked');
    expect(expectOk(await f.services.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Before Backup']);
    const preRestore = readdirSync(f.dir).filter((n) => n.startsWith('pre-restore-'));
    expect(preRestore).toHaveLength(1);
    expect(readdirSync(join(f.dir, preRestore[0]!))).toEqual(expect.arrayContaining(['vault.db', 'vault.key']));
    expect(f.services.session().audit.list().map((r) => r.type)).toContain('backup.restored');
    f.cleanup();
  });

  it('restores on a new laptop from the backup folder and the recovery key alone', async () => {
    const f = await vaultWithBackupFolder();
    expectOk(await f.services.call('clients.create', { fields: { fullName: 'Moves House', dateOfBirth: '1970-01-01' } }));
    const { name } = expectOk(await f.services.call('backups.run', {}));
    f.services.lock();
    const laptop = tempDir();
    const fresh = createServices(laptop.path);
    expect(expectOk(await fresh.call('vault.status', {})).state).toBe('no-vault');
    fresh.settings.update({ backupFolder: f.folder });
    expect(expectOk(await fresh.call('backups.list', {})).map((b) => b.name)).toEqual([name]);
    expect(code(await fresh.call('backups.restore', { name, recoveryKey: f.recoveryKey, newPassphrase: 'weak' }))).toBe('WEAK_PASSPHRASE');
    expect(existsSync(join(laptop.path, 'vault.db'))).toBe(false);
    const newPassphrase = 'copper meadow whistles under the old bridge';
    expect(expectOk(await fresh.call('backups.restore', { name, recoveryKey: f.recoveryKey, newPassphrase })).state).toBe('unlocked');
    expect(expectOk(await fresh.call('clients.list', {})).map((c) => c.fullName)).toEqual(['Moves House']);
    fresh.lock();
    expectOk(await fresh.call('vault.unlock', { passphrase: newPassphrase }));
    fresh.close();
    laptop.remove();
    f.cleanup();
  });

  it('lets locking and quitting wait for a backup that is running', async () => {
    const f = await vaultWithBackupFolder();
    const running = f.services.backups.backupNow('manual');
    expect(f.services.backups.busy).toBe(true);
    await f.services.backups.idle();
    expect(f.services.backups.busy).toBe(false);
    expect((await running).verified).toBe(true);
    expect(f.services.settings.get().lastBackupOk).toBe(true);
    f.cleanup();
  });

  it('backs up automatically at lock when one is due, and keeps the last N plus one a month', async () => {
    const f = await vaultWithBackupFolder();
    expectOk(await f.services.call('vault.lock', {}));
    expect(readdirSync(f.folder).filter((n) => n.startsWith('IPT-backup-'))).toHaveLength(1);
    expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    expectOk(await f.services.call('vault.lock', {}));
    expect(readdirSync(f.folder).filter((n) => n.startsWith('IPT-backup-'))).toHaveLength(1);
    const now = new Date(Date.UTC(2026, 10, 25, 12));
    const names = [
      ...Array.from({ length: 14 }, (_, i) => backupDirName(new Date(Date.UTC(2026, 10, 25 - i, 9)))),
      ...Array.from({ length: 14 }, (_, i) => backupDirName(new Date(Date.UTC(2026, 9 - i, 15, 9)))),
    ];
    const deleted = new Set(backupsToDelete(names, 10, now));
    const kept = names.filter((n) => !deleted.has(n));
    expect(kept.slice(0, 10)).toEqual(names.slice(0, 10));
    expect(kept).toContain(backupDirName(new Date(Date.UTC(2026, 0, 15, 9))));
    expect(kept).not.toContain(backupDirName(new Date(Date.UTC(2025, 8, 15, 9))));
    expect(deleted.has(names[11]!)).toBe(true);
    f.cleanup();
  });
});

describe('integrity check after unlock', () => {
  it('runs in a worker after unlocking and reports ok for a sound vault; a copy with a flipped page fails it', async () => {
    const f = await unlockedVault();
    try {
      for (let i = 0; i < 30; i++) expectOk(await f.services.call('clients.create', { fields: { fullName: `Integrity ${i} ${'x'.repeat(150)}`, presentingProblem: 'y'.repeat(2000), dateOfBirth: '1980-01-01' } }));
      const waitFor = async (want: string[]) => {
        for (let i = 0; i < 400; i++) {
          const s = expectOk(await f.services.call('backups.status', {})).vaultIntegrity;
          if (want.includes(s)) return s;
          await new Promise((r) => setTimeout(r, 25));
        }
        return 'timeout';
      };
      expect(await waitFor(['ok', 'damaged'])).toBe('ok');
      expectOk(await f.services.call('vault.lock', {}));
      expectOk(await f.services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
      expect(await waitFor(['ok', 'damaged'])).toBe('ok');

      f.services.vault.database().pragma('wal_checkpoint(TRUNCATE)');
      const copy = join(f.dir, 'damaged-copy.db');
      const bytes = readFileSync(f.services.vault.vaultPath);
      expect(runIntegrity({ op: 'integrity', dbPath: f.services.vault.vaultPath, keyHex: f.services.vault.keyForWorker() }).ok).toBe(true);
      const page = 4096 * 3 + 700;
      for (let i = 0; i < 64; i++) bytes[page + i] = bytes[page + i]! ^ 0xff;
      writeFileSync(copy, bytes);
      expect(runIntegrity({ op: 'integrity', dbPath: copy, keyHex: f.services.vault.keyForWorker() }).ok).toBe(false);
    } finally {
      f.cleanup();
    }
  });
});
