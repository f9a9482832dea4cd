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
