/**
 * A recording stand-in for the `electron` module, enough for out/main/index.js to start under
 * Node and to behave like Electron where the shell relies on it:
 *
 * - `app` is an event emitter; `whenReady` emits `ready` and resolves; `getPath('userData')` is
 *   a folder several levels deep that does not exist yet, so nothing the shell writes under it is
 *   there unless the shell made it; `quit()` emits `before-quit` (preventable), then `will-quit`
 *   and `quit`.
 * - Every BrowserWindow has a webContents, and creating either emits the app's
 *   `web-contents-created`, as Electron does. Windows and webContents keep their listeners per
 *   event in arrays (several per event) and can emit any event (`close`, `unresponsive`,
 *   `render-process-gone`, …). `loadURL` sets the main frame's URL and, a moment later, emits
 *   `did-finish-load` and `ready-to-show`.
 * - `ipcMain.handle` refuses a second handler for a channel, as Electron does; `invokeEvent`
 *   builds the event Electron passes to a handler for a frame of a webContents.
 * - `protocol.handle` refuses a second handler for a scheme; tests call the stored handler.
 * - `Menu.buildFromTemplate` returns the template, so tests can find items and call `click`.
 *
 * It does not close windows on quit, run a renderer, or print (printToPDF records its options).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Fn = (...args: never[]) => unknown;
type AnyFn = (...args: unknown[]) => unknown;

/** Event emitter with Electron's (Node's) listener semantics: several listeners per event, in order. */
export class Emitter {
  readonly listeners = new Map<string, Fn[]>();

  on(name: string, fn: Fn): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }

  addListener(name: string, fn: Fn): this {
    return this.on(name, fn);
  }

  once(name: string, fn: Fn): this {
    const wrapper = ((...args: unknown[]) => {
      this.removeListener(name, wrapper);
      return (fn as AnyFn)(...args);
    }) as Fn;
    return this.on(name, wrapper);
  }

  removeListener(name: string, fn: Fn): this {
    const list = (this.listeners.get(name) ?? []).filter((f) => f !== fn);
    if (list.length) this.listeners.set(name, list);
    else this.listeners.delete(name);
    return this;
  }

  off(name: string, fn: Fn): this {
    return this.removeListener(name, fn);
  }

  removeAllListeners(name?: string): this {
    if (name === undefined) this.listeners.clear();
    else this.listeners.delete(name);
    return this;
  }

  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }

  /** Calls every listener of `name` with `args`; true when there was at least one. */
  emit(name: string, ...args: unknown[]): boolean {
    const list = [...(this.listeners.get(name) ?? [])];
    for (const fn of list) (fn as AnyFn)(...args);
    return list.length > 0;
  }
}

/** The event object Electron passes first to preventable events (`close`, `will-navigate`, `before-quit`, …). */
export function electronEvent(extra: Record<string, unknown> = {}): { preventDefault: () => void; defaultPrevented: boolean } & Record<string, unknown> {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  readonly routingId: number;
  readonly processId: number;
}

const root = mkdtempSync(join(tmpdir(), 'ipt-shell-'));

