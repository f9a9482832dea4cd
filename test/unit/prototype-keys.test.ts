import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { SettingsService } from '../../electron/main/data/settings.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

/** Names every plain object answers to through its prototype: none of them is a template. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const ANSWERS_FOR_UNKNOWN = ['NOT_FOUND', 'VALIDATION_FAILED'];

describe('finding 14: templates.get (and worksheets) with id __proto__ or constructor answers INTERNAL', () => {
  const dir = tempDir('ipt-proto-');
  const internal: string[] = [];
  let app: App;
  let sessionId = '';

  beforeAll(async () => {
    const data = join(dir.path, 'data');
    mkdirSync(join(dir.path, 'out'), { recursive: true });
    app = createApp({
      dataDir: data,
      kdfPolicy: testKdfPolicy(),
      preferences: createConfStore(data),
      platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: new HostDocumentPlatform(join(dir.path, 'out')) },
      onInternalError: (channel, kind) => internal.push(`${channel}: ${kind}`),
    });
    const begun = expectOk(await app.call('vault.beginCreate', {}));
    expectOk(await app.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
    const clientId = expectOk(await app.call('clients.create', { fields: { fullName: 'Proto Type', dateOfBirth: '1980-01-01' } })).id;
    const course = expectOk(await app.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2025-01-06', plannedSessions: 12, frequency: 'weekly' } }));
    sessionId = expectOk(await app.call('sessions.create', { courseId: course.id, date: '2025-01-06', attendance: 'attended' })).id;
  });
  afterAll(() => {
    app.close();
    dir.remove();
  });

  for (const id of PROTOTYPE_KEYS) {
    it(`answers "${id}" as an unknown template on every channel that takes a template id`, async () => {
      const calls = [
        ['templates.get', await app.call('templates.get', { id, version: 1 })],
        ['templates.clone', await app.call('templates.clone', { templateId: id })],
        ['entries.create', await app.call('entries.create', { sessionId, templateId: id })],
        ['documents.worksheet', await app.call('documents.worksheet', { kind: 'template', templateId: id, format: 'docx' })],
      ] as const;
      for (const [channel, result] of calls) {
        expect(result.ok, channel).toBe(false);
        if (!result.ok) expect(ANSWERS_FOR_UNKNOWN, `${channel} with ${id}: ${result.error.code}`).toContain(result.error.code);
      }
      expect(internal).toEqual([]);
    });
  }

  it('reads settings whose stored file has a key named after a prototype member', () => {
    for (const key of PROTOTYPE_KEYS) {
      const store = JSON.parse(`{"theme": "dark", "autoLockMinutes": "not a number", ${JSON.stringify(key)}: 1}`) as Record<string, unknown>;
      const settings = new SettingsService({ store }).get();
      expect(settings.theme).toBe('dark');
      expect(settings.autoLockMinutes).toBe(10);
    }
  });
});
