/**
 * The Monte Carlo in shares (as the dashboard's workers run it): a share of the trials gives
 * exactly those trials of one whole run, shares joined in any order summarize to the whole
 * run's numbers to the last bit, and a seed's numbers are the ones it always gave.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { compileScenario, createRng, runMonteCarlo, validateScenario, validateScenarioJson } from '~/engine';
import { monteCarloShape, summarizeMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import { oneAtATime } from '~/engine/uncertainty/sensitivity';
import { joinTrials, runTrials, type TrialColumns } from '~/engine/uncertainty/trials';

import { baseScenario, option } from '../helpers/scenario';

const dir = join(import.meta.dirname, '..', '..', 'scenarios');
const bundled = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const v = validateScenarioJson(readFileSync(join(dir, file), 'utf8'));
    if (!v.ok) throw new Error(file);
    return { file, scenario: v.scenario, model: compileScenario(v.scenario) };
  });

/** Trials [from, to) of a whole run's columns, as a share run on its own gives them. */
function slice(all: TrialColumns, from: number, to: number): TrialColumns {
  const N = all.to - all.from;
  const n = to - from;
  const cut = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const out = make((a.length / N) * n);
    for (let c = 0; c < a.length / N; c++) out.set(a.subarray(c * N + from, c * N + to), c * n);
    return out;
  };
  const f64 = (k: number) => new Float64Array(k);
  const u8 = (k: number) => new Uint8Array(k);
  return {
    from,
    to,
    npv: cut(all.npv, f64),
    roi: cut(all.roi, f64),
    paperRoi: cut(all.paperRoi, f64),
    yearlyNetCash: cut(all.yearlyNetCash, f64),
    paidBack: cut(all.paidBack, u8),
    budgetBreach: cut(all.budgetBreach, u8),
    scaledUp: cut(all.scaledUp, u8),
    ...(all.inputs ? { inputs: cut(all.inputs, f64) } : {}),
  };
}

describe('a random stream moved on', () => {
  it('draws after skip(n) what it draws after n draws', () => {
    for (const n of [0, 1, 7, 1000]) {
      const whole = new Float64Array(n + 50);
      createRng(42).fillUniforms(whole);
      const moved = createRng(42);
      moved.skip(n);
      const tail = new Float64Array(50);
      moved.fillUniforms(tail);
      expect(Array.from(tail), `skip ${n}`).toEqual(Array.from(whole.subarray(n)));
      expect(moved.nextUint32()).toBe(
        (() => {
          const r = createRng(42);
          r.skip(n + 50);
          return r.nextUint32();
        })(),
      );
    }
  });
});

describe('trials in shares', () => {
  it.each(bundled.map((b) => [b.file, b] as const))(
    '%s: a share is those trials of the whole run, and shares joined summarize to the whole run',
    (_, { scenario, model }) => {
      const uncertainty = scenario.uncertainty!;
      const trials = 700;
      const seed = 31337;
      const all = runTrials(model, uncertainty, { trials, seed, recordInputs: true });
      expect(all.npv.length).toBe(model.options.length * trials);
      // Uneven shares, one of them empty, given out of order.
      const cuts = [0, 1, 250, 250, 613, trials];
      const shares = cuts
        .slice(1)
        .map((to, i) =>
          runTrials(model, uncertainty, { trials, seed, from: cuts[i]!, to, recordInputs: true }),
        );
      shares.forEach((share) => expect(share).toEqual(slice(all, share.from, share.to)));
      const joined = joinTrials([...shares].reverse(), trials);
      expect(joined).toEqual(all);

      const whole = runMonteCarlo(model, uncertainty, { trials, seed, recordSamples: true });
      const summary = summarizeMonteCarlo(
        monteCarloShape(model, uncertainty),
        joined,
        oneAtATime(model, uncertainty),
        {
          seed,
          recordSamples: true,
        },
      );
      expect(summary).toEqual(whole);
      expect(summary.samples!.rows).toHaveLength(trials);
    },
    60_000,
  );

  it('refuses shares that leave trials out or run some twice', () => {
    const { model, scenario } = bundled[0]!;
    const share = (from: number, to: number) =>
      runTrials(model, scenario.uncertainty!, { trials: 20, seed: 1, from, to });
    expect(() => joinTrials([share(0, 10)], 20)).toThrow(/10–20/);
    expect(() => joinTrials([share(0, 10), share(5, 20)], 20)).toThrow(/missing or run twice/);
    expect(() => joinTrials([share(0, 10), share(11, 20)], 20)).toThrow(/missing or run twice/);
  });
});

