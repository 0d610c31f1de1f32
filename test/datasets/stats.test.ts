import { describe, expect, it } from 'vitest';

import type { Observation } from '~/datasets/interpret';
import { savingInterval, summarize, volumeStats, workflowStats } from '~/datasets/stats';

const obs = (
  workflowId: string,
  phase: 'baseline' | 'withAi',
  minutes: number,
  row: number,
  verification: number | null = null,
  date: string | null = null,
): Observation => ({
  row,
  workflowId,
  role: null,
  department: null,
  date,
  phase,
  minutes,
  verificationMinutes: verification,
});

describe('summaries, by hand', () => {
  it('n, mean, median, sample sd, quartiles and Tukey outliers of 1, 2, 3, 4, 100', () => {
    const s = summarize([4, 2, 100, 1, 3], [11, 12, 13, 14, 15])!;
    expect(s.n).toBe(5);
    expect(s.mean).toBe(22); // 110 / 5
    expect(s.median).toBe(3);
    // Σ(x − 22)² = 441 + 400 + 361 + 324 + 6084 = 7610; / 4 = 1902.5
    expect(s.sd).toBeCloseTo(Math.sqrt(1902.5), 12);
    expect([s.q1, s.q3]).toEqual([2, 4]);
    // Fences 2 − 3 = −1 and 4 + 3 = 7: only the 100 (row 13) is outside, and it stays in the mean.
    expect(s.outlierRows).toEqual([13]);
    expect([s.min, s.max]).toEqual([1, 100]);
  });

  it('one observation has no spread; none has no summary', () => {
    expect(summarize([5], [2])).toMatchObject({ n: 1, mean: 5, sd: 0, outlierRows: [] });
    expect(summarize([], [])).toBeNull();
  });
});

describe('the saving and its interval', () => {
  it('mean saving = baseline mean − (with-AI mean + verification mean), bootstrapped when small', () => {
    const observations = [
      ...[3, 4, 5, 6, 7].map((m, i) => obs('notes', 'baseline', m, i + 2, null, `2026-03-0${i + 1}`)),
      ...[2, 2, 3].map((m, i) => obs('notes', 'withAi', m, i + 7, 1, `2026-04-0${i + 1}`)),
    ];
    const [stats] = workflowStats(observations);
    // 5 − (2.333… + 1) = 1.666…
    expect(stats!.saving!.mean).toBeCloseTo(5 - 7 / 3 - 1, 12);
    expect(stats!.saving!.method).toBe('bootstrap');
    expect(stats!.saving!.low).toBeLessThan(stats!.saving!.mean);
    expect(stats!.saving!.high).toBeGreaterThan(stats!.saving!.mean);
    // Resampled means of the baseline lie in [3, 7] and of with-AI + verification in [3, 4].
    expect(stats!.saving!.low).toBeGreaterThanOrEqual(3 - 4);
    expect(stats!.saving!.high).toBeLessThanOrEqual(7 - 3);
    expect([stats!.from, stats!.to]).toEqual(['2026-03-01', '2026-04-03']);
    // The same data give the same interval (seeded).
    expect(workflowStats(observations)[0]!.saving).toEqual(stats!.saving);
  });

  it('uses a normal (Welch) interval for large, symmetric samples', () => {
    const baseline = Array.from({ length: 40 }, (_, i) => 10 + (i % 5)); // 8 each of 10…14: mean 12
    const withAi = Array.from({ length: 51 }, (_, i) => 6 + (i % 3)); // 17 each of 6, 7, 8: mean 7
    const interval = savingInterval(baseline, withAi)!;
    expect(interval.method).toBe('normal');
    expect(interval.mean).toBeCloseTo(5, 12);
    const varB = baseline.reduce((s, x) => s + (x - 12) ** 2, 0) / 39;
    const varA = withAi.reduce((s, x) => s + (x - 7) ** 2, 0) / 50;
    const half = 1.959963984540054 * Math.sqrt(varB / 40 + varA / 51);
    expect(interval.low).toBeCloseTo(5 - half, 12);
    expect(interval.high).toBeCloseTo(5 + half, 12);
  });

  it('has no saving when only one phase was measured', () => {
    const [stats] = workflowStats([obs('notes', 'baseline', 3, 2), obs('notes', 'baseline', 4, 3)]);
    expect(stats!.saving).toBeNull();
    expect(stats!.withAi).toBeNull();
  });
});

describe('volumes', () => {
  it('adds departments up per month and sorts the months', () => {
    const v = volumeStats([
      { month: '2025-02-01', measure: 'discharges', workflowId: null, count: 10 },
      { month: '2025-01-01', measure: 'discharges', workflowId: null, count: 5 },
      { month: '2025-01-01', measure: 'discharges', workflowId: null, count: 7 },
    ]);
    expect(v).toEqual([
      {
        key: 'discharges',
        months: [
          { month: '2025-01-01', count: 12 },
          { month: '2025-02-01', count: 10 },
        ],
      },
    ]);
  });
});
