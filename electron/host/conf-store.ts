import Conf from 'conf';
import type { PreferencesStore } from '../main/app/app.ts';

/**
 * The settings file for the browser host and tests: `conf`, which electron-store wraps in the
 * app. Validation is the SettingsService's job (the shared schema), so that a hand-edited file
 * loses only its bad keys rather than everything.
 */
export function createConfStore(dir: string): PreferencesStore {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'ipt-workstation' });
}
