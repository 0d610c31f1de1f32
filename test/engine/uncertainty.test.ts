/**
 * Uncertainty: the generator, each distribution against its closed forms (fixed seed, stated
 * tolerance), correlation by the Gaussian copula, and the Monte Carlo's guarantees.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  compileDistribution,
  compileScenario,
  createRng,
  runModel,
  runMonteCarlo,
  validateScenario,
  withOverrides,
} from '~/engine';
import type { Distribution } from '~/engine/schema';
import { cholesky, correlationMatrix } from '~/engine/uncertainty/correlation';
import type { MonteCarloResult } from '~/engine/uncertainty/monte-carlo';
import { normalCdf, normalQuantile } from '~/engine/uncertainty/normal';
import { summarize } from '~/engine/uncertainty/percentiles';

import { baseScenario, option } from '../helpers/scenario';

const N = 200_000;
function sample(d: Distribution, value: number, seed = 7): Float64Array {
  const rng = createRng(seed);
  const s = compileDistribution(d, value);
  return Float64Array.from({ length: N }, () => s.quantile((rng.nextUint32() + 0.5) / 4294967296));
}
const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
const min = (xs: Float64Array) => xs.reduce((a, b) => Math.min(a, b), Infinity);
const max = (xs: Float64Array) => xs.reduce((a, b) => Math.max(a, b), -Infinity);
const quantile = (xs: Float64Array, q: number) =>
  Float64Array.from(xs).sort()[Math.floor(q * (xs.length - 1))]!;

describe('xoshiro128**', () => {
  it('matches the reference sequence and is reproducible', () => {
    // Reference outputs of xoshiro128** from the state (1, 2, 3, 4): 11520, 0, 5927040, …;
    // our seeding goes through splitmix32, so check determinism and range instead.
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(43).next()).not.toBe(createRng(42).next());
    // Uniformity: the mean of 200,000 draws is 0.5 within 0.002.
    const r = createRng(1);
    let s = 0;
    for (let i = 0; i < N; i++) s += r.next();
    expect(Math.abs(s / N - 0.5)).toBeLessThan(0.002);
  });

  it('fills a column with the uniforms it would draw one by one, and goes on from there', () => {
    for (const [seed, length] of [
      [42, 0],
      [7, 1],
      [123456789, 1001],
    ] as const) {
      const one = createRng(seed);
      const column = createRng(seed);
      const filled = new Float64Array(length);
      column.fillUniforms(filled);
      expect(Array.from(filled)).toEqual(Array.from({ length }, () => (one.nextUint32() + 0.5) / 4294967296));
      expect(filled.every((u) => u > 0 && u < 1)).toBe(true);
      // The state moved as far as the draws: the next draws agree too.
      expect(Array.from({ length: 5 }, () => column.nextUint32())).toEqual(
        Array.from({ length: 5 }, () => one.nextUint32()),
      );
    }
  });
});

describe('the standard normal', () => {
  it('inverts its CDF', () => {
    for (const p of [0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
  });
});

describe('distributions against closed forms (200,000 draws, seed 7)', () => {
  it('uniform: mean (a + b) / 2, quartiles', () => {
    const xs = sample({ kind: 'uniform', low: 2, high: 6 }, 4);
    expect(mean(xs)).toBeCloseTo(4, 1);
    expect(quantile(xs, 0.25)).toBeCloseTo(3, 1);
  });

  it('triangular: mean (a + c + b) / 3, median', () => {
    // a = 0, c = 2, b = 10: mean 4; median b − sqrt((b − a)(b − c) / 2) = 10 − sqrt(40) = 3.675.
    const xs = sample({ kind: 'triangular', low: 0, high: 10 }, 2);
    expect(Math.abs(mean(xs) - 4)).toBeLessThan(0.02);
    expect(Math.abs(quantile(xs, 0.5) - (10 - Math.sqrt(40)))).toBeLessThan(0.03);
  });

  it('PERT: mean (a + 4c + b) / 6', () => {
    const xs = sample({ kind: 'pert', low: 0, high: 1 }, 0.2);
    expect(Math.abs(mean(xs) - (0 + 4 * 0.2 + 1) / 6)).toBeLessThan(0.003);
    expect(min(xs)).toBeGreaterThanOrEqual(0);
    expect(max(xs)).toBeLessThanOrEqual(1);
  });

  it('normal: mean at the value, 5th/95th percentiles at low/high; truncation respected', () => {
    const xs = sample({ kind: 'normal', low: 8, high: 12 }, 10);
    expect(Math.abs(mean(xs) - 10)).toBeLessThan(0.02);
    expect(Math.abs(quantile(xs, 0.05) - 8)).toBeLessThan(0.03);
    expect(Math.abs(quantile(xs, 0.95) - 12)).toBeLessThan(0.03);
    const truncated = sample({ kind: 'normal', low: 8, high: 12, min: 9.5, max: 11 }, 10);
    expect(min(truncated)).toBeGreaterThanOrEqual(9.5);
    expect(max(truncated)).toBeLessThanOrEqual(11);
  });

  it('lognormal: median √(low·high), 5th/95th percentiles at low/high', () => {
    const xs = sample({ kind: 'lognormal', low: 1, high: 16 }, 4);
    expect(Math.abs(quantile(xs, 0.5) - 4)).toBeLessThan(0.05);
    expect(Math.abs(quantile(xs, 0.05) - 1)).toBeLessThan(0.03);
    expect(Math.abs(quantile(xs, 0.95) - 16) / 16).toBeLessThan(0.02);
  });

  it('draws a whole column as its quantile does one value, clamped to the bounds', () => {
    const kinds: [Distribution, number][] = [
      [{ kind: 'fixed' }, 3],
      [{ kind: 'uniform', low: 2, high: 6 }, 4],
      [{ kind: 'triangular', low: 0, high: 10 }, 2],
      [{ kind: 'pert', low: 0, high: 1 }, 0.2],
      [{ kind: 'normal', low: 8, high: 12, min: 7 }, 10],
      [{ kind: 'lognormal', low: 1, high: 16 }, 4],
    ];
    const rng = createRng(11);
    const uniforms = Float64Array.from({ length: 2000 }, () => (rng.nextUint32() + 0.5) / 4294967296);
    for (const [d, value] of kinds) {
      const s = compileDistribution(d, value);
      // Bounds that cut into each distribution, so the clamp is exercised.
      const [lo, hi] = [s.quantile(0.2), s.quantile(0.7)];
      const column = uniforms.slice();
      s.quantiles(column, lo, hi);
      const expected = uniforms.map((u) => Math.min(hi, Math.max(lo, s.quantile(u))));
      expect(Array.from(column), d.kind).toEqual(Array.from(expected));
      expect(column.some((v) => v === lo) && column.some((v) => v === hi), d.kind).toBe(true);
    }
  });
});

describe('correlation', () => {
  it('refuses a matrix that is not positive definite', () => {
    // a~b 0.9, b~c 0.9, a~c −0.9 cannot all hold.
    const pairs = [
      { a: 'a', b: 'b', rho: 0.9 },
      { a: 'b', b: 'c', rho: 0.9 },
      { a: 'a', b: 'c', rho: -0.9 },
    ];
    expect(cholesky(correlationMatrix(['a', 'b', 'c'], pairs))).toBeNull();
    expect(cholesky(correlationMatrix(['a', 'b'], [{ a: 'a', b: 'b', rho: 0.5 }]))).not.toBeNull();
  });
});

/** The base hospital with a claimed effect whose fit and adoption are uncertain and correlated. */
function uncertainDoc(rho: number, trials = 2000, seed = 11) {
  return baseScenario({
    // Throughput: cash in proportion to hours, so the inputs' spread reaches the NPV.
    realization: {
      nurse: { mode: 'throughput', redeployedShare: 1, minutesPerVisit: 10, contributionMarginPerVisit: 50 },
    },
    options: [
      option('a', {
        effects: [
          {
            basis: 'claimed',
            workflowId: 'notes',
            adoption: { ceiling: 0.6, goLiveMonth: 1, rampMonths: 0 },
            evidence: { kind: 'claimed', source: 'vendor' },
            claimedReduction: 0.5,
            fit: 0.6,
            errorRate: 0.1,
            correctionMinutesPerError: 5,
          },
        ],
        costLines: [{ kind: 'oneTime', id: 'x', name: 'x', category: 'vendor', month: 1, amount: 30000 }],
      }),
    ],
    uncertainty: {
      seed,
      trials,
      inputs: {
        'options.0.effects.0.fit': { kind: 'pert', low: 0.2, high: 0.9 },
        'options.0.effects.0.adoption.ceiling': { kind: 'uniform', low: 0.3, high: 0.9 },
      },
      correlations:
        rho === 0 ? [] : [{ a: 'options.0.effects.0.fit', b: 'options.0.effects.0.adoption.ceiling', rho }],
    },
  } as never);
}

