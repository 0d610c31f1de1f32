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
import { alignScenario, buildCandidates, type Candidate, type CandidateTable } from './candidates';
import {
  BUDGET_TOLERANCE,
  breachYears,
  candidateValue,
  capsOf,
  choicesOf,
  npvOf,
  objectiveOf,
  planYears,
  poolPresentValue,
  violations,
  type Selection,
} from './evaluate';
import { buildProgram, poolCostByYear, type PortfolioProgram } from './milp';
import {
  PORTFOLIO_TRIALS,
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
): Promise<number[]> {
  const elastic = buildProgram(doc, table, { budgetByYear: budget, elastic: true });
  const outcome = await solveProgram(elastic, SOLVE_TIME_LIMIT_SECONDS);
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
  const Y = table.years;
  const spec = doc.resources.sharedServers;
  const pool = spec ? poolCostByYear(spec, selection.serverPurchases) : null;
  const caps = capsOf(doc, budget);
  const picks = selection.byUseCase.flatMap((i) => (i === null ? [] : [table.candidates[i]!]));
  let breaches = 0;
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < Y; y++) {
      let spend = pool ? pool[y]! : 0;
      for (const c of picks) spend += c.trials!.spend[y * T + t]!;
      if (spend > caps[y]! + BUDGET_TOLERANCE) {
        breaches++;
        break;
      }
    }
  }
  return breaches / T;
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
  const spend = new Float64Array(Y * T);
  const spec = doc.resources.sharedServers;
  const pool = spec ? poolCostByYear(spec, selection.serverPurchases) : null;
  for (let y = 0; y < Y; y++) spend.fill(pool ? pool[y]! : 0, y * T, (y + 1) * T);
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
      trials = {
        npv: columns.npv.slice(k * T, (k + 1) * T),
        spend: columns.yearlySpend!.slice(k * Y * T, (k + 1) * Y * T),
      };
    }
    for (let t = 0; t < T; t++) npv[t]! += trials.npv[t]!;
    for (let j = 0; j < Y * T; j++) spend[j]! += trials.spend[j]!;
  });
  const caps = capsOf(doc, budget);
  let breaches = 0;
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < Y; y++) {
      if (spend[y * T + t]! > caps[y]! + BUDGET_TOLERANCE) {
        breaches++;
        break;
      }
    }
  }
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
    breachProbability: breaches / T,
    histogram: { edges: Array.from({ length: bins + 1 }, (_, b) => low + b * width), counts },
  };
}

/**
 * The plan's flows added up again from fresh engine runs of each chosen option (not the table
 * the solver read): every year within its cap, and the same numbers as the table.
 */
function recheck(
  doc: PortfolioDocument,
  scenarios: readonly Scenario[],
  table: CandidateTable,
  selection: Selection,
  budget: readonly number[],
): boolean {
  const spec = doc.resources.sharedServers;
  const spend = spec
    ? poolCostByYear(spec, selection.serverPurchases)
    : new Array<number>(doc.horizonYears).fill(0);
  for (const [u, i] of selection.byUseCase.entries()) {
    if (i === null) continue;
    const c = table.candidates[i]!;
    const model = withStartDelay(compileScenario(alignScenario(scenarios[u]!, doc)), c.offset * 12);
    const option = runModel(model).options.find((o) => o.id === c.optionId)!;
    for (const [y, year] of option.years.entries()) {
      const fresh = year.cashOut - year.funding;
      if (Math.abs(fresh - c.spend[y]!) > BUDGET_TOLERANCE) return false;
      spend[y]! += fresh;
    }
  }
  const caps = capsOf(doc, budget);
  return spend.every((s, y) => s <= caps[y]! + BUDGET_TOLERANCE);
}

/** Why each use case the plan leaves out is left out. */
function leftOutOf(
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
    // Added to the plan as it stands, at any start: what would it break?
    const positive = own
      .filter(({ c }) => candidateValue(doc, c) > 0)
      .sort((a, b) => candidateValue(doc, b.c) - candidateValue(doc, a.c));
    let fitsBudget: { c: Candidate } | null = null;
    for (const { c, i } of positive) {
      const trial = [...selection.byUseCase];
      trial[u] = i;
      const v = violations(doc, table, { ...selection, byUseCase: trial }, budget);
      if (v.budgetYears.length === 0) {
        fitsBudget = { c };
        break;
      }
    }
    const reason: LeftOutReason = fitsBudget
      ? { kind: 'resources', optionId: fitsBudget.c.optionId, npv: fitsBudget.c.npv }
      : (() => {
          const trial = [...selection.byUseCase];
          trial[u] = best.i;
          const years = violations(doc, table, { ...selection, byUseCase: trial }, budget).budgetYears;
          return { kind: 'budget' as const, optionId: best.c.optionId, npv: best.c.npv, years };
        })();
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
  const { program, outcome, selection } = await optimise(doc, table, budget, ask.timeLimitSeconds);
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
    const infeasible = outcome.status === 'infeasible' ? await infeasibleYears(doc, table, budget) : [];
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
  const rowDuals = await relaxationDuals(dualProgram);
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
              selection.serverPurchases
                .slice(Math.max(0, y - spec.usefulLifeYears + 1), y + 1)
                .reduce((a, b) => a + b, 0),
            ),
          ),
          costByYear: poolCostByYear(spec, selection.serverPurchases),
        }
      : null,
    duals,
    alternatives: alternativesFor(objectiveValue),
    leftOut: leftOutOf(doc, table, selection, budget),
    monteCarlo: planMonteCarlo(doc, ask.scenarios, table, selection, budget),
    checked: recheck(doc, ask.scenarios, table, selection, budget),
    solveSeconds: (performance.now() - started) / 1000,
  };
}
