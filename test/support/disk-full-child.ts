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
const unlocked = await services.call('vault.unlock', { passphrase });
if (!unlocked.ok) {
  process.stdout.write(`error ${unlocked.error.code}\n`);
  process.exit(0);
}

if (mode === 'backup') {
  services.settings.update({ backupFolder: backupFolder ?? '' });
  const result = await services.call('backups.run', {});
  process.stdout.write(result.ok ? 'done\n' : `error ${result.error.code} ${result.error.message}\n`);
} else {
  const client = await services.call('clients.create', { fields: { fullName: 'Full Disk', dateOfBirth: '1980-01-01' } });
  if (!client.ok) {
    process.stdout.write(`error ${client.error.code}\n`);
    process.exit(0);
  }
  const course = await services.call('courses.create', { clientId: client.value.id, type: 'acute', contract: { startDate: '2020-01-01', plannedSessions: 16, frequency: 'weekly' } });
  if (!course.ok) {
    process.stdout.write(`error ${course.error.code}\n`);
    process.exit(0);
  }
  for (let day = 1; day <= 16; day++) {
    const date = new Date(Date.UTC(2020, 0, day)).toISOString().slice(0, 10);
    const session = await services.call('sessions.create', { courseId: course.value.id, date, attendance: 'attended' });
    if (!session.ok) {
      process.stdout.write(`error ${session.error.code}\n`);
      break;
    }
    const note = await services.call('notes.saveDraft', { sessionId: session.value.id, fields: { workDone: `Day ${day} `.padEnd(19_000, 'z') } });
    if (!note.ok) {
      process.stdout.write(`error ${note.error.code}\n`);
      break;
    }
    process.stdout.write(`session ${session.value.id}\n`);
  }
}
services.close();
