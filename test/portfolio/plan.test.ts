/**
 * The portfolio over real engine runs: a later start is the engine's run with the start moved
 * (calendar wages and prices, not a shifted copy of the flows), shared servers take the
 * options' own servers out, and a whole plan is solved, re-checked and put through the Monte Carlo.
 */
import { describe, expect, it } from 'vitest';

import { validateScenario, type Scenario, type ScenarioInput } from '~/engine';
import { buildCandidates } from '~/portfolio/candidates';
import { objectiveOf } from '~/portfolio/evaluate';
import { planPortfolio, recheck } from '~/portfolio/plan';
import type { PortfolioDocument } from '~/portfolio/portfolio';

import { baseScenario, measuredEffect, option } from '../helpers/scenario';

import { bruteForce, portfolioDoc } from './helpers';

const valid = (input: ScenarioInput): Scenario => {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
};

/** One engineer (120,000 a year, wages +10 % a year) and nothing else, over 3 years from 2027. */
const engineer = valid(
  baseScenario({
    horizonYears: 3,
    hospital: { ...baseScenario().hospital, wageGrowthPerYear: 0.1 },
    options: [
      option('hire', {
        effects: [],
        costLines: [
          {
            kind: 'staffing',
            id: 'eng',
            name: 'Engineer',
            role: 'AI engineer',
            fte: 1,
            annualCostPerFte: 120_000,
          },
        ],
      }),
    ] as never,
  }),
);

const docFor = (scenarios: Scenario[], overrides: Partial<PortfolioDocument> = {}) =>
  portfolioDoc(scenarios.length, scenarios[0]!.horizonYears, overrides);

describe('the re-check by fresh engine runs', () => {
  const doc = docFor([engineer], { startOffsets: [0] });
  const table = buildCandidates(doc, [engineer]);
  const chosen = { byUseCase: [0], serverPurchases: [0, 0, 0] };

  it('passes the plan the table describes', () => {
    expect(recheck(doc, [engineer], table, chosen, doc.budgetByYear)).toBe(true);
  });

  it('fails a table whose numbers are not the engine’s, and a plan over a limit', () => {
    const tampered = {
      ...table,
      candidates: [{ ...table.candidates[0]!, spend: [100_000, 132_000, 145_200] }],
    };
    expect(recheck(doc, [engineer], tampered, chosen, doc.budgetByYear)).toBe(false);
    // The engineer is a hire in 2027: a cap of none a year is broken.
    const noHires = { ...doc, resources: { sharedServers: null, hiresPerYear: 0 } };
    expect(recheck(noHires, [engineer], table, chosen, doc.budgetByYear)).toBe(false);
    expect(recheck(doc, [engineer], table, chosen, [100_000, 1_000_000, 1_000_000])).toBe(false);
  });
});

describe('a later start', () => {
  it("pays the calendar year's wages: 132,000 in 2028 whether the post opens in 2027 or 2028", () => {
    const table = buildCandidates(docFor([engineer]), [engineer]);
    const byOffset = (k: number) => table.candidates.find((c) => c.offset === k)!;
    expect(byOffset(0).spend.map(Math.round)).toEqual([120_000, 132_000, 145_200]);
    // A shifted copy would read [0, 120,000, 132,000].
    expect(byOffset(1).spend.map(Math.round)).toEqual([0, 132_000, 145_200]);
    expect(byOffset(2).spend.map(Math.round)).toEqual([0, 0, 145_200]);
    expect(byOffset(1).hires).toEqual([0, 1, 0]);
    expect(byOffset(2).npv).toBeCloseTo(-145_200 / 1.08 ** 3, 4);
  });

  it('moves a pilot with its own costs: a 3-month pilot from month 1 decides in month 15 when started a year later', () => {
    const pilotScenario = valid(
      baseScenario({
        horizonYears: 3,
        options: [
          option('buy', {
            costLines: [
              {
                kind: 'recurring',
                id: 'lic',
                name: 'Licence',
                category: 'vendor',
                amount: 1000,
                period: 'month',
              },
            ],
          }),
          option('try', {
            kind: 'pilot',
            effects: [measuredEffect({ scopeShare: 0.2 })],
            costLines: [
              { kind: 'oneTime', id: 'setup', name: 'Setup', category: 'vendor', month: 1, amount: 30_000 },
            ],
            pilot: { durationMonths: 3, decisionRule: { minNetMinutesPerTask: 1 }, scaleUpOptionId: 'buy' },
          }),
        ] as never,
      }),
    );
    const table = buildCandidates(docFor([pilotScenario]), [pilotScenario]);
    const pilot = (k: number) => table.candidates.find((c) => c.optionId === 'try' && c.offset === k)!;
    // Now: setup 30,000 in 2027, the scale-up's licence from month 4 (9 months) and every month after.
    expect(pilot(0).spend.map(Math.round)).toEqual([30_000 + 9_000, 12_000, 12_000]);
    // A year later: nothing in 2027; setup in 2028 and the licence from month 16.
    expect(pilot(1).spend.map(Math.round)).toEqual([0, 30_000 + 9_000, 12_000]);
  });
});

