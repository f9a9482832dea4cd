// Matching Electronegativity findings against security/electronegativity-allow.json, apart from
// the scan, so a unit test can feed it findings (test/unit/electronegativity-gate.test.ts).

/**
 * Which findings the allow-list covers. Returns every finding with the reason that allowed it (or
 * null), the serious findings nothing allowed, and the entries that matched nothing.
 * @param {{ target: string, check: string, severity: string, file: string, location?: string, sample?: string | null }[]} findings
 * @param {{ check: string, target: string, file: string, reason: string }[]} allow
 */
export function judgeFindings(findings, allow) {
  const rows = findings.map((finding) => {
    const allowed = allow.find((a) => a.check === finding.check && (a.file === finding.file || a.file === '*') && (a.target === finding.target || a.target === '*'));
    return { ...finding, allowed: allowed ? allowed.reason : null };
  });
  const failing = rows.filter((r) => (r.severity === 'HIGH' || r.severity === 'MEDIUM') && r.allowed === null);
  const unused = allow.filter((entry) => !rows.some((r) => r.allowed === entry.reason));
  return { rows, failing, unused };
}
