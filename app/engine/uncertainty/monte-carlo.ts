/**
 * Monte Carlo over a compiled model: each trial draws the uncertain inputs (correlated by a
 * Gaussian copula) from a seeded generator and runs the model; the results are summarized per
 * option. A pilot's decision rule sees each trial's own effect, so its value includes the
 * losses it avoids. Same model, uncertainty, seed and trial count: the same numbers, anywhere.
 */
import type { Model } from '../model';
import type { Uncertainty } from '../schema';

import { uncertainInputs } from './inputs';
import { summarize, type Percentiles } from './percentiles';
import { oneAtATime, type InputSweep, type OneAtATime } from './sensitivity';
import { runTrials, type TrialColumns } from './trials';

export { changedSlots, uncertainInputs, type UncertainInput } from './inputs';

export interface TornadoBar {
  /** Path of the input swung between its P10 and P90. */
  input: string;
  /** NPV with the input at its P10 and at its P90, the rest at base. */
  low: number;
  high: number;
}

/**
 * The tornado bars worth drawing: inputs that move the option's NPV (from its base NPV) by at
 * least 1 % of the widest bar's reach and half a unit of money, widest first, at most `limit`.
 * An input of another option that this one never reads would draw an empty row, and one whose
 * effect is a rounding error next to the others a row that reads the same at both ends.
 */
export function movingBars(
  { tornado, baseNpv }: Pick<OptionMonteCarlo, 'tornado' | 'baseNpv'>,
  limit: number,
): TornadoBar[] {
  const reach = (b: TornadoBar) => Math.max(Math.abs(b.low - baseNpv), Math.abs(b.high - baseNpv));
  const widest = Math.max(0, ...tornado.map(reach));
  const threshold = Math.max(0.5, widest / 100);
  return tornado.filter((b) => reach(b) >= threshold).slice(0, limit);
}

export interface OptionMonteCarlo {
  trials: number;
  seed: number;
  /** NPV with every input at its base value: what the trials vary around, the tornado's zero. */
  baseNpv: number;
  npv: Percentiles;
  roi: Percentiles;
  paperRoi: Percentiles;
  probNpvPositive: number;
  probPayback: number;
  probBudgetBreach: number;
  probBudgetBreachByYear: number[];
  /** Yearly net cash flow percentiles, for a fan chart. */
  yearlyNetCash: Percentiles[];
  /**
   * For a pilot: what testing first is worth against deciding now on the option it scales
   * into. `informationValue` = E[the target's NPV in the trials where the pilot says scale up]
   * − max(E[target NPV], 0): what the decision rule's information buys (≤ EVPI of the target);
   * `netValue` = E[pilot NPV] − max(E[target NPV], 0), after the pilot's own cost and delay.
   */
  pilot?: { targetId: string; probScaleUp: number; informationValue: number; netValue: number };
  /** NPV histogram: equal-width bins from the lowest to the highest trial. */
  histogram: { from: number; to: number; count: number }[];
  tornado: TornadoBar[];
  /**
   * Each uncertain input moved alone from its base (most likely) value to its median: where its
   * range is lopsided the two differ, and so does the NPV. What explains a simulated median far
   * from the base case (see ./reading.ts). In the order of the inputs.
   */
  medianShifts: MedianShift[];
}

export interface MedianShift {
  input: string;
  baseValue: number;
  medianValue: number;
  /** NPV with this input at its median, the rest at base. */
  npv: number;
}

export interface MonteCarloResult {
  trials: number;
  seed: number;
  options: Record<string, OptionMonteCarlo>;
  /** Trials in which the model gave no finite NPV (left out of every statistic). */
  invalidTrials: number;
  /** Expected value of perfect information for the choice between the options and the status quo. */
  evpi: number;
  /** Share of trials in which each option (or the status quo) has the highest NPV. */
  winners: { optionId: string; share: number }[];
  /** Each uncertain input across its range: NPVs, which option wins where, break-even values. */
  sweeps: InputSweep[];
  /** The trials' inputs and NPVs, when asked for (`recordSamples`): the audit trail. */
  samples?: { inputs: string[]; options: string[]; rows: number[][] };
}

