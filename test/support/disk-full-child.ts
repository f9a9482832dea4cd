/**
 * Child process for the disk-full tests, started under a file-size limit (ulimit -f) with SIGXFSZ
 * ignored, so writes past the limit fail with EFBIG the way they would on a full disk.
 *
 * Usage: node test/support/disk-full-child.ts <dataDir> <passphrase> notes|backup [backupFolder]
 * Prints `session <id>` for each committed write and finally `error <CODE>` or `done`.
 */
import { createServices } from './vault-fixture.ts';

// Node resets inherited signal dispositions at start, so the shell's `trap '' XFSZ` is not enough.
process.on('SIGXFSZ', () => undefined);

const [dataDir, passphrase, mode, backupFolder] = process.argv.slice(2) as [string, string, 'notes' | 'backup', string | undefined];
const services = createServices(dataDir);

/** The value of a successful call; otherwise reports `error <CODE>` as the last line and stops. */
function orStop<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }, withMessage = false): T {
  if (result.ok) return result.value;
  process.stdout.write(`error ${result.error.code}${withMessage ? ` ${result.error.message}` : ''}\n`);
  services.close();
  process.exit(0);
}

orStop(await services.call('vault.unlock', { passphrase }));
if (mode === 'backup') {
  services.settings.update({ backupFolder: backupFolder ?? '' });
  orStop(await services.call('backups.run', {}), true);
  process.stdout.write('done\n');
} else {
  const client = orStop(await services.call('clients.create', { fields: { fullName: 'Full Disk', dateOfBirth: '1980-01-01' } }));
  const course = orStop(await services.call('courses.create', { clientId: client.id, type: 'acute', contract: { startDate: '2020-01-01', plannedSessions: 16, frequency: 'weekly' } }));
  for (let day = 1; day <= 16; day++) {
    const date = new Date(Date.UTC(2020, 0, day)).toISOString().slice(0, 10);
    const session = orStop(await services.call('sessions.create', { courseId: course.id, date, attendance: 'attended' }));
    orStop(await services.call('notes.saveDraft', { sessionId: session.id, fields: { workDone: `Day ${day} `.padEnd(19_000, 'z') } }));
    process.stdout.write(`session ${session.id}\n`);
  }
}
services.close();
