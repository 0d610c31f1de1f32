/**
 * Monte Carlo over a compiled model: each trial draws the uncertain inputs (correlated by a
 * Gaussian copula) from a seeded generator and runs the model; the results are summarized per
 * option. A pilot's decision rule sees each trial's own effect, so its value includes the
 * losses it avoids. Same model, uncertainty, seed and trial count: the same numbers, anywhere.
 */
import type { Model } from '../model';
import type { Uncertainty } from '../schema';
import { trialRunner } from '../simulate';

import { inputBounds } from './bounds';
import { cholesky, correlationMatrix } from './correlation';
import { compileDistribution, type Sampler } from './distributions';
import { normalCdf, normalQuantile } from './normal';
import { summarize, type Percentiles } from './percentiles';
import { createRng, hash32, type Rng } from './rng';
import { sweepInput, type InputSweep } from './sensitivity';

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

export interface UncertainInput {
  path: string;
  slot: number;
  sampler: Sampler;
  min: number;
  max: number;
  rng: Rng;
  /** Slots of the inputs that take this one's value in every trial (`sameAs`). */
  followers: number[];
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

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

/**
 * The uncertain inputs in a fixed order (by slot, whatever the document's key order), each with
 * its own random stream from the seed and its index path, so adding an input does not move the
 * draws of the others.
 */
export function uncertainInputs(
  model: Model,
  uncertainty: Uncertainty,
  seed = uncertainty.seed,
): UncertainInput[] {
  return Object.entries(uncertainty.inputs)
    .filter(([, d]) => d.kind !== 'fixed' && d.kind !== 'sameAs')
    .map(([path, d]) => {
      const slot = model.params.index.get(path);
      if (slot === undefined) throw new Error(`Unknown uncertain input ${path}`);
      const indexPath = model.params.paths[slot]!;
      const [min, max] = inputBounds(indexPath);
      return {
        path,
        slot,
        sampler: compileDistribution(d, model.params.base[slot]!),
        min,
        max,
        rng: createRng(hash32(`${seed >>> 0}:${indexPath}`)),
        followers: Object.entries(uncertainty.inputs)
          .filter(([, f]) => f.kind === 'sameAs' && model.params.index.get(f.input) === slot)
          .map(([p]) => model.params.index.get(p)!)
          .filter((s) => s !== undefined),
      };
    })
    .sort((a, b) => a.slot - b.slot);
}

/** The slots a set of uncertain inputs changes: their own and their followers'. */
export const changedSlots = (inputs: readonly UncertainInput[]): number[] =>
  inputs.flatMap((input) => [input.slot, ...input.followers]);

export interface MonteCarloOptions {
  trials?: number;
  seed?: number;
  /** Keep every trial's inputs and NPVs (for the CSV download). */
  recordSamples?: boolean;
  /** Called every few hundred trials with the share done (a progress bar). */
  onProgress?: (done: number) => void;
}

export function runMonteCarlo(
  model: Model,
  uncertainty: Uncertainty,
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const trials = options.trials ?? uncertainty.trials;
  const seed = options.seed ?? uncertainty.seed;
  const inputs = uncertainInputs(model, uncertainty, seed);
  // Correlations may name inputs by index or id path: compare by slot, in slot order.
  const slotOf = (path: string) => model.params.index.get(path);
  const pairs = uncertainty.correlations
    .map((c) => ({ a: String(slotOf(c.a)), b: String(slotOf(c.b)), rho: c.rho }))
    .filter((c) => c.a !== 'undefined' && c.b !== 'undefined');
  const correlatedIndex = inputs
    .map((input, i) => ({ key: String(input.slot), i }))
    .filter(({ key }) => pairs.some((c) => c.a === key || c.b === key));
  const L =
    correlatedIndex.length > 1
      ? cholesky(
          correlationMatrix(
            correlatedIndex.map((c) => c.key),
            pairs,
          ),
        )
      : null;
  if (correlatedIndex.length > 1 && !L) throw new Error('The correlation matrix is not positive definite');
  const optionIds = model.options.map((o) => o.id);
  const K = optionIds.length;
  const Y = model.years;
  const npv = optionIds.map(() => new Float64Array(trials));
  const roi = optionIds.map(() => new Float64Array(trials));
  const paperRoi = optionIds.map(() => new Float64Array(trials));
  const yearly = optionIds.map(() => Array.from({ length: Y }, () => new Float64Array(trials)));
  const paid = new Float64Array(K);
  const positive = new Float64Array(K);
  const breachAny = new Float64Array(K);
  const breachByYear = optionIds.map(() => new Float64Array(Y));
  const wins = new Float64Array(K + 1);
  const pilotTargets = model.options.map((o) => (o.pilot ? o.pilot.scaleUpOptionIndex : -1));
  const scaledUp = new Float64Array(K);
  const targetIfScaled = new Float64Array(K);
  let bestOfTrialSum = 0;

  // Trials change only the uncertain inputs (and those that follow them): every run below
  // writes them, and nothing else, into a copy of the base, so the runner need not check.
  const runner = trialRunner(model, changedSlots(inputs), { checkFixed: false });
  const values = model.params.base.slice();
  const samples: number[][] | null = options.recordSamples ? [] : null;
  const z = new Float64Array(correlatedIndex.length);
  let invalidTrials = 0;
  // Every input's draws for all trials first, a column each (each input has its own stream,
  // so the numbers are those of drawing trial by trial): each loop has one distribution.
  const n = inputs.length;
  const slots = Int32Array.from(inputs, (input) => input.slot);
  const followers = inputs.map((input) => Int32Array.from(input.followers));
  const draws = inputs.map((input) => {
    const column = new Float64Array(trials);
    input.rng.fillUniforms(column);
    return column;
  });
  if (L) {
    // Normals from the correlated inputs' uniforms, mixed by L, back to uniforms, trial by trial.
    // A row of L with nothing but its 1 on the diagonal (the first input of each correlated
    // group) keeps its uniform as drawn: Φ(Φ⁻¹(u)) would only add Φ's approximation error.
    const columns = correlatedIndex.map(({ i }) => draws[i]!);
    const mixed = L.map((row, r) => row.some((v, c) => v !== (c === r ? 1 : 0)));
    for (let trial = 0; trial < trials; trial++) {
      for (let j = 0; j < columns.length; j++) z[j] = normalQuantile(columns[j]![trial]!);
      for (let r = 0; r < columns.length; r++) {
        if (!mixed[r]) continue;
        const row = L[r]!;
        let s = 0;
        for (let c = 0; c <= r; c++) s += row[c]! * z[c]!;
        columns[r]![trial] = normalCdf(s);
      }
    }
  }
  inputs.forEach(({ sampler, min, max }, i) => sampler.quantiles(draws[i]!, min, max));
  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < n; i++) {
      const value = draws[i]![trial]!;
      values[slots[i]!] = value;
      const follow = followers[i]!;
      for (let f = 0; f < follow.length; f++) values[follow[f]!] = value;
    }
    const result = runner.run(values, false);
    let finite = true;
    for (let k = 0; k < K; k++) if (!Number.isFinite(result.npv[k]!)) finite = false;
    if (!finite) {
      // A trial the model cannot value is counted, never mixed into the statistics.
      invalidTrials++;
      for (let k = 0; k < K; k++) {
        npv[k]![trial] = NaN;
        roi[k]![trial] = NaN;
        paperRoi[k]![trial] = NaN;
        for (let y = 0; y < Y; y++) yearly[k]![y]![trial] = NaN;
      }
      continue;
    }
    let best = 0;
    let winner = K; // the status quo, NPV 0
    for (let k = 0; k < K; k++) {
      const value = result.npv[k]!;
      npv[k]![trial] = value;
      roi[k]![trial] = result.roi[k]!;
      paperRoi[k]![trial] = result.paperRoi[k]!;
      paid[k]! += result.paidBack[k]!;
      if (value > 0) positive[k]!++;
      let breached = 0;
      for (let y = 0; y < Y; y++) {
        breached |= result.budgetBreach[k * Y + y]!;
        breachByYear[k]![y]! += result.budgetBreach[k * Y + y]!;
        yearly[k]![y]![trial] = result.yearlyNetCash[k * Y + y]!;
      }
      breachAny[k]! += breached;
      if (result.scaledUp[k]) {
        scaledUp[k]!++;
        targetIfScaled[k]! += result.npv[pilotTargets[k]!]!;
      }
      if (value > best) {
        best = value;
        winner = k;
      }
    }
    wins[winner]!++;
    bestOfTrialSum += best;
    if (options.onProgress && (trial + 1) % 250 === 0) options.onProgress((trial + 1) / trials);
    if (samples) samples.push([trial + 1, ...inputs.map((i) => values[i.slot]!), ...result.npv]);
  }

  const baseNpv = Array.from(runner.run(model.params.base.slice()).npv);
  // Tornado: each input at its P10 and P90 with the rest at base.
  const tornadoRuns = inputs.map((input) => {
    const at = (q: number) => {
      const v = model.params.base.slice();
      v[input.slot] = clamp(input.sampler.quantile(q), input.min, input.max);
      for (const slot of input.followers) v[slot] = v[input.slot]!;
      return Array.from(runner.run(v).npv);
    };
    const median = clamp(input.sampler.quantile(0.5), input.min, input.max);
    return {
      input: input.path,
      low: at(0.1),
      high: at(0.9),
      mid: at(0.5),
      baseValue: model.params.base[input.slot]!,
      medianValue: median,
    };
  });

  const valid = trials - invalidTrials;
  const scratch = new Float64Array(trials);
  // A valid trial has every option's NPV finite, so each NPV column's mean is over the valid trials.
  const npvSummaries = npv.map((column) => summarize(column, scratch));
  const means = npvSummaries.map((summary) => (valid > 0 ? summary.mean : 0));
  const bestOfMeans = Math.max(0, ...means);
  const share = (count: number) => (valid > 0 ? count / valid : NaN);
  const out: Record<string, OptionMonteCarlo> = {};
  optionIds.forEach((id, k) => {
    out[id] = {
      trials,
      seed,
      baseNpv: baseNpv[k]!,
      npv: npvSummaries[k]!,
      roi: summarize(roi[k]!, scratch),
      paperRoi: summarize(paperRoi[k]!, scratch),
      probNpvPositive: share(positive[k]!),
      probPayback: share(paid[k]!),
      probBudgetBreach: share(breachAny[k]!),
      probBudgetBreachByYear: Array.from(breachByYear[k]!, share),
      yearlyNetCash: yearly[k]!.map((series) => summarize(series, scratch)),
      histogram: histogram(npv[k]!),
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
      tornado: tornadoRuns
        .map((t) => ({ input: t.input, low: t.low[k]!, high: t.high[k]! }))
        .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low)),
      medianShifts: tornadoRuns.map((t) => ({
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
    sweeps: inputs.map((input) => sweepInput(model, input, undefined, runner)),
    ...(samples ? { samples: { inputs: inputs.map((i) => i.path), options: optionIds, rows: samples } } : {}),
  };
}
