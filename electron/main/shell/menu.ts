/**
 * The application menu as plain data: standard roles plus the app's commands, each with its
 * shortcut. index.ts turns it into an Electron menu; tests read it directly.
 */
import type { AppEventName } from '../../../shared/contract.ts';

export interface MenuItemSpec {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  /** The event sent to the renderer when chosen. */
  command?: AppEventName;
  enabled?: boolean;
  submenu?: MenuItemSpec[];
}

export interface MenuState {
  unlocked: boolean;
  clientMode: boolean;
  isMac: boolean;
}

/** Shortcuts shown in the menus and in the help screen. The renderer binds the same keys. */
export const SHORTCUTS: { command: AppEventName; label: string; accelerator: string }[] = [
  { command: 'menu.newClient', label: 'New client', accelerator: 'CmdOrCtrl+N' },
  { command: 'menu.search', label: 'Search', accelerator: 'CmdOrCtrl+K' },
  { command: 'menu.lock', label: 'Lock', accelerator: 'CmdOrCtrl+L' },
  { command: 'menu.print', label: 'Print…', accelerator: 'CmdOrCtrl+P' },
  { command: 'menu.export', label: 'Export…', accelerator: 'CmdOrCtrl+E' },
  { command: 'menu.backup', label: 'Back up now', accelerator: 'CmdOrCtrl+B' },
  { command: 'menu.settings', label: 'Settings…', accelerator: 'CmdOrCtrl+,' },
  { command: 'menu.shortcuts', label: 'Keyboard shortcuts', accelerator: 'F1' },
];

export function menuTemplate(state: MenuState): MenuItemSpec[] {
  // While a client fills in a questionnaire, menus and shortcuts are off.
  const active = state.unlocked && !state.clientMode;
  const item = (command: AppEventName): MenuItemSpec => {
    const s = SHORTCUTS.find((x) => x.command === command)!;
    const enabled = command === 'menu.shortcuts' ? !state.clientMode : command === 'menu.lock' ? state.unlocked : active;
    return { label: s.label, accelerator: s.accelerator, command, enabled };
  };
  const about: MenuItemSpec = { label: 'About IPT Workstation', command: 'menu.about', enabled: !state.clientMode };
  const separator: MenuItemSpec = { type: 'separator' };
  // macOS: the standard app menu (About, Settings, Services, Hide, Hide Others, Show All, Quit).
  const appMenu: MenuItemSpec[] = state.isMac
    ? [{ label: 'IPT Workstation', submenu: [about, separator, item('menu.settings'), separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] }]
    : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        item('menu.newClient'),
        item('menu.search'),
        separator,
        item('menu.print'),
        item('menu.export'),
        item('menu.backup'),
        separator,
        ...(state.isMac ? [] : [item('menu.settings'), separator]),
        item('menu.lock'),
        ...(state.isMac ? [] : [separator, { role: 'quit' }]),
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }] },
    // role 'window' makes it macOS's Window menu (the open windows are listed there).
    { label: 'Window', role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(state.isMac ? [separator, { role: 'front' }] : [{ role: 'close' }])] },
    { label: 'Help', submenu: [item('menu.shortcuts'), ...(state.isMac ? [] : [about])] },
  ];
}