function monteCarlo(doc: unknown) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return runMonteCarlo(compileScenario(v.scenario), v.scenario.uncertainty!);
}

describe('Monte Carlo', () => {
  it('is deterministic for a seed, and different for another', () => {
    const a = monteCarlo(uncertainDoc(0.5));
    expect(monteCarlo(uncertainDoc(0.5))).toEqual(a);
    expect(monteCarlo(uncertainDoc(0.5, 2000, 12)).options.a!.npv.mean).not.toBe(a.options.a!.npv.mean);
  });

  it('orders percentiles, bounds probabilities, and keeps EVPI non-negative', () => {
    const r = monteCarlo(uncertainDoc(0.5));
    const o = r.options.a!;
    expect(o.npv.p10).toBeLessThanOrEqual(o.npv.p50);
    expect(o.npv.p50).toBeLessThanOrEqual(o.npv.p90);
    expect(o.npv.p10).toBeLessThan(o.npv.p90);
    for (const p of [o.probNpvPositive, o.probPayback, o.probBudgetBreach]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(r.evpi).toBeGreaterThanOrEqual(0);
    expect(r.winners.reduce((s, w) => s + w.share, 0)).toBeCloseTo(1, 12);
    o.yearlyNetCash.forEach((y) => expect(y.p10).toBeLessThanOrEqual(y.p90));
    // The tornado names both inputs, widest swing first.
    expect(o.tornado.map((t) => t.input).sort()).toEqual([
      'options.0.effects.0.adoption.ceiling',
      'options.0.effects.0.fit',
    ]);
  });

  it('correlated inputs widen the spread of a product of them', () => {
    // Hours ∝ fit × adoption: positive correlation widens the NPV band, negative narrows it.
    const width = (rho: number) => {
      const o = monteCarlo(uncertainDoc(rho, 4000)).options.a!;
      return o.npv.p90 - o.npv.p10;
    };
    expect(width(0.8)).toBeGreaterThan(width(0));
    expect(width(-0.8)).toBeLessThan(width(0));
  });

  it('names an invalid correlation matrix and a mode outside its range', () => {
    const doc = uncertainDoc(0.5) as unknown as { uncertainty: Record<string, unknown> };
    doc.uncertainty.inputs = {
      'options.0.effects.0.fit': { kind: 'pert', low: 0.7, high: 0.9 },
      'hospital.beds': { kind: 'uniform', low: 5, high: 5 },
    };
    doc.uncertainty.correlations = [{ a: 'options.0.effects.0.fit', b: 'budget.aiShare', rho: 0.3 }];
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'uncertainty.correlations.0.b correlationInput',
      'uncertainty.inputs.hospital.beds.high distributionBounds',
      'uncertainty.inputs.options.0.effects.0.fit distributionMode',
    ]);
  });
});

