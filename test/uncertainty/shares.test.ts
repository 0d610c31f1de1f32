/**
 * How the dashboard shares a run's trials between its workers: every trial in exactly one
 * share, in order, and the first worker (which also runs the one-at-a-time runs) given that
 * much fewer trials.
 */
import { describe, expect, it } from 'vitest';

import { RUNS_PER_INPUT } from '~/engine/uncertainty/work';
import { drawnInputCount, shareTrials } from '~/uncertainty/shares';

describe('sharing the trials', () => {
  it('covers every trial once, the first share lighter by the one-at-a-time runs', () => {
    // 10 drawn inputs: 1 + 24 × 10 = 241 one-at-a-time runs at 0.75 of a trial = 180.75 trials.
    expect(RUNS_PER_INPUT).toBe(24);
    const shares = shareTrials(10_000, 2, 10);
    // Each worker's load: (10,000 + 180.75) / 2 = 5,090.375; the first runs 5,090.375 − 180.75 = 4,909.625.
    expect(shares).toEqual([
      { from: 0, to: 4910, oneAtATime: true },
      { from: 4910, to: 10_000, oneAtATime: false },
    ]);
  });

  it('gives one worker everything, and an empty first share when the trials are few', () => {
    expect(shareTrials(5000, 1, 24)).toEqual([{ from: 0, to: 5000, oneAtATime: true }]);
    // 43 inputs: 774.75 trials' worth of one-at-a-time runs, more than 100 trials.
    expect(shareTrials(100, 2, 43)).toEqual([
      { from: 0, to: 0, oneAtATime: true },
      { from: 0, to: 100, oneAtATime: false },
    ]);
  });

  it('ends each share where the next begins, for any count of workers and trials', () => {
    for (const workers of [1, 2, 3, 4]) {
      for (const trials of [100, 101, 5000, 9999, 50_000]) {
        const shares = shareTrials(trials, workers, 7);
        expect(shares).toHaveLength(workers);
        expect(shares[0]!.from).toBe(0);
        expect(shares.at(-1)!.to).toBe(trials);
        shares.slice(1).forEach((s, i) => expect(s.from).toBe(shares[i]!.to));
        shares.forEach((s) => expect(s.to).toBeGreaterThanOrEqual(s.from));
        expect(shares.filter((s) => s.oneAtATime)).toHaveLength(1);
      }
    }
  });

  it('counts the inputs that are drawn, not those fixed or following another', () => {
    expect(
      drawnInputCount({
        inputs: {
          a: { kind: 'pert' },
          b: { kind: 'fixed' },
          c: { kind: 'sameAs' },
          d: { kind: 'uniform' },
        },
      }),
    ).toBe(2);
  });
});
