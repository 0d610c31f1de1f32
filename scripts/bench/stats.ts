/** Small statistics helpers for the web bench. */

/** Nearest-rank percentile (q in 0..1) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
