/**
 * Planned against measured, for a pilot under way: the net minutes a task the scenario plans
 * for the pilot's workflow, against what the hospital measured month by month, and the pilot's
 * decision rule evaluated on the data so far — by the rule (the point estimate against the
 * threshold) and by how sure the data are (the 95 % interval against it).
 */
import type { Observation } from './interpret';
import { savingInterval, type WorkflowStats } from './stats';

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

export interface PilotMonth {
  /** YYYY-MM. */
  month: string;
  /** With-AI tasks timed that month. */
  n: number;
  /** Baseline mean (all baseline timings) − that month's with-AI mean (minutes + verification). */
  measured: number;
  /** The 95 % interval, or null when the month or the baseline has fewer than two timings. */
  low: number | null;
  high: number | null;
}

export type PilotVerdict = 'scaleUp' | 'stop';

export interface PilotCheck {
  workflowId: string;
  /** Net minutes a task the scenario plans for this workflow in the pilot. */
  planned: number;
  threshold: number;
  months: PilotMonth[];
  /** Every with-AI timing so far against the baseline (null with fewer than two in a phase). */
  soFar: { n: number; mean: number; low: number; high: number; method: 'bootstrap' | 'normal' } | null;
  /** What the rule says on the point estimate; null without both phases measured. */
  byRule: PilotVerdict | null;
  /** Whether the 95 % interval lies wholly on one side of the threshold. */
  conclusive: boolean;
}

export function pilotCheck(
  observations: readonly Observation[],
  workflowId: string,
  planned: number,
  threshold: number,
  /**
   * This workflow's statistics of the same observations, where the caller has them: their
   * saving is the interval on all data so far, not bootstrapped a second time.
   */
  stats?: Pick<WorkflowStats, 'saving'>,
): PilotCheck {
  const mine = observations.filter((o) => o.workflowId === workflowId);
  const baseline = mine.filter((o) => o.phase === 'baseline').map((o) => o.minutes);
  const withAi = mine.filter((o) => o.phase === 'withAi');
  const total = (o: Observation) => o.minutes + (o.verificationMinutes ?? 0);
  if (baseline.length === 0 || withAi.length === 0) {
    return { workflowId, planned, threshold, months: [], soFar: null, byRule: null, conclusive: false };
  }
  const byMonth = new Map<string, number[]>();
  for (const o of withAi) {
    if (!o.date) continue;
    const key = o.date.slice(0, 7);
    const list = byMonth.get(key);
    if (list) list.push(total(o));
    else byMonth.set(key, [total(o)]);
  }
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, values]) => {
      const interval = savingInterval(baseline, values);
      const measured = mean(baseline) - mean(values);
      return { month, n: values.length, measured, low: interval?.low ?? null, high: interval?.high ?? null };
    });
  const all = withAi.map(total);
  const interval = stats ? stats.saving : savingInterval(baseline, all);
  const saving = mean(baseline) - mean(all);
  return {
    workflowId,
    planned,
    threshold,
    months,
    soFar: interval ? { n: all.length, ...interval } : null,
    byRule: saving >= threshold ? 'scaleUp' : 'stop',
    // Too few timings for an interval decide nothing yet.
    conclusive: interval !== null && (interval.low >= threshold || interval.high < threshold),
  };
}
