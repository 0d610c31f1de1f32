/**
 * One input at a time across its range, the rest at base: the NPV of every option along the
 * way, which option wins where (a tornado hides that), the value at which an option's NPV
 * crosses zero (break-even) and where two options tie.
 */
import type { Model } from '../model';
import type { Uncertainty } from '../schema';
import { trialRunner, type TrialRunner } from '../simulate';

import { changedSlots, uncertainInputs, type UncertainInput } from './inputs';
import { sharedRunner } from './trials';

export interface InputSweep {
  input: string;
  /** Input values, from its P5 to its P95. */
  values: number[];
  /** NPV by option id, one per value. */
  npv: Record<string, number[]>;
  /** The best choice at each value: an option id or 'statusQuo' (NPV 0). */
  winners: string[];
  /** Where each option's NPV crosses zero within the range, or null. */
  breakEven: { optionId: string; value: number | null }[];
  /** Where two options' NPVs cross within the range. */
  ties: { a: string; b: string; value: number }[];
}

/** The best choice among options with these NPVs: the id of the highest above 0, or 'statusQuo'. */
export function bestChoice(npv: ArrayLike<number>, ids: readonly string[]): string {
  let best = 0;
  let winner = 'statusQuo';
  for (let k = 0; k < ids.length; k++) {
    if (npv[k]! > best) {
      best = npv[k]!;
      winner = ids[k]!;
    }
  }
  return winner;
}

/** Where f crosses zero between two sampled points, by linear interpolation. */
function crossing(x0: number, f0: number, x1: number, f1: number): number {
  return f0 === f1 ? x0 : x0 + ((x1 - x0) * f0) / (f0 - f1);
}

export function sweepInput(
  model: Model,
  input: UncertainInput,
  points = 21,
  trial: TrialRunner = trialRunner(model, changedSlots([input])),
): InputSweep {
  const values = Array.from({ length: points }, (_, i) =>
    Math.min(input.max, Math.max(input.min, input.sampler.quantile(0.05 + (0.9 * i) / (points - 1)))),
  );
  const ids = model.options.map((o) => o.id);
  const npv: Record<string, number[]> = Object.fromEntries(ids.map((id) => [id, [] as number[]]));
  const winners: string[] = [];
  for (const value of values) {
    const p = model.params.base.slice();
    p[input.slot] = value;
    for (const slot of input.followers) p[slot] = value;
    const out = trial.run(p);
    ids.forEach((id, k) => npv[id]!.push(out.npv[k]!));
    winners.push(bestChoice(out.npv, ids));
  }
  const firstCrossing = (f: (i: number) => number): number | null => {
    for (let i = 1; i < values.length; i++) {
      const f0 = f(i - 1);
      const f1 = f(i);
      if (f0 === 0) return values[i - 1]!;
      if (f0 * f1 < 0) return crossing(values[i - 1]!, f0, values[i]!, f1);
    }
    return f(values.length - 1) === 0 ? values[values.length - 1]! : null;
  };
  const breakEven = ids.map((optionId) => ({ optionId, value: firstCrossing((i) => npv[optionId]![i]!) }));
  const ties: InputSweep['ties'] = [];
  ids.forEach((a, i) =>
    ids.slice(i + 1).forEach((b) => {
      const value = firstCrossing((k) => npv[a]![k]! - npv[b]![k]!);
      if (value !== null) ties.push({ a, b, value });
    }),
  );
  return { input: input.path, values, npv, winners, breakEven, ties };
}

/** NPV of every option over a grid of two inputs (the rest at base), and the best choice in each cell. */
export function twoWayTable(
  model: Model,
  a: UncertainInput,
  b: UncertainInput,
  points = 5,
): { a: number[]; b: number[]; npv: Record<string, number[][]>; winners: string[][] } {
  const grid = (input: UncertainInput) =>
    Array.from({ length: points }, (_, i) =>
      Math.min(input.max, Math.max(input.min, input.sampler.quantile(0.1 + (0.8 * i) / (points - 1)))),
    );
  const av = grid(a);
  const bv = grid(b);
  const npv: Record<string, number[][]> = Object.fromEntries(
    model.options.map((o) => [o.id, [] as number[][]]),
  );
  const ids = model.options.map((o) => o.id);
  const winners: string[][] = [];
  const trial = trialRunner(model, changedSlots([a, b]));
  for (const x of av) {
    for (const o of model.options) npv[o.id]!.push([]);
    winners.push([]);
    for (const y of bv) {
      const p = model.params.base.slice();
      p[a.slot] = x;
      for (const slot of a.followers) p[slot] = x;
      p[b.slot] = y;
      for (const slot of b.followers) p[slot] = y;
      const out = trial.run(p);
      model.options.forEach((o, k) => npv[o.id]![npv[o.id]!.length - 1]!.push(out.npv[k]!));
      winners[winners.length - 1]!.push(bestChoice(out.npv, ids));
    }
  }
  return { a: av, b: bv, npv, winners };
}

/** The runs of a Monte Carlo with one input moved at a time (or none): no randomness in them. */
export interface OneAtATime {
  /** Each option's NPV with every input at its base value. */
  baseNpv: number[];
  /**
   * Each input's NPVs (by option) at its P10, its median and its P90, the rest at base, with its
   * base (most likely) and median values: the median run is what ./reading.ts compares.
   */
  tornado: {
    input: string;
    low: number[];
    mid: number[];
    high: number[];
    baseValue: number;
    medianValue: number;
  }[];
  sweeps: InputSweep[];
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

/** The base run, the tornado's runs and each input's sweep. */
export function oneAtATime(model: Model, uncertainty: Uncertainty): OneAtATime {
  const inputs = uncertainInputs(model, uncertainty);
  const runner = sharedRunner(model, inputs);
  const baseNpv = Array.from(runner.run(model.params.base.slice()).npv);
  const tornado = inputs.map((input) => {
    const at = (q: number) => {
      const v = model.params.base.slice();
      v[input.slot] = clamp(input.sampler.quantile(q), input.min, input.max);
      for (const slot of input.followers) v[slot] = v[input.slot]!;
      return Array.from(runner.run(v).npv);
    };
    return {
      input: input.path,
      low: at(0.1),
      mid: at(0.5),
      high: at(0.9),
      baseValue: model.params.base[input.slot]!,
      medianValue: clamp(input.sampler.quantile(0.5), input.min, input.max),
    };
  });
  return { baseNpv, tornado, sweeps: inputs.map((input) => sweepInput(model, input, undefined, runner)) };
}