describe('sensitivity', () => {
  it('finds the break-even value of an input and who wins on each side', async () => {
    const { sweepInput, twoWayTable } = await import('~/engine');
    const { uncertainInputs } = await import('~/engine/uncertainty/monte-carlo');
    // Cost 30,000 once; cash = hours × 6 visits × 50 = 300 per hour; hours a month =
    // 1,000 × (10 × 0.5 × fit − 0.5) × 0.6 / 60 = 50 × fit − 5. Over 24 months, NPV ≈ 0 where
    // 300 × (50 fit − 5) × 12 × (1/1.08 + 1/1.08²) = 30,000/1.08 → fit = (30,000/1.08 / (3,600 × 1.783265) + 5) / 50 ≈ 0.1865.
    const doc = uncertainDoc(0);
    const v = validateScenario(doc);
    if (!v.ok) throw new Error('invalid');
    const model = compileScenario(v.scenario);
    const [fit] = uncertainInputs(model, {
      ...v.scenario.uncertainty!,
      inputs: { 'options.a.effects.notes.fit': { kind: 'uniform', low: 0, high: 1 } },
    });
    const sweep = sweepInput(model, fit!, 41);
    const expected = (30000 / 1.08 / (3600 * (1 / 1.08 + 1 / 1.08 ** 2)) + 5) / 50;
    expect(sweep.breakEven[0]!.value).toBeCloseTo(expected, 2);
    expect(sweep.winners[0]).toBe('statusQuo');
    expect(sweep.winners[sweep.winners.length - 1]).toBe('a');
    const table = twoWayTable(model, fit!, fit!, 3);
    expect(table.npv.a).toHaveLength(3);
    expect(table.npv.a![0]).toHaveLength(3);
    // Both axes are the fit (P10 to P90, 0.1 to 0.9): NPV is below 0 in the corner of low fit and
    // above it in the corner of high fit, so the status quo wins one and the option the other.
    expect(table.npv.a![0]![0]).toBeLessThan(0);
    expect(table.winners[0]![0]).toBe('statusQuo');
    expect(table.npv.a![2]![2]).toBeGreaterThan(0);
    expect(table.winners[2]![2]).toBe('a');
  });

  it('names the best choice: the highest NPV above zero, else the status quo', async () => {
    const { bestChoice } = await import('~/engine/uncertainty/sensitivity');
    expect(bestChoice([5, 9, -1], ['a', 'b', 'c'])).toBe('b');
    expect(bestChoice([-5, 0, -1], ['a', 'b', 'c'])).toBe('statusQuo');
    // A tie keeps the first option listed.
    expect(bestChoice([7, 7], ['a', 'b'])).toBe('a');
  });

  it('writes the samples as CSV with a byte-order mark, a header and a row per trial', async () => {
    const { samplesCsv } = await import('~/engine');
    const v = validateScenario(uncertainDoc(0.5, 120));
    if (!v.ok) throw new Error('invalid');
    const mc = runMonteCarlo(compileScenario(v.scenario), v.scenario.uncertainty!, { recordSamples: true });
    const csv = samplesCsv(mc);
    expect(
      csv.startsWith('\uFEFFtrial,options.0.effects.0.adoption.ceiling,options.0.effects.0.fit,npv:a'),
    ).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(121);
  });
});

