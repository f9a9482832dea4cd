import { describe, expect, it } from 'vitest';
import { DOWNLOAD_PAGE_URL, updateNoticeDue } from '../../shared/update-notice.ts';
import { mayOpenExternal } from '../../electron/main/shell/window-state.ts';

describe('the offline update notice', () => {
  it('is due only when the build is more than a year older than today', () => {
    expect(updateNoticeDue('2025-12-01', '2026-12-01')).toBe(false);
    expect(updateNoticeDue('2025-11-30', '2026-12-01')).toBe(true);
    expect(updateNoticeDue('2026-12-01', '2026-12-01')).toBe(false);
    // A leap year: 366 days from 2024-01-01 to 2025-01-01 is over a year.
    expect(updateNoticeDue('2024-01-01', '2025-01-01')).toBe(true);
    expect(updateNoticeDue('not a date', '2026-12-01')).toBe(false);
  });

  it('opens exactly the download page, over https, and nothing else on that site', () => {
    expect(DOWNLOAD_PAGE_URL.startsWith('https://')).toBe(true);
    expect(mayOpenExternal(DOWNLOAD_PAGE_URL)).toBe(true);
    const url = new URL(DOWNLOAD_PAGE_URL);
    for (const other of [url.origin, `${url.origin}/`, `${DOWNLOAD_PAGE_URL}/other`, `${DOWNLOAD_PAGE_URL}?next=https://evil.example`, `http://${url.host}${url.pathname}`]) expect(mayOpenExternal(other), other).toBe(false);
  });
});
