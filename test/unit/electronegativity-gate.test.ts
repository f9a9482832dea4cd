import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeFindings } from '../../scripts/electronegativity-allow.mjs';

interface AllowEntry {
  check: string;
  target: string;
  file: string;
  reason: string;
  sample?: string;
  count?: number;
}

const allow = JSON.parse(readFileSync(join(import.meta.dirname, '../../security/electronegativity-allow.json'), 'utf8')) as AllowEntry[];
const openExternal = allow.find((a) => a.check === 'OPEN_EXTERNAL_JS_CHECK')!;
/** The finding the scan of today's build reports (npm run scan:electron), line and column aside. */
const allowedSample = openExternal.sample ?? 'if (mayOpenExternal(url)) shell.openExternal(url);';

function finding(sample: string | null, location = '20282:28') {
  return { target: 'out/main', check: 'OPEN_EXTERNAL_JS_CHECK', severity: 'MEDIUM', confidence: 'TENTATIVE', file: 'index.js', location, sample, description: 'Review the use of openExternal' };
}

/** The global findings of today's build, which the list names with their reasons. */
const globals = [
  { ...finding(null, '0:0'), check: 'CSP_GLOBAL_CHECK', file: 'N/A' },
  { ...finding(null, '0:0'), check: 'CSP_GLOBAL_CHECK', file: 'N/A', target: 'out/preload' },
  { ...finding(null, '0:0'), check: 'LIMIT_NAVIGATION_GLOBAL_CHECK', file: 'N/A', target: 'out/preload', severity: 'HIGH' },
  { ...finding(null, '0:0'), check: 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', file: 'N/A', target: 'out/preload' },
];

describe('finding 15: the Electronegativity allow-list matches a check and a file only', () => {
  it("passes today's findings, wherever the bundler puts the allowed line", () => {
    expect(judgeFindings([...globals, finding(allowedSample)], allow).failing).toEqual([]);
    expect(judgeFindings([...globals, finding(allowedSample, '31000:4')], allow).failing).toEqual([]);
  });

  it('fails a second OPEN_EXTERNAL_JS_CHECK finding in the same file', () => {
    const added = finding('shell.openExternal(url);', '20400:6');
    const { failing } = judgeFindings([...globals, finding(allowedSample), added], allow);
    expect(failing.map((f) => f.sample)).toEqual(['shell.openExternal(url);']);
  });

  it('fails a second copy of the allowed line itself: each entry covers as many findings as it says', () => {
    const { failing } = judgeFindings([...globals, finding(allowedSample), finding(allowedSample, '20500:9')], allow);
    expect(failing).toHaveLength(1);
  });

  it('fails a new global finding of an allowed kind in a bundle the list does not name', () => {
    const { failing } = judgeFindings([...globals, finding(allowedSample), { ...globals[2]!, target: 'out/main' }], allow);
    expect(failing.map((f) => `${f.target} ${f.check}`)).toEqual(['out/main LIMIT_NAVIGATION_GLOBAL_CHECK']);
  });
});