export const record = {
  /** The temporary folder everything lives under; the test removes it at the end. */
  root,
  /** Not created: in this fake nothing makes it, so the shell must create what it needs. */
  userData: join(root, 'a', 'b', 'userData'),
  privileged: [] as unknown[],
  protocols: new Map<string, (request: Request) => Promise<Response>>(),
  ipc: new Map<string, Fn>(),
  ipcOn: new Map<string, Fn[]>(),
  windows: [] as FakeWindow[],
  webContents: [] as FakeWebContents[],
  beforeRequest: null as null | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void),
  permissionRequest: null as null | ((wc: unknown, permission: string, callback: (allow: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  devicePermission: null as null | Fn,
  spellChecker: null as null | boolean,
  menus: [] as unknown[],
  /** Every menu popped up (context menus): its template and the options. */
  popups: [] as { template: unknown[]; options: unknown }[],
  /** Words the shell added to the spell-checker's dictionary. */
  learntWords: [] as string[],
  /** The options of every printToPDF call. */
  pdfOptions: [] as Record<string, unknown>[],
  sandboxEnabled: false,
  singleInstanceRequested: false,
  openedExternally: [] as string[],
  /** Folders and files the shell opened (shell.openPath) or showed in the file manager. */
  openedPaths: [] as string[],
  shownInFolder: [] as string[],
  dialogs: [] as { kind: string; options: unknown }[],
  /** What the next open dialog answers (default: cancelled). */
  openDialogReply: { canceled: true, filePaths: [] as string[] },
  /** What the next save dialog answers (default: cancelled). */
  saveDialogReply: { canceled: true } as { canceled: boolean; filePath?: string },
  quitCalls: 0,
  /** Set once a quit went through (before-quit and will-quit not prevented). */
  quit: false,
  exitCode: null as number | null,
  /** How many hung renderers the shell ended. */
  crashedRenderers: 0,
  /** What powerMonitor.getSystemIdleTime answers, in seconds. */
  idleSeconds: 0,
};

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  /** Every `send(channel, ...args)`, in order. */
  readonly sent: unknown[][] = [];
  windowOpenHandler: null | ((details: { url: string }) => { action: string }) = null;
  /** Every replaceMisspelling(word), in order. */
  readonly replaced: string[] = [];
  destroyed = false;
  zoomFactor = 1;

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = { url, parent: null, routingId: 1, processId: this.id };
    record.webContents.push(this);
    // Electron announces every new webContents; the shell applies its navigation policy there.
    fakeApp.emit('web-contents-created', electronEvent(), this);
  }

  /** A sub-frame (an iframe) of this page at `url`. */
  subFrame(url: string): FakeFrame {
    return { url, parent: this.mainFrame, routingId: 2, processId: this.id };
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
  }

  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = fn;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isLoading(): boolean {
    return false;
  }

  isCrashed(): boolean {
    return false;
  }

  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }

  getZoomFactor(): number {
    return this.zoomFactor;
  }

  reload(): void {}

  replaceMisspelling(word: string): void {
    this.replaced.push(word);
  }

  /** As in Electron, every webContents of the app uses the default session. */
  get session() {
    return fakeSession;
  }

  /** As in Electron: ends a hung renderer, which then reports render-process-gone. */
  forcefullyCrashRenderer(): void {
    record.crashedRenderers++;
    this.emit('render-process-gone', electronEvent(), { reason: 'killed', exitCode: 9 });
  }

  focus(): void {}

  openDevTools(): void {}

  /** Records the options; answers a tiny PDF header, not a rendering of the page. */
  printToPDF(options: Record<string, unknown>): Promise<Uint8Array> {
    record.pdfOptions.push(options);
    return Promise.resolve(new TextEncoder().encode('%PDF-1.7\n%%EOF\n'));
  }

  print(_options: unknown, callback?: (success: boolean, reason: string) => void): void {
    callback?.(false, 'The fake electron cannot print.');
  }
}

export class FakeWindow extends Emitter {
  readonly id = nextId++;
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  contentProtection: boolean | null = null;
  /** The calls that change how the window is shown (show, maximize, setFullScreen), in order. */
  readonly shown: string[] = [];
  /** Every setProgressBar call's value, in order. */
  readonly progress: number[] = [];
  loaded = '';
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  fullScreen = false;
  destroyed = false;
  bounds = { x: 10, y: 10, width: 1280, height: 860 };

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    record.windows.push(this);
    this.webContents = new FakeWebContents();
    if (options['x'] !== undefined) this.bounds = { x: Number(options['x']), y: Number(options['y']), width: Number(options['width']), height: Number(options['height']) };
  }

  static getAllWindows(): FakeWindow[] {
    return record.windows.filter((w) => !w.destroyed);
  }

  static getFocusedWindow(): FakeWindow | null {
    return record.windows.find((w) => w.focused && !w.destroyed) ?? null;
  }

  static fromWebContents(contents: unknown): FakeWindow | null {
    return record.windows.find((w) => w.webContents === contents) ?? null;
  }

  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
    return new Promise((resolve) => {
      setImmediate(() => {
        if (this.destroyed) return resolve();
        this.webContents.emit('did-finish-load', electronEvent());
        this.emit('ready-to-show', electronEvent());
        resolve();
      });
    });
  }

  show(): void {
    this.shown.push('show');
    this.visible = true;
    this.focused = true;
    this.minimized = false;
  }

  hide(): void {
    this.visible = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  focus(): void {
    this.focused = true;
  }

  isFocused(): boolean {
    return this.focused;
  }

  /** As in Electron: `close` may be prevented by a listener; otherwise the window goes and `closed` follows. */
  close(): void {
    if (this.destroyed) return;
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }

  /** Closes without a `close` event, as Electron's destroy does. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
    if (FakeWindow.getAllWindows().length === 0) fakeApp.emit('window-all-closed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  minimize(): void {
    this.minimized = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  maximize(): void {
    this.shown.push('maximize');
    this.maximized = true;
    this.emit('maximize');
  }

  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  setFullScreen(on: boolean): void {
    this.shown.push(`setFullScreen(${on})`);
    this.fullScreen = on;
    this.emit(on ? 'enter-full-screen' : 'leave-full-screen');
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  setProgressBar(value: number): void {
    this.progress.push(value);
  }

  setContentProtection(on: boolean): void {
    this.contentProtection = on;
  }

  getNormalBounds() {
    return { ...this.bounds };
  }

  getBounds() {
    return { ...this.bounds };
  }

  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }

  setMenuBarVisibility(): void {}

  setTitle(): void {}
}

class FakeApp extends Emitter {
  isPackaged = true;
  private ready = false;
  readonly commandLine = { appendSwitch: () => undefined, hasSwitch: () => false, getSwitchValue: () => '' };

  requestSingleInstanceLock(): boolean {
    record.singleInstanceRequested = true;
    return true;
  }

  enableSandbox(): void {
    record.sandboxEnabled = true;
  }

  whenReady(): Promise<void> {
    if (!this.ready) {
      this.ready = true;
      this.emit('ready', electronEvent(), {});
    }
    return Promise.resolve();
  }

  isReady(): boolean {
    return this.ready;
  }

  getPath(name: string): string {
    if (name === 'userData') return record.userData;
    return join(record.root, name);
  }

  getName(): string {
    return 'IPT Workstation';
  }

  getVersion(): string {
    return '0.1.0-test';
  }

  getLocale(): string {
    return 'en-GB';
  }

  setAppUserModelId(): void {}

  /** Electron's order: `before-quit` (preventable), then `will-quit` (preventable), then `quit`. Windows are not closed here. */
  quit(): void {
    record.quitCalls++;
    const before = electronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = electronEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    record.quit = true;
    this.emit('quit', electronEvent(), 0);
  }

  exit(code = 0): void {
    record.exitCode = code;
  }
}

