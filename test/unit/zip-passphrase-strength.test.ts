import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { estimatePassphraseStrength } from '../../shared/passphrase-strength.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

/** Each passes the screen's old length check (12 characters) and is guessed in seconds. */
const WEAK = ['password1234', 'aaaaaaaaaaaa', 'qwertyuiop12', 'letmein12345'];

describe('finding 12: full-export and packet passphrases are as strong as the vault passphrase', () => {
  const dir = tempDir('ipt-zip-pass-');
  const out = join(dir.path, 'out');
  let app: App;
  let selection: Parameters<App['call']>[1] & object;

  beforeAll(async () => {
    const data = join(dir.path, 'data');
    mkdirSync(out, { recursive: true });
    app = createApp({ dataDir: data, kdfPolicy: testKdfPolicy(), preferences: createConfStore(data), platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: new HostDocumentPlatform(out) } });
    const begun = expectOk(await app.call('vault.beginCreate', {}));
    expectOk(await app.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
    const clientId = expectOk(await app.call('clients.create', { fields: { fullName: 'Zip Strength', dateOfBirth: '1980-01-01' } })).id;
    const course = expectOk(await app.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2025-01-06', plannedSessions: 12, frequency: 'weekly' } }));
    selection = { clientId, courseIds: [course.id], includeLetter: false, recipient: { name: 'Dr Mensah', practice: '', address: '', isGp: false } };
  });
  afterAll(() => {
    app.close();
    dir.remove();
  });

  for (const weak of WEAK) {
    it(`refuses "${weak}" for the full export and the packet, at the field, and saves nothing`, async () => {
      expect((await estimatePassphraseStrength(weak)).acceptable).toBe(false);
      const results = [
        await app.call('export.full', { zipPassphrase: weak }),
        await app.call('packet.export', { ...selection, zipPassphrase: weak } as never),
        await app.call('packet.preview', { ...selection, zipPassphrase: weak } as never),
      ];
      for (const result of results) {
        expect(result.ok ? 'ok' : result.error.code).toBe('WEAK_PASSPHRASE');
        if (!result.ok) expect(result.error.fields?.['zipPassphrase']).toBeTruthy();
      }
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('still accepts a strong passphrase, the suggested one, and no passphrase (a plain zip the screen warns about)', async () => {
    const preview = expectOk(await app.call('packet.preview', { ...selection, zipPassphrase: '' } as never)) as { suggestedPassphrase: string };
    expect((await estimatePassphraseStrength(preview.suggestedPassphrase)).acceptable).toBe(true);
    expectOk(await app.call('packet.export', { ...selection, zipPassphrase: preview.suggestedPassphrase } as never));
    expectOk(await app.call('export.full', { zipPassphrase: 'amber-otter-quietly-sings' }));
    expectOk(await app.call('export.full', { zipPassphrase: '' }));
    expect(readdirSync(out)).toHaveLength(3);
  });
});
