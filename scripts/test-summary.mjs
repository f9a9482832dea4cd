// Prints one closing line over both runners, "test: N passed, N failed, N skipped",
// after naming each skipped test with its reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

// vitest.json is the run in the machine's zone; vitest-tz-*.json the runs of scripts/test-tz.mjs.
const vitestReports = existsSync('test-results') ? readdirSync('test-results').filter((n) => n === 'vitest.json' || /^vitest-tz-.+\.json$/.test(n)) : [];
for (const name of vitestReports) {
  const v = JSON.parse(readFileSync(`test-results/${name}`, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}

function* specs(suite) {
  for (const spec of suite.specs ?? []) yield spec;
  for (const child of suite.suites ?? []) yield* specs(child);
}

if (existsSync('test-results/playwright.json')) {
  const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  skipped += p.stats?.skipped ?? 0;
  for (const suite of p.suites ?? []) {
    for (const spec of specs(suite)) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const reason = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'skipped';
        console.log(`${spec.title}: ${reason}`);
      }
    }
  }
}
console.log(`test: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
