/** The update notice's main side, through the composition: the build date, the dismissal, no browser in the host. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { todayIso } from '../../shared/schemas/dates.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, testKdfPolicy } from '../support/vault-fixture.ts';

const dir = tempDir('ipt-update-');
mkdirSync(join(dir.path, 'data'), { recursive: true });
const open = (buildDate?: string) =>
  createApp({ dataDir: join(dir.path, 'data'), kdfPolicy: testKdfPolicy(), preferences: createConfStore(join(dir.path, 'data')), platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined }, ...(buildDate ? { buildDate } : {}) });

afterAll(() => dir.remove());

describe('the offline update notice, in main', () => {
  it('app.info gives the build date; a run from source counts as built today', async () => {
    const fromSource = open();
    expect(expectOk(await fromSource.call('app.info', {})).buildDate).toBe(todayIso());
    fromSource.close();
    const old = open('2024-03-01');
    expect(expectOk(await old.call('app.info', {})).buildDate).toBe('2024-03-01');
    // The browser host has no browser to open: it answers false, and nothing else happens.
    expect(expectOk(await old.call('app.openDownloadPage', {}))).toEqual({ opened: false });
    old.close();
  });

  it('remembers the dismissal for that build across restarts, and refuses anything but a date', async () => {
    const first = open('2024-03-01');
    expect(expectOk(await first.call('settings.get', {})).updateNoticeDismissed).toBe('');
    expectOk(await first.call('settings.update', { updateNoticeDismissed: '2024-03-01' }));
    expect(await first.call('settings.update', { updateNoticeDismissed: 'soon' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    first.close();
    const again = open('2024-03-01');
    expect(expectOk(await again.call('settings.get', {})).updateNoticeDismissed).toBe('2024-03-01');
    again.close();
  });
});
