/**
 * Child process for the kill test: unlocks an existing vault and writes sessions with notes in a
 * loop through the real service dispatch, printing each id only after its call has returned (the
 * transaction committed). The parent SIGKILLs this process at chosen moments.
 *
 * Usage: node test/support/crash-writer.ts <dataDir> <passphrase> <runLabel>
 */
import { createServices } from './vault-fixture.ts';

const [dataDir, passphrase, runLabel] = process.argv.slice(2) as [string, string, string];

function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message?: string } }): T {
  if (!result.ok) {
    process.stderr.write(`failed: ${result.error.code} ${result.error.message ?? ''}\n`);
    process.exit(3);
  }
  return result.value;
}

const services = createServices(dataDir);
must(await services.call('vault.unlock', { passphrase }));
process.stdout.write('ready\n');

let day = 0;
for (let batch = 0; ; batch++) {
  const clientId = must(await services.call('clients.create', { fields: { fullName: `Crash ${runLabel}-${batch}`, dateOfBirth: '1980-01-01' } })).id;
  process.stdout.write(`client ${clientId}\n`);
  const courseId = must(await services.call('courses.create', { clientId, type: 'acute', contract: { startDate: '2020-01-01', plannedSessions: 16, frequency: 'weekly' } })).id;
  for (let i = 0; i < 16; i++) {
    day += 1;
    const date = new Date(Date.UTC(2020, 0, day)).toISOString().slice(0, 10);
    const sessionId = must(await services.call('sessions.create', { courseId, date, attendance: 'attended' })).id;
    const text = `Run ${runLabel} session ${day}: talked through the week and the argument with a sibling.`;
    must(await services.call('notes.saveDraft', { sessionId, fields: { intervalMood: text, workDone: text.repeat(4) } }));
    process.stdout.write(`session ${sessionId} ${day}\n`);
  }
}
