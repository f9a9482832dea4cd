/**
 * The built Electron main process (out/main/index.js) run under Node with a fake `electron` that
 * behaves like Electron where the shell relies on it (see test/support/fake-electron.ts). Everything
 * the test does to the app goes through what the shell registered: IPC handlers called with the
 * event Electron would pass, the app:// protocol handler, menu items, app and window events.
 *
 * The module keeps process-wide state (one window, one vault), so the tests run in order: the
 * shell's setup, then a first run (no vault yet) through create, a client, the menu's Lock and an
 * unlock, and quitting last.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_CHANNEL, IPC_PREFIX } from '../../shared/contract.ts';
import { DOWNLOAD_PAGE_URL } from '../../shared/update-notice.ts';
import { CONTENT_SECURITY_POLICY, windowOptions } from '../../electron/main/shell/security-policy.ts';
import { electronEvent, fakeElectron, FakeStore, FakeWebContents, invokeEvent, record, type FakeWindow } from '../support/fake-electron.ts';

vi.mock('electron', () => ({ ...fakeElectron, default: fakeElectron }));
vi.mock('electron-store', () => ({ default: FakeStore }));

const REPO = resolve(import.meta.dirname, '../..');
const MAIN = join(REPO, 'out/main/index.js');
const APP_PAGE = 'app://ipt/index.html';
const VAULT_DIR = join(record.userData, 'vault');
const PASSPHRASE = 'correct horse battery staple violet';
/** Creating or unlocking derives the key with the production Argon2 parameters (seconds, not milliseconds). */
const KDF_TIMEOUT = 120_000;

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message?: string; fields?: Record<string, string> };
}
type Handler = (event: unknown, input?: unknown) => Promise<Reply>;
type MenuItem = { label?: string; accelerator?: string; enabled?: boolean; click?: (...args: unknown[]) => void; submenu?: MenuItem[] };

let win: FakeWindow;

/** Calls a contract channel through the handler the shell registered, as Electron would for `event`'s sender. */
async function invoke(channel: string, input: unknown = {}, event: unknown = invokeEvent(win.webContents)): Promise<Reply> {
  const handler = record.ipc.get(`${IPC_PREFIX}${channel}`) as Handler | undefined;
  if (!handler) throw new Error(`The shell registered no handler for ${channel}.`);
  return handler(event, input);
}

/** Events Electron would pass for calls that must be refused: another page, a sub-frame of ours, a frameless call. */
function foreignEvents() {
  return [
    invokeEvent(new FakeWebContents('https://evil.example/')),
    invokeEvent(new FakeWebContents('app://evil/index.html')),
    invokeEvent(new FakeWebContents('file:///tmp/x.html')),
    invokeEvent(win.webContents, win.webContents.subFrame(APP_PAGE)),
    invokeEvent(win.webContents, null),
  ];
}

function currentMenu(): MenuItem[] {
  return record.menus.at(-1) as MenuItem[];
}

function menuItem(label: string, items: MenuItem[] = currentMenu()): MenuItem | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = item.submenu ? menuItem(label, item.submenu) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

async function status(): Promise<Reply> {
  return invoke('vault.status', {});
}

