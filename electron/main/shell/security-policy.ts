/**
 * The shell's security policy as plain data and pure functions, so tests can assert it without
 * Electron. index.ts only wires these into Electron's APIs.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ipt';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Sent as a response header by the protocol handler and by the browser host alike. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const MIN_WINDOW = { width: 960, height: 640 } as const;

/** BrowserWindow options. `preload` is the absolute path of the bundled preload script. */
export function windowOptions(preload: string) {
  return {
    width: 1280,
    height: 860,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'IPT Workstation',
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    },
  } as const;
}

export interface SenderFrame {
  url: string;
  /** True when the frame is the window's top-level frame. */
  isMainFrame: boolean;
}

/** IPC is answered only for our own page, in the main frame (as VS Code's validatedIpcMain does). */
export function isAllowedSender(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  if (!frame || !frame.isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl) return url.origin === new URL(devServerUrl).origin;
  return false;
}

/** The session answers only our own protocol (and the dev server in development). */
export function isAllowedRequest(rawUrl: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  if (url.protocol === 'devtools:') return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (url.origin === dev.origin) return true;
    if ((url.protocol === 'ws:' || url.protocol === 'wss:') && url.host === dev.host) return true;
  }
  return false;
}
