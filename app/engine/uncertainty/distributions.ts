/**
 * Distributions as inverse CDFs: every input is drawn as F⁻¹(u) from a uniform u, so
 * correlated uniforms (from the Gaussian copula) give correlated inputs of any shape.
 */
import type { Distribution } from '../schema';

import { normalCdf, normalQuantile } from './normal';

/** The 95th percentile of the standard normal: low/high are read as the 5th/95th percentiles. */
export const Z95 = 1.6448536269514722;
const PERT_GRID = 2048;

export interface Sampler {
  /** The value at cumulative probability u ∈ (0, 1). */
  quantile(u: number): number;
}

/** PERT samplers by low, most likely and high: their tables are the costly part, and a rerun draws from the same. */
const pertCache = new Map<string, Sampler>();
const PERT_CACHE_SIZE = 256;

/** PERT: a beta on [low, high] with shape from the most likely value; its CDF is tabulated once. */
function pert(low: number, mode: number, high: number): Sampler {
  const key = `${low}:${mode}:${high}`;
  const cached = pertCache.get(key);
  if (cached) return cached;
  const span = high - low;
  const alpha = 1 + (4 * (mode - low)) / span;
  const beta = 1 + (4 * (high - mode)) / span;
  const cdf = new Float64Array(PERT_GRID + 1);
  const density = (x: number) => x ** (alpha - 1) * (1 - x) ** (beta - 1);
  let previous = density(0);
  for (let i = 1; i <= PERT_GRID; i++) {
    const d = density(i / PERT_GRID);
    cdf[i] = cdf[i - 1]! + (previous + d) / 2;
    previous = d;
  }
  const total = cdf[PERT_GRID]!;
  for (let i = 0; i <= PERT_GRID; i++) cdf[i] = cdf[i]! / total;
  // guide[b]: the last grid point whose CDF is below b / PERT_GRID, where a search for any u in
  // that bucket may start (a step or two instead of a binary search through the whole grid).
  const guide = new Int32Array(PERT_GRID);
  for (let b = 0, i = 0; b < PERT_GRID; b++) {
    while (i + 1 < PERT_GRID && cdf[i + 1]! < b / PERT_GRID) i++;
    guide[b] = i;
  }
  const sampler: Sampler = {
    quantile(u) {
      // The last grid point whose CDF is below u (cdf[0] = 0 < u ≤ 1 = cdf[PERT_GRID]).
      let lo = guide[Math.min(PERT_GRID - 1, Math.floor(u * PERT_GRID))]!;
      while (cdf[lo + 1]! < u) lo++;
      const hi = lo + 1;
      const width = cdf[hi]! - cdf[lo]!;
      const x = (lo + (width > 0 ? (u - cdf[lo]!) / width : 0)) / PERT_GRID;
      return low + x * span;
    },
  };
  if (pertCache.size >= PERT_CACHE_SIZE) pertCache.clear();
  pertCache.set(key, sampler);
  return sampler;
}

export function compileDistribution(d: Distribution, value: number): Sampler {
  switch (d.kind) {
    case 'fixed':
    case 'sameAs': // drawn by the input it follows (see monte-carlo.ts)
      return { quantile: () => value };
    case 'uniform':
      return { quantile: (u) => d.low + u * (d.high - d.low) };
    case 'triangular': {
      const { low: a, high: b } = d;
      const c = value;
      const fc = (c - a) / (b - a);
      return {
        quantile: (u) =>
          u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c)),
      };
    }
    case 'pert':
      return pert(d.low, value, d.high);
    case 'normal': {
      const sd = (d.high - d.low) / (2 * Z95);
      const lo = d.min === undefined ? 0 : normalCdf((d.min - value) / sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - value) / sd);
      return { quantile: (u) => value + sd * normalQuantile(lo + u * (hi - lo)) };
    }
    case 'lognormal': {
      // The input's value is the median (the deterministic run and the band agree); low/high
      // give the spread as a 90 % interval.
      const mu = Math.log(value);
      const sigma = (Math.log(d.high) - Math.log(d.low)) / (2 * Z95);
      return { quantile: (u) => Math.exp(mu + sigma * normalQuantile(u)) };
    }
  }
}
