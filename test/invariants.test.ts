/**
 * Property tests of the engine's invariants (DOMAIN.md, "Invariants worth testing") over
 * generated valid scenarios. Every property runs from a fixed seed, so runs are repeatable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  collectParams,
  compileScenario,
  npv as npvOf,
  runModel,
  trialRunner,
  validateScenario,
  withOverrides,
  type Model,
  type OptionResult,
  type Scenario,
  type ScenarioInput,
  type ScenarioResult,
  type TrialOutcome,
} from '~/engine';

import { scenarioArb, share, type EffectInput, type OptionInput } from './helpers/arbitraries';
import { baseScenario, option as optionRecord, simulate } from './helpers/scenario';

/** The helper's option, typed as a document option. */
const option = (id: string, extra: Record<string, unknown> = {}) =>
  optionRecord(id, extra) as unknown as OptionInput;

const RUNS = { seed: 42, numRuns: 100 } as const;

/** Validated scenario, or a thrown error listing the problems (the arbitraries must build valid documents). */
function validated(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(`generated document is invalid: ${JSON.stringify(v.problems)}`);
  return v.scenario;
}

/** |a − b| within `rel` of the larger magnitude (and of 1, for values near zero). */
function close(a: number, b: number, rel = 1e-6): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

function expectClose(actual: number, expected: number, what: string, rel = 1e-6): void {
  if (!close(actual, expected, rel)) {
    throw new Error(`${what}: ${actual} ≠ ${expected}`);
  }
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const clone = <T>(x: T): T => structuredClone(x);

/** Net minutes saved per task of an effect, as DOMAIN.md defines it (an oracle independent of the engine). */
function netMinutes(doc: Scenario, effect: Scenario['options'][number]['effects'][number]): number {
  const wf = doc.workflows.find((w) => w.id === effect.workflowId)!;
  if (effect.basis === 'measured') {
    return wf.baselineMinutesPerTask - (effect.minutesWithAiPerTask + effect.verificationMinutesPerTask);
  }
  return (
    wf.baselineMinutesPerTask * effect.claimedReduction * effect.fit -
    effect.verificationMinutesPerTask -
    effect.errorRate * effect.correctionMinutesPerError
  );
}

function checkAccounting(result: ScenarioResult, o: OptionResult): void {
  const r = result.discountRate;
  const years = o.years;
  expect(years).toHaveLength(result.horizonYears);
  expect(o.monthly.cashOut).toHaveLength(result.horizonYears * 12);

  // Costs never go negative; every number is finite.
  o.monthly.cashOut.forEach((c, t) => {
    if (!(c >= 0)) throw new Error(`month ${t + 1}: cashOut ${c} < 0`);
  });
  o.monthly.funding.forEach((f, t) => {
    if (!(f >= 0)) throw new Error(`month ${t + 1}: funding ${f} < 0`);
  });
  for (const y of years) {
    for (const [category, amount] of Object.entries(y.costs)) {
      if (!(amount >= 0)) throw new Error(`year ${y.year}: ${category} ${amount} < 0`);
    }
    for (const [key, value] of Object.entries(y)) {
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new Error(`year ${y.year}: ${key} ${value}`);
    }
  }
  for (const key of ['npv', 'tco', 'funding', 'hoursFreed', 'cashRealized', 'paperValue'] as const) {
    if (!Number.isFinite(o[key])) throw new Error(`${key} is ${o[key]}`);
  }

  let cumulative = 0;
  let npv = 0;
  years.forEach((y, i) => {
    const months = (xs: number[]) => sum(xs.slice(i * 12, i * 12 + 12));
    // Cash out in a year is the sum of its cost lines (by category) and of its months.
    expectClose(y.cashOut, sum(Object.values(y.costs)), `year ${y.year} cashOut vs costs`);
    expectClose(y.cashOut, months(o.monthly.cashOut), `year ${y.year} cashOut vs months`);
    expectClose(y.funding, months(o.monthly.funding), `year ${y.year} funding vs months`);
    expectClose(y.cashRealized, months(o.monthly.cashRealized), `year ${y.year} cashRealized vs months`);
    expectClose(y.hoursFreed, months(o.monthly.hoursFreed), `year ${y.year} hoursFreed vs months`);
    expectClose(y.netCashFlow, months(o.monthly.netCashFlow), `year ${y.year} net vs months`);
    // netCashFlow = cashRealized + funding − cashOut.
    expectClose(y.netCashFlow, y.cashRealized + y.funding - y.cashOut, `year ${y.year} netCashFlow`);
    // budgetHeadroom = budget − (cashOut − funding).
    expectClose(y.budgetHeadroom, y.budget - (y.cashOut - y.funding), `year ${y.year} headroom`);
    if (y.budget > 0)
      expectClose(y.budgetShareUsed!, (y.cashOut - y.funding) / y.budget, `year ${y.year} share`);
    else expect(y.budgetShareUsed).toBeNull();
    // Capital spending is part of cash out; the accounting view swaps it for depreciation.
    if (!(y.capex >= 0 && y.capex <= y.cashOut * (1 + 1e-12) && y.depreciation >= 0)) {
      throw new Error(
        `year ${y.year}: capex ${y.capex}, cashOut ${y.cashOut}, depreciation ${y.depreciation}`,
      );
    }
    expectClose(y.accountingCost, y.cashOut - y.capex + y.depreciation, `year ${y.year} accountingCost`);
    cumulative += y.netCashFlow;
    expectClose(y.cumulativeNetCash, cumulative, `year ${y.year} cumulativeNetCash`);
    expectClose(
      o.monthly.cumulativeNetCash[i * 12 + 11]!,
      y.cumulativeNetCash,
      `year ${y.year} monthly vs yearly cumulative`,
    );
    npv += y.netCashFlow / (1 + r) ** (i + 1);
  });
  o.monthly.netCashFlow.forEach((n, t) => {
    expectClose(
      n,
      o.monthly.cashRealized[t]! + o.monthly.funding[t]! - o.monthly.cashOut[t]!,
      `month ${t + 1} net`,
    );
  });
  // NPV: year k's net cash flow divided by (1 + r)^k, k = 1..N.
  expectClose(o.npv, npv, 'npv');
  // TCO: cash out over the horizon, before funding.
  expectClose(o.tco, sum(years.map((y) => y.cashOut)), 'tco');
  expectClose(o.funding, sum(years.map((y) => y.funding)), 'funding');
  expectClose(o.cashRealized, sum(years.map((y) => y.cashRealized)), 'cashRealized');
  expectClose(o.hoursFreed, sum(years.map((y) => y.hoursFreed)), 'hoursFreed');
  // Breach years: exactly the years in deficit (a cent of tolerance either way).
  const tol = 0.01;
  for (const y of years) {
    if (y.budgetHeadroom < -tol) expect(o.budgetBreachYears).toContain(y.year);
    if (y.budgetHeadroom >= 0) expect(o.budgetBreachYears).not.toContain(y.year);
    expect(y.budgetBreach).toBe(o.budgetBreachYears.includes(y.year));
  }
  expect(o.peakYearlySpend).toBe(Math.max(0, ...years.map((y) => y.cashOut)));
  // IRR: the NPV at the IRR is zero; no IRR where the flows never change sign.
  const flows = years.map((y) => y.netCashFlow);
  const scale = sum(flows.map(Math.abs));
  if (o.irr !== null) {
    // Relative to the size of the discounted terms (at an IRR near −100 % they are huge).
    const termScale = npvOf(o.irr, flows.map(Math.abs));
    if (Math.abs(npvOf(o.irr, flows)) > 1e-6 * Math.max(1, termScale)) {
      throw new Error(`NPV at the IRR ${o.irr} is ${npvOf(o.irr, flows)}, flows ${flows}`);
    }
  } else {
    expect(o.irrNote).not.toBeNull();
  }
  // Payback: from the payback month on, the cumulative net cash stays at or above zero.
  if (o.paybackMonth !== null) {
    o.monthly.cumulativeNetCash.slice(Math.max(0, o.paybackMonth - 1)).forEach((c, k) => {
      if (c < -1e-6 * Math.max(1, scale))
        throw new Error(`payback ${o.paybackMonth}, month ${o.paybackMonth! + k}: ${c}`);
    });
    if (o.paybackMonth > 1) expect(o.monthly.cumulativeNetCash[o.paybackMonth - 2]!).toBeLessThan(0);
  } else {
    expect(o.monthly.cumulativeNetCash.at(-1)!).toBeLessThan(0);
  }
  // Nothing is depreciated that was not bought.
  const capex = sum(years.map((y) => y.capex));
  expect(sum(years.map((y) => y.depreciation))).toBeLessThanOrEqual(capex * (1 + 1e-9) + 1e-6);
}

describe('generated scenarios', () => {
  it('are valid documents and simulate without throwing', () => {
    fc.assert(
      fc.property(scenarioArb(), (doc) => {
        const scenario = validated(doc);
        const result = runModel(compileScenario(scenario));
        expect(result.options.map((o) => o.id)).toEqual(scenario.options.map((o) => o.id));
      }),
      RUNS,
    );
  }, 20_000);
});

describe('status quo and null options', () => {
  it('with no options, the results have no options', () => {
    fc.assert(
      fc.property(scenarioArb({ minOptions: 0, maxOptions: 0, pilot: 'never' }), (doc) => {
        const result = simulate(doc);
        expect(result.options).toEqual([]);
        expect(result.horizonYears).toBe(doc.horizonYears);
      }),
      RUNS,
    );
  });

  /** Zero effect on a workflow: measured with AI + verification = baseline, claimed with no reduction, or no adoption. */
  const zeroEffectArb = (doc: ScenarioInput) =>
    fc.subarray(doc.workflows).chain((wfs) =>
      fc
        .tuple(
          ...wfs.map((w) =>
            fc.record({
              kind: fc.constantFrom('measured', 'claimed', 'noAdoption'),
              split: fc.integer({ min: 0, max: w.baselineMinutesPerTask }),
              ceiling: share(),
              goLiveMonth: fc.integer({ min: 1, max: doc.horizonYears * 12 }),
              rampMonths: fc.integer({ min: 0, max: 24 }),
              errorRate: share(0, 0.5),
            }),
          ),
        )
        .map((zs) =>
          zs.map((z, i): EffectInput => {
            const w = wfs[i]!;
            const adoption = {
              ceiling: z.kind === 'noAdoption' ? 0 : z.ceiling,
              goLiveMonth: z.goLiveMonth,
              rampMonths: z.rampMonths,
            };
            if (z.kind === 'claimed') {
              return {
                basis: 'claimed',
                workflowId: w.id,
                adoption,
                evidence: { kind: 'claimed' },
                claimedReduction: 0,
                fit: 0.7,
                errorRate: z.errorRate,
                correctionMinutesPerError: 0,
              };
            }
            return {
              basis: 'measured',
              workflowId: w.id,
              adoption,
              evidence: { kind: 'measured', n: 5 },
              // With no adoption, any time with AI is fine: it is never spent.
              minutesWithAiPerTask: z.kind === 'noAdoption' ? z.split + 7 : z.split,
              verificationMinutesPerTask: z.kind === 'noAdoption' ? 0 : w.baselineMinutesPerTask - z.split,
            };
          }),
        ),
    );

  it('an option with zero cost lines and zero effect is zero everywhere and changes nothing else', () => {
    const arb = scenarioArb({ maxOptions: 2 }).chain((doc) =>
      fc.record({
        doc: fc.constant(doc),
        zeroEffects: zeroEffectArb(doc),
        pilotEffects: zeroEffectArb(doc),
        withPilot: fc.boolean(),
        stopRule: fc.option(
          fc.record({
            checkMonth: fc.integer({ min: 1, max: doc.horizonYears * 12 }),
            minNetMinutesPerTask: fc.integer({ min: -5, max: 5 }),
          }),
          { nil: undefined },
        ),
        pilotDecision: fc.integer({ min: -5, max: 5 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ doc, zeroEffects, pilotEffects, withPilot, stopRule, pilotDecision }) => {
        const before = simulate(doc);
        const zero: OptionInput = {
          id: 'zero',
          name: 'Zero',
          kind: 'buy',
          effects: zeroEffects,
          costLines: [],
        };
        if (stopRule) zero.stopRule = stopRule;
        const extra: OptionInput[] = [zero];
        if (withPilot) {
          extra.push({
            id: 'zeroPilot',
            name: 'Zero pilot',
            kind: 'pilot',
            effects: pilotEffects,
            costLines: [],
            pilot: {
              startMonth: 1,
              durationMonths: Math.min(6, doc.horizonYears * 12),
              decisionRule: { minNetMinutesPerTask: pilotDecision },
              scaleUpOptionId: 'zero',
            },
          });
        }
        const after = simulate({ ...doc, options: [...doc.options, ...extra] });
        // Other options are untouched.
        expect(after.options.slice(0, doc.options.length)).toEqual(before.options);
        for (const z of after.options.slice(doc.options.length)) {
          expect(z.npv).toBe(0);
          expect(z.tco).toBe(0);
          expect(z.cashRealized).toBe(0);
          expect(z.paperValue).toBe(0);
          expect(z.hoursFreed).toBe(0);
          expect(z.funding).toBe(0);
          for (const y of z.years) {
            expect(y.cashOut).toBe(0);
            expect(Object.values(y.costs).every((c) => c === 0)).toBe(true);
            expect(y.funding).toBe(0);
            expect(y.cashRealized).toBe(0);
            expect(y.paperValue).toBe(0);
            expect(y.hoursFreed).toBe(0);
            expect(y.netCashFlow).toBe(0);
            expect(y.cumulativeNetCash).toBe(0);
            expect(y.burdenOvertime).toBe(0);
            expect(y.budgetHeadroom).toBe(y.budget);
            expect(y.budgetBreach).toBe(false);
          }
          expect(z.monthly.cashOut.every((c) => c === 0)).toBe(true);
          expect(z.monthly.cashRealized.every((c) => c === 0)).toBe(true);
        }
      }),
      RUNS,
    );
  }, 20_000);
});

describe('accounting identities', () => {
  it('costs are never negative and every total adds up', () => {
    fc.assert(
      fc.property(scenarioArb(), (doc) => {
        const result = simulate(doc);
        for (const o of result.options) checkAccounting(result, o);
      }),
      RUNS,
    );
  }, 20_000);

  it('hold for pilots too (always a pilot)', () => {
    fc.assert(
      fc.property(scenarioArb({ pilot: 'always', maxOptions: 2 }), (doc) => {
        const result = simulate(doc);
        for (const o of result.options) checkAccounting(result, o);
      }),
      RUNS,
    );
  }, 20_000);
});

describe('discounting', () => {
  /**
   * A conventional flow: a one-time cost in month 1 (perhaps more costs within year 1), then
   * positive realized cash from an effect that goes live in year 2 or later (throughput realization).
   */
  const conventionalArb = fc
    .record({
      years: fc.integer({ min: 2, max: 10 }),
      cost: fc.integer({ min: 0, max: 3_000_000 }),
      yearOneRecurring: fc.integer({ min: 0, max: 50_000 }),
      goLiveYear: fc.integer({ min: 2, max: 10 }),
      tasks: fc.integer({ min: 0, max: 5000 }),
      minutesWithAi: fc.integer({ min: 0, max: 10 }),
      margin: fc.integer({ min: 0, max: 300 }),
      rates: fc.tuple(share(0, 1), share(0, 1)),
    })
    .map((g) => {
      const goLiveYear = Math.min(g.goLiveYear, g.years);
      const doc = baseScenario({
        horizonYears: g.years,
        workflows: [
          {
            id: 'notes',
            name: 'Nursing notes',
            role: 'nurse',
            volumeDriver: 'month',
            tasksPerDriverUnit: g.tasks,
            baselineMinutesPerTask: 10,
            baselineEvidence: { kind: 'measured', n: 40 },
          },
        ],
        realization: {
          nurse: {
            mode: 'throughput',
            redeployedShare: 1,
            minutesPerVisit: 10,
            contributionMarginPerVisit: g.margin,
          },
        },
        options: [
          option('o', {
            effects: [
              {
                basis: 'measured',
                workflowId: 'notes',
                adoption: { ceiling: 1, goLiveMonth: (goLiveYear - 1) * 12 + 1, rampMonths: 6 },
                evidence: { kind: 'measured', n: 20 },
                minutesWithAiPerTask: g.minutesWithAi,
                verificationMinutesPerTask: 0,
              },
            ],
            costLines: [
              {
                kind: 'oneTime',
                id: 'deploy',
                name: 'Deployment',
                category: 'vendor',
                month: 1,
                amount: g.cost,
              },
              {
                kind: 'recurring',
                id: 'ops',
                name: 'Operations',
                category: 'maintenance',
                amount: g.yearOneRecurring,
                period: 'month',
                startMonth: 1,
                endMonth: 12,
              },
            ],
          }),
        ],
      });
      const [a, b] = g.rates;
      return { doc, low: Math.min(a, b), high: Math.max(a, b) };
    });

  const npvAt = (doc: ScenarioInput, rate: number) => {
    const model = compileScenario(validated(doc));
    const result = runModel(model, withOverrides(model.params, { discountRate: rate }));
    expect(result.discountRate).toBe(rate);
    const o = result.options[0]!;
    // The flow is conventional: year 1 out, every later year in.
    expect(o.years[0]!.netCashFlow).toBeLessThanOrEqual(0);
    for (const y of o.years.slice(1)) expect(y.netCashFlow).toBeGreaterThanOrEqual(0);
    return o.npv;
  };

  it('NPV falls as the discount rate rises for a conventional flow that pays back at the higher rate', () => {
    let covered = 0;
    fc.assert(
      fc.property(conventionalArb, ({ doc, low, high }) => {
        const atLow = npvAt(doc, low);
        const atHigh = npvAt(doc, high);
        // Year k is discounted by (1 + r)^k from k = 1 (REPORT.md), so year 1's outlay is discounted
        // too: the NPV of a conventional flow falls with the rate wherever it is not negative, and
        // its sign changes at most once (from + to −).
        if (atHigh >= 0) {
          covered++;
          expect(atLow).toBeGreaterThanOrEqual(atHigh - 1e-9 * Math.max(1, Math.abs(atHigh)));
        }
        if (atLow < 0) expect(atHigh).toBeLessThan(0);
      }),
      RUNS,
    );
    expect(covered).toBeGreaterThan(10);
  }, 20_000);

  it('the value in year-1 money, NPV × (1 + r), falls as the discount rate rises for a conventional flow', () => {
    fc.assert(
      fc.property(conventionalArb, ({ doc, low, high }) => {
        const atLow = npvAt(doc, low) * (1 + low);
        const atHigh = npvAt(doc, high) * (1 + high);
        expect(atLow).toBeGreaterThanOrEqual(atHigh - 1e-9 * Math.max(1, Math.abs(atHigh)));
      }),
      RUNS,
    );
  }, 20_000);

  it('pins the spreadsheet convention: a conventional flow with negative NPV rises toward 0 as r rises', () => {
    // Year 1: −1,000,000 (deployment); year 2: +10,000. NPV(r) = −1e6/(1+r) + 1e4/(1+r)^2.
    const doc = baseScenario({
      realization: {
        nurse: { mode: 'throughput', redeployedShare: 1, minutesPerVisit: 10, contributionMarginPerVisit: 1 },
      },
      options: [
        option('o', {
          effects: [
            {
              basis: 'measured',
              workflowId: 'notes',
              adoption: { ceiling: 1, goLiveMonth: 13, rampMonths: 0 },
              evidence: { kind: 'measured', n: 20 },
              // 1,000 tasks × 5 min saved = 5,000 min a month = 500 visits × 1 = 500 a month, 6,000 a year.
              minutesWithAiPerTask: 5,
              verificationMinutesPerTask: 0,
            },
          ],
          costLines: [
            {
              kind: 'oneTime',
              id: 'deploy',
              name: 'Deployment',
              category: 'vendor',
              month: 1,
              amount: 1_000_000,
            },
          ],
        }),
      ],
    });
    const low = npvAt(doc, 0);
    const high = npvAt(doc, 0.08);
    expectClose(low, -1_000_000 + 6000, 'npv at 0');
    expectClose(high, -1_000_000 / 1.08 + 6000 / 1.08 ** 2, 'npv at 8 %');
    expect(high).toBeGreaterThan(low);
  });
});

describe('hours freed are monotone in fit, adoption and measured saving', () => {
  /**
   * One effect of option `oi` improves; no option's hours freed may fall (a pilot that scales into
   * `oi` included). Options with a pilot of their own are skipped: passing the decision rule adds
   * the scale-up's effects, which may rightly add burden.
   */
  type Pick = { doc: ScenarioInput; oi: number; ei: number; to: number };
  const pickArbOf = (stopRules: boolean) =>
    scenarioArb({ minOptions: 1, stopRules }).chain((doc) =>
      fc.record({
        doc: fc.constant(doc),
        oi: fc.nat({ max: doc.options.length - 1 }),
        ei: fc.nat({ max: 3 }),
        to: share(),
      }),
    );

  function checkRaise(
    pick: Pick,
    change: (effect: EffectInput, to: number) => boolean,
    needsNonNegative: (doc: Scenario, oi: number, ei: number) => boolean,
  ): boolean {
    const { doc, oi, to } = pick;
    const o = doc.options[oi]!;
    if (o.pilot || o.effects.length === 0) return false;
    const ei = pick.ei % o.effects.length;
    const changed = clone(doc);
    if (!change(changed.options[oi]!.effects[ei]!, to)) return false;
    const after = validated(changed);
    if (!needsNonNegative(after, oi, ei)) return false;
    const r0 = simulate(doc);
    const r1 = simulate(changed);
    r0.options.forEach((before, i) => {
      const now = r1.options[i]!;
      if (now.hoursFreed < before.hoursFreed - 1e-9 * Math.max(1, Math.abs(before.hoursFreed))) {
        throw new Error(`option ${now.id}: hours freed fell from ${before.hoursFreed} to ${now.hoursFreed}`);
      }
    });
    return true;
  }

  /** With a stop rule, a later stop lets every effect run longer: fine only if none of them adds burden. */
  const stopRuleNeedsGains = (doc: Scenario, oi: number) => {
    const o = doc.options[oi]!;
    return !o.stopRule || o.effects.every((e) => netMinutes(doc, e) >= 0);
  };

  /** Runs `change` over many scenarios; at least a few must actually exercise the property. */
  function expectRaiseNeverLowersHoursFreed(
    withGains: boolean,
    change: (effect: EffectInput, to: number) => boolean,
    needsNonNegative: (doc: Scenario, oi: number, ei: number) => boolean,
  ) {
    let covered = 0;
    fc.assert(
      fc.property(pickArbOf(withGains), (pick) => {
        if (checkRaise(pick, change, needsNonNegative)) covered++;
      }),
      RUNS,
    );
    expect(covered).toBeGreaterThan(10);
  }

  it('raising fit never lowers hours freed', () => {
    expectRaiseNeverLowersHoursFreed(
      true,
      (e, to) => {
        if (e.basis !== 'claimed') return false;
        e.fit = e.fit + (1 - e.fit) * to;
        return true;
      },
      stopRuleNeedsGains,
    );
  }, 20_000);

  it('raising the measured saving (fewer minutes with AI) never lowers hours freed', () => {
    expectRaiseNeverLowersHoursFreed(
      true,
      (e, to) => {
        if (e.basis !== 'measured') return false;
        e.minutesWithAiPerTask = Math.floor(e.minutesWithAiPerTask * to);
        return true;
      },
      stopRuleNeedsGains,
    );
  }, 20_000);

  it('raising the adoption ceiling never lowers hours freed when the effect saves time', () => {
    expectRaiseNeverLowersHoursFreed(
      false,
      (e, to) => {
        e.adoption.ceiling = e.adoption.ceiling + (1 - e.adoption.ceiling) * to;
        return true;
      },
      // More adoption of an effect that adds burden rightly adds burden; a stop rule's
      // task-weighted average moves with adoption, so it may rightly stop earlier.
      (doc, oi, ei) => !doc.options[oi]!.stopRule && netMinutes(doc, doc.options[oi]!.effects[ei]!) >= 0,
    );
  }, 20_000);
});

describe('benefit realization', () => {
  it('avoided-staffing cash moves in whole FTE steps', () => {
    const arb = scenarioArb({ minOptions: 1, requireRoles: ['nurse'] }).chain((doc) =>
      fc.record({
        doc: fc.constant(doc),
        maxFte: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      }),
    );
    let covered = 0;
    fc.assert(
      fc.property(arb, ({ doc, maxFte }) => {
        const d = clone(doc);
        d.hospital.wageGrowthPerYear = 0;
        d.realization = {
          nurse: maxFte === undefined ? { mode: 'avoidedStaffing' } : { mode: 'avoidedStaffing', maxFte },
        };
        const step = d.hospital.roles.nurse!.annualCostPerFte / 12;
        const result = simulate(d);
        for (const o of result.options) {
          o.monthly.cashRealized.forEach((cash, t) => {
            const steps = cash / step;
            if (Math.abs(steps - Math.round(steps)) > 1e-6 || steps < -1e-9) {
              throw new Error(`option ${o.id}, month ${t + 1}: cash ${cash} is ${steps} FTE-months`);
            }
            if (cash > 0) covered++;
          });
        }
      }),
      RUNS,
    );
    expect(covered).toBeGreaterThan(0);
  }, 20_000);

  it('with avoided staffing and no wage growth, cash realized never exceeds the paper value (so paper ROI ≥ cash ROI)', () => {
    let covered = 0;
    fc.assert(
      fc.property(scenarioArb({ minOptions: 1 }), (doc) => {
        const d = clone(doc);
        d.hospital.wageGrowthPerYear = 0;
        d.realization = Object.fromEntries(
          Object.keys(d.hospital.roles).map((r) => [r, { mode: 'avoidedStaffing' }]),
        );
        const result = simulate(d);
        for (const o of result.options) {
          if (o.cashRealized > 0) covered++;
          expect(o.cashRealized).toBeLessThanOrEqual(o.paperValue * (1 + 1e-9) + 1e-6);
          if (o.roi !== null && o.paperRoi !== null) expect(o.paperRoi).toBeGreaterThanOrEqual(o.roi - 1e-12);
        }
      }),
      // Twice the usual runs: only some draws free enough hours for a whole post.
      { ...RUNS, numRuns: 200 },
    );
    expect(covered).toBeGreaterThan(10);
  }, 20_000);

  it('paper ROI ≥ cash ROI when nothing is realized and effects are non-negative', () => {
    let covered = 0;
    fc.assert(
      fc.property(scenarioArb({ minOptions: 1 }), (doc) => {
        const d = clone(doc);
        d.realization = Object.fromEntries(
          Object.keys(d.hospital.roles).map((r) => [r, { mode: 'notRealized' }]),
        );
        // Make every effect non-negative: measured without added time, claimed without errors or checks.
        for (const o of d.options) {
          for (const e of o.effects) {
            const wf = d.workflows.find((w) => w.id === e.workflowId)!;
            if (e.basis === 'measured') {
              e.minutesWithAiPerTask = Math.min(e.minutesWithAiPerTask, wf.baselineMinutesPerTask);
              e.verificationMinutesPerTask = Math.min(
                e.verificationMinutesPerTask,
                wf.baselineMinutesPerTask - e.minutesWithAiPerTask,
              );
            } else {
              e.errorRate = 0;
              e.verificationMinutesPerTask = 0;
            }
          }
        }
        const result = simulate(d);
        for (const o of result.options) {
          expect(o.cashRealized).toBe(0);
          expect(o.paperValue).toBeGreaterThanOrEqual(0);
          if (o.roi === null || o.paperRoi === null) {
            expect(o.roi).toBe(o.paperRoi);
          } else {
            covered++;
            expect(o.paperRoi).toBeGreaterThanOrEqual(o.roi);
          }
        }
      }),
      RUNS,
    );
    expect(covered).toBeGreaterThan(10);
  }, 20_000);
});

describe('determinism', () => {
  it('the same scenario gives deep-equal results, run twice or through withOverrides with base values', () => {
    const arb = scenarioArb().chain((doc) => fc.record({ doc: fc.constant(doc), pathSeed: fc.nat() }));
    fc.assert(
      fc.property(arb, ({ doc, pathSeed }) => {
        const scenario = validated(doc);
        const model = compileScenario(scenario);
        const first = runModel(model);
        expect(runModel(model)).toEqual(first);
        expect(runModel(compileScenario(validated(clone(doc))))).toEqual(first);
        expect(runModel(model, withOverrides(model.params, {}))).toEqual(first);
        const { paths, base } = model.params;
        const path = paths[pathSeed % paths.length]!;
        const same = {
          discountRate: base[paths.indexOf('discountRate')]!,
          [path]: base[paths.indexOf(path)]!,
        };
        expect(runModel(model, withOverrides(model.params, same))).toEqual(first);
      }),
      RUNS,
    );
  }, 20_000);
});

describe('Monte Carlo trials', () => {
  /**
   * A trial's numbers against the full run's. They may differ in the last bits (a trial adds
   * cost categories and reused lines in another order), never more.
   */
  function expectTrialMatches(model: Model, trial: TrialOutcome, p: Float64Array): void {
    const Y = model.years;
    runModel(model, p).options.forEach((o, k) => {
      // Rounding grows with the flows summed, not with the (possibly tiny) result.
      const scale = 1 + o.tco + o.cashRealized + o.paperValue + o.funding;
      const same = (actual: number, expected: number | null, what: string) => {
        if (expected === null || Number.isNaN(expected)) expect(actual, what).toBeNaN();
        else if (Math.abs(actual - expected) > 1e-9 * Math.max(scale, Math.abs(expected)))
          throw new Error(`${o.id} ${what}: ${actual} ≠ ${expected}`);
      };
      same(trial.npv[k]!, o.npv, 'NPV');
      same(trial.roi[k]!, o.roi, 'ROI');
      same(trial.paperRoi[k]!, o.paperRoi, 'paper ROI');
      expect(trial.paidBack[k]).toBe(o.paybackMonth === null ? 0 : 1);
      expect(trial.scaledUp[k]).toBe(o.pilot?.decision === 'scaleUp' ? 1 : 0);
      o.years.forEach((year, y) => {
        same(trial.yearlyNetCash[k * Y + y]!, year.netCashFlow, `year ${y + 1} net cash`);
        expect(trial.budgetBreach[k * Y + y]).toBe(year.budgetBreach ? 1 : 0);
      });
    });
  }

  it('a trial on reused arrays gives the full run’s numbers, trial after trial', () => {
    const arb = scenarioArb().chain((doc) =>
      fc.record({ doc: fc.constant(doc), pathSeeds: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(arb, ({ doc, pathSeeds }) => {
        const model = compileScenario(validated(doc));
        const { paths, base } = model.params;
        const runner = trialRunner(model);
        // Base, then one input lowered by 10 % at a time, then base again: nothing may carry over.
        const inputs = [
          base,
          ...pathSeeds.map((seed) => {
            const path = paths[seed % paths.length]!;
            return withOverrides(model.params, { [path]: base[paths.indexOf(path)]! * 0.9 });
          }),
          base,
        ];
        for (const p of inputs) expectTrialMatches(model, runner.run(p), p);
      }),
      RUNS,
    );
  }, 20_000);

  it('a trial that may change only some inputs reuses what reads none of them, and still gives the full run’s numbers', () => {
    const arb = scenarioArb().chain((doc) =>
      fc.record({
        doc: fc.constant(doc),
        slotSeeds: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        factors: fc.array(fc.array(fc.integer({ min: 50, max: 100 }), { minLength: 5, maxLength: 5 }), {
          minLength: 2,
          maxLength: 5,
        }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ doc, slotSeeds, factors }) => {
        const model = compileScenario(validated(doc));
        const { paths, base } = model.params;
        // Each seed picks a kind of input first (hospital, workflows, variables, an option's
        // effects, cost lines, stop rule…), then one of them: rare kinds get their turn.
        const kindOf = (path: string) => {
          const parts = path.split('.');
          return parts[0] === 'options' ? `options.${parts[2]}` : parts[0]!;
        };
        const kinds = [...new Set(paths.map(kindOf))];
        const varying = [
          ...new Set(
            slotSeeds.map((seed) => {
              const kind = kinds[seed % kinds.length]!;
              const slots = paths.flatMap((path, slot) => (kindOf(path) === kind ? [slot] : []));
              return slots[Math.floor(seed / kinds.length) % slots.length]!;
            }),
          ),
        ];
        const runner = trialRunner(model, varying);
        // Each trial moves every changing input (to 50–100 % of its value), then back to base.
        const inputs = [
          ...factors.map((row) => {
            const p = base.slice();
            varying.forEach((slot, i) => (p[slot] = base[slot]! * (row[i]! / 100)));
            return p;
          }),
          base,
        ];
        for (const p of inputs) expectTrialMatches(model, runner.run(p), p);
        // An input the runner took as fixed may not change.
        const fixed = paths.findIndex((_, slot) => !varying.includes(slot) && base[slot] !== 0);
        if (fixed >= 0) {
          const p = base.slice();
          p[fixed] = base[fixed]! * 0.5;
          expect(() => runner.run(p)).toThrow(paths[fixed]!);
        }
      }),
      RUNS,
    );
  }, 20_000);
});

describe('independence of options', () => {
  it("an option's results do not depend on the other options or their order", () => {
    fc.assert(
      fc.property(scenarioArb({ minOptions: 2 }), (doc) => {
        const all = simulate(doc);
        const reversed = simulate({ ...doc, options: [...doc.options].reverse() });
        for (const o of all.options) expect(reversed.options.find((r) => r.id === o.id)).toEqual(o);
        // Alone, each buy or build option gives the same results.
        for (const o of doc.options) {
          if (o.pilot) continue;
          const alone = simulate({ ...doc, options: [o] });
          expect(alone.options[0]).toEqual(all.options.find((r) => r.id === o.id));
        }
      }),
      RUNS,
    );
  }, 20_000);
});

describe('pilots', () => {
  /** Pilots whose own lines stop with them: no server upkeep, nothing committed beyond the decision. */
  const pilotArb = scenarioArb({
    pilot: 'always',
    maxOptions: 2,
    committed: false,
    pilotLineKinds: [
      'oneTime',
      'recurring',
      'cloudTokens',
      'perUnit',
      'staffing',
      'custom',
      'modelLifecycle',
    ],
  });

  it('the scale-up never starts before the decision; a stopped pilot costs nothing after its decision', () => {
    const seen = { stop: 0, scaleUp: 0 };
    fc.assert(
      fc.property(pilotArb, (doc) => {
        const result = simulate(doc);
        const p = result.options.find((o) => o.id === 'pilot')!;
        const pilot = p.pilot!;
        expect(pilot).not.toBeNull();
        const decision = pilot.decisionMonth;
        seen[pilot.decision]++;
        // Months (1-based) in which nothing may happen: after a stop, everything after the
        // decision; after a pass, the lead time between the decision and the scale-up.
        const quietUntil =
          pilot.decision === 'stop'
            ? doc.horizonYears * 12
            : (pilot.scaleUpMonth ?? doc.horizonYears * 12 + 1) - 1;
        if (pilot.decision === 'stop') expect(pilot.scaleUpMonth).toBeNull();
        else if (pilot.scaleUpMonth !== null) expect(pilot.scaleUpMonth).toBeGreaterThan(decision);
        for (let m = decision + 1; m <= quietUntil; m++) {
          const t = m - 1;
          if (p.monthly.cashOut[t] !== 0)
            throw new Error(`month ${m}: cashOut ${p.monthly.cashOut[t]} after decision`);
          expect(p.monthly.tasksWithAi[t]).toBe(0);
          expect(p.monthly.hoursFreed[t]).toBe(0);
          expect(p.monthly.funding[t]).toBe(0);
        }
      }),
      { ...RUNS, numRuns: 200 },
    );
    expect(seen.stop).toBeGreaterThan(10);
    expect(seen.scaleUp).toBeGreaterThan(10);
  }, 20_000);

  it('a pilot that is told to stop keeps none of its scale-up option', () => {
    fc.assert(
      fc.property(pilotArb, (doc) => {
        const d = clone(doc);
        const pilot = d.options.find((o) => o.id === 'pilot')!;
        pilot.pilot!.decisionRule.minNetMinutesPerTask = 1000;
        const result = simulate(d);
        const p = result.options.find((o) => o.id === 'pilot')!;
        expect(p.pilot!.decision).toBe('stop');
        const after = p.monthly.cashOut.slice(p.pilot!.decisionMonth);
        expect(after.every((c) => c === 0)).toBe(true);
      }),
      RUNS,
    );
  }, 20_000);
});

describe('stops', () => {
  /** Last month of the plan (1-based) a line of the option is committed to, or 0 (months count from the end of a tender). */
  const committedUntil = (o: OptionInput) =>
    Math.max(
      0,
      ...o.costLines.map(
        (l) => (l.committedUntilMonth ?? 0) + (l.committedUntilMonth ? (o.tenderMonths ?? 0) : 0),
      ),
    );

  /**
   * The exit cost a stop makes due in the stop month (lines with no exit month of their own
   * before it), with VAT where the price excludes it.
   */
  const exitCostAtStop = (input: OptionInput, stopMonth: number) =>
    input.costLines
      .filter((l) => l.kind === 'modelLifecycle')
      .reduce(
        (total, l) =>
          total +
          (l.kind === 'modelLifecycle' &&
          (l.exitMonth === undefined || l.exitMonth + (input.tenderMonths ?? 0) > stopMonth)
            ? (l.exitCost ?? 0) * (l.vat && !l.vat.included ? 1 + l.vat.rate : 1)
            : 0),
        0,
      );

  it('a stopped option pays nothing after its stop month beyond its commitments, and reports that as stranded', () => {
    const arb = scenarioArb({
      minOptions: 1,
      pilot: 'never',
      // Servers are kept (idle, with upkeep) unless sold: left out here.
      lineKinds: ['oneTime', 'recurring', 'perUnit', 'staffing', 'cloudTokens', 'modelLifecycle', 'custom'],
    });
    let covered = 0;
    fc.assert(
      fc.property(arb, (doc) => {
        const result = simulate(doc);
        result.options.forEach((o, i) => {
          if (!o.stop) return;
          covered++;
          const input = doc.options[i]!;
          const quietFrom = Math.max(o.stop.month, committedUntil(input)) + 1;
          for (let m = quietFrom; m <= doc.horizonYears * 12; m++) {
            if (o.monthly.cashOut[m - 1] !== 0) {
              throw new Error(
                `option ${o.id} stopped in ${o.stop.month}: cashOut ${o.monthly.cashOut[m - 1]} in ${m}`,
              );
            }
            expect(o.monthly.hoursFreed[m - 1]).toBe(0);
          }
          expectClose(
            o.stop.strandedCash,
            sum(o.monthly.cashOut.slice(o.stop.month)) + exitCostAtStop(input, o.stop.month),
            `${o.id} strandedCash`,
          );
        });
      }),
      RUNS,
    );
    expect(covered).toBeGreaterThan(10);
  }, 20_000);

  it('what a pilot told to stop still pays after its decision is reported as stranded', () => {
    // DOMAIN.md, Abandonment: a stopped option keeps what was committed (contract minimums,
    // idle servers' upkeep) "and the results show what was stranded"; a pilot that fails its
    // decision rule is such a stop (track.ts: "pilot said no, or the stop rule fired").
    fc.assert(
      fc.property(scenarioArb({ pilot: 'always', maxOptions: 2 }), (doc) => {
        const result = simulate(doc);
        const p = result.options.find((o) => o.id === 'pilot')!;
        if (p.pilot!.decision !== 'stop') return;
        const stoppedIn = p.stop?.month ?? p.pilot!.decisionMonth;
        const pilotInput = doc.options.find((o) => o.id === 'pilot')!;
        const paidAfter = sum(p.monthly.cashOut.slice(stoppedIn)) + exitCostAtStop(pilotInput, stoppedIn);
        expectClose(
          p.stop?.strandedCash ?? 0,
          paidAfter,
          `pilot stopped in month ${stoppedIn}: stranded cash`,
        );
      }),
      RUNS,
    );
  }, 20_000);

  it('a pilot that stops pays nothing after its decision beyond its commitments', () => {
    const arb = scenarioArb({
      pilot: 'always',
      maxOptions: 2,
      pilotLineKinds: [
        'oneTime',
        'recurring',
        'perUnit',
        'staffing',
        'cloudTokens',
        'modelLifecycle',
        'custom',
      ],
    });
    let covered = 0;
    fc.assert(
      fc.property(arb, (doc) => {
        const result = simulate(doc);
        const p = result.options.find((o) => o.id === 'pilot')!;
        if (p.pilot!.decision !== 'stop') return;
        covered++;
        const quietFrom =
          Math.max(p.pilot!.decisionMonth, committedUntil(doc.options.find((o) => o.id === 'pilot')!)) + 1;
        for (let m = quietFrom; m <= doc.horizonYears * 12; m++) {
          if (p.monthly.cashOut[m - 1] !== 0) {
            throw new Error(
              `pilot stopped in ${p.pilot!.decisionMonth}: cashOut ${p.monthly.cashOut[m - 1]} in ${m}`,
            );
          }
        }
      }),
      RUNS,
    );
    expect(covered).toBeGreaterThan(10);
  }, 20_000);
});

describe('inputs addressed by path', () => {
  it('every path in model.params.paths resolves to its number in the validated document', () => {
    fc.assert(
      fc.property(scenarioArb(), (doc) => {
        const scenario = validated(doc);
        const model = compileScenario(scenario);
        const table = collectParams(scenario);
        expect(model.params.paths).toEqual(table.paths);
        expect(Array.from(model.params.base)).toEqual(Array.from(table.base));
        model.params.paths.forEach((path, i) => {
          let node: unknown = scenario;
          for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
          expect(node, path).toBe(model.params.base[i]);
          expect(model.params.index.get(path)).toBe(i);
        });
        expect(new Set(model.params.paths).size).toBe(model.params.paths.length);
      }),
      RUNS,
    );
  }, 20_000);

  it('paths name the documented inputs', () => {
    const doc = baseScenario({ options: [option('a')] });
    const model = compileScenario(validated(doc));
    for (const path of [
      'discountRate',
      'hospital.beds',
      'hospital.roles.nurse.annualCostPerFte',
      'workflows.0.baselineMinutesPerTask',
      'options.0.effects.0.adoption.ceiling',
      'options.0.effects.0.minutesWithAiPerTask',
      'budget.aiShare',
    ]) {
      expect(model.params.paths).toContain(path);
    }
    // Structural numbers shape the model; they are not inputs.
    expect(model.params.paths).not.toContain('horizonYears');
    expect(model.params.paths).not.toContain('schemaVersion');
    expect(model.params.paths).not.toContain('startYear');
    expect(() => withOverrides(model.params, { 'hospital.nope': 1 })).toThrow(/Unknown input path/);
  });

  it('overriding hospital.beds changes a per-bed cost', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          costLines: [
            { kind: 'perUnit', id: 'lic', name: 'Licence', category: 'vendor', unit: 'bed', unitPrice: 10 },
          ],
        }),
      ],
    });
    const model = compileScenario(validated(doc));
    const base = runModel(model).options[0]!;
    // 100 beds × 10 a month × 12 months.
    expect(base.years[0]!.costs.vendor).toBeCloseTo(12_000, 6);
    const doubled = runModel(model, withOverrides(model.params, { 'hospital.beds': 200 })).options[0]!;
    expect(doubled.years[0]!.costs.vendor).toBeCloseTo(24_000, 6);
    expect(doubled.tco).toBeCloseTo(2 * base.tco, 6);
    // The override changes the run, not the model.
    expect(runModel(model).options[0]!.tco).toBe(base.tco);
  });

  it('overriding a cost line amount by path changes that line only', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          costLines: [
            { kind: 'oneTime', id: 'x', name: 'X', category: 'vendor', month: 1, amount: 1000 },
            { kind: 'oneTime', id: 'y', name: 'Y', category: 'training', month: 2, amount: 500 },
          ],
        }),
      ],
    });
    const model = compileScenario(validated(doc));
    const r = runModel(model, withOverrides(model.params, { 'options.0.costLines.1.amount': 800 }))
      .options[0]!;
    expect(r.years[0]!.costs.vendor).toBe(1000);
    expect(r.years[0]!.costs.training).toBe(800);
  });
});
