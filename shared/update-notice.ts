/**
 * The offline update notice. The app never asks the internet whether a newer version exists: it
 * knows the day it was built, and after a year it says that a newer version may fix security
 * problems. The download page opens in the browser only when the user asks.
 */

/**
 * The one external address the app may open (electron/main/shell/window-state.ts allows exactly
 * this). The product has no published download page yet: until the distributor sets the real one
 * (docs/distribution.md), this is a `.invalid` address (RFC 2606), which can never resolve, so
 * nobody can register it and put a page there.
 */
export const DOWNLOAD_PAGE_URL = 'https://ipt-workstation.invalid/download';

/** A build older than this many days gets the notice. */
export const UPDATE_NOTICE_AFTER_DAYS = 365;

/** True when the build (YYYY-MM-DD) is more than a year older than today (YYYY-MM-DD). */
export function updateNoticeDue(buildDate: string, today: string): boolean {
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${buildDate}T00:00:00Z`)) / 86_400_000;
  return Number.isFinite(days) && days > UPDATE_NOTICE_AFTER_DAYS;
}