describe('the summary of the trials', () => {
  it('leaves out a trial with no finite NPV and counts it, whichever share it was in', () => {
    // One option, one plan year, four trials: NPVs 100, (none), −50, 300.
    const share = (from: number, to: number, npv: number[], flags: number[]): TrialColumns => ({
      from,
      to,
      npv: Float64Array.from(npv),
      roi: Float64Array.from(npv, (v) => v / 100),
      paperRoi: Float64Array.from(npv, (v) => v / 100),
      yearlyNetCash: Float64Array.from(npv),
      paidBack: Uint8Array.from(flags),
      budgetBreach: Uint8Array.from(flags),
      scaledUp: new Uint8Array(npv.length),
    });
    const joined = joinTrials([share(2, 4, [-50, 300], [0, 1]), share(0, 2, [100, NaN], [1, 0])], 4);
    const mc = summarizeMonteCarlo(
      { optionIds: ['a'], pilotTargets: [-1], years: 1, inputs: [] },
      joined,
      { baseNpv: [80], tornado: [], sweeps: [] },
      { seed: 5 },
    );
    expect(mc.trials).toBe(4);
    expect(mc.invalidTrials).toBe(1);
    const a = mc.options.a!;
    // Of the three valid trials: mean 350 / 3, median 100, P10 at rank 0.2 → −50 + 0.2 × 150 = −20.
    expect(a.npv).toEqual({ p10: -20, p50: 100, p90: 100 + 0.8 * 200, mean: 350 / 3 });
    expect(a.probNpvPositive).toBeCloseTo(2 / 3, 15);
    expect(a.probPayback).toBeCloseTo(2 / 3, 15);
    expect(a.probBudgetBreach).toBeCloseTo(2 / 3, 15);
    // The best of each trial (status quo 0 when the option loses): (100 + 0 + 300) / 3 − 350 / 3.
    expect(mc.evpi).toBeCloseTo(50 / 3, 12);
    expect(mc.winners).toEqual([
      { optionId: 'a', share: 2 / 3 },
      { optionId: 'statusQuo', share: 1 / 3 },
    ]);
    expect(a.histogram.reduce((s, b) => s + b.count, 0)).toBe(3);
  });
});

describe("a seed's numbers", () => {
  it('are the ones the stream gave before the trials could be split', () => {
    // Figures from runMonteCarlo as it was before shares existed (commit a776d73): a change
    // of the random stream would move saved analyses' numbers and must be a decision.
    const doc = baseScenario({
      realization: {
        nurse: {
          mode: 'throughput',
          redeployedShare: 1,
          minutesPerVisit: 10,
          contributionMarginPerVisit: 50,
        },
      },
      options: [
        option('a', {
          costLines: [{ kind: 'oneTime', id: 'x', name: 'x', category: 'vendor', month: 1, amount: 30000 }],
        }),
        option('b', {
          costLines: [
            { kind: 'recurring', id: 'y', name: 'y', category: 'vendor', amount: 90000, period: 'year' },
          ],
        }),
      ],
      uncertainty: {
        seed: 20261125,
        trials: 1000,
        inputs: {
          'options.0.effects.0.minutesWithAiPerTask': { kind: 'pert', low: 2, high: 9 },
          'options.0.effects.0.adoption.ceiling': { kind: 'uniform', low: 0.3, high: 1 },
          'options.1.effects.0.minutesWithAiPerTask': { kind: 'triangular', low: 3, high: 8 },
        },
        correlations: [
          {
            a: 'options.0.effects.0.minutesWithAiPerTask',
            b: 'options.1.effects.0.minutesWithAiPerTask',
            rho: 0.5,
          },
        ],
      },
    } as never);
    const v = validateScenario(doc);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const mc = runMonteCarlo(compileScenario(v.scenario), v.scenario.uncertainty!);
    expect({ a: mc.options.a!.npv, b: mc.options.b!.npv, evpi: mc.evpi }).toEqual(PINNED);
  });
});

const PINNED = {
  a: { p10: 168206.1632470901, p50: 343452.4024301027, p90: 563981.075247586, mean: 354792.26611961913 },
  b: { p10: 208506.55581317336, p50: 388763.10382825416, p90: 512018.13998771424, mean: 374604.68899807625 },
  evpi: 55294.90185660875,
};
