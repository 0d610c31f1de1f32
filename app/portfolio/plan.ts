/**
 * Plans a portfolio: every use case's options run by the engine at every allowed start, the
 * mixed-integer program over them solved by HiGHS, the committee's simple plans beside it, and
 * the chosen plan re-checked and put through the Monte Carlo. Pure but for the solver's
 * WebAssembly; the server runs it in the worker pool (a solve blocks its thread).
 */
import { compileScenario } from '../engine/compile';
import { uncertaintyOf, type Scenario } from '../engine/schema';
import { runModel, withStartDelay } from '../engine/simulate';
import { summarize } from '../engine/uncertainty/percentiles';
import { runTrials } from '../engine/uncertainty/trials';

import { everythingNow, positiveNpvGreedy } from './baselines';
import {
  alignScenario,
  buildCandidates,
  optionTrials,
  type Candidate,
  type CandidateTable,
} from './candidates';
import {
  BUDGET_TOLERANCE,
  breachYears,
  candidateValue,
  capsOf,
  choicesOf,
  fewestServers,
  npvOf,
  objectiveOf,
  planYears,
  poolPresentValue,
  serverLoadByYear,
  violations,
  type Selection,
} from './evaluate';
import { buildProgram, poolCostByYear, serversInService, type PortfolioProgram } from './milp';
import {
  PORTFOLIO_TRIALS,
  PLAN_DEADLINE_SECONDS,
  SOLVE_TIME_LIMIT_SECONDS,
  type Alternative,
  type LeftOutReason,
  type PlanMonteCarlo,
  type PortfolioDocument,
  type PortfolioPlan,
} from './portfolio';
import { relaxationDuals, solveProgram } from './solve';

export interface PlanAsk {
  document: PortfolioDocument;
  /** The pinned versions' documents, in the order of `document.members`. */
  scenarios: Scenario[];
  /** A what-if on the budget (CNY per plan year); the document's own when absent. */
  budgetByYear?: number[];
  /** Seconds the solver may search (default SOLVE_TIME_LIMIT_SECONDS). */
  timeLimitSeconds?: number;
  /**
   * Seconds the whole plan may take (default PLAN_DEADLINE_SECONDS, inside the job's limit):
   * each step after the solve gets only the time left.
   */
  deadlineSeconds?: number;
}

const HISTOGRAM_BINS = 20;

function selectionOf(
  program: PortfolioProgram,
  table: CandidateTable,
  values: Float64Array,
  useCases: number,
) {
  const byUseCase = new Array<number | null>(useCases).fill(null);
  program.candidateColumns.forEach((col, i) => {
    if (values[col]! > 0.5) byUseCase[table.candidates[i]!.useCase] = i;
  });
  return { byUseCase, serverPurchases: program.serverColumns.map((col) => Math.round(values[col]!)) };
}

/** The calendar years whose cap cannot be met: the overruns a stretched budget needs. */
export async function infeasibleYears(
  doc: PortfolioDocument,
  table: CandidateTable,
  budget: number[],
  timeLimitSeconds = SOLVE_TIME_LIMIT_SECONDS,
): Promise<number[]> {
  const elastic = buildProgram(doc, table, { budgetByYear: budget, elastic: true });
  const outcome = await solveProgram(elastic, timeLimitSeconds);
  if (!outcome.values) return [];
  const slackStart = elastic.columns.length - doc.horizonYears;
  const years: number[] = [];
  for (let y = 0; y < doc.horizonYears; y++) {
    if (outcome.values[slackStart + y]! > 1e-6) years.push(doc.startYear + y);
  }
  return years;
}

/** Share of the table's trials in which the plan overruns some year's cap. */
function trialBreachShare(
  doc: PortfolioDocument,
  table: CandidateTable,
  selection: Selection,
  budget: readonly number[],
): number {
  const T = table.trials;
  const spend = poolSpendByTrial(doc, selection, T);
  for (const i of selection.byUseCase) {
    if (i === null) continue;
    const trials = table.candidates[i]!.trials!.spend;
    for (let j = 0; j < spend.length; j++) spend[j]! += trials[j]!;
  }
  return overCapShare(spend, capsOf(doc, budget), T);
}

