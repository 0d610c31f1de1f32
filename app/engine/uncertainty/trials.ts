/**
 * The trials of a Monte Carlo, or a share of them: each trial draws the uncertain inputs
 * (correlated by a Gaussian copula) from their seeded streams and runs the model; what each
 * trial gives is kept in flat typed arrays (a worker hands them over without copying). Trial i
 * draws the same numbers and gives the same results whichever share it is run in: a run of
 * trials [from, to) starts each input's stream `from` draws in, and nothing carries from one
 * trial to the next. So the trials can be split between workers and joined (`joinTrials`) into
 * exactly what one run of them all gives.
 */
import type { Model } from '../model';
import type { Uncertainty } from '../schema';
import { trialRunner, type TrialRunner } from '../simulate';

import { cholesky, correlationMatrix } from './correlation';
import { changedSlots, uncertainInputs, type UncertainInput } from './inputs';
import { normalCdf, normalQuantile } from './normal';

/**
 * What trials [from, to) of a run gave, n = to − from of them. Per option k (and plan year y),
 * a column of n values: trial from + i at [k × n + i] (or [(k × years + y) × n + i]). A trial
 * in which the model gave no finite NPV has NaN in every number and 0 in every flag.
 */
export interface TrialColumns {
  from: number;
  to: number;
  npv: Float64Array;
  roi: Float64Array;
  paperRoi: Float64Array;
  yearlyNetCash: Float64Array;
  /** 1 where the option paid back within the horizon. */
  paidBack: Uint8Array;
  /** 1 where plan year y was over budget. */
  budgetBreach: Uint8Array;
  /** 1 where a pilot scaled up. */
  scaledUp: Uint8Array;
  /** Each drawn input's value (in `uncertainInputs` order) at [input × n + i], when asked. */
  inputs?: Float64Array;
  /** What plan year y takes of the budget (cash out − funding), laid out as yearlyNetCash, when asked. */
  yearlySpend?: Float64Array;
}

export interface TrialOptions {
  /** Trials in the whole run (the document's when not given). */
  trials?: number;
  seed?: number;
  /** This share of them: trials [from, to) (all by default). */
  from?: number;
  to?: number;
  /** Keep each trial's drawn inputs (the samples' audit trail). */
  recordInputs?: boolean;
  /** Keep each option's yearly spend against the budget (a portfolio's chance constraint). */
  recordSpend?: boolean;
  /** Called every 250 trials with the number of this share's trials done. */
  onProgress?: (done: number) => void;
}

/**
 * One runner per model and set of varying inputs, kept as long as the model is: a runner's
 * arena, grown in one run, serves the next as it is. A new runner each run sent the browser's
 * compiled engine back through its first-time paths (growing the arena), which it had
 * compiled away: the first run after a warm-up went at half speed. A run with `reuse` false
 * (the trials) or true (the one-at-a-time runs) gives the same numbers from any runner.
 */
const runners = new WeakMap<Model, Map<string, TrialRunner>>();
export function sharedRunner(model: Model, inputs: readonly UncertainInput[]): TrialRunner {
  const slots = changedSlots(inputs);
  const key = slots.join(',');
  let byInputs = runners.get(model);
  if (!byInputs) runners.set(model, (byInputs = new Map()));
  let runner = byInputs.get(key);
  if (!runner) byInputs.set(key, (runner = trialRunner(model, slots, { checkFixed: false })));
  return runner;
}

