/**
 * The uncertain inputs of a compiled model, each with its distribution, the bounds of its field
 * and its own random stream: what the trials, the tornado, the sweeps and the two-way table
 * vary.
 */
import type { Model } from '../model';
import type { Uncertainty } from '../schema';

import { inputBounds } from './bounds';
import { compileDistribution, type Sampler } from './distributions';
import { createRng, hash32, type Rng } from './rng';

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