/** The shared servers' cost in every trial (it does not vary), at [y × T + t]. */
function poolSpendByTrial(doc: PortfolioDocument, selection: Selection, T: number): Float64Array {
  const spend = new Float64Array(doc.horizonYears * T);
  const spec = doc.resources.sharedServers;
  if (!spec) return spend;
  poolCostByYear(spec, selection.serverPurchases).forEach((cost, y) => spend.fill(cost, y * T, (y + 1) * T));
  return spend;
}

/**
 * Share of trials in which some year's spend ([y × T + t]) passes its cap. A trial the model
 * could not value counts as over, as the breach limit's rows count it at its worst.
 */
function overCapShare(spend: Float64Array, caps: readonly number[], T: number): number {
  let over = 0;
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < caps.length; y++) {
      if (!(spend[y * T + t]! <= caps[y]! + BUDGET_TOLERANCE)) {
        over++;
        break;
      }
    }
  }
  return over / T;
}

/** Each use case's trials of the chosen candidates: the Monte Carlo of the plan as a whole. */
function planMonteCarlo(
  doc: PortfolioDocument,
  scenarios: readonly Scenario[],
  table: CandidateTable,
  selection: Selection,
  budget: readonly number[],
): PlanMonteCarlo {
  const Y = doc.horizonYears;
  const T = table.trials > 0 ? table.trials : PORTFOLIO_TRIALS;
  const npv = new Float64Array(T).fill(-poolPresentValue(doc, selection.serverPurchases));
  const spend = poolSpendByTrial(doc, selection, T);
  selection.byUseCase.forEach((i, u) => {
    if (i === null) return;
    const c = table.candidates[i]!;
    let trials = c.trials;
    if (!trials) {
      const aligned = alignScenario(scenarios[u]!, doc);
      const model = withStartDelay(compileScenario(aligned), c.offset * 12);
      const k = model.options.findIndex((o) => o.id === c.optionId);
      const uncertainty = uncertaintyOf(aligned);
      const columns = runTrials(model, uncertainty, { trials: T, seed: uncertainty.seed, recordSpend: true });
      trials = optionTrials(columns, k, Y, T);
    }
    for (let t = 0; t < T; t++) npv[t]! += trials.npv[t]!;
    for (let j = 0; j < Y * T; j++) spend[j]! += trials.spend[j]!;
  });
  const stats = summarize(npv);
  const finite = Array.from(npv).filter(Number.isFinite);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const width = high > low ? (high - low) / HISTOGRAM_BINS : 1;
  const bins = high > low ? HISTOGRAM_BINS : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor((v - low) / width))]!++;
  return {
    trials: T,
    ...stats,
    breachProbability: overCapShare(spend, capsOf(doc, budget), T),
    histogram: { edges: Array.from({ length: bins + 1 }, (_, b) => low + b * width), counts },
  };
}

/**
 * The plan added up again from fresh engine runs of each chosen option (not the table the
 * solver read): the same spend, research draws, hires and server load as the table, and every
 * limit kept — each year's cap, the research pot, hires, servers, dependencies.
 */
export function recheck(
  doc: PortfolioDocument,
  scenarios: readonly Scenario[],
  table: CandidateTable,
  selection: Selection,
  budget: readonly number[],
): boolean {
  const pooled = doc.resources.sharedServers !== null;
  const same = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;
  for (const [u, i] of selection.byUseCase.entries()) {
    if (i === null) continue;
    const c = table.candidates[i]!;
    const model = withStartDelay(compileScenario(alignScenario(scenarios[u]!, doc)), c.offset * 12);
    const option = runModel(model).options.find((o) => o.id === c.optionId)!;
    const agrees = option.years.every(
      (year, y) =>
        same(year.cashOut - year.funding, c.spend[y]!, BUDGET_TOLERANCE) &&
        same(year.researchFunding, c.research[y]!, BUDGET_TOLERANCE) &&
        same(year.newHires, c.hires[y]!, 1e-9) &&
        same(pooled ? year.peakServerLoad : 0, c.serverLoad[y]!, 1e-9),
    );
    if (!agrees) return false;
  }
  // The fresh runs are the table's numbers: every limit read from them holds.
  const v = violations(doc, table, selection, budget);
  return v.budgetYears.length === 0 && !v.research && !v.hires && !v.servers && !v.dependencies;
}

