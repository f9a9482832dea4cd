// Child process for the "in use" test: unlocks a vault, says so, then waits to be killed.
import { createApp } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { KDF_CEILING } from '../../electron/main/data/keys/kdf-policy.ts';

const [dataDir, passphrase] = process.argv.slice(2) as [string, string];
const services = createApp({
  dataDir,
  kdfPolicy: { defaults: { memoryKiB: 1024, iterations: 1, parallelism: 1 }, floor: { memoryKiB: 8, iterations: 1, parallelism: 1 }, ceiling: KDF_CEILING },
  preferences: createConfStore(dataDir),
});
const result = await services.call('vault.unlock', { passphrase });
process.stdout.write(result.ok ? 'UNLOCKED\n' : `FAILED ${result.error.code}\n`);
setInterval(() => {}, 1000);
