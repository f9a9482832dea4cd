// Reads the fuses back from a packaged app and checks them: `node scripts/read-fuses.mjs [path]`.
// Without a packaged app (none can be built where the Electron binary cannot be downloaded) it
// says so and exits 0.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { wantedFuses } from './fuse-config.mjs';

function findPackagedApp() {
  const dist = resolve(import.meta.dirname, '../dist');
  if (!existsSync(dist)) return null;
  for (const dir of readdirSync(dist)) {
    for (const candidate of ['ipt-workstation', 'IPT Workstation.exe', 'IPT Workstation.app']) {
      const path = join(dist, dir, candidate);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

const target = process.argv[2] ?? findPackagedApp();
if (!target) {
  console.log('fuses: skipped: no packaged app (npm run dist needs the Electron binary)');
  process.exit(0);
}
const wire = await getCurrentFuseWire(target);
const wanted = wantedFuses();
let bad = 0;
for (const [key, value] of Object.entries(wanted)) {
  if (key === 'version') continue;
  const state = wire[key];
  const on = state === FuseState.ENABLE;
  const label = FuseV1Options[Number(key)];
  const ok = on === value;
  if (!ok) bad++;
  console.log(`${ok ? 'ok  ' : 'BAD '} ${label}: ${on ? 'on' : 'off'} (want ${value ? 'on' : 'off'})`);
}
process.exit(bad ? 1 : 0);
