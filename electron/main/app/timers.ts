/** The app's own clocks: the composition (app.ts) starts them and stops them on close. */

/** How often the app checks whether an automatic backup is due. */
export const BACKUP_CHECK_MS = 15 * 60_000;

/** How often main looks at the system's idle time. */
export const IDLE_CHECK_MS = 15_000;

/**
 * The page warns a minute before its idle lock and locks itself; main locks this much later, so it
 * only acts when the page could not (hung, crashed, or its timers throttled).
 */
export const MAIN_IDLE_GRACE_S = 90;

/** True when main should lock for idleness: auto-lock is on and the system has been idle past it plus the grace. */
export function idleLockDue(autoLockMinutes: number, idleSeconds: number): boolean {
  return autoLockMinutes > 0 && idleSeconds >= autoLockMinutes * 60 + MAIN_IDLE_GRACE_S;
}

/** Repeating timers that never keep the process alive, stopped together on close. */
export class Timers {
  private readonly handles: ReturnType<typeof setInterval>[] = [];

  every(ms: number, work: () => void): void {
    const handle = setInterval(work, ms);
    handle.unref();
    this.handles.push(handle);
  }

  stopAll(): void {
    for (const handle of this.handles) clearInterval(handle);
  }
}