/** The correlated inputs' Cholesky factor and their places in the input list (none: null). */
function copula(model: Model, uncertainty: Uncertainty, inputs: readonly UncertainInput[]) {
  // Correlations may name inputs by index or id path: compare by slot, in slot order.
  const slotOf = (path: string) => model.params.index.get(path);
  const pairs = uncertainty.correlations
    .map((c) => ({ a: String(slotOf(c.a)), b: String(slotOf(c.b)), rho: c.rho }))
    .filter((c) => c.a !== 'undefined' && c.b !== 'undefined');
  const correlatedIndex = inputs
    .map((input, i) => ({ key: String(input.slot), i }))
    .filter(({ key }) => pairs.some((c) => c.a === key || c.b === key));
  if (correlatedIndex.length <= 1) return null;
  const L = cholesky(
    correlationMatrix(
      correlatedIndex.map((c) => c.key),
      pairs,
    ),
  );
  if (!L) throw new Error('The correlation matrix is not positive definite');
  return { L, members: correlatedIndex.map(({ i }) => i) };
}

/**
 * Each input's values for trials [from, to), a column each: uniforms from its own stream
 * (moved on `from` draws), mixed by the copula trial by trial, then through its distribution.
 */
function drawInputs(
  model: Model,
  uncertainty: Uncertainty,
  inputs: readonly UncertainInput[],
  from: number,
  to: number,
): Float64Array[] {
  const n = to - from;
  const draws = inputs.map((input) => {
    const column = new Float64Array(n);
    input.rng.skip(from);
    input.rng.fillUniforms(column);
    return column;
  });
  const mix = copula(model, uncertainty, inputs);
  if (mix) {
    // Normals from the correlated inputs' uniforms, mixed by L, back to uniforms, trial by trial.
    // A row of L with nothing but its 1 on the diagonal (the first input of each correlated
    // group) keeps its uniform as drawn: Φ(Φ⁻¹(u)) would only add Φ's approximation error.
    const { L } = mix;
    const columns = mix.members.map((i) => draws[i]!);
    const mixed = L.map((row, r) => row.some((v, c) => v !== (c === r ? 1 : 0)));
    const z = new Float64Array(columns.length);
    for (let trial = 0; trial < n; trial++) {
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
  return draws;
}

export function runTrials(model: Model, uncertainty: Uncertainty, options: TrialOptions = {}): TrialColumns {
  const trials = options.trials ?? uncertainty.trials;
  const seed = options.seed ?? uncertainty.seed;
  const from = Math.max(0, Math.min(trials, options.from ?? 0));
  const to = Math.max(from, Math.min(trials, options.to ?? trials));
  // Read once: the loop below then never looks into `options`, whose shape varies by caller
  // (a property read there deoptimized the loop when a caller of another shape came).
  const onProgress = options.onProgress ?? null;
  const n = to - from;
  const inputs = uncertainInputs(model, uncertainty, seed);
  const K = model.options.length;
  const Y = model.years;
  const npv = new Float64Array(K * n);
  const roi = new Float64Array(K * n);
  const paperRoi = new Float64Array(K * n);
  const yearlyNetCash = new Float64Array(K * Y * n);
  const paidBack = new Uint8Array(K * n);
  const budgetBreach = new Uint8Array(K * Y * n);
  const scaledUp = new Uint8Array(K * n);
  const yearlySpend = options.recordSpend ? new Float64Array(K * Y * n) : null;

  // Trials change only the uncertain inputs (and those that follow them): every run below
  // writes them, and nothing else, into a copy of the base, so the runner need not check.
  const runner = sharedRunner(model, inputs);
  const values = model.params.base.slice();
  // Every input's draws for all trials first, a column each (each input has its own stream,
  // so the numbers are those of drawing trial by trial): each loop has one distribution.
  const draws = drawInputs(model, uncertainty, inputs, from, to);
  const I = inputs.length;
  const slots = Int32Array.from(inputs, (input) => input.slot);
  const followers = inputs.map((input) => Int32Array.from(input.followers));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < I; j++) {
      const value = draws[j]![i]!;
      values[slots[j]!] = value;
      const follow = followers[j]!;
      for (let f = 0; f < follow.length; f++) values[follow[f]!] = value;
    }
    const result = runner.run(values, false);
    let finite = true;
    for (let k = 0; k < K; k++) if (!Number.isFinite(result.npv[k]!)) finite = false;
    if (!finite) {
      // A trial the model cannot value is kept as such, never mixed into the statistics.
      for (let k = 0; k < K; k++) {
        npv[k * n + i] = NaN;
        roi[k * n + i] = NaN;
        paperRoi[k * n + i] = NaN;
        for (let y = 0; y < Y; y++) yearlyNetCash[(k * Y + y) * n + i] = NaN;
        if (yearlySpend) for (let y = 0; y < Y; y++) yearlySpend[(k * Y + y) * n + i] = NaN;
      }
    } else {
      for (let k = 0; k < K; k++) {
        npv[k * n + i] = result.npv[k]!;
        roi[k * n + i] = result.roi[k]!;
        paperRoi[k * n + i] = result.paperRoi[k]!;
        paidBack[k * n + i] = result.paidBack[k]!;
        scaledUp[k * n + i] = result.scaledUp[k]!;
        for (let y = 0; y < Y; y++) {
          yearlyNetCash[(k * Y + y) * n + i] = result.yearlyNetCash[k * Y + y]!;
          budgetBreach[(k * Y + y) * n + i] = result.budgetBreach[k * Y + y]!;
        }
        if (yearlySpend) {
          for (let y = 0; y < Y; y++) yearlySpend[(k * Y + y) * n + i] = result.yearlySpend[k * Y + y]!;
        }
      }
    }
    if (onProgress && (i + 1) % 250 === 0) onProgress(i + 1);
  }
  let recorded: Float64Array | undefined;
  if (options.recordInputs) {
    recorded = new Float64Array(I * n);
    draws.forEach((column, j) => recorded!.set(column, j * n));
  }
  return {
    from,
    to,
    npv,
    roi,
    paperRoi,
    yearlyNetCash,
    paidBack,
    budgetBreach,
    scaledUp,
    ...(recorded ? { inputs: recorded } : {}),
    ...(yearlySpend ? { yearlySpend } : {}),
  };
}

