// Scans the built main and preload with Electronegativity (offline) and fails on any HIGH or
// MEDIUM finding that the allow-list in security/electronegativity-allow.json does not name with
// its check, file, sample line (count, if more than one) and reason (matching in
// scripts/electronegativity-allow.mjs). Electronegativity exits 0 whatever it finds, so the gate
// calls its runner and reads the findings it returns. Its own CSV writer is not used: it writes the header
// and the rows with two concurrent writeFile calls, and the header sometimes truncates the rows.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve } from 'node:path';
import { judgeFindings } from './electronegativity-allow.mjs';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
require('./offline-got.cjs');
const runElectronegativity = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(readFileSync(resolve(root, 'node_modules/electron/package.json'), 'utf8')).version;
const reportDir = resolve(root, 'test-results/electronegativity');
mkdirSync(reportDir, { recursive: true });
const allow = JSON.parse(readFileSync(resolve(root, 'security/electronegativity-allow.json'), 'utf8'));

async function scan(target) {
  const input = resolve(root, target);
  if (!existsSync(input)) throw new Error(`${target} is missing: run npm run build first.`);
  const result = await runElectronegativity({
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: false,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  if (!result || !Array.isArray(result.issues)) throw new Error(`no findings list for ${target}`);
  if (result.errors?.length) throw new Error(`${target}: ${result.errors.length} file(s) could not be parsed; refusing to pass on a partial scan.`);
  return result.issues.map((issue) => ({
    target,
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: !issue.file || issue.file === 'N/A' ? 'N/A' : isAbsolute(issue.file) ? relative(input, issue.file) : issue.file,
    location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
    sample: issue.sample ?? null,
    description: issue.description,
  }));
}

const csvCell = (value) => `"${String(value ?? 'N/A').replace(/"/g, '""')}"`;

try {
  const findings = [];
  for (const target of ['out/main', 'out/preload']) findings.push(...(await scan(target)));
  const { rows: summary, failing, unused } = judgeFindings(findings, allow);
  const failures = failing.length;
  for (const finding of failing) {
    console.error(`electronegativity: ${finding.severity} ${finding.check} in ${finding.target}/${finding.file}:${finding.location}: ${finding.description}`);
  }
  for (const entry of unused) {
    console.log(`electronegativity: allow-list entry ${entry.check} (${entry.target}) matched nothing; remove it if the finding is gone for good.`);
  }
  writeFileSync(resolve(reportDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const columns = ['target', 'check', 'severity', 'confidence', 'file', 'location', 'sample', 'description', 'allowed'];
  writeFileSync(resolve(reportDir, 'report.csv'), `${columns.join(',')}\n${summary.map((row) => columns.map((c) => csvCell(row[c])).join(',')).join('\n')}\n`);
  const counts = summary.reduce((acc, r) => ((acc[r.severity] = (acc[r.severity] ?? 0) + 1), acc), {});
  console.log(
    `electronegativity (Electron ${electronVersion}): ${summary.length} findings ${JSON.stringify(counts)}, ${summary.filter((r) => r.allowed).length} allow-listed, ${failures} failing`,
  );
  process.exit(failures > 0 ? 1 : 0);
} catch (error) {
  console.error(`electronegativity: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
