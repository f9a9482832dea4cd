/**
 * The names files are saved under, through the composition: the browser host's document platform
 * writes each file under the name main suggests, so the test reads the name back from the folder.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { todayIso } from '../../shared/schemas/dates.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

const dir = tempDir('ipt-names-');
const output = join(dir.path, 'exports');
const platform = new HostDocumentPlatform(output);
const services = createApp({
  dataDir: join(dir.path, 'data'),
  kdfPolicy: testKdfPolicy(),
  preferences: createConfStore(join(dir.path, 'data')),
  platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: platform },
});
const today = todayIso();
let clientId: string;
let courseId: string;

beforeAll(async () => {
  mkdirSync(join(dir.path, 'data'), { recursive: true });
  const begun = expectOk(await services.call('vault.beginCreate', {}));
  expectOk(await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
  clientId = expectOk(await services.call('clients.create', { fields: { fullName: 'Noor Haddad', dateOfBirth: '1988-04-04' } })).id;
  courseId = expectOk(await services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } })).id;
  expectOk(await services.call('sessions.create', { courseId, date: '2026-01-05', attendance: 'attended' }));
}, 60_000);

afterAll(async () => {
  services.close();
  await platform.close();
  dir.remove();
});

/** The file is on disk under the name main suggested, with the bytes of its kind. */
function savedAs(result: { saved: boolean; fileName: string }, expected: string, magic: string): void {
  expect(result).toMatchObject({ saved: true, fileName: expected });
  expect(readdirSync(output)).toContain(expected);
  expect(readFileSync(join(output, expected), 'latin1').startsWith(magic)).toBe(true);
}

describe('saved files say who, what and when', () => {
  it('a course summary names the client by initials by default', async () => {
    expect(expectOk(await services.call('settings.get', {})).exportNameStyle).toBe('initials');
    savedAs(expectOk(await services.call('documents.print', { courseId })), `NH course summary ${today}.pdf`, '%PDF-');
  }, 60_000);

  it('and by full name once the user chooses so in Settings', async () => {
    expectOk(await services.call('settings.update', { exportNameStyle: 'name' }));
    savedAs(expectOk(await services.call('documents.print', { courseId })), `Noor Haddad course summary ${today}.pdf`, '%PDF-');
    savedAs(expectOk(await services.call('audit.exportCsv', { clientId })), `Noor Haddad audit trail ${today}.csv`, 'seq');
  }, 60_000);

  it('a calendar under a chosen word keeps the client out of its name; files about no one client name none', async () => {
    savedAs(expectOk(await services.call('sessions.exportIcs', { clientId, summary: 'word', word: 'Meeting' })), `Appointments ${today}.ics`, 'BEGIN:VCALENDAR');
    savedAs(expectOk(await services.call('sessions.exportIcs', { clientId, summary: 'initials', word: '' })), `Noor Haddad appointments ${today}.ics`, 'BEGIN:VCALENDAR');
    savedAs(expectOk(await services.call('documents.worksheet', { kind: 'phq9', format: 'docx' })), `PHQ-9 worksheet ${today}.docx`, 'PK');
    savedAs(expectOk(await services.call('sessions.exportCsv', { from: '2026-01-01', to: '2026-01-31', names: 'initials' })), 'Sessions 2026-01-01 to 2026-01-31.csv', '');
    expect(existsSync(join(output, 'Sessions 2026-01-01 to 2026-01-31.csv'))).toBe(true);
  }, 60_000);

  it('a name style that is not one of the two is refused and changes nothing', async () => {
    const refused = await services.call('settings.update', { exportNameStyle: 'surname' } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(expectOk(await services.call('settings.get', {})).exportNameStyle).toBe('name');
  });
});