/**
 * Shares of a run's trials, in any order, joined into the columns of trials [0, trials): the
 * same arrays one run of them all gives. Each trial must be in exactly one share.
 */
export function joinTrials(parts: readonly TrialColumns[], trials: number): TrialColumns {
  const sorted = [...parts].sort((a, b) => a.from - b.from || a.to - b.to);
  let next = 0;
  for (const part of sorted) {
    if (part.from !== next) throw new Error(`Trials ${next}–${part.from} are missing or run twice`);
    next = part.to;
  }
  if (next !== trials) throw new Error(`Trials ${next}–${trials} are missing`);
  if (sorted.length === 1) return sorted[0]!;
  // Columns per array, from a share that has trials (an empty share's arrays are empty).
  const widest = sorted.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
  const join = <T extends Float64Array | Uint8Array>(
    pick: (p: TrialColumns) => T | undefined,
    make: (n: number) => T,
  ): T => {
    const columns = (pick(widest)?.length ?? 0) / Math.max(1, widest.to - widest.from);
    const out = make(columns * trials);
    for (const part of sorted) {
      const source = pick(part);
      const n = part.to - part.from;
      if (!source || n === 0) continue;
      for (let c = 0; c < columns; c++) out.set(source.subarray(c * n, (c + 1) * n), c * trials + part.from);
    }
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  const u8 = (n: number) => new Uint8Array(n);
  return {
    from: 0,
    to: trials,
    npv: join((p) => p.npv, f64),
    roi: join((p) => p.roi, f64),
    paperRoi: join((p) => p.paperRoi, f64),
    yearlyNetCash: join((p) => p.yearlyNetCash, f64),
    paidBack: join((p) => p.paidBack, u8),
    budgetBreach: join((p) => p.budgetBreach, u8),
    scaledUp: join((p) => p.scaledUp, u8),
    ...(sorted.every((p) => p.inputs) ? { inputs: join((p) => p.inputs, f64) } : {}),
  };
}
