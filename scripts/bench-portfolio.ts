/**
 * npm run bench (portfolio part) — the hospital's AI plan solved by HiGHS, printed, never
 * asserted: 10 use cases × 4 options × every start year of a 5-year horizon with each
 * objective (the goal: ≤ 2 s for Σ NPV), and 30 use cases within the solver's time limit with
 * the gap it reports. Time is the whole plan: the engine's runs at every start, the solve, the
 * LP duals, the committee's simple plans and the plan's Monte Carlo.
 */
import { performance } from 'node:perf_hooks';

import { aiBudgetByYear } from '~/engine/timeline';
import { compileScenario } from '~/engine';
import { buildCandidates } from '~/portfolio/candidates';
import { planPortfolio } from '~/portfolio/plan';
import type { PortfolioDocument, PortfolioObjective } from '~/portfolio/portfolio';

import { portfolioScenarios } from './portfolio-scenarios';
import { renderTable } from './table';

const H = 5;

function documentFor(
  count: number,
  objective: PortfolioObjective,
): ReturnType<typeof portfolioScenarios> extends infer S ? { doc: PortfolioDocument; scenarios: S } : never {
  const scenarios = portfolioScenarios(count, H);
  const model = compileScenario(scenarios[0]!);
  // A fifth of the hospital's AI budget: enough for some use cases, not all.
  const budget = Array.from(aiBudgetByYear(model, model.params.base)).map((b) => Math.round(b * 0.2));
  const doc: PortfolioDocument = {
    name: `${count} use cases`,
    members: scenarios.map((s) => ({ scenarioId: s.id!, version: 1 })),
    startYear: 2027,
    horizonYears: H,
    discountRate: 0.08,
    startOffsets: [0, 1, 2, 3, 4],
    budgetByYear: budget,
    committedByYear: new Array<number>(H).fill(0),
    researchBudgetByYear: new Array<number>(H).fill(0),
    forced: [],
    dependencies: [],
    objective,
    breachProbability: 0.1,
    resources: { sharedServers: null, hiresPerYear: 2 },
  };
  return { doc, scenarios } as never;
}

const wan = (cny: number | null) => (cny === null ? '—' : (cny / 10_000).toFixed(1));
const rows: string[][] = [];
const run = async (count: number, objective: PortfolioObjective, note = '') => {
  const { doc, scenarios } = documentFor(count, objective);
  const started = performance.now();
  const table = buildCandidates(doc, scenarios);
  const candidatesMs = performance.now() - started;
  const plan = await planPortfolio({ document: doc, scenarios });
  const totalMs = performance.now() - started - candidatesMs;
  const funded = plan.choices.filter((c) => c.optionId !== null).length;
  rows.push([
    `${count} × 4 × ${H}${note}`,
    objective,
    String(table.candidates.length),
    plan.status,
    plan.gap === null ? '—' : `${(plan.gap * 100).toFixed(3)} %`,
    `${funded}/${count}`,
    wan(plan.objectiveValue),
    wan(plan.alternatives.find((a) => a.name === 'positiveNpvGreedy')!.objectiveValue),
    (candidatesMs / 1000).toFixed(2),
    (totalMs / 1000).toFixed(2),
  ]);
};

await run(10, 'npv');
await run(10, 'p10');
await run(10, 'npvWithBreachLimit');
await run(30, 'npv');
await run(30, 'p10');
await run(30, 'npvWithBreachLimit');
console.log('\nPortfolio plans (HiGHS MILP; seconds on this machine)\n');
console.log(
  renderTable(
    [
      'use cases × options × starts',
      'objective',
      'candidates',
      'status',
      'gap',
      'funded',
      'optimum (万元)',
      'best-first (万元)',
      'engine runs only (s)',
      'whole plan (s)',
    ],
    rows,
  ),
);
console.log(
  '\nGoal: the 10-use-case npv plan ≤ 2 s (whole plan); 30 use cases within the 15 s solver time limit (30 s a job).',
);
