import { existsSync, readFileSync, rmSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { writeFileAtomic } from '../fs-atomic.ts';

/** Beside the vault: the count of failed credential checks, so a restart does not reset the wait. */
export const ATTEMPTS_FILE = 'vault.attempts.json';

/** Delay before the next attempt after n consecutive failures: none for two, then 1 s doubling to 30 s. */
export function attemptDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(30_000, 1000 * 2 ** (failures - 3));
}

interface AttemptState {
  failures: number;
  /** UTC milliseconds of the last failure; the wait runs from it. */
  lastFailureAt: number;
}

const NONE: AttemptState = { failures: 0, lastFailureAt: 0 };

/**
 * The one limiter for every place a passphrase or recovery key is checked: unlock, recover,
 * change passphrase, leaving client mode, and verifying or restoring a backup. Review finding 3:
 * the backup and change-passphrase checks counted nothing, and 40 parallel verifies ran 40
 * Argon2id derivations side by side (3.5 GB). Here one check runs at a time (a second is refused,
 * not queued, so waiting calls cannot pile up), failures on any channel add to one count, and the
 * count is a small file beside the vault, so quitting and starting the app does not skip the wait.
 *
 * What it does not stop: someone who copies vault.key can guess offline, held back only by
 * Argon2id. The limiter is for guesses through the running app (a client left at the keyboard,
 * a page or host that was taken over).
 */
export class AttemptLimiter {
  private readonly path: string;
  private readonly now: () => number;
  private busy = false;

  constructor(path: string, now: () => number) {
    this.path = path;
    this.now = now;
  }

  /** Failures since the last successful check against the vault's own key file. */
  failures(): number {
    return this.read().failures;
  }

  /**
   * Runs one credential check: `derive` answers the unwrapped key, or null for a wrong credential.
   * Refused while another check runs (VAULT_IN_USE) or while the wait after failures runs
   * (TOO_MANY_ATTEMPTS); a null answer is counted (and written) before `failure` is thrown. Any
   * other error (a damaged key file) is no guess and is not counted.
   */
  async check<T>(derive: () => Promise<T | null>, failure: (retryAfterMs: number) => AppError): Promise<T> {
    if (this.busy) throw new AppError('VAULT_IN_USE', { message: 'Please wait: a passphrase is still being checked.' });
    const wait = this.waitMs(this.read());
    if (wait > 0) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    this.busy = true;
    try {
      const result = await derive();
      if (result !== null) return result;
      const state = this.read();
      const next = { failures: state.failures + 1, lastFailureAt: this.now() };
      writeFileAtomic(this.path, `${JSON.stringify(next)}\n`);
      throw failure(attemptDelayMs(next.failures));
    } finally {
      this.busy = false;
    }
  }

  /**
   * Starts the count again after the vault's own key file accepted a credential; answers the
   * failures before it (for the audit trail). A backup's key file never resets it: it may hold an
   * old passphrase, or be one someone placed in the backup folder with a passphrase they chose.
   */
  reset(): number {
    const failures = this.read().failures;
    if (existsSync(this.path)) rmSync(this.path, { force: true });
    return failures;
  }

  private waitMs(state: AttemptState): number {
    const delay = attemptDelayMs(state.failures);
    // Clamped to the delay itself: a clock set back must not turn 30 s into days.
    return Math.max(0, Math.min(delay, state.lastFailureAt + delay - this.now()));
  }

  private read(): AttemptState {
    if (!existsSync(this.path)) return NONE;
    try {
      const raw = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<AttemptState>;
      if (Number.isSafeInteger(raw.failures) && raw.failures! >= 0 && Number.isFinite(raw.lastFailureAt)) return { failures: raw.failures!, lastFailureAt: raw.lastFailureAt! };
    } catch {
      // unreadable: counted as below
    }
    // Written atomically, so a damaged file was edited by hand: count it as the failures after
    // which waits begin, without a wait now (a file that stays damaged must not lock the user out).
    return { failures: 3, lastFailureAt: 0 };
  }
}
