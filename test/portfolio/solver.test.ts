/**
 * The portfolio's mixed-integer program, solved by HiGHS, against brute-force enumeration of
 * every combination and against hand-worked cases (duals, shared servers, dependencies, forced
 * choices that cannot fit, the breach limit).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { everythingNow, positiveNpvGreedy } from '~/portfolio/baselines';
import type { Candidate, CandidateTable } from '~/portfolio/candidates';
import { breachYears, objectiveOf, planYears, violations } from '~/portfolio/evaluate';
import { buildProgram } from '~/portfolio/milp';
import { infeasibleYears, leftOutOf, optimise } from '~/portfolio/plan';
import type { PortfolioDocument, SharedServers } from '~/portfolio/portfolio';
import { relaxationDuals } from '~/portfolio/solve';

import { bruteForce, candidate, portfolioDoc } from './helpers';

const table = (candidates: Candidate[], years: number, trials = 0): CandidateTable => ({
  candidates,
  years,
  trials,
});

const thousands = (min: number, max: number) => fc.integer({ min, max }).map((k) => k * 1000);

describe('the solver against every combination', () => {
  /** A random small portfolio: its use cases, candidates, budget, pot, hires, forced and dependencies. */
  const portfolioArb = fc
    .record({
      useCases: fc.integer({ min: 1, max: 4 }),
      years: fc.integer({ min: 1, max: 3 }),
      seed: fc.array(
        fc.record({
          npv: fc.integer({ min: -300_000, max: 900_000 }),
          // Thousands: the check's tolerance of one yuan never decides between them.
          spend: fc.array(thousands(0, 600), { minLength: 3, maxLength: 3 }),
          research: fc.array(thousands(0, 100), { minLength: 3, maxLength: 3 }),
          hires: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
          offset: fc.integer({ min: 0, max: 2 }),
          option: fc.integer({ min: 0, max: 2 }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      budget: fc.array(thousands(0, 1200), { minLength: 3, maxLength: 3 }),
      researchPot: fc.option(thousands(0, 150), { nil: null }),
      hiresCap: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      forceFirst: fc.boolean(),
      dependency: fc.boolean(),
    })
    .map((p) => {
      const Y = p.years;
      const candidates: Candidate[] = [];
      const seen = new Set<string>();
      p.seed.forEach((s, i) => {
        const useCase = i % p.useCases;
        const offset = Math.min(s.offset, Y - 1);
        const key = `${useCase}/${s.option}/${offset}`;
        if (seen.has(key)) return;
        seen.add(key);
        // Nothing before the start: a later start spends later.
        const spend = s.spend.slice(0, Y).map((v, y) => (y < offset ? 0 : v));
        candidates.push(
          candidate(useCase, `o${s.option}`, offset, s.npv, spend, {
            research: p.researchPot === null ? spend.map(() => 0) : s.research.slice(0, Y),
            hires: s.hires.slice(0, Y),
          }),
        );
      });
      const first = candidates[0]!;
      const doc = portfolioDoc(p.useCases, Y, {
        budgetByYear: p.budget.slice(0, Y),
        researchBudgetByYear: new Array<number>(Y).fill(p.researchPot ?? 0),
        resources: { sharedServers: null, hiresPerYear: p.hiresCap },
        forced: p.forceFirst
          ? [{ scenarioId: `u${first.useCase}`, optionId: first.optionId, startOffsetYears: null }]
          : [],
        dependencies: p.dependency && p.useCases > 1 ? [{ scenarioId: 'u1', needsScenarioId: 'u0' }] : [],
      });
      return { doc, table: table(candidates, Y) };
    });

  it('finds the exact optimum and objective of every small portfolio, or none when none fits', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArb, async ({ doc, table: t }) => {
        const best = bruteForce(doc, t);
        const { outcome, selection } = await optimise(doc, t, doc.budgetByYear);
        if (!best) {
          expect(outcome.status).toBe('infeasible');
          return;
        }
        expect(outcome.status).toBe('optimal');
        expect(selection).not.toBeNull();
        const v = violations(doc, t, selection!, doc.budgetByYear);
        expect(v).toEqual({
          budgetYears: [],
          research: false,
          hires: false,
          servers: false,
          dependencies: false,
        });
        expect(objectiveOf(doc, t, selection!)).toBeCloseTo(best.objective, 2);
      }),
      { numRuns: 150, seed: 18 },
    );
  }, 120_000);
});

