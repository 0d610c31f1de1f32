/**
 * Rank correlation between inputs by a Gaussian copula: independent standard normals are
 * mixed by the Cholesky factor of the correlation matrix, then turned into uniforms by Φ.
 */
import { sinSmall } from '../math';

/** The lower-triangular L with L·Lᵀ = matrix, or null when the matrix is not positive definite. */
export function cholesky(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]![j]!;
      for (let k = 0; k < j; k++) sum -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (sum <= 1e-12) return null;
        L[i]![i] = Math.sqrt(sum);
      } else {
        L[i]![j] = sum / L[j]![j]!;
      }
    }
  }
  return L;
}

export interface CorrelationPair {
  a: string;
  b: string;
  rho: number;
}

/**
 * The correlation matrix over `paths` (1 on the diagonal, 0 where no pair is given). Rank
 * correlations are turned into the normal copula's Pearson ρ = 2 sin(π ρₛ / 6).
 */
export function correlationMatrix(paths: readonly string[], pairs: readonly CorrelationPair[]): number[][] {
  const index = new Map(paths.map((p, i) => [p, i]));
  const m: number[][] = paths.map((_, i) => paths.map((__, j) => (i === j ? 1 : 0)));
  for (const { a, b, rho } of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    const r = 2 * sinSmall((Math.PI * rho) / 6);
    m[i]![j] = r;
    m[j]![i] = r;
  }
  return m;
}