describe('review fixes', () => {
  it('xoshiro128** matches its reference outputs from the state (1, 2, 3, 4)', async () => {
    const { createRngFromState } = await import('~/engine/uncertainty/rng');
    const rng = createRngFromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  it('gives the same numbers whatever the order of the keys', () => {
    const a = uncertainDoc(0.5, 500) as unknown as {
      uncertainty: { inputs: Record<string, unknown>; correlations: { a: string; b: string }[] };
    };
    const b = structuredClone(a);
    b.uncertainty.inputs = Object.fromEntries(Object.entries(a.uncertainty.inputs).reverse());
    b.uncertainty.correlations = a.uncertainty.correlations.map((c) => ({ ...c, a: c.b, b: c.a }));
    expect(monteCarlo(b).options.a!.npv).toEqual(monteCarlo(a).options.a!.npv);
  });

  it('refuses structural inputs, ranges beyond the field, aliases twice, fixed or repeated pairs', () => {
    const doc = uncertainDoc(0) as unknown as { uncertainty: Record<string, unknown> };
    doc.uncertainty.inputs = {
      'options.0.effects.0.adoption.goLiveMonth': { kind: 'uniform', low: 1, high: 12 },
      'options.0.effects.0.fit': { kind: 'uniform', low: -1, high: 2 },
      'options.a.effects.notes.fit': { kind: 'pert', low: 0.2, high: 0.9 },
      'options.0.effects.0.claimedReduction': { kind: 'fixed' },
      'options.0.effects.0.errorRate': { kind: 'normal', low: 0.05, high: 0.15, min: 0.2, max: 0.1 },
      'options.0.effects.0.adoption.ceiling': { kind: 'pert', low: 0.3, high: 0.9 },
    };
    doc.uncertainty.correlations = [
      { a: 'options.0.effects.0.claimedReduction', b: 'options.0.effects.0.adoption.ceiling', rho: 0.3 },
      { a: 'options.0.effects.0.fit', b: 'options.0.effects.0.adoption.ceiling', rho: 0.3 },
      { a: 'options.0.effects.0.adoption.ceiling', b: 'options.0.effects.0.fit', rho: -0.3 },
    ];
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'uncertainty.correlations.0.a correlationInput',
      'uncertainty.correlations.2 duplicateCorrelation',
      'uncertainty.inputs.options.0.effects.0.adoption.goLiveMonth notUncertain',
      'uncertainty.inputs.options.0.effects.0.errorRate distributionTruncation',
      'uncertainty.inputs.options.0.effects.0.fit distributionOutOfRange',
      'uncertainty.inputs.options.a.effects.notes.fit duplicateInput',
    ]);
  });

  it('keeps samples within what the field allows, so no trial is lost to a division by zero', () => {
    const doc = uncertainDoc(0, 500) as unknown as {
      realization: Record<string, Record<string, unknown>>;
      uncertainty: { inputs: Record<string, unknown> };
    };
    doc.uncertainty.inputs['realization.nurse.minutesPerVisit'] = { kind: 'normal', low: 2, high: 18 };
    const mc = monteCarlo(doc);
    expect(mc.invalidTrials).toBe(0);
    expect(Number.isFinite(mc.evpi)).toBe(true);
  });
});

