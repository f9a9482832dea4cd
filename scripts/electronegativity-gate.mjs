// Scans the built main and preload with Electronegativity (offline) and fails on any HIGH or
// MEDIUM finding that the allow-list in security/electronegativity-allow.json does not name with
// its check, file and reason. Electronegativity exits 0 whatever it finds, so this reads its CSV.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
const electronVersion = JSON.parse(readFileSync(resolve(root, 'node_modules/electron/package.json'), 'utf8')).version;
const reportDir = resolve(root, 'test-results/electronegativity');
mkdirSync(reportDir, { recursive: true });
const allow = JSON.parse(readFileSync(resolve(root, 'security/electronegativity-allow.json'), 'utf8'));

function parseCsv(text) {
  const malformed = text.split('\n').slice(1).filter((l) => l.trim() && !/^[A-Z_]+,/.test(l));
  if (malformed.length) {
    console.error(`electronegativity: the report has ${malformed.length} unreadable line(s); refusing to pass on a partial report.`);
    process.exit(1);
  }
  const rows = [];
  for (const line of text.split('\n').slice(1).filter((l) => /^[A-Z_]+,/.test(l))) {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell.trim());
        cell = '';
      } else cell += ch;
    }
    cells.push(cell.trim());
    rows.push({ issue: cells[0], severity: cells[1], confidence: cells[2], file: cells[3], location: cells[4], description: cells[6] });
  }
  return rows;
}

let failures = 0;
const summary = [];
for (const target of ['out/main', 'out/preload']) {
  if (!existsSync(resolve(root, target))) {
    console.error(`electronegativity: ${target} is missing: run npm run build first.`);
    process.exit(1);
  }
  const csv = resolve(reportDir, `${target.replace('/', '-')}.csv`);
  rmSync(csv, { force: true });
  const run = spawnSync(process.execPath, ['-r', resolve(root, 'scripts/offline-got.cjs'), cli, '-i', resolve(root, target), '-o', csv, '-x', 'AvailableSecurityFixesGlobalCheck', '-r', electronVersion], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en-US' },
  });
  if (!existsSync(csv)) {
    console.error(`electronegativity: no report for ${target}\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  for (const row of parseCsv(readFileSync(csv, 'utf8'))) {
    const file = !row.file || row.file === 'N/A' ? 'N/A' : row.file.startsWith('/') ? relative(resolve(root, target), row.file) : row.file;
    const serious = row.severity === 'HIGH' || row.severity === 'MEDIUM';
    const allowed = allow.find((a) => a.check === row.issue && (a.file === file || a.file === '*') && (a.target === target || a.target === '*'));
    summary.push({ target, check: row.issue, severity: row.severity, confidence: row.confidence, file, location: row.location, allowed: allowed ? allowed.reason : null });
    if (serious && !allowed) {
      failures++;
      console.error(`electronegativity: ${row.severity} ${row.issue} in ${file}:${row.location}: ${row.description}`);
    }
  }
}
writeFileSync(resolve(reportDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
const counts = summary.reduce((acc, r) => ((acc[r.severity] = (acc[r.severity] ?? 0) + 1), acc), {});
console.log(`electronegativity (Electron ${electronVersion}): ${summary.length} findings ${JSON.stringify(counts)}, ${summary.filter((r) => r.allowed).length} allow-listed, ${failures} failing`);
process.exit(failures > 0 ? 1 : 0);
