/**
 * P10, P50, P90 and the mean of a Monte Carlo output: exact percentiles (a spreadsheet's
 * PERCENTILE, by linear interpolation) of ten thousand trials without sorting them.
 */
import { exp, log } from '../math';

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

/** Ranges longer than this first narrow down on a sample (Floyd and Rivest's SELECT). */
const SAMPLED_RANGE = 600;

/**
 * Moves the k-th smallest of a[left..right] to a[k], smaller ones before it and larger after
 * (Floyd–Rivest selection: about n + min(k, n − k) comparisons, where Hoare's takes 2n–3n).
 * Any selection leaves the same value at a[k]; this one only gets there sooner.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > SAMPLED_RANGE) {
      // Select within a sample window around where k should fall, so that the partition
      // below starts from a pivot close to the answer.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = log(n);
      const s = 0.5 * exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(
        a,
        k,
        Math.max(left, Math.floor(k - (m * s) / n + sd)),
        Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)),
      );
    }
    const pivot = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > pivot) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
    }
    if (a[left] === pivot) swap(a, left, j);
    else swap(a, ++j, right);
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The smallest of a[from..to]. */
function smallest(a: Float64Array, from: number, to: number): number {
  let min = a[from]!;
  for (let i = from + 1; i <= to; i++) if (a[i]! < min) min = a[i]!;
  return min;
}

/** Buckets of equal width between the lowest and the highest value (see `summarize`). */
const BUCKETS = 2048;

/**
 * Percentiles and mean of the finite values; `scratch` (at least as long) is written over.
 *
 * Three passes and three small selections, not a selection through the whole column: the
 * comparisons of a partition over ten thousand random values are mispredicted half the time,
 * which made it most of the statistics' time. The passes find the range, count the values into
 * buckets of equal width over it (a bucket is monotone in the value, so the k-th smallest
 * value lies in the bucket where the running count passes k), and put the values of the few
 * buckets holding a wanted rank at their places in `scratch`; a selection within each such
 * bucket then finds the exact value.
 */
export function summarize(values: Float64Array, scratch = new Float64Array(values.length)): Percentiles {
  let n = 0;
  let sum = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      n++;
      sum += v;
      lowest = Math.min(lowest, v);
      highest = Math.max(highest, v);
    }
  }
  if (n === 0) return { p10: NaN, p50: NaN, p90: NaN, mean: NaN };
  // A range too wide (or too narrow) for a finite scale puts everything in the first bucket.
  let scale = BUCKETS / (highest - lowest);
  if (!Number.isFinite(scale)) scale = 0;
  const bucketOf = (v: number) => Math.min(BUCKETS - 1, ((v - lowest) * scale) | 0);
  const start = new Int32Array(BUCKETS + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) start[bucketOf(v) + 1]!++;
  }
  for (let b = 0; b < BUCKETS; b++) start[b + 1]! += start[b]!;
  const last = n - 1;
  const k10 = Math.floor(0.1 * last);
  const k50 = Math.floor(0.5 * last);
  const k90 = Math.floor(0.9 * last);
  // The bucket holding each wanted rank: k, and k + 1 for the interpolation.
  const bucketOfRank = (k: number) => {
    let lo = 0;
    let hi = BUCKETS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (start[mid + 1]! > k) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const wanted = new Uint8Array(BUCKETS);
  for (const k of [k10, k50, k90]) {
    wanted[bucketOfRank(k)] = 1;
    if (k < last) wanted[bucketOfRank(k + 1)] = 1;
  }
  const next = start.slice(0, BUCKETS);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const b = bucketOf(v);
    if (wanted[b]) scratch[next[b]!++] = v;
  }
  const valueAt = (k: number) => {
    const b = bucketOfRank(k);
    select(scratch, k, start[b]!, start[b + 1]! - 1);
    return scratch[k]!;
  };
  const at = (q: number, k: number) => {
    const position = q * last;
    const low = valueAt(k);
    if (k === last) return low;
    // Rank k + 1 is the smallest from k + 1 to the end of its bucket: the rest of k's bucket
    // (no smaller after the selection) or, when k ended its bucket, the whole next non-empty one.
    const high = smallest(scratch, k + 1, start[bucketOfRank(k + 1) + 1]! - 1);
    return low + (high - low) * (position - k);
  };
  return { p10: at(0.1, k10), p50: at(0.5, k50), p90: at(0.9, k90), mean: sum / n };
}
