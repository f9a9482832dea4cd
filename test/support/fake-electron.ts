/**
 * A recording stand-in for the `electron` module, enough for out/main/index.js to start under
 * Node: it keeps every window option, handler and policy the shell registers so tests can
 * call them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Fn = (...args: never[]) => unknown;

export const record = {
  userData: mkdtempSync(join(tmpdir(), 'ipt-shell-')),
  privileged: [] as unknown[],
  protocols: new Map<string, (request: Request) => Promise<Response>>(),
  ipc: new Map<string, Fn>(),
  windows: [] as FakeWindow[],
  appEvents: new Map<string, Fn>(),
  beforeRequest: null as null | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void),
  permissionRequest: null as null | ((wc: unknown, permission: string, callback: (allow: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  spellChecker: null as null | boolean,
  menus: [] as unknown[],
  sandboxEnabled: false,
  singleInstanceRequested: false,
  openedExternally: [] as string[],
  quitCalls: 0,
  powerEvents: new Map<string, Fn>(),
};

export class FakeWindow {
  readonly options: Record<string, unknown>;
  readonly events = new Map<string, Fn>();
  readonly sent: unknown[][] = [];
  contentProtection: boolean | null = null;
  loaded = '';
  readonly webContents = { send: (...args: unknown[]) => this.sent.push(args) };
  constructor(options: Record<string, unknown>) {
    this.options = options;
    record.windows.push(this);
  }
  static getAllWindows(): FakeWindow[] {
    return record.windows;
  }
  once(name: string, fn: Fn) {
    this.events.set(name, fn);
  }
  on(name: string, fn: Fn) {
    this.events.set(name, fn);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  show() {}
  close() {}
  focus() {}
  isMinimized() {
    return false;
  }
  setContentProtection(on: boolean) {
    this.contentProtection = on;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1280, height: 860 };
  }
}

export const fakeElectron = {
  app: {
    isPackaged: true,
    requestSingleInstanceLock: () => {
      record.singleInstanceRequested = true;
      return true;
    },
    enableSandbox: () => {
      record.sandboxEnabled = true;
    },
    whenReady: () => Promise.resolve(),
    getPath: () => record.userData,
    getVersion: () => '0.1.0-test',
    on: (name: string, fn: Fn) => record.appEvents.set(name, fn),
    quit: () => {
      record.quitCalls++;
    },
  },
  BrowserWindow: FakeWindow,
  ipcMain: { handle: (name: string, fn: Fn) => record.ipc.set(name, fn) },
  protocol: {
    registerSchemesAsPrivileged: (list: unknown[]) => record.privileged.push(...list),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => record.protocols.set(scheme, fn),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: typeof record.permissionRequest) => (record.permissionRequest = fn),
      setPermissionCheckHandler: (fn: typeof record.permissionCheck) => (record.permissionCheck = fn),
      setSpellCheckerEnabled: (on: boolean) => (record.spellChecker = on),
      webRequest: { onBeforeRequest: (fn: typeof record.beforeRequest) => (record.beforeRequest = fn) },
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => record.menus.push(menu),
  },
  nativeTheme: { themeSource: 'system' },
  powerMonitor: { on: (name: string, fn: Fn) => record.powerEvents.set(name, fn) },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  shell: { openExternal: async (url: string) => void record.openedExternally.push(url) },
  dialog: { showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
};

/** electron-store stand-in: an in-memory store with the same `.store` surface. */
export class FakeStore {
  store: Record<string, unknown> = {};
}
