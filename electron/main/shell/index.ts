/**
 * The Electron shell: lifecycle, window, protocol, session policy, menu and IPC registration.
 * It only wires things together; every service lives in ./services and runs without Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, powerMonitor, protocol, screen, session, shell, type IpcMainInvokeEvent, type MenuItemConstructorOptions, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { CHANNEL_NAMES, EVENT_CHANNEL, IPC_PREFIX, type AppEventName } from '../../../shared/contract.ts';
import { menuTemplate, type MenuItemSpec } from './menu.ts';
import { createApp, type App, type AppState } from '../app/app.ts';
import { productionKdfPolicy } from '../data/keys/kdf-policy.ts';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, isAllowedRequest, isAllowedSender, SECURITY_HEADERS, windowOptions } from './security-policy.ts';
import { electronDocuments, PRINT_CSP, takePrintPage } from './electron-documents.ts';
import { readRendererFile } from './static-files.ts';
import { mayOpenExternal, restorableBounds, showInMode, windowMode } from './window-state.ts';
import { contextMenuItems, type ContextMenuItem } from './context-menu.ts';
import { DOWNLOAD_PAGE_URL } from '../../../shared/update-notice.ts';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererRoot = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
/** How long closing waits for the renderer to save its drafts before closing anyway. */
const CLOSE_FLUSH_TIMEOUT_MS = 3000;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let services: App | null = null;
let mainWindow: BrowserWindow | null = null;
let closeApproved = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.enableSandbox();
  void app.whenReady().then(start);
}

function start(): void {
  const preferences = new ElectronStore<Record<string, unknown>>({ name: 'settings' });
  services = createApp({
    dataDir: join(app.getPath('userData'), 'vault'),
    kdfPolicy: productionKdfPolicy(),
    preferences,
    platform: {
      shell: 'electron',
      version: app.getVersion(),
      closeReady: () => flushWaiter?.(),
      systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
      documents: electronDocuments(APP_ORIGIN, () => mainWindow, {
        last: () => services?.settings.get().lastSaveFolder ?? '',
        remember: (folder) => void services?.settings.update({ lastSaveFolder: folder }),
      }),
      openFolder: async (path) => (await shell.openPath(path)) === '',
      openDownloadPage: async () => openAllowedExternal(DOWNLOAD_PAGE_URL),
      chooseFolder: async () => {
        const options = { title: 'Choose a folder for backups', properties: ['openDirectory' as const, 'createDirectory' as const] };
        const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return choice.canceled ? null : (choice.filePaths[0] ?? null);
      },
    },
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response(null, { status: 404 });
    const printPage = takePrintPage(url.pathname);
    if (printPage !== null) return new Response(printPage, { headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': PRINT_CSP, 'Content-Type': 'text/html; charset=utf-8' } });
    const file = await readRendererFile(rendererRoot, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), { headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType } });
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, devServerUrl) }));
  // Spell-checking is off: Electron would download dictionaries, and "add to dictionary" writes
  // words (client names) to a plaintext file in the profile.
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

  services.onStateChanged(applyState);
  // Long work (unlock, backups, exports, packets) shows on the taskbar or Dock: indeterminate (2) while it runs.
  services.onProgress(({ running }) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setProgressBar(running > 0 ? 2 : -1);
  });
  createWindow();
  applyState(services.state());
  // Lock on suspend and when the screen locks: ask the page to save and lock, then make sure.
  powerMonitor.on('suspend', lockForPowerEvent);
  powerMonitor.on('lock-screen', lockForPowerEvent);
}

function lockForPowerEvent(): void {
  if (!services?.vault.isUnlocked()) return;
  send('vault.lockRequested');
  setTimeout(() => {
    if (!services?.vault.isUnlocked()) return;
    services.lock();
  }, 1500);
}

let flushWaiter: (() => void) | null = null;
/** Asks the page to save its drafts; resolves when it answers, or after a few seconds if it cannot. */
function flushRenderer(): Promise<void> {
  if (!mainWindow || mainWindow.isDestroyed()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      flushWaiter = null;
      resolve();
    };
    const timer = setTimeout(done, CLOSE_FLUSH_TIMEOUT_MS);
    flushWaiter = done;
    send('app.flushDrafts');
  });
}

function send(event: AppEventName): void {
  mainWindow?.webContents.send(EVENT_CHANNEL, event);
}

function toElectronMenu(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const { command, submenu, role, ...rest } = item;
    return {
      ...rest,
      ...(role ? { role: role as MenuItemConstructorOptions['role'] } : {}),
      ...(submenu ? { submenu: toElectronMenu(submenu) } : {}),
      ...(command ? { click: () => send(command) } : {}),
    };
  });
}

