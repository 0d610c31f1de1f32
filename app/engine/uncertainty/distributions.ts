/**
 * Distributions as inverse CDFs: every input is drawn as F⁻¹(u) from a uniform u, so
 * correlated uniforms (from the Gaussian copula) give correlated inputs of any shape.
 */
import { exp, log, pow } from '../math';
import type { Distribution } from '../schema';

import { normalCdf, normalQuantile } from './normal';

/** The 95th percentile of the standard normal: low/high are read as the 5th/95th percentiles. */
export const Z95 = 1.6448536269514722;
const PERT_GRID = 2048;

export interface Sampler {
  /** The value at cumulative probability u ∈ (0, 1). */
  quantile(u: number): number;
  /**
   * Replaces each uniform of the column by its value, clamped to [min, max]: ten thousand
   * draws in a loop of their own distribution. (One loop shared by every kind, calling
   * whichever `quantile`, measured a fifth slower over the county scenario's inputs: hence
   * the kinds' near-identical loops below.)
   */
  quantiles(column: Float64Array, min: number, max: number): void;
}

/** PERT samplers by low, most likely and high: their tables are the costly part, and a rerun draws from the same. */
const pertCache = new Map<string, Sampler>();
const PERT_CACHE_SIZE = 256;

interface PertTable {
  /** The CDF at the grid points i / PERT_GRID of [0, 1], and where a search for u may start. */
  cdf: Float64Array;
  guide: Int32Array;
  low: number;
  span: number;
}

/**
 * A PERT's value at cumulative probability u, by linear interpolation in its table. One
 * function for every PERT (not a closure each), so that the column loop calling it sees one.
 */
function pertQuantile({ cdf, guide, low, span }: PertTable, u: number): number {
  // The last grid point whose CDF is below u (cdf[0] = 0 < u ≤ 1 = cdf[PERT_GRID]).
  let lo = guide[Math.min(PERT_GRID - 1, Math.floor(u * PERT_GRID))]!;
  while (cdf[lo + 1]! < u) lo++;
  const hi = lo + 1;
  const width = cdf[hi]! - cdf[lo]!;
  const x = (lo + (width > 0 ? (u - cdf[lo]!) / width : 0)) / PERT_GRID;
  return low + x * span;
}

/** PERT: a beta on [low, high] with shape from the most likely value; its CDF is tabulated once. */
function pert(low: number, mode: number, high: number): Sampler {
  const key = `${low}:${mode}:${high}`;
  const cached = pertCache.get(key);
  if (cached) return cached;
  const span = high - low;
  const alpha = 1 + (4 * (mode - low)) / span;
  const beta = 1 + (4 * (high - mode)) / span;
  const cdf = new Float64Array(PERT_GRID + 1);
  const density = (x: number) => pow(x, alpha - 1) * pow(1 - x, beta - 1);
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
  const table: PertTable = { cdf, guide, low, span };
  const sampler: Sampler = {
    quantile: (u) => pertQuantile(table, u),
    quantiles(column, min, max) {
      for (let i = 0; i < column.length; i++) column[i] = clamp(pertQuantile(table, column[i]!), min, max);
    },
  };
  if (pertCache.size >= PERT_CACHE_SIZE) pertCache.clear();
  pertCache.set(key, sampler);
  return sampler;
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

// Each kind's column loop is its own function, so the quantile it calls is always the same one.
function fixed(value: number): Sampler {
  return { quantile: () => value, quantiles: (column, min, max) => void column.fill(clamp(value, min, max)) };
}

function uniform(low: number, high: number): Sampler {
  const quantile = (u: number) => low + u * (high - low);
  return {
    quantile,
    quantiles(column, min, max) {
      for (let i = 0; i < column.length; i++) column[i] = clamp(quantile(column[i]!), min, max);
    },
  };
}

function triangular(a: number, c: number, b: number): Sampler {
  const fc = (c - a) / (b - a);
  const quantile = (u: number) =>
    u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  return {
    quantile,
    quantiles(column, min, max) {
      for (let i = 0; i < column.length; i++) column[i] = clamp(quantile(column[i]!), min, max);
    },
  };
}

/** A normal of the given mean and spread, truncated to the CDF range [lo, hi]. */
function truncatedNormal(mean: number, sd: number, lo: number, hi: number): Sampler {
  const quantile = (u: number) => mean + sd * normalQuantile(lo + u * (hi - lo));
  return {
    quantile,
    quantiles(column, min, max) {
      for (let i = 0; i < column.length; i++) column[i] = clamp(quantile(column[i]!), min, max);
    },
  };
}

function lognormal(mu: number, sigma: number): Sampler {
  const quantile = (u: number) => exp(mu + sigma * normalQuantile(u));
  return {
    quantile,
    quantiles(column, min, max) {
      for (let i = 0; i < column.length; i++) column[i] = clamp(quantile(column[i]!), min, max);
    },
  };
}

export function compileDistribution(d: Distribution, value: number): Sampler {
  switch (d.kind) {
    case 'fixed':
    case 'sameAs': // drawn by the input it follows (see monte-carlo.ts)
      return fixed(value);
    case 'uniform':
      return uniform(d.low, d.high);
    case 'triangular':
      return triangular(d.low, value, d.high);
    case 'pert':
      return pert(d.low, value, d.high);
    case 'normal': {
      const sd = (d.high - d.low) / (2 * Z95);
      const lo = d.min === undefined ? 0 : normalCdf((d.min - value) / sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - value) / sd);
      return truncatedNormal(value, sd, lo, hi);
    }
    case 'lognormal':
      // The input's value is the median (the deterministic run and the band agree); low/high
      // give the spread as a 90 % interval.
      return lognormal(log(value), (log(d.high) - log(d.low)) / (2 * Z95));
  }
}
