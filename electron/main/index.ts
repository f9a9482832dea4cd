/**
 * The Electron shell: lifecycle, window, protocol, session policy and IPC registration.
 * It only wires things together; every service lives in ./services and runs without Electron.
 */
import { app, BrowserWindow, ipcMain, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../shared/contract.ts';
import { AppServices } from './services/app-services.ts';
import { productionKdfPolicy } from './services/keys/kdf-policy.ts';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, isAllowedRequest, isAllowedSender, SECURITY_HEADERS, windowOptions } from './security-policy.ts';
import { readRendererFile } from './static-files.ts';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererRoot = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.enableSandbox();
  void app.whenReady().then(start);
}

let services: AppServices | null = null;

function start(): void {
  const preferences = new ElectronStore<Record<string, unknown>>({ name: 'settings' });
  services = new AppServices({
    dataDir: join(app.getPath('userData'), 'vault'),
    kdfPolicy: productionKdfPolicy(),
    preferences,
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response(null, { status: 404 });
    const file = await readRendererFile(rendererRoot, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), { headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType } });
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, devServerUrl) }));
  ses.setSpellCheckerEnabled(false);

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame } : null;
      if (!isAllowedSender(sender, devServerUrl)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Refused: this request did not come from the app window.' } };
      }
      return services!.dispatch(channel, input);
    });
  }

  createWindow();
}

function createWindow(): void {
  const window = new BrowserWindow(windowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

/** Every webContents, present and future, gets the same navigation policy. */
function applyContentsPolicy(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

app.on('web-contents-created', (_event, contents) => applyContentsPolicy(contents));

app.on('window-all-closed', () => {
  services?.close();
  app.quit();
});

app.on('before-quit', () => services?.close());