/** The menu, the window's content protection and the theme follow main's state. */
let wasUnlocked = false;
function applyState(state: AppState): void {
  const unlocked = state.vault === 'unlocked';
  // Main locked (idle backstop, crash, power event): the page shows the unlock screen.
  if (wasUnlocked && !unlocked) send('vault.lockedByMain');
  wasUnlocked = unlocked;
  const template = menuTemplate({ unlocked, clientMode: state.clientMode, isMac: process.platform === 'darwin' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(template)));
  mainWindow?.setContentProtection(unlocked && state.contentProtection);
  nativeTheme.themeSource = state.theme;
}

function createWindow(): void {
  const policy = windowOptions(preloadPath);
  const saved = restorableBounds(services?.settings.get().windowBounds ?? null, screen.getAllDisplays().map((d) => d.workArea));
  // The security switches are repeated literally so static scanners can see them; a test checks
  // that the options passed here equal the policy.
  const window = new BrowserWindow({
    ...policy,
    ...(saved ?? {}),
    webPreferences: { ...policy.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false, disableBlinkFeatures: 'Auxclick' },
  });
  mainWindow = window;
  const mode = services?.settings.get().windowMode ?? 'normal';
  window.once('ready-to-show', () => showInMode(window, mode));
  // The state is saved as it changes, so a crash or a forced quit keeps it too.
  const saveState = () => {
    if (window.isDestroyed()) return;
    services?.settings.update({ windowBounds: window.getNormalBounds(), windowMode: windowMode(window) });
  };
  window.on('maximize', saveState);
  window.on('unmaximize', saveState);
  window.on('enter-full-screen', saveState);
  window.on('leave-full-screen', saveState);
  window.on('close', (event) => {
    saveState();
    if (closeApproved) return;
    // The renderer saves its drafts first (it answers with app.closeReady), then the window goes.
    event.preventDefault();
    void flushRenderer().then(() => {
      closeApproved = true;
      window.close();
    });
  });
  window.webContents.on('context-menu', (_event, params) => {
    const items = contextMenuItems(params);
    if (items.length > 0) Menu.buildFromTemplate(items.map((item) => toContextItem(item, window.webContents))).popup({ window });
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  // A crashed or hung page must not keep the vault open: lock, then start the page again at the
  // unlock screen. A hung page is ended first; its render-process-gone then reloads it.
  window.webContents.on('render-process-gone', () => {
    services?.lock();
    if (!window.isDestroyed()) void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  });
  window.on('unresponsive', () => {
    services?.lock();
    window.webContents.forcefullyCrashRenderer();
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

/** One context-menu item as Electron's: roles for editing, replacing a word, or learning it. */
function toContextItem(item: ContextMenuItem, contents: WebContents): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'note':
      return { label: item.label, enabled: false };
    case 'replace':
      return { label: item.label, click: () => contents.replaceMisspelling(item.word) };
    case 'learn':
      // Electron keeps learnt words in the profile on this device; nothing is sent anywhere.
      return { label: item.label, click: () => void contents.session.addWordToSpellCheckerDictionary(item.word) };
    case 'role':
      return { role: item.role, label: item.label, enabled: item.enabled };
  }
}

/** The one place the shell opens an address in the system browser: only what mayOpenExternal allows. */
function openAllowedExternal(url: string): boolean {
  if (mayOpenExternal(url)) void shell.openExternal(url);
  return mayOpenExternal(url);
}

/** Every webContents, present and future, gets the same navigation policy. */
function applyContentsPolicy(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openAllowedExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

app.on('web-contents-created', (_event, contents) => applyContentsPolicy(contents));

let quitState: 'running' | 'preparing' | 'ready' = 'running';
/**
 * Quitting first lets the page save its drafts (while the vault is still open), then runs a due
 * automatic backup and waits for one already running, so a backup is never cut off; then the
 * vault is locked and the quit goes through. Closing the last window quits the same way.
 */
function onBeforeQuit(event: { preventDefault: () => void }): void {
  if (quitState === 'ready') return;
  event.preventDefault();
  if (quitState === 'preparing') return;
  quitState = 'preparing';
  void (async () => {
    await flushRenderer();
    await services?.quit();
    quitState = 'ready';
    closeApproved = true;
    app.quit();
  })();
}

app.on('window-all-closed', () => app.quit());
// macOS: clicking the Dock icon with no window open opens one again.
app.on('activate', () => {
  if (!services || mainWindow) return;
  createWindow();
  applyState(services.state());
});
app.on('before-quit', onBeforeQuit);