async function ensureUnlocked(): Promise<void> {
  if ((await status()).value && ((await status()).value as { state: string }).state === 'unlocked') return;
  expect(await invoke('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true, value: { state: 'unlocked' } });
}

describe('the built Electron main process, under Node with a fake electron that behaves like Electron', () => {
  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('out/main/index.js is missing: run `npm run build` first.');
    // A first run: nothing exists under userData yet.
    expect(existsSync(record.userData)).toBe(false);
    await import(MAIN);
    await vi.waitFor(() => {
      if (!record.windows[0]?.isVisible()) throw new Error('The window was not shown yet.');
    });
    win = record.windows[0]!;
  });

  afterAll(() => {
    rmSync(record.root, { recursive: true, force: true });
  });

  it('asks for a single instance, enables the sandbox and registers a privileged app:// scheme', () => {
    expect(record.singleInstanceRequested).toBe(true);
    expect(record.sandboxEnabled).toBe(true);
    expect(record.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('opens one window with exactly the policy options, loading our protocol, and shows it when ready', () => {
    expect(record.windows).toHaveLength(1);
    const expected = windowOptions(join(REPO, 'out/preload/index.cjs'));
    expect(win.options).toMatchObject({ ...expected, webPreferences: expected.webPreferences });
    expect(win.options['webPreferences']).toEqual(expected.webPreferences);
    expect(win.loaded).toBe(APP_PAGE);
    expect(win.webContents.getURL()).toBe(APP_PAGE);
    expect(win.isVisible()).toBe(true);
  });

  it('registers a handler for every contract channel, and no other', () => {
    expect([...record.ipc.keys()].sort()).toEqual(CHANNEL_NAMES.map((c) => `${IPC_PREFIX}${c}`).sort());
  });

  it('answers IPC from our page, and refuses another page, a sub-frame and a frameless call', async () => {
    expect(await status()).toMatchObject({ ok: true });
    for (const event of foreignEvents()) {
      expect(await invoke('vault.status', {}, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('applies the navigation policy to every webContents, the window’s own included: no navigation, no windows, no webviews', () => {
    for (const contents of [win.webContents, new FakeWebContents('about:blank')]) {
      for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const event = electronEvent();
        expect(contents.emit(name, event, 'https://example.org/'), name).toBe(true);
        expect(event.defaultPrevented, name).toBe(true);
      }
      expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    }
    expect(record.openedExternally).toEqual([]);
  });

  it('blocks every request that is not our protocol, and denies every permission', () => {
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      record.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('app://ipt/assets/index.js')).toBe(false);
    expect(verdict('https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic')).toBe(true);
    expect(verdict('http://127.0.0.1:9999/')).toBe(true);
    let allowed: boolean | undefined;
    record.permissionRequest!(win.webContents, 'media', (a) => (allowed = a));
    expect(allowed).toBe(false);
    expect(record.permissionCheck!()).toBe(false);
    expect(record.spellChecker).toBe(false);
  });

  it('serves the renderer through the protocol with the CSP header', async () => {
    const serve = record.protocols.get('app')!;
    const page = await serve(new Request(APP_PAGE));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');
    const script = readdirSync(join(REPO, 'out/renderer/assets')).find((f) => f.endsWith('.js'))!;
    const asset = await serve(new Request(`app://ipt/assets/${script}`));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves no file outside out/renderer: dot segments, encoded slashes and backslashes, absolute paths, other hosts', async () => {
    const serve = record.protocols.get('app')!;
    const abs = (path: string) => encodeURIComponent(path);
    const attempts = [
      'app://ipt/../../package.json',
      'app://ipt/../preload/index.cjs',
      'app://ipt/..%2f..%2fpackage.json',
      'app://ipt/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://ipt/%2E%2E%2F%2E%2E%2Fpackage.json',
      'app://ipt/%2e%2e/%2e%2e/package.json',
      'app://ipt/assets/..%2f..%2f..%2fpackage.json',
      'app://ipt/..%2fpreload%2findex.cjs',
      'app://ipt/%2e%2e%2fmain%2findex.js',
      'app://ipt/..%5c..%5cpackage.json',
      'app://ipt/%5c..%5c..%5cpackage.json',
      'app://ipt/..%5cpreload%5cindex.cjs',
      'app://ipt/%252e%252e%252fpackage.json',
      'app://ipt/..%00/package.json',
      'app://ipt/__print/..%2f..%2f..%2fpackage.json',
      `app://ipt/${abs(join(REPO, 'package.json'))}`,
      `app://ipt/${join(REPO, 'package.json')}`,
      `app://ipt/${abs(join(REPO, 'out/preload/index.cjs'))}`,
      `app://ipt/${abs(join(VAULT_DIR, 'vault.key'))}`,
      'app://ipt//etc/passwd',
      'app://ipt/%2fetc%2fpasswd',
      'app://ipt/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://elsewhere/index.html',
      'app://elsewhere/../../package.json',
    ];
    for (const url of attempts) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toMatch(/^(Not found)?$/);
    }
  });

  it('locks on system suspend and screen lock', () => {
    expect(fakeElectron.powerMonitor.listenerCount('suspend')).toBe(1);
    expect(fakeElectron.powerMonitor.listenerCount('lock-screen')).toBe(1);
  });

  describe('the context menu of a text field', () => {
    const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
    const base = { isEditable: true, selectionText: '', misspelledWord: '', dictionarySuggestions: [] as string[], editFlags: flags, x: 10, y: 10 };
    type Popped = { label?: string; role?: string; type?: string; enabled?: boolean; click?: () => void }[];
    function rightClick(params: Partial<typeof base>): { template: Popped; options: unknown } | undefined {
      const before = record.popups.length;
      win.webContents.emit('context-menu', electronEvent(), { ...base, ...params });
      return record.popups.length > before ? (record.popups.at(-1) as { template: Popped; options: unknown }) : undefined;
    }

    it('offers cut, copy, paste and select all, enabled as the page says, over this window', () => {
      const popped = rightClick({ editFlags: { ...flags, canCut: false, canCopy: false } })!;
      expect(popped.options).toEqual({ window: win });
      expect(popped.template.map((i) => i.role ?? i.type)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
      expect(popped.template.filter((i) => i.role).map((i) => i.enabled)).toEqual([false, false, true, true]);
    });

    it('puts spelling suggestions first: choosing one replaces the word, and a word can be learnt on this device', () => {
      const popped = rightClick({ misspelledWord: 'sesion', dictionarySuggestions: ['session', 'season'] })!;
      expect(popped.template.slice(0, 4).map((i) => i.label ?? i.type)).toEqual(['session', 'season', 'Add to dictionary', 'separator']);
      popped.template[0]!.click!();
      expect(win.webContents.replaced).toEqual(['session']);
      popped.template[2]!.click!();
      expect(record.learntWords).toEqual(['sesion']);
      const none = rightClick({ misspelledWord: 'qqqq', dictionarySuggestions: [] })!;
      expect(none.template[0]).toMatchObject({ label: 'No spelling suggestions', enabled: false });
    });

    it('outside a text field: Copy only with a selection, and no menu without one', () => {
      expect(rightClick({ isEditable: false })).toBeUndefined();
      expect(rightClick({ isEditable: false, selectionText: 'Session 3' })!.template.map((i) => i.role)).toEqual(['copy']);
    });
  });

  it('saves the window as it changes: maximised, full screen, back to normal (with its normal bounds)', async () => {
    const saved = async () => ((await invoke('settings.get', {})).value as { windowMode: string; windowBounds: unknown });
    win.maximize();
    expect(await saved()).toMatchObject({ windowMode: 'maximized', windowBounds: win.getNormalBounds() });
    win.setFullScreen(true);
    expect((await saved()).windowMode).toBe('fullScreen');
    win.setFullScreen(false);
    expect((await saved()).windowMode).toBe('maximized');
    win.unmaximize();
    expect((await saved()).windowMode).toBe('normal');
  });

  it('knows its build date (from the build), and opens the download page only when asked, from our page only', async () => {
    const info = await invoke('app.info', {});
    // out/ was built today by the test run's build step; electron-vite wrote the day into the bundle.
    expect((info.value as { buildDate: string }).buildDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(readFileSync(MAIN, 'utf8')).not.toContain('__BUILD_DATE__');
    expect(record.openedExternally).toEqual([]);
    for (const event of foreignEvents()) expect(await invoke('app.openDownloadPage', {}, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(record.openedExternally).toEqual([]);
    expect(await invoke('app.openDownloadPage', {})).toEqual({ ok: true, value: { opened: true } });
    expect(record.openedExternally).toEqual([DOWNLOAD_PAGE_URL]);
  });

  it('opens the support log folder (in the data folder) in the file manager when asked, and writes the log there', async () => {
    expect(await invoke('support.openLogFolder', {})).toEqual({ ok: true, value: { opened: true } });
    expect(record.openedPaths).toEqual([join(VAULT_DIR, 'logs')]);
    expect(readFileSync(join(VAULT_DIR, 'logs', 'support.log'), 'utf8')).toMatch(/ start version=0\.1\.0-test shell=electron platform=\w+\n/);
  });

  it('builds an application menu with shortcuts; record commands are off while locked', () => {
    const file = currentMenu().find((m) => m.label === 'File')!.submenu!;
    const byLabel = Object.fromEntries(file.filter((i) => i.label).map((i) => [i.label, i]));
    expect(byLabel['New client']).toMatchObject({ accelerator: 'CmdOrCtrl+N', enabled: false });
    expect(byLabel['Lock']).toMatchObject({ accelerator: 'CmdOrCtrl+L', enabled: false });
    expect(currentMenu().map((m) => m.label)).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Window', 'Help']));
  });

  describe('a first run, through the IPC handlers only', () => {
    let clientId = '';

    it('reports that there is no vault yet', async () => {
      expect(await status()).toEqual({ ok: true, value: { state: 'no-vault', pendingRecoveryKey: false, clientMode: false } });
    });

    it('refuses vault.beginCreate, vault.create and clients.list from anything but our page, and creates nothing', async () => {
      for (const event of foreignEvents()) {
        expect(await invoke('vault.beginCreate', {}, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }
      expect(await status()).toMatchObject({ ok: true, value: { state: 'no-vault', pendingRecoveryKey: false } });
      // Even holding the right recovery key, a foreign page cannot create the vault.
      const shown = await invoke('vault.beginCreate', {});
      const recoveryKey = (shown.value as { recoveryKey: string }).recoveryKey;
      for (const event of foreignEvents()) {
        expect(await invoke('vault.create', { passphrase: PASSPHRASE, recoveryKeyTypedBack: recoveryKey }, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
        expect(await invoke('clients.list', {}, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }
      expect(await status()).toMatchObject({ ok: true, value: { state: 'no-vault' } });
      expect(existsSync(join(VAULT_DIR, 'vault.key'))).toBe(false);
      expect(existsSync(join(VAULT_DIR, 'vault.db'))).toBe(false);
    });

    it(
      'creates a vault (recovery key typed back), in a vault folder only its owner can open (0700)',
      async () => {
        const shown = await invoke('vault.beginCreate', {});
        expect(shown).toMatchObject({ ok: true, value: { recoveryKey: expect.any(String) } });
        const recoveryKey = (shown.value as { recoveryKey: string }).recoveryKey;
        expect(await status()).toMatchObject({ ok: true, value: { state: 'no-vault', pendingRecoveryKey: true } });

        const created = await invoke('vault.create', { passphrase: PASSPHRASE, recoveryKeyTypedBack: recoveryKey });
        expect(created).toEqual({ ok: true, value: { state: 'unlocked', pendingRecoveryKey: false, clientMode: false } });

        expect(statSync(VAULT_DIR).isDirectory()).toBe(true);
        expect((statSync(VAULT_DIR).mode & 0o777).toString(8)).toBe('700');
        expect(existsSync(join(VAULT_DIR, 'vault.key'))).toBe(true);
        expect(existsSync(join(VAULT_DIR, 'vault.db'))).toBe(true);
        expect(await status()).toMatchObject({ ok: true, value: { state: 'unlocked' } });
        // Unlocked: the window is kept out of screenshots and screen sharing, record commands are on.
        expect(win.contentProtection).toBe(true);
        expect(menuItem('New client')).toMatchObject({ enabled: true });
        expect(menuItem('Lock')).toMatchObject({ enabled: true });
      },
      KDF_TIMEOUT,
    );

    it('adds a client and reads it back', async () => {
      const created = await invoke('clients.create', { fields: { fullName: 'Ada Lovelace', dateOfBirth: '1970-01-01' } });
      expect(created).toMatchObject({ ok: true, value: { id: expect.any(String), fields: { fullName: 'Ada Lovelace', dateOfBirth: '1970-01-01' } } });
      clientId = (created.value as { id: string }).id;
      const list = await invoke('clients.list', {});
      expect(list).toMatchObject({ ok: true, value: [{ id: clientId, fullName: 'Ada Lovelace', dateOfBirth: '1970-01-01', archived: false }] });
    });

    it('Print, Export, Back up now and Settings are on while unlocked, and each sends its command to the page', () => {
      const expected: [string, string, string][] = [
        ['Print…', 'CmdOrCtrl+P', 'menu.print'],
        ['Export…', 'CmdOrCtrl+E', 'menu.export'],
        ['Back up now', 'CmdOrCtrl+B', 'menu.backup'],
        ['Settings…', 'CmdOrCtrl+,', 'menu.settings'],
      ];
      for (const [label, accelerator, command] of expected) {
        const item = menuItem(label);
        expect(item, label).toMatchObject({ accelerator, enabled: true, click: expect.any(Function) });
        const before = win.webContents.sent.length;
        item!.click!(item, win, electronEvent());
        expect(win.webContents.sent.slice(before), label).toEqual([[EVENT_CHANNEL, command]]);
      }
      const window = currentMenu().find((m) => m.label === 'Window') as MenuItem & { role?: string };
      expect(window.role).toBe('window');
    });

    it('asks Electron for PDFs tagged for screen readers, with an outline', async () => {
      const course = await invoke('courses.create', { clientId, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } });
      const session = await invoke('sessions.create', { courseId: (course.value as { id: string }).id, date: '2026-01-05', attendance: 'attended' });
      const printed = await invoke('documents.print', { sessionId: (session.value as { id: string }).id });
      expect(printed).toMatchObject({ ok: true });
      expect(record.pdfOptions.at(-1)).toMatchObject({ generateTaggedPDF: true, generateDocumentOutline: true, displayHeaderFooter: true });
    });

    it('save dialogs filter by file type and open where the last file was saved', async () => {
      const courseId = ((await invoke('courses.list', { clientId })).value as { id: string }[])[0]!.id;
      const chosen = join(record.root, 'exports', 'summary.pdf');
      mkdirSync(dirname(chosen), { recursive: true });
      record.saveDialogReply = { canceled: false, filePath: chosen };
      expect(await invoke('documents.print', { courseId })).toMatchObject({ ok: true, value: { saved: true, fileName: 'summary.pdf' } });
      const first = record.dialogs.at(-1)!.options as { defaultPath: string; filters: unknown };
      expect(first.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
      expect(dirname(first.defaultPath)).toBe(join(record.root, 'documents'));
      expect(readFileSync(chosen, 'latin1').startsWith('%PDF-')).toBe(true);
      record.saveDialogReply = { canceled: true };
      expect(await invoke('documents.print', { courseId })).toMatchObject({ ok: true, value: { saved: false } });
      expect(dirname((record.dialogs.at(-1)!.options as { defaultPath: string }).defaultPath)).toBe(dirname(chosen));
    });

    it('"Show in folder" after a save: the page gets an opaque id, and main shows the saved path', async () => {
      const courseId = ((await invoke('courses.list', { clientId })).value as { id: string }[])[0]!.id;
      const chosen = join(record.root, 'exports', 'shown.pdf');
      record.saveDialogReply = { canceled: false, filePath: chosen };
      const saved = await invoke('documents.print', { courseId });
      record.saveDialogReply = { canceled: true };
      const fileId = (saved.value as { fileId: string }).fileId;
      // The page never holds the path: only a random id.
      expect(fileId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(saved.value)).not.toContain(record.root);
      expect(await invoke('files.showInFolder', { id: fileId })).toEqual({ ok: true, value: { shown: true } });
      expect(record.shownInFolder.at(-1)).toBe(chosen);
      // An id main never gave out shows nothing; another page may not ask at all.
      const before = record.shownInFolder.length;
      expect(await invoke('files.showInFolder', { id: '00000000-0000-4000-8000-000000000000' })).toEqual({ ok: true, value: { shown: false } });
      for (const event of foreignEvents()) expect(await invoke('files.showInFolder', { id: fileId }, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(record.shownInFolder.length).toBe(before);
    });

    it('refuses clients.list and clients.create from anything but our page while unlocked, and adds nothing', async () => {
      for (const event of foreignEvents()) {
        expect(await invoke('clients.list', {}, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
        expect(await invoke('clients.create', { fields: { fullName: 'Mallory', dateOfBirth: '1970-01-01' } }, event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }
      const list = await invoke('clients.list', { status: 'all' });
      expect(list).toMatchObject({ ok: true });
      expect((list.value as { id: string }[]).map((c) => c.id)).toEqual([clientId]);
    });

    it('locks from the application menu: Lock asks the page, the page calls vault.lock, and the records are closed', async () => {
      const lock = menuItem('Lock');
      expect(lock).toMatchObject({ enabled: true, click: expect.any(Function) });
      const before = win.webContents.sent.length;
      lock!.click!(lock, win, electronEvent());
      expect(win.webContents.sent.slice(before)).toEqual([[EVENT_CHANNEL, 'menu.lock']]);

      // What the renderer does on menu.lock (Workspace.tsx): save drafts, then vault.lock.
      expect(await invoke('vault.lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
      expect(await status()).toMatchObject({ ok: true, value: { state: 'locked', pendingRecoveryKey: false } });
      expect(await invoke('clients.list', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
      expect(win.contentProtection).toBe(false);
      expect(menuItem('New client')).toMatchObject({ enabled: false });
      expect(menuItem('Lock')).toMatchObject({ enabled: false });
    });

    it(
      'unlocks with the passphrase (a progress bar on the taskbar meanwhile) and finds the client again',
      async () => {
        const before = win.progress.length;
        expect(await invoke('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true, value: { state: 'unlocked' } });
        // The key derivation shows on the taskbar/Dock as an indeterminate bar (2), cleared after (-1).
        expect(win.progress.slice(before)).toEqual([2, -1]);
        expect(await invoke('clients.list', {})).toMatchObject({ ok: true, value: [{ id: clientId, fullName: 'Ada Lovelace' }] });
      },
      KDF_TIMEOUT,
    );
  });

  describe('a page that crashes or hangs cannot keep the vault open', () => {
    it(
      'a crashed page: the vault locks and the page starts again at the unlock screen',
      async () => {
        await ensureUnlocked();
        win.loaded = '';
        win.webContents.emit('render-process-gone', electronEvent(), { reason: 'crashed', exitCode: 1 });
        expect(await status()).toMatchObject({ ok: true, value: { state: 'locked' } });
        await vi.waitFor(() => {
          if (win.loaded !== APP_PAGE) throw new Error('The page was not loaded again.');
        });
        expect(win.webContents.sent).toContainEqual(['ipt:event', 'vault.lockedByMain']);
        expect(menuItem('New client')).toMatchObject({ enabled: false });
      },
      KDF_TIMEOUT,
    );

    it(
      'a hung page: the vault locks, the page is ended and loaded again',
      async () => {
        await ensureUnlocked();
        win.loaded = '';
        const crashedBefore = record.crashedRenderers;
        win.emit('unresponsive');
        expect(await status()).toMatchObject({ ok: true, value: { state: 'locked' } });
        expect(record.crashedRenderers).toBe(crashedBefore + 1);
        await vi.waitFor(() => {
          if (win.loaded !== APP_PAGE) throw new Error('The page was not loaded again.');
        });
      },
      KDF_TIMEOUT,
    );
  });

  it(
    'quitting lets the page save its drafts while the vault is open, then runs a due backup, locks and quits',
    async () => {
      await ensureUnlocked();
      const sentBefore = win.webContents.sent.length;
      const event = electronEvent();
      const before = record.quitCalls;
      fakeElectron.app.emit('before-quit', event);
      expect(event.defaultPrevented).toBe(true);
      // The page is asked to save first, and the vault is still open while it does.
      expect(win.webContents.sent.slice(sentBefore)).toContainEqual(['ipt:event', 'app.flushDrafts']);
      expect(await status()).toMatchObject({ ok: true, value: { state: 'unlocked' } });
      expect(record.quit).toBe(false);
      // The page answers as the renderer does after flushing its drafts.
      expect(await invoke('app.closeReady', {})).toMatchObject({ ok: true });
      await vi.waitFor(() => {
        if (!record.quit) throw new Error('The app has not quit yet.');
      });
      expect(record.quitCalls).toBe(before + 1);
      expect(await status()).toMatchObject({ ok: true, value: { state: 'locked' } });
    },
    KDF_TIMEOUT,
  );

  it('a window opened again (the Dock icon on macOS) is shown, then maximised as the last one was when it closed', async () => {
    win.maximize();
    win.destroy();
    const count = record.windows.length;
    fakeElectron.app.emit('activate', electronEvent(), false);
    expect(record.windows).toHaveLength(count + 1);
    const again = record.windows.at(-1)!;
    await vi.waitFor(() => {
      if (!again.isVisible()) throw new Error('The new window was not shown yet.');
    });
    expect(again.shown).toEqual(['show', 'maximize']);
    expect(again.getBounds()).toEqual(win.getNormalBounds());
  });
});
