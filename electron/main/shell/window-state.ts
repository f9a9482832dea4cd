import { DOWNLOAD_PAGE_URL } from '../../../shared/update-notice.ts';
import { MIN_WINDOW } from './security-policy.ts';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The saved window bounds, if they still fit on one of the screens now attached (a laptop
 * unplugged from a monitor must not open its window off-screen); otherwise null.
 */
export function restorableBounds(saved: Bounds | null, workAreas: Bounds[]): Bounds | null {
  if (!saved || saved.width < MIN_WINDOW.width || saved.height < MIN_WINDOW.height) return null;
  const fits = workAreas.some(
    (a) => saved.x >= a.x - 8 && saved.y >= a.y - 8 && saved.x + saved.width <= a.x + a.width + 8 && saved.y + saved.height <= a.y + a.height + 8,
  );
  return fits ? saved : null;
}

/** How the window was shown when it last changed: restored the same way at the next start. */
export type WindowMode = 'normal' | 'maximized' | 'fullScreen';

export function windowMode(window: { isFullScreen(): boolean; isMaximized(): boolean }): WindowMode {
  if (window.isFullScreen()) return 'fullScreen';
  return window.isMaximized() ? 'maximized' : 'normal';
}

/** Shows the window, then maximises it or makes it full screen as it was (bounds stay the normal ones). */
export function showInMode(window: { show(): void; maximize(): void; setFullScreen(on: boolean): void }, mode: WindowMode): void {
  window.show();
  if (mode === 'maximized') window.maximize();
  else if (mode === 'fullScreen') window.setFullScreen(true);
}

/** Only these exact external addresses may be opened in the system browser: the download page, on the user's click. */
export const EXTERNAL_ALLOW_LIST: readonly string[] = [DOWNLOAD_PAGE_URL];

export function mayOpenExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    // The whole address, not its origin: another page of the same site stays closed.
    return parsed.protocol === 'https:' && EXTERNAL_ALLOW_LIST.includes(parsed.href);
  } catch {
    return false;
  }
}
