import type { Db } from '../database.ts';

export interface Migration {
  /** Becomes PRAGMA user_version once applied. Versions run in order, starting at 1. */
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
