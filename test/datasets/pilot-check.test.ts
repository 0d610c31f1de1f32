import { describe, expect, it } from 'vitest';

import type { Observation } from '~/datasets/interpret';
import { pilotCheck } from '~/datasets/pilot-check';
import { workflowStats } from '~/datasets/stats';

const obs = (
  phase: 'baseline' | 'withAi',
  minutes: number,
  date: string,
  verification: number | null = null,
): Observation => ({
  row: 0,
  workflowId: 'followup',
  role: null,
  department: null,
  date,
  phase,
  minutes,
  verificationMinutes: verification,
});

// Baseline 12 minutes on average; with AI 9 + 1 = 10 in April, then 6 + 1 = 7 in May.
const data = [
  obs('baseline', 11, '2026-03-02'),
  obs('baseline', 12, '2026-03-03'),
  obs('baseline', 13, '2026-03-04'),
  obs('withAi', 8, '2026-04-01', 1),
  obs('withAi', 10, '2026-04-02', 1),
  obs('withAi', 5, '2026-05-01', 1),
  obs('withAi', 7, '2026-05-02', 1),
];

describe('planned against measured, month by month', () => {
  it('measures each month against the baseline and the rule on all data so far', () => {
    const check = pilotCheck(data, 'followup', 4, 3);
    expect(check.months.map((m) => [m.month, m.n, m.measured])).toEqual([
      ['2026-04', 2, 2], // 12 − 10
      ['2026-05', 2, 5], // 12 − 7
    ]);
    // All four with-AI tasks: 12 − (10 + 10 + 7 + 7) / 4 = 3.5 ≥ 3: the rule says scale up…
    expect(check.soFar!.mean).toBeCloseTo(3.5, 12);
    expect(check.soFar!.n).toBe(4);
    expect(check.byRule).toBe('scaleUp');
    // …but four tasks cannot tell 3.5 from 3.
    expect(check.conclusive).toBe(false);
    expect(check.soFar!.low).toBeLessThan(3);
    expect(check.planned).toBe(4);
  });

  it('says stop when the saving is clearly below the threshold, and nothing without both phases', () => {
    const slow = [
      ...data.slice(0, 3),
      ...Array.from({ length: 40 }, (_, i) =>
        obs('withAi', 11 + (i % 2), `2026-04-${String(1 + (i % 28)).padStart(2, '0')}`, 1),
      ),
    ];
    const check = pilotCheck(slow, 'followup', 4, 3);
    expect(check.byRule).toBe('stop');
    expect(check.conclusive).toBe(true);
    expect(pilotCheck(data.slice(0, 3), 'followup', 4, 3)).toMatchObject({
      byRule: null,
      soFar: null,
      months: [],
    });
  });
});

describe('with the workflow’s statistics at hand', () => {
  it('takes their saving as the interval so far: the same check, not bootstrapped again', () => {
    const slow = [
      ...data,
      ...Array.from({ length: 40 }, (_, i) => obs('withAi', 11 + (i % 2), '2026-06-01', 1)),
    ];
    for (const observations of [data, slow, data.slice(0, 3)]) {
      const stats = workflowStats(observations)[0]!;
      expect(pilotCheck(observations, 'followup', 4, 3, stats)).toEqual(
        pilotCheck(observations, 'followup', 4, 3),
      );
    }
    const stats = workflowStats(data)[0]!;
    expect(pilotCheck(data, 'followup', 4, 3, stats).soFar).toEqual({ n: stats.withAi!.n, ...stats.saving! });
  });
});

describe('too few timings', () => {
  it('decide nothing: one timing a phase gives no interval and is never conclusive', () => {
    const check = pilotCheck(
      [obs('baseline', 10, '2026-03-01'), obs('withAi', 5, '2026-04-01')],
      'followup',
      4,
      2,
    );
    expect(check.soFar).toBeNull();
    expect(check.conclusive).toBe(false);
    expect(check.byRule).toBe('scaleUp');
    expect(check.months).toEqual([{ month: '2026-04', n: 1, measured: 5, low: null, high: null }]);
  });

  it('a hundred thousand timings in a month are checked without resampling them all', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => obs('withAi', 6 + (i % 3), '2026-04-01', 1));
    const check = pilotCheck([...data.slice(0, 3), ...many], 'followup', 4, 3);
    // 12 − (7 + 1) = 4, the large sample's mean taken as normal around it.
    expect(check.soFar!.mean).toBeCloseTo(4, 3);
    expect(check.soFar!.low).toBeLessThan(4);
    expect(check.soFar!.high).toBeGreaterThan(4);
  });
});
