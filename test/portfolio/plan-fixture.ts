/**
 * A hand-made solved plan for two use cases over 2027–2028 (budget 500,000 a year): a's build
 * option now, b left out for the budget. Stored in the plan cache, it stands in for a solve where
 * a test is about the route, not the solver.
 */
import type { PortfolioPlan } from '~/portfolio/portfolio';

export function planFixture(a: string, b: string): PortfolioPlan {
  return {
    useCases: [
      {
        scenarioId: a,
        version: 1,
        name: 'Use case a',
        options: [
          { id: 'a-buy', name: 'a-buy', kind: 'buy' },
          { id: 'a-build', name: 'a-build', kind: 'build' },
        ],
      },
      {
        scenarioId: b,
        version: 1,
        name: 'Use case b',
        options: [
          { id: 'b-buy', name: 'b-buy', kind: 'buy' },
          { id: 'b-build', name: 'b-build', kind: 'build' },
        ],
      },
    ],
    budgetByYear: [500_000, 500_000],
    status: 'optimal',
    objective: 'npv',
    objectiveValue: 812_000,
    gap: 0,
    infeasibleYears: [],
    choices: [
      { scenarioId: a, optionId: 'a-build', startOffsetYears: 0, npv: 812_000, p10: null },
      { scenarioId: b, optionId: null, startOffsetYears: null, npv: 0, p10: null },
    ],
    years: [
      {
        year: 2027,
        spend: 480_000,
        budget: 500_000,
        committed: 0,
        headroom: 20_000,
        byScenario: { [a]: 480_000 },
        sharedServers: 0,
        researchDraw: 0,
        researchBudget: 0,
        newHires: 1,
        binding: true,
      },
      {
        year: 2028,
        spend: 120_000,
        budget: 500_000,
        committed: 0,
        headroom: 380_000,
        byScenario: { [a]: 120_000 },
        sharedServers: 0,
        researchDraw: 0,
        researchBudget: 0,
        newHires: 0,
        binding: false,
      },
    ],
    sharedServers: null,
    duals: [
      { year: 2027, value: 0.35 },
      { year: 2028, value: 0 },
    ],
    alternatives: [
      {
        name: 'positiveNpvGreedy',
        objectiveValue: 640_000,
        npv: 640_000,
        choices: [],
        breachYears: [],
        lossAgainstOptimum: 172_000,
        breachProbability: null,
      },
      {
        name: 'everythingNow',
        objectiveValue: 1_100_000,
        npv: 1_100_000,
        choices: [],
        breachYears: [2027],
        lossAgainstOptimum: null,
        breachProbability: null,
      },
    ],
    leftOut: [{ scenarioId: b, reason: { kind: 'budget', optionId: 'b-buy', npv: 300_000, years: [2027] } }],
    monteCarlo: null,
    checked: true,
    solveSeconds: 0.2,
  };
}
