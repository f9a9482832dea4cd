/**
 * Change over a course: the Jacobson & Truax reliable change index, and the NHS Talking Therapies
 * rules. Every verdict names the rule that produced it, so a letter can quote it.
 */

export interface ReliableChangeSettings {
  sd: number;
  reliability: number;
  source: string;
}

export interface ReliableChangeResult {
  rc: number;
  sDiff: number;
  /** The smallest raw change that counts as reliable: 1.96 * S_diff. */
  minimumReliableChange: number;
  verdict: 'reliable improvement' | 'reliable deterioration' | 'no reliable change';
  rule: string;
}

/** RC = (post - pre) / S_diff, S_diff = sqrt(2) * SD * sqrt(1 - r); reliable when |RC| > 1.96. Lower is better. */
export function reliableChange(pre: number, post: number, settings: ReliableChangeSettings): ReliableChangeResult {
  const sDiff = Math.SQRT2 * settings.sd * Math.sqrt(1 - settings.reliability);
  const rc = (post - pre) / sDiff;
  const verdict = rc < -1.96 ? 'reliable improvement' : rc > 1.96 ? 'reliable deterioration' : 'no reliable change';
  const min = 1.96 * sDiff;
  return {
    rc,
    sDiff,
    minimumReliableChange: min,
    verdict,
    rule: `Jacobson & Truax reliable change index (SD ${settings.sd}, reliability ${settings.reliability}, ${settings.source}): a change of more than ${min.toFixed(1)} points`,
  };
}

export interface Pair {
  first: number;
  last: number;
}

export interface NhsOutcome {
  casenessAtStart: boolean;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  recovery: boolean;
  reliableRecovery: boolean;
  /** The verdict in words, with the rule named. */
  summary: string;
  rules: string[];
}

/**
 * NHS Talking Therapies: caseness PHQ-9 >= 10 or GAD-7 >= 8; reliable improvement = a fall of >= 6
 * (PHQ-9) or >= 4 (GAD-7) on one measure with no reliable deterioration on the other ("or"), or on
 * both ("and"); reliable deterioration = a rise by the same margins; recovery = a case at the start
 * and below both thresholds at the end; reliable recovery = both.
 */
export function nhsOutcome(phq9: Pair, gad7: Pair, variant: 'or' | 'and'): NhsOutcome {
  const phqImproved = phq9.first - phq9.last >= 6;
  const gadImproved = gad7.first - gad7.last >= 4;
  const phqWorse = phq9.last - phq9.first >= 6;
  const gadWorse = gad7.last - gad7.first >= 4;
  const reliableDeterioration = phqWorse || gadWorse;
  const reliableImprovement = variant === 'and' ? phqImproved && gadImproved : (phqImproved || gadImproved) && !reliableDeterioration;
  const casenessAtStart = phq9.first >= 10 || gad7.first >= 8;
  const recovery = casenessAtStart && phq9.last < 10 && gad7.last < 8;
  const reliableRecovery = recovery && reliableImprovement;
  const rules: string[] = [];
  if (reliableImprovement) {
    const which = [phqImproved && 'PHQ-9 fell by 6 or more', gadImproved && 'GAD-7 fell by 4 or more'].filter(Boolean).join(variant === 'and' ? ' and ' : '; ');
    rules.push(`reliable improvement (${which})`);
  }
  if (reliableDeterioration) {
    rules.push(`reliable deterioration (${[phqWorse && 'PHQ-9 rose by 6 or more', gadWorse && 'GAD-7 rose by 4 or more'].filter(Boolean).join('; ')})`);
  }
  if (reliableRecovery) rules.push('reliable recovery (a case at the start, below PHQ-9 10 and GAD-7 8 at the end, with reliable improvement)');
  else if (recovery) rules.push('recovery (a case at the start, below PHQ-9 10 and GAD-7 8 at the end)');
  if (!casenessAtStart) rules.push('not a case at the start (PHQ-9 below 10 and GAD-7 below 8), so recovery does not apply');
  const summary = rules.length ? rules.join('; ') : 'no reliable change (neither PHQ-9 moved by 6 nor GAD-7 by 4)';
  return { casenessAtStart, reliableImprovement, reliableDeterioration, recovery, reliableRecovery, summary: `${summary} [NHS Talking Therapies rules, "${variant}" variant]`, rules };
}

/** Whether a measure is due: none yet in the course, or `every` attended sessions since the last one. */
export function measureDue(attendedSessionNumbers: number[], administeredAtSessionNumbers: number[], every: number): boolean {
  const attended = attendedSessionNumbers.length ? Math.max(...attendedSessionNumbers) : 0;
  if (administeredAtSessionNumbers.length === 0) return true;
  const last = Math.max(...administeredAtSessionNumbers);
  return attended + 1 - last >= every;
}