describe('shared servers', () => {
  // 500 AI tasks a month at the ceiling × 2,000 tokens = 48,000 tokens a working day over 8
  // hours, × 2 at peak = 3.33 tokens/s; a server gives 1.5 × 0.6 = 0.9: 4 servers, 2 years each.
  const servers = valid(
    baseScenario({
      horizonYears: 3,
      options: [
        option('build', {
          kind: 'build',
          effects: [measuredEffect({ adoption: { ceiling: 0.5, goLiveMonth: 1, rampMonths: 6 } })],
          costLines: [
            {
              kind: 'onPremCompute',
              id: 'gpu',
              name: 'Servers',
              tokensPerTask: 2000,
              tokensPerSecondPerServer: 1.5,
              capexPerServer: 100_000,
              usefulLifeYears: 2,
              kwPerServer: 1,
              pue: 1.5,
              electricityPricePerKwh: 1,
              maintenanceSharePerYear: 0.1,
            },
          ],
        }),
      ] as never,
    }),
  );
  const spec = {
    tokensPerSecondPerServer: 1.5,
    targetUtilization: 0.6,
    capexPerServer: 100_000,
    usefulLifeYears: 2,
    kwPerServer: 1,
    pue: 1.5,
    electricityPricePerKwh: 1,
    maintenanceSharePerYear: 0.1,
    maxServers: null,
  };

  it("takes the option's own servers out and keeps its load for the pool", () => {
    const own = buildCandidates(docFor([servers], { startOffsets: [0] }), [servers]).candidates[0]!;
    const pooled = buildCandidates(
      docFor([servers], { startOffsets: [0], resources: { sharedServers: spec, hiresPerYear: null } }),
      [servers],
    ).candidates[0]!;
    // Alone: 4 servers (400,000) in 2027, their power (1 kW × 1.5 × 730 h × 12 months each) and
    // upkeep (10 % of 100,000 a year each).
    expect(own.spend[0]).toBeCloseTo(400_000 + 4 * 1.5 * 730 * 12 + 4 * 10_000, 6);
    expect(own.serverLoad).toEqual([0, 0, 0]);
    expect(pooled.spend).toEqual([0, 0, 0]);
    expect(pooled.serverLoad.map((v) => Math.round(v * 1000) / 1000)).toEqual([3.333, 3.333, 3.333]);
  });

  it("counts a pilot's load and its scale-up's as one: they never run in the same month", () => {
    const withPilot = valid({
      ...servers,
      options: [
        ...servers.options,
        {
          ...servers.options[0]!,
          id: 'try',
          kind: 'pilot',
          effects: [{ ...servers.options[0]!.effects[0]!, scopeShare: 0.2 }],
          pilot: {
            startMonth: 1,
            durationMonths: 3,
            decisionRule: { minNetMinutesPerTask: 1 },
            scaleUpOptionId: 'build',
            leadMonths: 0,
          },
        },
      ],
    } as ScenarioInput);
    const pooled = buildCandidates(
      docFor([withPilot], { startOffsets: [0], resources: { sharedServers: spec, hiresPerYear: null } }),
      [withPilot],
    );
    const pilot = pooled.candidates.find((c) => c.optionId === 'try')!;
    // The pilot's 0.67 tokens/s (a fifth of the scope) in months 1–3, the scale-up's 3.33 after:
    // 3.33 in 2027, not 4.
    expect(pilot.serverLoad.map((v) => Math.round(v * 1000) / 1000)).toEqual([3.333, 3.333, 3.333]);
  });

  it('buys the pool 4 servers in 2027 and 4 again in 2029, when the first retire', async () => {
    const doc = docFor([servers], {
      startOffsets: [0],
      resources: { sharedServers: spec, hiresPerYear: null },
    });
    doc.budgetByYear = [1_000_000, 1_000_000, 1_000_000];
    doc.forced = [{ scenarioId: 'u0', optionId: 'build', startOffsetYears: null }];
    const plan = await planPortfolio({ document: doc, scenarios: [servers] });
    expect(plan.status).toBe('optimal');
    expect(plan.sharedServers!.servers).toBe(4);
    const running = 4 * (1.5 * 730 * 12 + 10_000);
    expect(plan.years.map((y) => Math.round(y.sharedServers))).toEqual([
      400_000 + running,
      running,
      400_000 + running,
    ]);
    expect(plan.checked).toBe(true);
  }, 60_000);
});

