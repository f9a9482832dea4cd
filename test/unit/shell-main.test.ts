import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../shared/contract.ts';
import { CONTENT_SECURITY_POLICY, windowOptions } from '../../electron/main/shell/security-policy.ts';
import { fakeElectron, FakeStore, record } from '../support/fake-electron.ts';

vi.mock('electron', () => ({ ...fakeElectron, default: fakeElectron }));
vi.mock('electron-store', () => ({ default: FakeStore }));

const MAIN = resolve(import.meta.dirname, '../../out/main/index.js');

type Handler = (event: unknown, input?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
type MenuItem = { label?: string; accelerator?: string; enabled?: boolean; click?: () => void; submenu?: MenuItem[] };

function frameEvent(url: string, subFrame = false) {
  const mainFrame = { url, parent: null };
  const frame = subFrame ? { url, parent: mainFrame } : mainFrame;
  return { senderFrame: frame, sender: { mainFrame } };
}

describe('the built Electron main process, under Node with a recording fake electron', () => {
  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('out/main/index.js is missing: run `npm run build` first.');
    await import(MAIN);
    await new Promise((r) => setTimeout(r, 50));
  });

  it('asks for a single instance, enables the sandbox and registers a privileged app:// scheme', () => {
    expect(record.singleInstanceRequested).toBe(true);
    expect(record.sandboxEnabled).toBe(true);
    expect(record.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('opens one window with exactly the policy options, loading our protocol', () => {
    expect(record.windows).toHaveLength(1);
    const win = record.windows[0]!;
    const expected = windowOptions(resolve(import.meta.dirname, '../../out/preload/index.cjs'));
    expect(win.options).toMatchObject({ ...expected, webPreferences: expected.webPreferences });
    expect(win.options['webPreferences']).toEqual(expected.webPreferences);
    expect(win.loaded).toBe('app://ipt/index.html');
  });

  it('registers a handler for every contract channel, and no other', () => {
    expect([...record.ipc.keys()].sort()).toEqual(CHANNEL_NAMES.map((c) => `${IPC_PREFIX}${c}`).sort());
  });

  it('answers IPC from our page, and refuses a foreign frame and a sub-frame', async () => {
    const handler = record.ipc.get(`${IPC_PREFIX}vault.status`) as Handler;
    expect((await handler(frameEvent('app://ipt/index.html'), {})).ok).toBe(true);
    for (const event of [frameEvent('https://evil.example/'), frameEvent('app://ipt/index.html', true), frameEvent('file:///tmp/x.html'), { senderFrame: null, sender: {} }]) {
      const refused = await handler(event, {});
      expect(refused.ok).toBe(false);
      expect(refused.error?.code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('serves the renderer through the protocol with the CSP header, and nothing outside it', async () => {
    const serve = record.protocols.get('app')!;
    const page = await serve(new Request('app://ipt/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');
    expect((await serve(new Request('app://ipt/..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
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
    record.permissionRequest!({}, 'media', (a) => (allowed = a));
    expect(allowed).toBe(false);
    expect(record.permissionCheck!()).toBe(false);
    expect(record.spellChecker).toBe(false);
  });

  it('applies the navigation policy to every new webContents: no navigation, no windows, no webviews', () => {
    const events = new Map<string, (e: { preventDefault: () => void }) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    record.appEvents.get('web-contents-created')!({} as never, { on: (n: string, f: never) => events.set(n, f), setWindowOpenHandler: (f: never) => (openHandler = f) } as never);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      events.get(name)!({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(record.openedExternally).toEqual([]);
  });

  it('holds quitting until a due or running backup is done, then locks and quits', async () => {
    let prevented = false;
    const before = record.quitCalls;
    record.appEvents.get('before-quit')!({ preventDefault: () => (prevented = true) } as never);
    expect(prevented).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(record.quitCalls).toBe(before + 1);
  });

  it('locks on system suspend and screen lock', () => {
    expect([...record.powerEvents.keys()].sort()).toEqual(['lock-screen', 'suspend']);
  });

  it('builds an application menu with shortcuts; record commands are off while locked', () => {
    const menu = record.menus.at(-1) as MenuItem[];
    const file = menu.find((m) => m.label === 'File')!.submenu!;
    const byLabel = Object.fromEntries(file.filter((i) => i.label).map((i) => [i.label, i]));
    expect(byLabel['New client']).toMatchObject({ accelerator: 'CmdOrCtrl+N', enabled: false });
    expect(byLabel['Lock']).toMatchObject({ accelerator: 'CmdOrCtrl+L' });
    expect(menu.map((m) => m.label)).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Window', 'Help']));
  });
});
