import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { HostDocumentPlatform } from '../../electron/host/host-documents.ts';
import { scanForMarker } from '../support/leak-scanner.ts';
import { tempDir } from '../support/temp.ts';
import { expectOk, TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

/**
 * Every feature over one client whose every field carries a marker: course, inventory, circle,
 * timeline, sessions, technique worksheet, process note, measures, letter, print, packet, full
 * export, backup, restore, deletion of another client. Afterwards the marker is in no file of
 * the data folder, the backup folder, the settings file or the temp folder; only in the files
 * the user exported. The support log names channels, times and codes, and no marker or path. (The browser profile is scanned by the e2e foundation test.)
 */
const MARKER = 'Zleakallmarkerq';
const root = tempDir('ipt-leak-all-');
const dataDir = join(root.path, 'data');
const backups = join(root.path, 'backups');
const output = join(root.path, 'exports');
const temp = join(root.path, 'tmp');
for (const d of [dataDir, backups, output, temp]) mkdirSync(d, { recursive: true });
const savedTmp = process.env['TMPDIR'];

afterAll(() => {
  if (savedTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmp;
  root.remove();
});

describe('leak scan after using every feature', () => {
  it('finds the marker only in files the user exported', async () => {
    process.env['TMPDIR'] = temp;
    const platform = new HostDocumentPlatform(output);
    const services = createApp({
      dataDir,
      kdfPolicy: testKdfPolicy(),
      preferences: createConfStore(dataDir),
      platform: { shell: 'browser-host', version: '9.9.9', closeReady: () => undefined, documents: platform },
    });
    const begun = expectOk(await services.call('vault.beginCreate', {}));
    expectOk(await services.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.recoveryKey }));
    services.settings.update({ backupFolder: backups });
    expectOk(await services.call('profile.save', { practiceName: 'Leak Test Practice', address: '1 Road', phone: '', email: '', clinicianName: 'Dr Test', credentials: '', registrationNumber: '', signOff: 'Best', paperSize: 'A4' }));

    const clientId = expectOk(
      await services.call('clients.create', { fields: { fullName: `Ada ${MARKER}`, dateOfBirth: '1980-01-01', presentingProblem: `low mood ${MARKER}`, referrer: { name: `Dr ${MARKER}`, practice: 'Surgery', address: '', email: '' }, gpConsent: 'yes', gpConsentDate: '2025-01-06' } }),
    ).id;
    const other = expectOk(await services.call('clients.create', { fields: { fullName: `Gone ${MARKER}`, dateOfBirth: '1980-01-01' } })).id;
    const course = expectOk(await services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2025-01-06', plannedSessions: 12, frequency: 'weekly', agreedFocus: `focus ${MARKER}` } }));
    const person = expectOk(await services.call('people.create', { clientId, fields: { name: `Sam${MARKER}`, relationship: 'partner', notes: `notes ${MARKER}` } })).id;
    expectOk(await services.call('circle.update', { clientId, rings: 3, placements: [{ personId: person, ring: 1, angle: 10 }] }));
    expectOk(await services.call('circle.saveSnapshot', { clientId, takenOn: '2025-01-06', label: `snap ${MARKER}` }));
    expectOk(await services.call('timeline.createEvent', { clientId, fields: { date: '2024-12-01', kind: 'move', title: `moved ${MARKER}` } }));
    const series = expectOk(await services.call('ratings.createSeries', { clientId, kind: 'goal', label: `goal ${MARKER}` })).id;
    expectOk(await services.call('ratings.add', { seriesId: series, date: '2025-01-06', value: 3, note: `rated ${MARKER}` }));
    for (let i = 0; i < 3; i++) {
      const date = new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10);
      const sessionId = expectOk(await services.call('sessions.create', { courseId: course.id, date, attendance: 'attended' })).id;
      expectOk(await services.call('notes.saveDraft', { sessionId, fields: { intervalMood: `mood ${MARKER}`, workDone: `work ${MARKER}` } }));
      expectOk(await services.call('notes.saveProcessNote', { sessionId, text: `process ${MARKER}` }));
      const entry = expectOk(await services.call('entries.create', { sessionId, templateId: 'communication-analysis' })).id;
      expectOk(await services.call('entries.save', { id: entry, values: { setting: `kitchen ${MARKER}`, otherPerson: person } }));
      expectOk(await services.call('measures.administer', { clientId, sessionId, instrumentId: 'phq9', answers: [2, 2, 2, 1, 1, 1, 1, 1, 0] }));
      if (i === 0) expectOk(await services.call('notes.sign', { sessionId }));
    }
    expectOk(await services.call('search.query', { text: MARKER, includeProcessNotes: true }));

    const draft = expectOk(await services.call('letters.draft', { clientId, kind: 'progress' }));
    expectOk(await services.call('letters.export', { draft }));
    expectOk(await services.call('documents.print', { courseId: course.id }));
    expectOk(await services.call('packet.export', { clientId, courseIds: [course.id], sessionIds: [], includeLetter: false, includeMeasures: true, includeProcessNotes: false, authorisationId: null, recipient: { name: 'Dr GP', practice: '', address: '', isGp: true }, zipPassphrase: '' }));
    expectOk(await services.call('export.full', { zipPassphrase: '' }));
    const backup = expectOk(await services.call('backups.run', {}));
    expectOk(await services.call('clients.delete', { id: other, confirmFullName: `Gone ${MARKER}` }));
    expectOk(await services.call('backups.restore', { name: backup.name, passphrase: TEST_PASSPHRASE }));
    expectOk(await services.call('vault.lock', {}));
    expectOk(await services.call('vault.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(expectOk(await services.call('clients.list', { status: 'all' }))).toHaveLength(2);
    // Refused calls carrying the marker: a made-up channel name, input that fails validation.
    expect(await services.dispatch(`clients.${MARKER}`, { fullName: MARKER })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await services.dispatch('clients.create', { fields: { fullName: MARKER, dateOfBirth: MARKER } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const savedLog = expectOk(await services.call('support.saveLog', {}));
    services.close();
    await platform.close();

    // Control: the scanner finds the marker in what the user exported.
    expect(scanForMarker(MARKER, [output]).length).toBeGreaterThan(0);
    expect(scanForMarker(MARKER, [dataDir, backups, temp])).toEqual([]);

    // The support log: every call by channel name, time and code, and nothing else.
    const log = readFileSync(join(dataDir, 'logs', 'support.log'), 'utf8');
    // The saved copy is the log up to that call (the call's own line and the lock come after).
    const saved = readFileSync(join(output, savedLog.fileName), 'utf8');
    expect(saved.length).toBeGreaterThan(0);
    expect(log.startsWith(saved)).toBe(true);
    expect(log).toMatch(/ start version=\S+ shell=browser-host platform=\w+\n/);
    expect(log).toMatch(/ call clients\.create \d+ms ok\n/);
    expect(log).toMatch(/ call backups\.restore \d+ms ok\n/);
    expect(log).toMatch(/ call unknown-channel \d+ms UNKNOWN_CHANNEL\n/);
    expect(log).toMatch(/ call clients\.create \d+ms VALIDATION_FAILED\n/);
    expect(log).toMatch(/ lock platform=\w+\n/);
    for (const secret of [MARKER, root.path, dataDir, backups, output, temp, TEST_PASSPHRASE, 'Ada', 'Sam']) expect(log, secret).not.toContain(secret);
    // Every line is a time and one of the few shapes above.
    for (const line of log.trimEnd().split('\n')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (call [a-zA-Z]+\.[a-zA-Z]+ \d+ms [A-Z_a-z]+( kind=[A-Za-z]+)?|call unknown-channel \d+ms [A-Z_]+|(start|lock|quit)( version=\S+)?( shell=[a-z-]+)? platform=\w+)$/);
  }, 120_000);
});