/**
 * The Monte Carlo of a document with one uncertain input and its follower (`paths`: both, by
 * index path), samples kept. Its first trials are checked against the full run at their inputs
 * with both set to the drawn value: the Monte Carlo's runner trusts it to write both.
 */
function monteCarloOfFollower(doc: unknown, paths: string[]): MonteCarloResult {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const model = compileScenario(v.scenario);
  const mc = runMonteCarlo(model, v.scenario.uncertainty!, { recordSamples: true });
  for (const row of mc.samples!.rows.slice(0, 25)) {
    const full = runModel(
      model,
      withOverrides(model.params, Object.fromEntries(paths.map((p) => [p, row[1]!]))),
    );
    full.options.forEach((o, k) => expect(row[2 + k]).toBeCloseTo(o.npv, 6));
  }
  return mc;
}

describe('a pilot under uncertainty', () => {
  it('measures the system it would scale (sameAs), and a rule set at break-even buys information worth ≥ 0', () => {
    // Target "a": NPV ≥ 0 exactly when fit ≥ 0.1865 (see the break-even test), i.e. when the
    // net saving 10 × 0.5 × fit − 0.5 ≥ 0.4325 minutes: the pilot's rule.
    const doc = uncertainDoc(0, 3000) as unknown as {
      options: Record<string, unknown>[];
      uncertainty: { inputs: Record<string, unknown>; correlations: unknown[] };
    };
    doc.options.push({
      ...doc.options[0],
      id: 'p',
      name: 'pilot',
      kind: 'pilot',
      costLines: [],
      pilot: { durationMonths: 3, decisionRule: { minNetMinutesPerTask: 0.4325 }, scaleUpOptionId: 'a' },
    });
    doc.uncertainty.inputs = {
      'options.a.effects.notes.fit': { kind: 'uniform', low: 0, high: 0.6 },
      'options.p.effects.notes.fit': { kind: 'sameAs', input: 'options.a.effects.notes.fit' },
    };
    const mc = monteCarloOfFollower(doc, ['options.0.effects.0.fit', 'options.1.effects.0.fit']);
    const pilot = mc.options.p!.pilot!;
    expect(pilot.targetId).toBe('a');
    // fit uniform on 0–0.6 passes 0.1865 with probability (0.6 − 0.1865) / 0.6 ≈ 0.69.
    expect(pilot.probScaleUp).toBeGreaterThan(0.64);
    expect(pilot.probScaleUp).toBeLessThan(0.74);
    expect(pilot.informationValue).toBeGreaterThanOrEqual(0);
    // No rule beats perfect information about the target: E[max(0, NPV)] − max(0, E[NPV]).
    const targetNpv = mc.samples!.rows.map((row) => row[1 + mc.samples!.inputs.length]!);
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const perfect = meanOf(targetNpv.map((x) => Math.max(0, x))) - Math.max(0, meanOf(targetNpv));
    expect(pilot.informationValue).toBeLessThanOrEqual(perfect + 1e-6);
    expect(pilot.informationValue).toBeGreaterThan(0.5 * perfect);
    // The follower is not an input of its own.
    expect(mc.samples!.inputs).toEqual(['options.a.effects.notes.fit']);
  });
});