/** The plan with use case u taking candidate i, the shared servers bought for the new load. */
function withOption(
  doc: PortfolioDocument,
  table: CandidateTable,
  selection: Selection,
  u: number,
  i: number,
): Selection {
  const byUseCase = [...selection.byUseCase];
  byUseCase[u] = i;
  const spec = doc.resources.sharedServers;
  if (!spec) return { ...selection, byUseCase };
  const serverPurchases = fewestServers(spec, serverLoadByYear(table, { ...selection, byUseCase }));
  return { byUseCase, serverPurchases };
}

/** Why each use case the plan leaves out is left out. */
export function leftOutOf(
  doc: PortfolioDocument,
  table: CandidateTable,
  selection: Selection,
  budget: readonly number[],
): PortfolioPlan['leftOut'] {
  const out: PortfolioPlan['leftOut'] = [];
  doc.members.forEach((member, u) => {
    if (selection.byUseCase[u] !== null) return;
    const own = table.candidates.map((c, i) => ({ c, i })).filter(({ c }) => c.useCase === u);
    const best = own.reduce<{ c: Candidate; i: number } | null>(
      (a, b) => (a === null || candidateValue(doc, b.c) > candidateValue(doc, a.c) ? b : a),
      null,
    );
    if (!best || candidateValue(doc, best.c) <= 0) {
      out.push({
        scenarioId: member.scenarioId,
        reason: {
          kind: 'notWorthIt',
          bestOptionId: best?.c.optionId ?? null,
          bestNpv: best ? best.c.npv : 0,
        },
      });
      return;
    }
    const need = doc.dependencies.find(
      (d) =>
        d.scenarioId === member.scenarioId &&
        selection.byUseCase[doc.members.findIndex((m) => m.scenarioId === d.needsScenarioId)] === null,
    );
    if (need) {
      out.push({
        scenarioId: member.scenarioId,
        reason: { kind: 'dependency', needsScenarioId: need.needsScenarioId },
      });
      return;
    }
    // Added to the plan as it stands, at each start: what would it break?
    const positive = own
      .filter(({ c }) => candidateValue(doc, c) > 0)
      .sort((a, b) => candidateValue(doc, b.c) - candidateValue(doc, a.c));
    const current = objectiveOf(doc, table, selection);
    let reason: LeftOutReason | null = null;
    let withinBudget: Candidate | null = null;
    for (const { c, i } of positive) {
      const added = withOption(doc, table, selection, u, i);
      const v = violations(doc, table, added, budget);
      if (v.budgetYears.length > 0) continue;
      if (v.research || v.hires || v.servers || v.dependencies) {
        withinBudget ??= c;
        continue;
      }
      // It fits every limit: the breach limit, the servers it needs, or an unproved plan keep it out.
      const kind =
        doc.objective === 'npvWithBreachLimit'
          ? 'breachLimit'
          : objectiveOf(doc, table, added) <= current + BUDGET_TOLERANCE
            ? 'resources'
            : 'displaced';
      reason = { kind, optionId: c.optionId, npv: c.npv };
      break;
    }
    if (!reason && withinBudget) {
      reason = { kind: 'resources', optionId: withinBudget.optionId, npv: withinBudget.npv };
    }
    if (!reason) {
      const years = violations(doc, table, withOption(doc, table, selection, u, best.i), budget).budgetYears;
      reason = { kind: 'budget', optionId: best.c.optionId, npv: best.c.npv, years };
    }
    out.push({ scenarioId: member.scenarioId, reason });
  });
  return out;
}

/** The optimum over a table of candidates: HiGHS's outcome and the plan it chose (null: none found). */
export async function optimise(
  doc: PortfolioDocument,
  table: CandidateTable,
  budget: readonly number[],
  timeLimitSeconds = SOLVE_TIME_LIMIT_SECONDS,
) {
  const program = buildProgram(doc, table, {
    budgetByYear: budget,
    breachLimit: doc.objective === 'npvWithBreachLimit',
  });
  const outcome = await solveProgram(program, timeLimitSeconds);
  const selection = outcome.values ? selectionOf(program, table, outcome.values, doc.members.length) : null;
  return { program, outcome, selection };
}

