/**
 * The day this build was made, injected by electron-vite (`define` in electron.vite.config.ts).
 * Runs from source (tests, the browser host under node) have no build step: they count as built
 * today, so they never show the update notice unless a test passes a date of its own.
 */
import { todayIso } from '../../../shared/schemas/dates.ts';

declare const __BUILD_DATE__: string | undefined;

export function buildDate(): string {
  return typeof __BUILD_DATE__ === 'string' ? __BUILD_DATE__ : todayIso();
}