const HISTOGRAM_BINS = 24;

function histogram(values: Float64Array): { from: number; to: number; count: number }[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return [];
  const width = hi > lo ? (hi - lo) / HISTOGRAM_BINS : 1;
  const bins = Array.from({ length: hi > lo ? HISTOGRAM_BINS : 1 }, (_, i) => ({
    from: lo + i * width,
    to: lo + (i + 1) * width,
    count: 0,
  }));
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    bins[Math.min(bins.length - 1, Math.floor((v - lo) / width))]!.count++;
  }
  return bins;
}

export interface MonteCarloOptions {
  trials?: number;
  seed?: number;
  /** Keep every trial's inputs and NPVs (for the CSV download). */
  recordSamples?: boolean;
  /** Called every few hundred trials with the share done (a progress bar). */
  onProgress?: (done: number) => void;
}

/** What the summary needs of the model besides the trials: options, pilots, years, inputs. */
export interface MonteCarloShape {
  optionIds: string[];
  /** For each option, the index of the option its pilot scales into, or −1. */
  pilotTargets: number[];
  years: number;
  /** The drawn inputs' paths, in the order of the trials' recorded inputs. */
  inputs: string[];
}

export function monteCarloShape(model: Model, uncertainty: Uncertainty): MonteCarloShape {
  return {
    optionIds: model.options.map((o) => o.id),
    pilotTargets: model.options.map((o) => (o.pilot ? o.pilot.scaleUpOptionIndex : -1)),
    years: model.years,
    inputs: uncertainInputs(model, uncertainty).map((i) => i.path),
  };
}

/**
 * The Monte Carlo's statistics from all its trials (`columns`, trials [0, n)) and its
 * one-at-a-time runs. Every sum runs over the trials in their order, so trials run in shares
 * and joined give the numbers, to the last bit, of one run of them all.
 */
