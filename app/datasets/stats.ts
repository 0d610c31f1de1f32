/**
 * Statistics of a hospital's own timings, per workflow and phase: n, mean, median, spread,
 * outliers flagged (never dropped), and a 95 % interval of the mean saving, by bootstrap where
 * a sample is small or skewed. What calibration turns into a distribution for the Monte Carlo.
 */
import { mean, median, quantileSorted, sampleSkewness, sampleStandardDeviation } from 'simple-statistics';

import { createRng } from '~/engine/uncertainty/rng';

import type { Phase } from './columns';
import type { Observation } from './interpret';

export interface Summary {
  n: number;
  mean: number;
  median: number;
  /** Sample standard deviation (n − 1); 0 for one observation. */
  sd: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** Rows outside Tukey's fences (1.5 × IQR beyond the quartiles), kept in every statistic. */
  outlierRows: number[];
}

export interface WorkflowStats {
  workflowId: string;
  baseline: Summary | null;
  withAi: Summary | null;
  /** Verification minutes of the with-AI tasks that recorded them. */
  verification: Summary | null;
  /** Dates covered, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  /** Verification minutes per with-AI task, a task that recorded none counting 0. */
  verificationPerTask: number | null;
  /**
   * Net minutes saved per task = baseline mean − with-AI mean (minutes + verification), with a
   * 95 % interval; null unless each phase has at least two timings.
   */
  saving: { mean: number; low: number; high: number; method: 'bootstrap' | 'normal' } | null;
}

/** Below this many observations in a phase, or with a skewed small sample, the interval is bootstrapped. */
const BOOTSTRAP_BELOW_N = 30;
const BOOTSTRAP_RESAMPLES = 2000;
/** A seed of its own: the same data give the same interval, every time, anywhere. */
const BOOTSTRAP_SEED = 20260305;
const Z95 = 1.959963984540054;

export function summarize(values: readonly number[], rows: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const outlierRows = rows.filter((_, i) => values[i]! < q1 - 1.5 * iqr || values[i]! > q3 + 1.5 * iqr);
  return {
    n: values.length,
    mean: mean(values as number[]),
    median: median(sorted),
    sd: values.length > 1 ? sampleStandardDeviation(values as number[]) : 0,
    q1,
    q3,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    outlierRows,
  };
}

const skewed = (values: readonly number[]) =>
  values.length >= 3 && Math.abs(sampleSkewness(values as number[])) > 1;

/** At this size a resample's mean is normal for all practical purposes (and resampling is slow). */
const LARGE_SAMPLE = 1000;

const asNormal = (values: readonly number[]) =>
  values.length >= LARGE_SAMPLE
    ? {
        mean: mean(values as number[]),
        se: sampleStandardDeviation(values as number[]) / Math.sqrt(values.length),
      }
    : null;

/**
 * The mean of a resample drawn with replacement; for a large sample, a draw from the normal
 * its mean follows (a resample of 100,000 timings, 2,000 times, would hold the server).
 */
function resampleMean(
  values: readonly number[],
  next: () => number,
  normal: { mean: number; se: number } | null,
): number {
  if (normal) {
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return normal.mean + normal.se * z;
  }
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[Math.floor(next() * values.length)]!;
  return sum / values.length;
}

/**
 * 95 % interval of mean(baseline) − mean(withAi + verification): percentile bootstrap of the
 * two samples resampled independently where either is small, or skewed and not large; a
 * normal (Welch) interval otherwise.
 */
export function savingInterval(
  baseline: readonly number[],
  withAiTotal: readonly number[],
): { mean: number; low: number; high: number; method: 'bootstrap' | 'normal' } | null {
  // One timing has no spread: no interval can be claimed from it, however it is resampled.
  if (baseline.length < 2 || withAiTotal.length < 2) return null;
  const point = mean(baseline as number[]) - mean(withAiTotal as number[]);
  const small = Math.min(baseline.length, withAiTotal.length) < BOOTSTRAP_BELOW_N;
  const big = Math.max(baseline.length, withAiTotal.length) >= LARGE_SAMPLE;
  if (small || (!big && (skewed(baseline) || skewed(withAiTotal)))) {
    const rng = createRng(BOOTSTRAP_SEED);
    const next = () => rng.next();
    const a = asNormal(baseline);
    const b = asNormal(withAiTotal);
    const diffs = new Float64Array(BOOTSTRAP_RESAMPLES);
    for (let i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
      diffs[i] = resampleMean(baseline, next, a) - resampleMean(withAiTotal, next, b);
    }
    diffs.sort();
    return {
      mean: point,
      low: quantileSorted(Array.from(diffs), 0.025),
      high: quantileSorted(Array.from(diffs), 0.975),
      method: 'bootstrap',
    };
  }
  const se = Math.sqrt(
    sampleStandardDeviation(baseline as number[]) ** 2 / baseline.length +
      sampleStandardDeviation(withAiTotal as number[]) ** 2 / withAiTotal.length,
  );
  return { mean: point, low: point - Z95 * se, high: point + Z95 * se, method: 'normal' };
}

export function workflowStats(observations: readonly Observation[]): WorkflowStats[] {
  const byWorkflow = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byWorkflow.get(o.workflowId);
    if (list) list.push(o);
    else byWorkflow.set(o.workflowId, [o]);
  }
  return [...byWorkflow.entries()].map(([workflowId, list]) => {
    const phase = (p: Phase) => list.filter((o) => o.phase === p);
    const base = phase('baseline');
    const ai = phase('withAi');
    const verified = ai.filter((o) => o.verificationMinutes !== null);
    const dates = list
      .map((o) => o.date)
      .filter((d): d is string => d !== null)
      .sort();
    const withAiTotal = ai.map((o) => o.minutes + (o.verificationMinutes ?? 0));
    return {
      workflowId,
      baseline: summarize(
        base.map((o) => o.minutes),
        base.map((o) => o.row),
      ),
      withAi: summarize(
        ai.map((o) => o.minutes),
        ai.map((o) => o.row),
      ),
      verification: summarize(
        verified.map((o) => o.verificationMinutes!),
        verified.map((o) => o.row),
      ),
      from: dates[0] ?? null,
      to: dates[dates.length - 1] ?? null,
      saving: savingInterval(
        base.map((o) => o.minutes),
        withAiTotal,
      ),
      // Missing verification counts as none, as in the saving: what calibration writes.
      verificationPerTask:
        ai.length > 0 ? verified.reduce((sum, o) => sum + o.verificationMinutes!, 0) / ai.length : null,
    };
  });
}

export interface VolumeStats {
  /** A measure (outpatientVisits…) or a workflow id. */
  key: string;
  months: { month: string; count: number }[];
}

/** Monthly totals per measure or workflow (several departments' rows add up). */
export function volumeStats(
  volumes: readonly { month: string; measure: string | null; workflowId: string | null; count: number }[],
): VolumeStats[] {
  const totals = new Map<string, Map<string, number>>();
  for (const v of volumes) {
    const key = v.measure ?? v.workflowId!;
    const months = totals.get(key) ?? new Map<string, number>();
    months.set(v.month, (months.get(v.month) ?? 0) + v.count);
    totals.set(key, months);
  }
  return [...totals.entries()].map(([key, months]) => ({
    key,
    months: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, count]) => ({ month, count })),
  }));
}