describe('inputs that follow another (sameAs)', () => {
  it("take their leader's value in every trial, even in another option's fixed-looking cost line", () => {
    const doc = uncertainDoc(0, 200) as unknown as {
      options: Record<string, unknown>[];
      uncertainty: { inputs: Record<string, unknown>; correlations: unknown[] };
    };
    doc.options.push({ ...doc.options[0], id: 'b', name: 'b' });
    doc.uncertainty.correlations = [];
    doc.uncertainty.inputs = {
      'options.a.costLines.x.amount': { kind: 'uniform', low: 10000, high: 50000 },
      'options.b.costLines.x.amount': { kind: 'sameAs', input: 'options.a.costLines.x.amount' },
    };
    const mc = monteCarloOfFollower(doc, ['options.0.costLines.0.amount', 'options.1.costLines.0.amount']);
    // Same option, same fee: the two NPVs move together.
    for (const row of mc.samples!.rows) expect(row[3]).toBe(row[2]);
  });
});

describe('correlation achieved', () => {
  it('draws inputs whose rank correlation is the one asked for (within 0.03)', async () => {
    const doc = uncertainDoc(0.6, 4000);
    const v = validateScenario(doc);
    if (!v.ok) throw new Error('invalid');
    const mc = runMonteCarlo(compileScenario(v.scenario), v.scenario.uncertainty!, { recordSamples: true });
    const rank = (xs: number[]) => {
      const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
      const r = new Array<number>(xs.length);
      order.forEach(([, i], k) => (r[i] = k));
      return r;
    };
    const a = rank(mc.samples!.rows.map((row) => row[1]!));
    const b = rank(mc.samples!.rows.map((row) => row[2]!));
    const n = a.length;
    const mean = (n - 1) / 2;
    let cov = 0;
    let va = 0;
    let vb = 0;
    for (let i = 0; i < n; i++) {
      cov += (a[i]! - mean) * (b[i]! - mean);
      va += (a[i]! - mean) ** 2;
      vb += (b[i]! - mean) ** 2;
    }
    expect(Math.abs(cov / Math.sqrt(va * vb) - 0.6)).toBeLessThan(0.03);
  });
});