export function summarizeMonteCarlo(
  shape: MonteCarloShape,
  columns: TrialColumns,
  sensitivity: OneAtATime,
  options: { seed: number; recordSamples?: boolean },
): MonteCarloResult {
  const { optionIds, pilotTargets } = shape;
  const { seed } = options;
  const trials = columns.to - columns.from;
  const N = trials;
  const K = optionIds.length;
  const Y = shape.years;
  const I = shape.inputs.length;
  const { npv, paidBack, budgetBreach, scaledUp: scaledUpFlags } = columns;
  const paid = new Float64Array(K);
  const positive = new Float64Array(K);
  const breachAny = new Float64Array(K);
  const breachByYear = optionIds.map(() => new Float64Array(Y));
  const wins = new Float64Array(K + 1);
  const scaledUp = new Float64Array(K);
  const targetIfScaled = new Float64Array(K);
  let bestOfTrialSum = 0;
  let invalidTrials = 0;
  const samples: number[][] | null = options.recordSamples && columns.inputs ? [] : null;
  for (let t = 0; t < N; t++) {
    let finite = true;
    for (let k = 0; k < K; k++) if (!Number.isFinite(npv[k * N + t]!)) finite = false;
    if (!finite) {
      // A trial the model cannot value is counted, never mixed into the statistics.
      invalidTrials++;
      continue;
    }
    let best = 0;
    let winner = K; // the status quo, NPV 0
    for (let k = 0; k < K; k++) {
      const value = npv[k * N + t]!;
      paid[k]! += paidBack[k * N + t]!;
      if (value > 0) positive[k]!++;
      let breached = 0;
      for (let y = 0; y < Y; y++) {
        const breach = budgetBreach[(k * Y + y) * N + t]!;
        breached |= breach;
        breachByYear[k]![y]! += breach;
      }
      breachAny[k]! += breached;
      if (scaledUpFlags[k * N + t]) {
        scaledUp[k]!++;
        targetIfScaled[k]! += npv[pilotTargets[k]! * N + t]!;
      }
      if (value > best) {
        best = value;
        winner = k;
      }
    }
    wins[winner]!++;
    bestOfTrialSum += best;
    if (samples) {
      const row = [t + 1];
      for (let j = 0; j < I; j++) row.push(columns.inputs![j * N + t]!);
      for (let k = 0; k < K; k++) row.push(npv[k * N + t]!);
      samples.push(row);
    }
  }

  const column = (array: Float64Array, c: number) => array.subarray(c * N, (c + 1) * N);
  const valid = trials - invalidTrials;
  const scratch = new Float64Array(trials);
  // A valid trial has every option's NPV finite, so each NPV column's mean is over the valid trials.
  const npvSummaries = optionIds.map((_, k) => summarize(column(npv, k), scratch));
  const means = npvSummaries.map((summary) => (valid > 0 ? summary.mean : 0));
  const bestOfMeans = Math.max(0, ...means);
  const share = (count: number) => (valid > 0 ? count / valid : NaN);
  const out: Record<string, OptionMonteCarlo> = {};
  optionIds.forEach((id, k) => {
    out[id] = {
      trials,
      seed,
      baseNpv: sensitivity.baseNpv[k]!,
      npv: npvSummaries[k]!,
      roi: summarize(column(columns.roi, k), scratch),
      paperRoi: summarize(column(columns.paperRoi, k), scratch),
      probNpvPositive: share(positive[k]!),
      probPayback: share(paid[k]!),
      probBudgetBreach: share(breachAny[k]!),
      probBudgetBreachByYear: Array.from(breachByYear[k]!, share),
      yearlyNetCash: Array.from({ length: Y }, (_, y) =>
        summarize(column(columns.yearlyNetCash, k * Y + y), scratch),
      ),
      histogram: histogram(column(npv, k)),
      ...(pilotTargets[k]! >= 0
        ? {
            pilot: {
              targetId: optionIds[pilotTargets[k]!]!,
              probScaleUp: share(scaledUp[k]!),
              informationValue:
                targetIfScaled[k]! / Math.max(1, valid) - Math.max(0, means[pilotTargets[k]!]!),
              netValue: means[k]! - Math.max(0, means[pilotTargets[k]!]!),
            },
          }
        : {}),
      tornado: sensitivity.tornado
        .map((t) => ({ input: t.input, low: t.low[k]!, high: t.high[k]! }))
        .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low)),
      medianShifts: sensitivity.tornado.map((t) => ({
        input: t.input,
        baseValue: t.baseValue,
        medianValue: t.medianValue,
        npv: t.mid[k]!,
      })),
    };
  });
  return {
    trials,
    seed,
    options: out,
    invalidTrials,
    evpi: valid > 0 ? Math.max(0, bestOfTrialSum / valid - bestOfMeans) : NaN,
    winners: [...optionIds, 'statusQuo'].map((optionId, k) => ({ optionId, share: share(wins[k]!) })),
    sweeps: sensitivity.sweeps,
    ...(samples ? { samples: { inputs: shape.inputs, options: optionIds, rows: samples } } : {}),
  };
}

/**
 * The whole Monte Carlo in one thread: the trials, the one-at-a-time runs and the summary. The
 * dashboard runs the same pieces in workers (app/uncertainty/), to the same numbers.
 */
export function runMonteCarlo(
  model: Model,
  uncertainty: Uncertainty,
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const trials = options.trials ?? uncertainty.trials;
  const seed = options.seed ?? uncertainty.seed;
  const onProgress = options.onProgress;
  const columns = runTrials(model, uncertainty, {
    trials,
    seed,
    recordInputs: options.recordSamples,
    ...(onProgress ? { onProgress: (done: number) => onProgress(done / trials) } : {}),
  });
  return summarizeMonteCarlo(monteCarloShape(model, uncertainty), columns, oneAtATime(model, uncertainty), {
    seed,
    recordSamples: options.recordSamples,
  });
}