/**
 * Two use cases in a 2-year plan, 1,000,000 a year: A (NPV 1.0 million, 800,000 in year 1)
 * and B, which now would earn 600,000 for 500,000 in year 1, or from next year 500,000 for
 * 500,000 in year 2. Both now break year 1 (1.3 million); A now and B next year fits: 1.5 million.
 */
function twoUseCases() {
  const doc = portfolioDoc(2, 2);
  const t = table(
    [
      candidate(0, 'a', 0, 1_000_000, [800_000, 0]),
      candidate(1, 'b', 0, 600_000, [500_000, 0]),
      candidate(1, 'b', 1, 500_000, [0, 500_000]),
    ],
    2,
  );
  return { doc, t };
}

describe('a hand-worked portfolio', () => {
  it('starts B a year later rather than leave it out, and beats both simple plans', async () => {
    const { doc, t } = twoUseCases();
    const { outcome, selection } = await optimise(doc, t, doc.budgetByYear);
    expect(outcome.status).toBe('optimal');
    expect(selection!.byUseCase).toEqual([0, 2]);
    expect(objectiveOf(doc, t, selection!)).toBeCloseTo(1_500_000, 6);
    const years = planYears(doc, t, selection!, doc.budgetByYear);
    expect(years.map((y) => [y.year, y.spend, y.headroom])).toEqual([
      [2027, 800_000, 200_000],
      [2028, 500_000, 500_000],
    ]);

    // Best first while the budget lasts: A (800,000), then B now would need 1.3 million: left out.
    const greedy = positiveNpvGreedy(doc, t, doc.budgetByYear);
    expect(greedy.byUseCase).toEqual([0, null]);
    expect(objectiveOf(doc, t, greedy)).toBe(1_000_000);
    // Everything now: 1.6 million on paper, 300,000 over budget in 2027.
    const now = everythingNow(doc, t);
    expect(now.byUseCase).toEqual([0, 1]);
    expect(objectiveOf(doc, t, now)).toBe(1_600_000);
    expect(breachYears(planYears(doc, t, now, doc.budgetByYear))).toEqual([2027]);
  });

  it("values one more yuan of 2027's budget at 0.2 (the LP relaxation), and 2028's at 0", async () => {
    // The relaxation takes all of A (800,000) and 0.4 of B now (200,000 more); each more yuan
    // in 2027 moves 1/500,000 of B from next year (500,000) to now (600,000): 0.2 a yuan.
    const { doc, t } = twoUseCases();
    const program = buildProgram(doc, t);
    const duals = await relaxationDuals(program);
    expect(duals![program.budgetRows[0]!]).toBeCloseTo(0.2, 9);
    expect(duals![program.budgetRows[1]!]).toBeCloseTo(0, 9);
  });

  it('takes commitments off the cap: with 300,000 committed in 2028, B cannot start then', async () => {
    const { doc, t } = twoUseCases();
    const committed: PortfolioDocument = { ...doc, committedByYear: [0, 600_000] };
    const { selection } = await optimise(committed, t, doc.budgetByYear);
    expect(selection!.byUseCase).toEqual([0, null]);
  });

  it('redraws the plan on a what-if budget: 1.3 million in 2027 takes both now', async () => {
    const { doc, t } = twoUseCases();
    const { selection } = await optimise(doc, t, [1_300_000, 1_000_000]);
    expect(selection!.byUseCase).toEqual([0, 1]);
  });
});

