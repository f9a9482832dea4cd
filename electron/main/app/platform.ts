/** What a shell provides to the app: Electron in the desktop app, Node in the browser host. */
import type { DocumentPlatform } from '../domain/documents/platform.ts';

export interface AppPlatform {
  shell: 'electron' | 'browser-host';
  version: string;
  /** The renderer has saved its drafts; the window may close now. */
  closeReady(): void;
  /** PDF rendering and saving files; absent where documents cannot be made. */
  documents?: DocumentPlatform;
  /** Seconds since the user last touched the computer; main locks an idle vault even if the page hangs. */
  systemIdleSeconds?: () => number;
  /** The system's folder picker (desktop), or a fixed folder (browser host). */
  chooseFolder?: () => Promise<string | null>;
  /** Opens a folder in the system's file manager (desktop only); true if it opened. */
  openFolder?: (path: string) => Promise<boolean>;
  /** Opens the download page (shared/update-notice.ts) in the system browser (desktop only); true if it opened. */
  openDownloadPage?: () => Promise<boolean>;
}
