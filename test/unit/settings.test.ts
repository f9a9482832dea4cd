import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { SettingsService } from '../../electron/main/data/settings.ts';
import { tempDir } from '../support/temp.ts';
import { createServices, expectOk } from '../support/vault-fixture.ts';

describe('settings service', () => {
  it('starts from defaults and keeps changes in the settings file', async () => {
    const dir = tempDir();
    const services = createServices(dir.path);
    expect(expectOk(await services.call('settings.get', {}))).toEqual(DEFAULT_SETTINGS);
    expectOk(await services.call('settings.update', { theme: 'dark', autoLockMinutes: 5 }));
    const reopened = new SettingsService(createConfStore(dir.path));
    expect(reopened.get()).toMatchObject({ theme: 'dark', autoLockMinutes: 5 });
    const file = JSON.parse(readFileSync(join(dir.path, 'settings.json'), 'utf8'));
    expect(Object.keys(file).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    dir.remove();
  });

  it('rejects values out of range or of the wrong kind, and unknown keys, changing nothing', async () => {
    const dir = tempDir();
    const services = createServices(dir.path);
    for (const patch of [{ autoLockMinutes: 500 }, { autoLockMinutes: 1.5 }, { theme: 'purple' }, { clientName: 'Ada' }, { lastVaultDir: '/tmp' }]) {
      const result = await services.dispatch('settings.update', patch);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(patch)).toBe('VALIDATION_FAILED');
    }
    expect(expectOk(await services.call('settings.get', {}))).toEqual(DEFAULT_SETTINGS);
    dir.remove();
  });

  it('survives a hand-edited file: valid keys are kept, the rest fall back to defaults', () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, 'settings.json'), JSON.stringify({ theme: 'light', autoLockMinutes: 'soon' }));
    const settings = new SettingsService(createConfStore(dir.path)).get();
    expect(settings.autoLockMinutes).toBe(DEFAULT_SETTINGS.autoLockMinutes);
    expect(settings.theme).toBe('light');
    dir.remove();
  });
});
