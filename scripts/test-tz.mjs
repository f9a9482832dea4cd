// Runs the unit and integration suites (vitest) again under three time zones, one after the other:
// New York (UTC-5/-4), London (UTC+0/+1) and Sydney (UTC+10/+11). In each of them a UTC date is
// wrong for part of every day, so a date cut out of an instant shows up as a failing test there;
// test/unit/dates.test.ts puts instants at 00:30 and 23:30 local time on each zone's 2026 clock change.
//
// Left out: files that exercise crash safety, disk full, locks, key derivation and backup copies,
// which hold no calendar dates and took 100 of the suite's 200 s on the 2-core machine (measured
// with vitest's JSON report); they still run once in `npm run test:unit`.
//
//   node scripts/test-tz.mjs                   every zone, the suite minus the files below
//   node scripts/test-tz.mjs test/unit/x.ts    every zone, those files only
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney'];

const ZONE_FREE = [
  'test/integration/backups.test.ts', // copies, checksums, restore; backup names are UTC stamps on purpose
  'test/integration/kill.test.ts', // SIGKILLs a writer; checks committed ids
  'test/integration/disk-full.test.ts', // ulimit -f in a child
  'test/integration/vault-in-use.test.ts', // the lock file between two processes
  'test/unit/vault.test.ts', // key file, Argon2id, wrong passphrase delays
];

const files = process.argv.slice(2);
// vitest's own entry under this Node, so the script needs no PATH from npm.
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
let failed = false;
for (const zone of ZONES) {
  const env = { ...process.env, TZ: zone, VITEST_JSON: `test-results/vitest-tz-${zone.replaceAll('/', '-')}.json` };
  // Node reads TZ at start; a build without full ICU time-zone data would silently run in UTC.
  const seen = spawnSync(process.execPath, ['-p', 'Intl.DateTimeFormat().resolvedOptions().timeZone'], { env, encoding: 'utf8' }).stdout.trim();
  if (seen !== zone) {
    console.error(`test:tz: Node runs in ${seen} when TZ=${zone}; this Node cannot check time zones.`);
    process.exit(1);
  }
  console.log(`\n── vitest under TZ=${zone} ──`);
  const args = ['run', ...(files.length ? files : ZONE_FREE.flatMap((f) => ['--exclude', f]))];
  const run = spawnSync(process.execPath, [vitest, ...args], { env, stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
