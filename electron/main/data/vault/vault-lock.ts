import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';

/**
 * One process at a time may hold a vault open. The lock is an exclusive transaction on a small
 * empty SQLite file: the operating system drops it when the holder exits or is killed, so a crash
 * never leaves a stale lock behind.
 */
export class VaultLock {
  private db: Database.Database | null = null;
  private readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  acquire(): void {
    if (this.db) return;
    let db: Database.Database;
    try {
      db = new Database(this.path);
    } catch {
      // The folder is missing or cannot be written: say so, rather than fail later with a TypeError.
      throw new AppError('FOLDER_NOT_WRITABLE', { message: 'The app could not open its data folder. Check that it exists and that you can write to it.' });
    }
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('journal_mode = DELETE');
      db.exec('BEGIN EXCLUSIVE');
    } catch {
      db.close();
      throw new AppError('VAULT_IN_USE');
    }
    this.db = db;
  }

  release(): void {
    if (!this.db) return;
    try {
      this.db.exec('ROLLBACK');
    } finally {
      this.db.close();
      this.db = null;
    }
  }

  get held(): boolean {
    return this.db !== null;
  }
}
