/**
 * Child process for the restore kill test: unlocks, writes clients (each id printed once its call
 * returned, so committed), backs up, writes more, then restores that backup. With a step name it
 * SIGKILLs itself the moment the restore reaches that step (a seeded point); with "time" the
 * parent kills it after a delay.
 *
 * Usage: node test/support/restore-writer.ts <dataDir> <passphrase> <step|time>
 */
import type { RestoreStep } from '../../electron/main/domain/backup/restore-switch.ts';
import { createServices } from './vault-fixture.ts';

const [dataDir, passphrase, killAt] = process.argv.slice(2) as [string, string, string];

function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message?: string } }): T {
  if (!result.ok) {
    process.stderr.write(`failed: ${result.error.code} ${result.error.message ?? ''}\n`);
    process.exit(3);
  }
  return result.value;
}

const services = createServices(dataDir);
must(await services.call('vault.unlock', { passphrase }));
const write = async (label: string) => {
  const id = must(await services.call('clients.create', { fields: { fullName: `Restore ${label}`, dateOfBirth: '1980-01-01' } })).id;
  process.stdout.write(`client ${id}\n`);
};
for (let i = 0; i < 3; i++) await write(`before ${i}`);
const { name } = must(await services.call('backups.run', {}));
process.stdout.write(`backup ${name}\n`);
for (let i = 0; i < 3; i++) await write(`after ${i}`);
process.stdout.write('ready\n');
await services.backups.restore(name, { passphrase }, () => services.lock(), (step: RestoreStep) => {
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
});
process.stdout.write('restored\n');
// Waits to be killed (the parent's delay may be longer than the restore).
setInterval(() => undefined, 1000);