describe('bundled scenarios under uncertainty', () => {
  it('give every option a band of NPVs, not a point', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { validateScenarioJson } = await import('~/engine');
    const dir = join(import.meta.dirname, '..', '..', 'scenarios');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const v = validateScenarioJson(readFileSync(join(dir, file), 'utf8'));
      if (!v.ok) throw new Error(file);
      const mc = runMonteCarlo(compileScenario(v.scenario), v.scenario.uncertainty!, { trials: 300 });
      expect(mc.invalidTrials, file).toBe(0);
      for (const [id, o] of Object.entries(mc.options)) {
        expect(o.npv.p90 - o.npv.p10, `${file} ${id}`).toBeGreaterThan(100);
      }
    }
  }, 60_000);
});

describe('percentiles (buckets, then selection within them)', () => {
  /** The spreadsheet's PERCENTILE on a sorted copy: what selection must give exactly. */
  const bySorting = (values: number[], q: number) => {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    const at = q * (sorted.length - 1);
    const lo = Math.floor(at);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
  };

  it('equal the sorted-array percentiles, with ties, runs and non-finite values left out', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            // −0 and 0 are the same value here (toBe would tell them apart).
            fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
            fc.integer({ min: -3, max: 3 }),
            fc.constant(NaN),
          ),
          { minLength: 1, maxLength: 400 },
        ),
        (values) => {
          const finite = values.filter(Number.isFinite);
          const p = summarize(Float64Array.from(values));
          if (finite.length === 0) {
            expect(p.p50).toBeNaN();
            return;
          }
          expect(p.p10).toBe(bySorting(values, 0.1));
          expect(p.p50).toBe(bySorting(values, 0.5));
          expect(p.p90).toBe(bySorting(values, 0.9));
          expect(p.p10).toBeLessThanOrEqual(p.p50);
          expect(p.p50).toBeLessThanOrEqual(p.p90);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
    // Sorted and constant inputs (the selection's worst cases without a good pivot).
    const sorted = Float64Array.from({ length: 10001 }, (_, i) => i);
    expect(summarize(sorted)).toEqual({ p10: 1000, p50: 5000, p90: 9000, mean: 5000 });
    expect(summarize(new Float64Array(5000).fill(7))).toEqual({ p10: 7, p50: 7, p90: 7, mean: 7 });
  });

  it('are exact on long columns too, whatever their order, ties or shape', () => {
    const shapes: Record<string, (i: number, n: number, u: number) => number> = {
      random: (_i, _n, u) => u * 1e6 - 3e5,
      fewValues: (_i, _n, u) => Math.floor(u * 4),
      skewed: (_i, _n, u) => Math.exp(12 * u),
      ascending: (i) => i,
      descending: (i, n) => n - i,
      sawtooth: (i) => i % 1024,
      mostlyOneValue: (_i, _n, u) => (u < 0.85 ? 5 : u),
      // The buckets span the range: one far value puts nearly everything in the first.
      oneOutlier: (i, _n, u) => (i === 17 ? 1e15 : u * 100),
      // A range too wide (its width overflows) or too narrow for a finite bucket width, and a
      // wide one that still fits.
      fullRange: (_i, _n, u) => (2 * u - 1) * 1.7e308,
      wideRange: (_i, _n, u) => (u - 0.5) * 1e308,
      tinyRange: (_i, _n, u) => (u < 0.5 ? Number.MIN_VALUE : 2 * Number.MIN_VALUE),
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(shapes)),
        fc.integer({ min: 1024, max: 12000 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 30 }),
        (shape, n, seed, nans) => {
          const rng = createRng(seed);
          const values = Array.from({ length: n }, (_, i) => shapes[shape]!(i, n, rng.next()));
          for (let j = 0; j < nans; j++) values[Math.floor(rng.next() * n)] = NaN;
          const column = Float64Array.from(values);
          const p = summarize(column);
          expect(p.p10).toBe(bySorting(values, 0.1));
          expect(p.p50).toBe(bySorting(values, 0.5));
          expect(p.p90).toBe(bySorting(values, 0.9));
          // The column itself is left as it was (the histogram reads it next).
          expect(Array.from(column)).toEqual(values);
        },
      ),
      { seed: 9, numRuns: 160 },
    );
  }, 20_000);
});