describe('shared servers', () => {
  // Capacity 50 tokens/s a server; each build option alone needs 20 tokens/s (one server);
  // together 40 still fit one. A server costs 100,000 and nothing to run, for 5 years.
  const spec: SharedServers = {
    tokensPerSecondPerServer: 100,
    targetUtilization: 0.5,
    capexPerServer: 100_000,
    usefulLifeYears: 5,
    kwPerServer: 0,
    pue: 1,
    electricityPricePerKwh: 0,
    maintenanceSharePerYear: 0,
    maxServers: null,
  };
  const load = [20, 20, 20];
  const servedTable = () =>
    table(
      [
        candidate(0, 'build', 0, 150_000, [50_000, 50_000, 50_000], { serverLoad: load }),
        candidate(1, 'build', 0, 150_000, [50_000, 50_000, 50_000], { serverLoad: load }),
      ],
      3,
    );

  it('buys one server in the first year for both build options: 300,000 − 100,000 ÷ 1.08', async () => {
    const doc = portfolioDoc(2, 3, {
      startOffsets: [0],
      resources: { sharedServers: spec, hiresPerYear: null },
    });
    const t = servedTable();
    const { selection } = await optimise(doc, t, doc.budgetByYear);
    expect(selection!.byUseCase).toEqual([0, 1]);
    expect(selection!.serverPurchases).toEqual([1, 0, 0]);
    expect(objectiveOf(doc, t, selection!)).toBeCloseTo(300_000 - 100_000 / 1.08, 4);
    expect(planYears(doc, t, selection!, doc.budgetByYear).map((y) => y.spend)).toEqual([
      200_000, 100_000, 100_000,
    ]);
  });

  it('needs two servers once the load passes one server: 30 + 30 tokens/s', async () => {
    const doc = portfolioDoc(2, 3, {
      startOffsets: [0],
      resources: { sharedServers: spec, hiresPerYear: null },
    });
    const t = table(
      servedTable().candidates.map((c) => ({ ...c, serverLoad: [30, 30, 30] })),
      3,
    );
    const { selection } = await optimise(doc, t, doc.budgetByYear);
    expect(selection!.serverPurchases).toEqual([2, 0, 0]);
    expect(objectiveOf(doc, t, selection!)).toBeCloseTo(300_000 - 200_000 / 1.08, 4);
  });

  it('funds neither build when no server may be bought', async () => {
    const doc = portfolioDoc(2, 3, {
      startOffsets: [0],
      resources: { sharedServers: { ...spec, maxServers: 0 }, hiresPerYear: null },
    });
    const { selection } = await optimise(doc, servedTable(), doc.budgetByYear);
    expect(selection!.byUseCase).toEqual([null, null]);
  });
});

describe('dependencies', () => {
  // A (the platform) loses money alone; B needs it. Budget 120,000 in year 1, 200,000 in year 2.
  const t = table(
    [
      candidate(0, 'platform', 0, -50_000, [100_000, 0]),
      candidate(0, 'platform', 1, -40_000, [0, 100_000]),
      candidate(1, 'app', 0, 200_000, [50_000, 0]),
      candidate(1, 'app', 1, 150_000, [0, 50_000]),
    ],
    2,
  );
  const budgetByYear = [120_000, 200_000];

  it('without it, takes B alone now (200,000)', async () => {
    const doc = portfolioDoc(2, 2, { budgetByYear });
    const { selection } = await optimise(doc, t, budgetByYear);
    expect(selection!.byUseCase).toEqual([null, 2]);
  });

  it('with "B needs A", starts both next year: −40,000 + 150,000 (A now and B next year is 100,000)', async () => {
    const doc = portfolioDoc(2, 2, {
      budgetByYear,
      dependencies: [{ scenarioId: 'u1', needsScenarioId: 'u0' }],
    });
    const { selection } = await optimise(doc, t, budgetByYear);
    expect(selection!.byUseCase).toEqual([1, 3]);
    expect(objectiveOf(doc, t, selection!)).toBe(110_000);
  });
});

describe('forced choices', () => {
  it('names the year a signed contract cannot fit', async () => {
    const doc = portfolioDoc(2, 2, {
      budgetByYear: [400_000, 400_000],
      startOffsets: [0],
      forced: [{ scenarioId: 'u0', optionId: 'signed', startOffsetYears: null }],
    });
    const t = table(
      [
        candidate(0, 'signed', 0, 100_000, [100_000, 500_000]),
        candidate(1, 'other', 0, 50_000, [10_000, 10_000]),
      ],
      2,
    );
    const { outcome } = await optimise(doc, t, doc.budgetByYear);
    expect(outcome.status).toBe('infeasible');
    expect(await infeasibleYears(doc, t, doc.budgetByYear)).toEqual([2028]);
  });

  it('keeps a contract that loses money', async () => {
    const doc = portfolioDoc(1, 1, {
      forced: [{ scenarioId: 'u0', optionId: 'signed', startOffsetYears: null }],
    });
    const t = table([candidate(0, 'signed', 0, -100_000, [100_000])], 1);
    const { selection } = await optimise(doc, t, doc.budgetByYear);
    expect(selection!.byUseCase).toEqual([0]);
  });
});