const fakeApp = new FakeApp();

class FakePowerMonitor extends Emitter {
  getSystemIdleTime(): number {
    return record.idleSeconds;
  }

  getSystemIdleState(threshold: number): 'active' | 'idle' {
    return record.idleSeconds >= threshold ? 'idle' : 'active';
  }
}

const fakeSession = Object.assign(new Emitter(), {
  setPermissionRequestHandler: (fn: typeof record.permissionRequest) => (record.permissionRequest = fn),
  setPermissionCheckHandler: (fn: typeof record.permissionCheck) => (record.permissionCheck = fn),
  setDevicePermissionHandler: (fn: Fn) => (record.devicePermission = fn),
  setSpellCheckerEnabled: (on: boolean) => (record.spellChecker = on),
  addWordToSpellCheckerDictionary: (word: string) => {
    record.learntWords.push(word);
    return true;
  },
  webRequest: { onBeforeRequest: (fn: typeof record.beforeRequest) => (record.beforeRequest = fn) },
});

export const fakeElectron = {
  app: fakeApp,
  BrowserWindow: FakeWindow,
  ipcMain: Object.assign(new Emitter(), {
    handle: (name: string, fn: Fn) => {
      if (record.ipc.has(name)) throw new Error(`Attempted to register a second handler for '${name}'`);
      record.ipc.set(name, fn);
    },
    removeHandler: (name: string) => record.ipc.delete(name),
  }),
  protocol: {
    registerSchemesAsPrivileged: (list: unknown[]) => record.privileged.push(...list),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
      if (record.protocols.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
      record.protocols.set(scheme, fn);
    },
    isProtocolHandled: (scheme: string) => record.protocols.has(scheme),
  },
  session: { defaultSession: fakeSession },
  Menu: {
    /** The template itself, with `popup` as Electron's Menu has (recorded in `record.popups`). */
    buildFromTemplate: (template: unknown[]) => Object.assign([...template], { popup: (options: unknown) => void record.popups.push({ template, options }) }),
    setApplicationMenu: (menu: unknown) => record.menus.push(menu),
  },
  nativeTheme: Object.assign(new Emitter(), { themeSource: 'system', shouldUseDarkColors: false }),
  powerMonitor: new FakePowerMonitor(),
  screen: Object.assign(new Emitter(), {
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }],
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }),
  }),
  shell: {
    openExternal: async (url: string) => void record.openedExternally.push(url),
    showItemInFolder: (path: string) => void record.shownInFolder.push(path),
    /** As Electron: '' when the path opened, else an error text. */
    openPath: async (path: string) => {
      record.openedPaths.push(path);
      return '';
    },
  },
  dialog: {
    showSaveDialog: async (...args: unknown[]) => {
      record.dialogs.push({ kind: 'save', options: args.at(-1) });
      return record.saveDialogReply;
    },
    showOpenDialog: async (...args: unknown[]) => {
      record.dialogs.push({ kind: 'open', options: args.at(-1) });
      return record.openDialogReply;
    },
    showMessageBox: async (...args: unknown[]) => {
      record.dialogs.push({ kind: 'message', options: args.at(-1) });
      return { response: 0, checkboxChecked: false };
    },
    showErrorBox: (title: string, content: string) => void record.dialogs.push({ kind: 'error', options: { title, content } }),
  },
};

/**
 * The event Electron gives an `ipcMain.handle` handler for a call from `frame` of `contents`
 * (the page's main frame unless a sub-frame is given).
 */
export function invokeEvent(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame, processId: contents.id, frameId: frame?.routingId ?? 0 };
}

/** electron-store stand-in: an in-memory store with the same `.store` surface. */
export class FakeStore {
  store: Record<string, unknown> = {};
}
