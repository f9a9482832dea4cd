import type { ChannelName } from '../../../shared/contract.ts';

/**
 * Calls that can take seconds (key derivation, backups, exports, packets): shells show progress
 * while one runs (the taskbar/Dock bar). None reports a real fraction yet, so it is indeterminate.
 */
export const LONG_WORK: readonly ChannelName[] = ['vault.create', 'vault.unlock', 'vault.recover', 'vault.changePassphrase', 'backups.run', 'backups.verify', 'backups.restore', 'export.full', 'packet.export'];

/** How many long calls are running; 0 means none (the shell clears its progress bar). */
export interface Progress {
  running: number;
}