export async function planPortfolio(ask: PlanAsk): Promise<PortfolioPlan> {
  const started = performance.now();
  const doc = ask.document;
  const budget = ask.budgetByYear ?? doc.budgetByYear;
  const table = buildCandidates(doc, ask.scenarios);
  const deadline = ask.deadlineSeconds ?? PLAN_DEADLINE_SECONDS;
  const left = () => deadline - (performance.now() - started) / 1000;
  // The solve leaves six seconds for the duals, the Monte Carlo and the re-check.
  const { program, outcome, selection } = await optimise(
    doc,
    table,
    budget,
    Math.max(1, Math.min(ask.timeLimitSeconds ?? SOLVE_TIME_LIMIT_SECONDS, left() - 6)),
  );
  const useCases = doc.members.map((member, u) => ({
    scenarioId: member.scenarioId,
    version: member.version,
    name: ask.scenarios[u]!.name,
    options: ask.scenarios[u]!.options.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
  }));
  const none: Selection = {
    byUseCase: new Array<number | null>(doc.members.length).fill(null),
    serverPurchases: new Array<number>(doc.horizonYears).fill(0),
  };
  const alternativesFor = (optimum: number | null): Alternative[] =>
    [
      { name: 'positiveNpvGreedy' as const, selection: positiveNpvGreedy(doc, table, budget) },
      { name: 'everythingNow' as const, selection: everythingNow(doc, table) },
    ].map(({ name, selection }) => {
      const objectiveValue = objectiveOf(doc, table, selection);
      return {
        name,
        objectiveValue,
        npv: npvOf(doc, table, selection),
        choices: choicesOf(doc, table, selection),
        breachYears: breachYears(planYears(doc, table, selection, budget)),
        lossAgainstOptimum: optimum === null ? null : optimum - objectiveValue,
        breachProbability: table.trials > 0 ? trialBreachShare(doc, table, selection, budget) : null,
      };
    });

  if (!selection) {
    const infeasible =
      outcome.status === 'infeasible'
        ? await infeasibleYears(doc, table, budget, Math.max(1, left() - 1))
        : [];
    return {
      useCases,
      budgetByYear: [...budget],
      status: outcome.status,
      objective: doc.objective,
      objectiveValue: null,
      gap: null,
      infeasibleYears: infeasible,
      choices: choicesOf(doc, table, none),
      years: planYears(doc, table, none, budget),
      sharedServers: null,
      duals: [],
      alternatives: alternativesFor(null),
      leftOut: [],
      monteCarlo: null,
      checked: false,
      solveSeconds: (performance.now() - started) / 1000,
    };
  }

  const objectiveValue = objectiveOf(doc, table, selection);
  // The duals read the budget rows alone: a breach limit's thousand trial rows would only
  // slow the relaxation, and its duals are an estimate either way.
  const dualProgram =
    doc.objective === 'npvWithBreachLimit' ? buildProgram(doc, table, { budgetByYear: budget }) : program;
  const rowDuals = await relaxationDuals(dualProgram, Math.max(1, Math.min(10, left() - 4)));
  const duals = dualProgram.budgetRows.map((row, y) => ({
    year: doc.startYear + y,
    value: rowDuals ? Math.max(0, rowDuals[row]!) : 0,
  }));
  const spec = doc.resources.sharedServers;
  return {
    useCases,
    budgetByYear: [...budget],
    status: outcome.status,
    objective: doc.objective,
    objectiveValue,
    gap: outcome.gap,
    infeasibleYears: [],
    choices: choicesOf(doc, table, selection),
    years: planYears(
      doc,
      table,
      selection,
      budget,
      duals.map((d) => d.value),
    ),
    sharedServers: spec
      ? {
          servers: Math.max(
            0,
            ...selection.serverPurchases.map((_, y) =>
              serversInService(selection.serverPurchases, spec.usefulLifeYears, y),
            ),
          ),
          costByYear: poolCostByYear(spec, selection.serverPurchases),
        }
      : null,
    duals,
    alternatives: alternativesFor(objectiveValue),
    leftOut: leftOutOf(doc, table, selection, budget),
    // Trials already run cost nothing more; new ones only while time is left.
    monteCarlo:
      table.trials > 0 || left() > 3 ? planMonteCarlo(doc, ask.scenarios, table, selection, budget) : null,
    checked: recheck(doc, ask.scenarios, table, selection, budget),
    solveSeconds: (performance.now() - started) / 1000,
  };
}
