import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuItemSpec } from '../../electron/main/shell/menu.ts';
import { EXTERNAL_ALLOW_LIST, mayOpenExternal, restorableBounds } from '../../electron/main/shell/window-state.ts';
import { DOWNLOAD_PAGE_URL } from '../../shared/update-notice.ts';

function flat(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
}

describe('application menu', () => {
  it('has the app commands with shortcuts, enabled while unlocked', () => {
    const items = flat(menuTemplate({ unlocked: true, clientMode: false, isMac: false })).filter((i) => i.command);
    const byCommand = Object.fromEntries(items.map((i) => [i.command, i]));
    expect(byCommand['menu.newClient']).toMatchObject({ accelerator: 'CmdOrCtrl+N', enabled: true });
    expect(byCommand['menu.search']).toMatchObject({ accelerator: 'CmdOrCtrl+K', enabled: true });
    expect(byCommand['menu.lock']).toMatchObject({ accelerator: 'CmdOrCtrl+L', enabled: true });
    expect(byCommand['menu.shortcuts']).toMatchObject({ accelerator: 'F1', enabled: true });
    expect(byCommand['menu.print']).toMatchObject({ accelerator: 'CmdOrCtrl+P', enabled: true });
    expect(byCommand['menu.export']).toMatchObject({ accelerator: 'CmdOrCtrl+E', enabled: true });
    expect(byCommand['menu.backup']).toMatchObject({ accelerator: 'CmdOrCtrl+B', enabled: true });
    expect(byCommand['menu.settings']).toMatchObject({ accelerator: 'CmdOrCtrl+,', enabled: true });
    expect(byCommand['menu.about']).toMatchObject({ enabled: true });
  });

  it('has the standard macOS app menu and a Window menu with the window role', () => {
    const mac = menuTemplate({ unlocked: true, clientMode: false, isMac: true });
    const app = mac[0]!;
    expect(app.label).toBe('IPT Workstation');
    expect(app.submenu!.map((i) => i.role ?? i.command ?? i.type)).toEqual(['menu.about', 'separator', 'menu.settings', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    const window = mac.find((m) => m.label === 'Window')!;
    expect(window.role).toBe('window');
    expect(window.submenu!.map((i) => i.role).filter(Boolean)).toEqual(['minimize', 'zoom', 'front']);
    // Elsewhere there is no app menu: Settings, About and Quit live in File and Help.
    const other = menuTemplate({ unlocked: true, clientMode: false, isMac: false });
    expect(other.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(flat(other).filter((i) => i.role === 'quit' || i.command === 'menu.settings' || i.command === 'menu.about')).toHaveLength(3);
  });

  it('turns every command off while a client fills in a questionnaire, except locking', () => {
    const items = flat(menuTemplate({ unlocked: true, clientMode: true, isMac: true })).filter((i) => i.command);
    expect(items.filter((i) => i.enabled).map((i) => i.command)).toEqual(['menu.lock']);
  });

  it('keeps record commands off while locked', () => {
    const items = flat(menuTemplate({ unlocked: false, clientMode: false, isMac: false })).filter((i) => i.command && i.enabled);
    expect(items.map((i) => i.command).sort()).toEqual(['menu.about', 'menu.shortcuts']);
  });
});

describe('window state and external links', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 };
  it('restores saved bounds only when they fit on an attached screen', () => {
    expect(restorableBounds({ x: 100, y: 100, width: 1200, height: 800 }, [screen])).toEqual({ x: 100, y: 100, width: 1200, height: 800 });
    expect(restorableBounds({ x: 2500, y: 100, width: 1200, height: 800 }, [screen])).toBeNull();
    expect(restorableBounds({ x: 2500, y: 100, width: 1200, height: 800 }, [screen, { x: 1920, y: 0, width: 2560, height: 1440 }])).not.toBeNull();
    expect(restorableBounds({ x: 0, y: 0, width: 300, height: 200 }, [screen])).toBeNull();
    expect(restorableBounds(null, [screen])).toBeNull();
  });

  it('opens one external address, the download page (on the user\'s click), and no other', () => {
    expect(EXTERNAL_ALLOW_LIST).toEqual([DOWNLOAD_PAGE_URL]);
    expect(mayOpenExternal(DOWNLOAD_PAGE_URL)).toBe(true);
    for (const url of ['https://example.org', 'http://localhost', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', new URL(DOWNLOAD_PAGE_URL).origin]) expect(mayOpenExternal(url)).toBe(false);
  });
});
