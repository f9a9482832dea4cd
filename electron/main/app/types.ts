/** What a shell passes to the composition, and the state it reads back. */
import type { ChannelName } from '../../../shared/contract.ts';
import type { Settings } from '../../../shared/schemas/settings.ts';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';
import type { KdfPolicy } from '../data/keys/kdf-policy.ts';
import type { PreferencesStore } from '../data/settings.ts';
import type { AppPlatform } from './platform.ts';

export interface AppOptions {
  dataDir: string;
  platform?: AppPlatform;
  kdfPolicy: KdfPolicy;
  preferences: PreferencesStore;
  /** The day this build was made (YYYY-MM-DD); tests pass an old one to see the update notice. */
  buildDate?: string;
  /** Told of internal failures by channel and error kind only; never receives record contents. */
  onInternalError?: (channel: ChannelName, kind: string) => void;
}

/** What shells show from main's state: the menu, content protection and the theme follow it. */
export interface AppState {
  vault: VaultStatus['state'];
  clientMode: boolean;
  contentProtection: boolean;
  theme: Settings['theme'];
}

