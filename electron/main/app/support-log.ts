/**
 * A log a user can send to support: one line per contract call with the channel's name, how long
 * it took and its error code, plus start and lock lines with the app version. Nothing else is
 * written: no input, output, message text, name or path. A channel name the contract does not know
 * (it could be anything a page sent) is written as `unknown-channel`; an internal error's kind
 * only if it looks like an error class name.
 *
 * Files live in the data folder's `logs/` (owner-only), `support.log` plus up to KEEP older
 * `support.N.log`, each at most MAX_BYTES: a year of daily use stays well under a megabyte.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isChannelName } from '../../../shared/contract.ts';

/** One file's cap: ~2,500 call lines of about 80 bytes. */
export const SUPPORT_LOG_MAX_BYTES = 200 * 1024;
/** Older files kept after rotation. */
export const SUPPORT_LOG_KEEP = 3;
const CODE = /^[A-Z][A-Z_]{1,40}$/;
const KIND = /^[A-Za-z]{1,40}$/;

export class SupportLog {
  readonly dir: string;
  private readonly maxBytes: number;
  /** Bytes in support.log, known after the first write: a call then costs one append, no stat. */
  private size: number | null = null;

  constructor(dataDir: string, maxBytes = SUPPORT_LOG_MAX_BYTES) {
    this.dir = join(dataDir, 'logs');
    this.maxBytes = maxBytes;
  }

  /** A finished call: its channel, time taken and, on failure, the error code (and internal kind). */
  call(channel: unknown, ms: number, code: string | null, kind: string | null = null): void {
    const name = isChannelName(channel) ? channel : 'unknown-channel';
    const outcome = code === null ? 'ok' : CODE.test(code) ? code : 'ERROR';
    const detail = kind !== null ? ` kind=${KIND.test(kind) ? kind : 'other'}` : '';
    this.write(`call ${name} ${Math.max(0, Math.round(ms))}ms ${outcome}${detail}`);
  }

  /** A lifecycle line: `start`, `lock`, `quit`, with the version and shell where it helps. */
  event(what: 'start' | 'lock' | 'quit', version = '', shell = ''): void {
    const v = /^[\w.+-]{1,40}$/.test(version) ? ` version=${version}` : '';
    const s = shell === 'electron' || shell === 'browser-host' ? ` shell=${shell}` : '';
    this.write(`${what}${v}${s} platform=${process.platform}`);
  }

  /** The log files, oldest first. */
  files(): string[] {
    const names = [...Array.from({ length: SUPPORT_LOG_KEEP }, (_, i) => `support.${SUPPORT_LOG_KEEP - i}.log`), 'support.log'];
    return names.map((n) => join(this.dir, n)).filter((p) => existsSync(p));
  }

  /** Every kept line, oldest first, as one text for the user to send. */
  text(): string {
    return this.files()
      .map((p) => readFileSync(p, 'utf8'))
      .join('');
  }

  private write(line: string): void {
    const current = join(this.dir, 'support.log');
    try {
      const text = `${new Date().toISOString()} ${line}\n`;
      if (this.size === null) {
        // Not recursive: a data folder that was removed (a test's, an uninstall) is not made again.
        if (!existsSync(this.dir)) mkdirSync(this.dir, { mode: 0o700 });
        this.size = existsSync(current) ? statSync(current).size : 0;
      }
      if (this.size + text.length > this.maxBytes) {
        this.rotate(current);
        this.size = 0;
      }
      appendFileSync(current, text, { mode: 0o600 });
      this.size += text.length;
    } catch {
      // The log is a help, never a reason to fail: a full disk or read-only folder skips the line,
      // and the next write looks at the folder again.
      this.size = null;
    }
  }

  private rotate(current: string): void {
    rmSync(join(this.dir, `support.${SUPPORT_LOG_KEEP}.log`), { force: true });
    for (let n = SUPPORT_LOG_KEEP - 1; n >= 1; n--) {
      const from = join(this.dir, `support.${n}.log`);
      if (existsSync(from)) renameSync(from, join(this.dir, `support.${n + 1}.log`));
    }
    renameSync(current, join(this.dir, 'support.1.log'));
  }
}
