// Matching Electronegativity findings against security/electronegativity-allow.json, apart from
// the scan, so a unit test can feed it findings (test/unit/electronegativity-gate.test.ts).
//
// Main is one bundle (out/main/index.js), so "this check in this file" would allow every future
// finding of the same kind: an added `shell.openExternal(url)` passed as allow-listed. Each entry
// is pinned to its sample, the source line the scanner quotes (line numbers move with every
// build, the text does not), and covers at most `count` findings (1 unless it says more).

/**
 * Which findings the allow-list covers. Returns every finding with the reason that allowed it (or
 * null), the serious findings nothing allowed, and the entries that matched nothing.
 * @param {{ target: string, check: string, severity: string, file: string, location?: string, sample?: string | null }[]} findings
 * @param {{ check: string, target: string, file: string, reason: string, sample?: string, count?: number }[]} allow
 */
export function judgeFindings(findings, allow) {
  const used = new Map(allow.map((entry) => [entry, 0]));
  const rows = findings.map((finding) => {
    const allowed = allow.find((a) => matches(a, finding) && (used.get(a) ?? 0) < (a.count ?? 1));
    if (allowed) used.set(allowed, (used.get(allowed) ?? 0) + 1);
    return { ...finding, allowed: allowed ? allowed.reason : null };
  });
  const failing = rows.filter((r) => (r.severity === 'HIGH' || r.severity === 'MEDIUM') && r.allowed === null);
  const unused = allow.filter((entry) => used.get(entry) === 0);
  return { rows, failing, unused };
}

/** Same check, file and target, and the same sample line (global checks have none: file "N/A"). */
function matches(entry, finding) {
  const sample = (finding.sample ?? '').trim();
  return (
    entry.check === finding.check &&
    entry.file === finding.file &&
    (entry.target === finding.target || entry.target === '*') &&
    (entry.sample === undefined ? finding.file === 'N/A' && sample === '' : entry.sample.trim() === sample)
  );
}