describe('the breach limit (sample-average approximation over trials)', () => {
  // Ten trials: A spends 50,000 in nine and 150,000 in one; the cap is 100,000.
  const T = 10;
  const trialSpend = Float64Array.from({ length: T }, (_, i) => (i === 0 ? 150_000 : 50_000));
  const t = table(
    [
      candidate(0, 'a', 0, 100_000, [50_000], {
        trials: { npv: new Float64Array(T).fill(100_000), spend: trialSpend },
      }),
    ],
    1,
    T,
  );
  const doc = (breachProbability: number) =>
    portfolioDoc(1, 1, { budgetByYear: [100_000], objective: 'npvWithBreachLimit', breachProbability });

  it('takes A when one breach in ten trials is allowed (10 %)', async () => {
    const { selection } = await optimise(doc(0.1), t, [100_000]);
    expect(selection!.byUseCase).toEqual([0]);
  });

  it('leaves A out when no breach is allowed', async () => {
    const { selection } = await optimise(doc(0.05), t, [100_000]);
    expect(selection!.byUseCase).toEqual([null]);
  });
});

describe('the cautious objective', () => {
  it('sums P10s: the steadier option wins though its NPV is lower', async () => {
    const d = portfolioDoc(1, 1, { objective: 'p10' });
    const t = table(
      [
        candidate(0, 'bold', 0, 300_000, [100_000], { p10: -50_000 }),
        candidate(0, 'steady', 0, 200_000, [100_000], { p10: 120_000 }),
      ],
      1,
    );
    const { selection } = await optimise(d, t, d.budgetByYear);
    expect(selection!.byUseCase).toEqual([1]);
    expect(objectiveOf(d, t, selection!)).toBe(120_000);
  });
});

describe('what was left out, and why', () => {
  it('names the year a worthwhile option would break', async () => {
    const { doc, t } = twoUseCases();
    const now = { ...doc, startOffsets: [0] };
    const only = table(
      t.candidates.filter((c) => c.offset === 0),
      2,
    );
    const { selection } = await optimise(now, only, now.budgetByYear);
    expect(leftOutOf(now, only, selection!, now.budgetByYear)).toEqual([
      { scenarioId: 'u1', reason: { kind: 'budget', optionId: 'b', npv: 600_000, years: [2027] } },
    ]);
  });

  it('says the breach limit keeps out what fits the base-case budget', async () => {
    const T = 10;
    const t = table(
      [
        candidate(0, 'a', 0, 100_000, [50_000], {
          trials: {
            npv: new Float64Array(T).fill(100_000),
            spend: Float64Array.from({ length: T }, (_, i) => (i === 0 ? 150_000 : 50_000)),
          },
        }),
      ],
      1,
      T,
    );
    const d = portfolioDoc(1, 1, {
      budgetByYear: [100_000],
      objective: 'npvWithBreachLimit',
      breachProbability: 0,
    });
    const { selection } = await optimise(d, t, [100_000]);
    expect(leftOutOf(d, t, selection!, [100_000])[0]!.reason).toEqual({
      kind: 'breachLimit',
      optionId: 'a',
      npv: 100_000,
    });
  });

  it('says the hires allowed run short, and that a use case with only losing options is not worth it', async () => {
    const d = portfolioDoc(2, 1, { resources: { sharedServers: null, hiresPerYear: 0 } });
    const t = table(
      [
        candidate(0, 'build', 0, 200_000, [100_000], { hires: [1] }),
        candidate(1, 'loses', 0, -5_000, [1_000]),
      ],
      1,
    );
    const { selection } = await optimise(d, t, d.budgetByYear);
    expect(leftOutOf(d, t, selection!, d.budgetByYear)).toEqual([
      { scenarioId: 'u0', reason: { kind: 'resources', optionId: 'build', npv: 200_000 } },
      { scenarioId: 'u1', reason: { kind: 'notWorthIt', bestOptionId: 'loses', bestNpv: -5_000 } },
    ]);
  });

  it('names the use case whose platform is missing', async () => {
    const d = portfolioDoc(2, 1, {
      budgetByYear: [100_000],
      dependencies: [{ scenarioId: 'u1', needsScenarioId: 'u0' }],
    });
    const t = table(
      [candidate(0, 'platform', 0, -50_000, [80_000]), candidate(1, 'app', 0, 40_000, [50_000])],
      1,
    );
    const { selection } = await optimise(d, t, d.budgetByYear);
    expect(leftOutOf(d, t, selection!, d.budgetByYear)[1]).toEqual({
      scenarioId: 'u1',
      reason: { kind: 'dependency', needsScenarioId: 'u0' },
    });
  });
});
