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

/** Shortcuts shown in the menus and in the help screen. */
export const SHORTCUTS: { command: AppEventName; label: string; accelerator: string }[] = [
  { command: 'menu.newClient', label: 'New client', accelerator: 'CmdOrCtrl+N' },
  { command: 'menu.search', label: 'Search', accelerator: 'CmdOrCtrl+K' },
  { command: 'menu.lock', label: 'Lock', accelerator: 'CmdOrCtrl+L' },
  { command: 'menu.print', label: 'Print…', accelerator: 'CmdOrCtrl+P' },
  { command: 'menu.export', label: 'Export…', accelerator: 'CmdOrCtrl+E' },
  { command: 'menu.backup', label: 'Back up now', accelerator: 'CmdOrCtrl+B' },
  { command: 'menu.shortcuts', label: 'Keyboard shortcuts', accelerator: 'F1' },
];

/** Commands that exist in this version; the others are shown but greyed out. */
const AVAILABLE = new Set<AppEventName>(['menu.newClient', 'menu.search', 'menu.lock', 'menu.shortcuts', 'menu.about']);

export function menuTemplate(state: MenuState): MenuItemSpec[] {
  // While a client fills in a questionnaire, menus and shortcuts are off.
  const active = state.unlocked && !state.clientMode;
  const item = (command: AppEventName): MenuItemSpec => {
    const s = SHORTCUTS.find((x) => x.command === command)!;
    const enabled = AVAILABLE.has(command) && (command === 'menu.shortcuts' ? !state.clientMode : command === 'menu.lock' ? state.unlocked : active);
    return { label: s.label, accelerator: s.accelerator, command, enabled };
  };
  return [
    ...(state.isMac ? [{ label: 'IPT Workstation', submenu: [{ label: 'About IPT Workstation', command: 'menu.about' as const, enabled: !state.clientMode }, { type: 'separator' as const }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' as const }, { role: 'quit' }] }] : []),
    {
      label: 'File',
      submenu: [item('menu.newClient'), item('menu.search'), { type: 'separator' }, item('menu.print'), item('menu.export'), item('menu.backup'), { type: 'separator' }, item('menu.lock'), ...(state.isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' }])],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    { label: 'Help', submenu: [item('menu.shortcuts'), ...(state.isMac ? [] : [{ label: 'About IPT Workstation', command: 'menu.about' as const, enabled: !state.clientMode }])] },
  ];
}