/** Two use cases that pay: notes (saves 6 minutes a task, avoided staffing) and a second. */
function payingScenario(id: string, licencePerMonth: number, setup: number): Scenario {
  return valid(
    baseScenario({
      id,
      name: id,
      horizonYears: 3,
      realization: {
        nurse: {
          mode: 'throughput',
          redeployedShare: 1,
          minutesPerVisit: 20,
          contributionMarginPerVisit: 30,
        },
      },
      options: [
        option('buy', {
          costLines: [
            { kind: 'oneTime', id: 'setup', name: 'Setup', category: 'vendor', month: 1, amount: setup },
            {
              kind: 'recurring',
              id: 'lic',
              name: 'Licence',
              category: 'vendor',
              amount: licencePerMonth,
              period: 'month',
            },
          ],
        }),
        option('cheap', {
          effects: [measuredEffect({ minutesWithAiPerTask: 9 })],
          costLines: [
            {
              kind: 'recurring',
              id: 'lic',
              name: 'Licence',
              category: 'vendor',
              amount: 1_000,
              period: 'month',
            },
          ],
        }),
      ] as never,
    }),
  );
}

describe('a whole plan', () => {
  const scenarios = [payingScenario('a', 2_000, 100_000), payingScenario('b', 3_000, 80_000)];
  // "buy": 1,000 tasks × 6 minutes = 100 hours a month = 300 visits × 30 = 9,000 a month;
  // "cheap": 1 minute a task, 1,500 a month for a licence of 1,000. Both "buy" now take
  // 124,000 + 116,000 of 2027's 200,000.
  const doc = docFor(scenarios, { budgetByYear: [200_000, 200_000, 200_000] });

  it('is the best of every combination, within every year, and re-checked by the engine', async () => {
    const plan = await planPortfolio({ document: doc, scenarios });
    const table = buildCandidates(doc, scenarios);
    const best = bruteForce(doc, table)!;
    expect(plan.status).toBe('optimal');
    expect(plan.objectiveValue).toBeCloseTo(best.objective, 2);
    expect(objectiveOf(doc, table, best.selection)).toBeCloseTo(plan.objectiveValue!, 2);
    expect(plan.checked).toBe(true);
    for (const year of plan.years) expect(year.spend).toBeLessThanOrEqual(year.budget - year.committed + 1);
    const everything = plan.alternatives.find((a) => a.name === 'everythingNow')!;
    expect(everything.breachYears).toEqual([2027]);
    expect(everything.lossAgainstOptimum).not.toBeNull();
    expect(plan.monteCarlo!.trials).toBe(1000);
    // No uncertain inputs: every trial is the base case.
    expect(plan.monteCarlo!.p10).toBeCloseTo(plan.objectiveValue!, 2);
    expect(plan.monteCarlo!.breachProbability).toBe(0);
    expect(plan.useCases.map((u) => u.options.map((o) => o.id))).toEqual([
      ['buy', 'cheap'],
      ['buy', 'cheap'],
    ]);
  }, 60_000);

  it('gives the steps after the solve only the time left: no new Monte Carlo past the deadline', async () => {
    const plan = await planPortfolio({ document: doc, scenarios, deadlineSeconds: 0 });
    expect(plan.status).toBe('optimal');
    expect(plan.monteCarlo).toBeNull();
    expect(plan.checked).toBe(true);
  }, 60_000);

  it('names the year a forced choice breaks', async () => {
    const forced = docFor(scenarios, {
      budgetByYear: [100_000, 200_000, 200_000],
      startOffsets: [0],
      forced: [{ scenarioId: 'u0', optionId: 'buy', startOffsetYears: null }],
    });
    const plan = await planPortfolio({ document: forced, scenarios });
    expect(plan.status).toBe('infeasible');
    expect(plan.infeasibleYears).toEqual([2027]);
    expect(plan.objectiveValue).toBeNull();
  }, 60_000);
});
