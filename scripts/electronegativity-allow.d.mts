/** Types for electronegativity-allow.mjs (a plain script the gate runs with node). */
export interface Finding {
  target: string;
  check: string;
  severity: string;
  file: string;
  location?: string;
  sample?: string | null;
  [more: string]: unknown;
}

export interface AllowEntry {
  check: string;
  target: string;
  file: string;
  reason: string;
  sample?: string;
  count?: number;
}

export function judgeFindings<F extends Finding>(findings: F[], allow: AllowEntry[]): { rows: (F & { allowed: string | null })[]; failing: (F & { allowed: string | null })[]; unused: AllowEntry[] };
