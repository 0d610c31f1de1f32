/**
 * What a plan does, whoever made it (the solver, a committee's rule of thumb, a brute-force
 * check): its spend year by year against the cap, its objective, the years it breaks, and the
 * fewest shared servers that carry its load.
 */
import { compoundFactors } from '../engine/timeline';

import type { Candidate, CandidateTable } from './candidates';
import { poolCostByYear, serverCosts, serversInService } from './milp';
import type { PlanChoice, PlanYear, PortfolioDocument, SharedServers } from './portfolio';

/** A plan: per use case the candidate chosen (index into the table) or null, and servers bought per year. */
export interface Selection {
  byUseCase: (number | null)[];
  serverPurchases: number[];
}

/** Tolerance for "within budget" (CNY): rounding in sums of monthly flows. */
export const BUDGET_TOLERANCE = 1;

const chosen = (table: CandidateTable, selection: Selection): Candidate[] =>
  selection.byUseCase.flatMap((i) => (i === null ? [] : [table.candidates[i]!]));

/** The fewest servers to buy each year so that those in service carry the plan's load. */
export function fewestServers(spec: SharedServers, loads: readonly number[]): number[] {
  const capacity = spec.tokensPerSecondPerServer * spec.targetUtilization;
  const purchases = new Array<number>(loads.length).fill(0);
  loads.forEach((load, y) => {
    const needed = capacity > 0 ? Math.ceil(load / capacity - 1e-9) : 0;
    const have = serversInService(purchases, spec.usefulLifeYears, y);
    if (needed > have) purchases[y] = needed - have;
  });
  return purchases;
}

/** The plan's load on the shared servers, year by year (tokens/s). */
export function serverLoadByYear(table: CandidateTable, selection: Selection): number[] {
  const load = new Array<number>(table.years).fill(0);
  for (const c of chosen(table, selection)) c.serverLoad.forEach((v, y) => (load[y]! += v));
  return load;
}

/** Present value (to the portfolio's start) of the pool's cost. */
export function poolPresentValue(doc: PortfolioDocument, purchases: readonly number[]): number {
  const spec = doc.resources.sharedServers;
  if (!spec) return 0;
  const discount = compoundFactors(doc.discountRate, purchases.length + 1);
  return poolCostByYear(spec, purchases).reduce((pv, cost, y) => pv + cost / discount[y + 1]!, 0);
}

/** The value the objective counts for one candidate. */
export const candidateValue = (doc: PortfolioDocument, c: Candidate): number =>
  doc.objective === 'p10' ? (c.p10 ?? c.npv) : c.npv;

export function objectiveOf(doc: PortfolioDocument, table: CandidateTable, selection: Selection): number {
  const value = chosen(table, selection).reduce((sum, c) => sum + candidateValue(doc, c), 0);
  return value - poolPresentValue(doc, selection.serverPurchases);
}

export function npvOf(doc: PortfolioDocument, table: CandidateTable, selection: Selection): number {
  const value = chosen(table, selection).reduce((sum, c) => sum + c.npv, 0);
  return value - poolPresentValue(doc, selection.serverPurchases);
}

/** Each year's cap: budget less commitments. */
export const capsOf = (doc: PortfolioDocument, budget: readonly number[]): number[] =>
  Array.from({ length: doc.horizonYears }, (_, y) => (budget[y] ?? 0) - (doc.committedByYear[y] ?? 0));

export function planYears(
  doc: PortfolioDocument,
  table: CandidateTable,
  selection: Selection,
  budget: readonly number[],
  duals: readonly number[] | null = null,
): PlanYear[] {
  const spec = doc.resources.sharedServers;
  const pool = spec ? poolCostByYear(spec, selection.serverPurchases) : null;
  const caps = capsOf(doc, budget);
  const picks = chosen(table, selection);
  return caps.map((cap, y) => {
    const byScenario: Record<string, number> = {};
    let spend = 0;
    let researchDraw = 0;
    let newHires = 0;
    for (const c of picks) {
      const id = doc.members[c.useCase]!.scenarioId;
      byScenario[id] = (byScenario[id] ?? 0) + c.spend[y]!;
      spend += c.spend[y]!;
      researchDraw += c.research[y]!;
      newHires += c.hires[y]!;
    }
    const sharedServers = pool ? pool[y]! : 0;
    spend += sharedServers;
    const headroom = cap - spend;
    return {
      year: doc.startYear + y,
      spend,
      budget: budget[y] ?? 0,
      committed: doc.committedByYear[y] ?? 0,
      headroom,
      byScenario,
      sharedServers,
      researchDraw,
      researchBudget: doc.researchBudgetByYear[y] ?? 0,
      newHires,
      binding:
        (duals !== null && (duals[y] ?? 0) > 1e-9) ||
        Math.abs(headroom) <= Math.max(BUDGET_TOLERANCE, 1e-3 * Math.abs(cap)),
    };
  });
}

/** Calendar years in which the plan spends more than the cap. */
export const breachYears = (years: readonly PlanYear[]): number[] =>
  years.filter((y) => y.headroom < -BUDGET_TOLERANCE).map((y) => y.year);

/** Whether the plan keeps every constraint (budget, research pot, hires, servers, dependencies). */
export function violations(
  doc: PortfolioDocument,
  table: CandidateTable,
  selection: Selection,
  budget: readonly number[],
): { budgetYears: number[]; research: boolean; hires: boolean; servers: boolean; dependencies: boolean } {
  const years = planYears(doc, table, selection, budget);
  const spec = doc.resources.sharedServers;
  let servers = false;
  if (spec) {
    const load = serverLoadByYear(table, selection);
    const capacity = spec.tokensPerSecondPerServer * spec.targetUtilization;
    servers = load.some((l, y) => {
      const inService = serversInService(selection.serverPurchases, spec.usefulLifeYears, y);
      return l > capacity * inService + 1e-6 || (spec.maxServers !== null && inService > spec.maxServers);
    });
  }
  const offsetOf = (u: number) => {
    const i = selection.byUseCase[u];
    return i === null || i === undefined ? null : table.candidates[i]!.offset;
  };
  const index = new Map(doc.members.map((m, i) => [m.scenarioId, i]));
  const dependencies = doc.dependencies.some((d) => {
    const b = offsetOf(index.get(d.scenarioId)!);
    const a = offsetOf(index.get(d.needsScenarioId)!);
    return b !== null && (a === null || a > b);
  });
  return {
    budgetYears: breachYears(years),
    research: years.some((y) => y.researchDraw > y.researchBudget + BUDGET_TOLERANCE),
    hires:
      doc.resources.hiresPerYear !== null &&
      years.some((y) => y.newHires > doc.resources.hiresPerYear! + 1e-9),
    servers,
    dependencies,
  };
}

export function choicesOf(doc: PortfolioDocument, table: CandidateTable, selection: Selection): PlanChoice[] {
  return doc.members.map((member, u) => {
    const i = selection.byUseCase[u];
    const c = i === null || i === undefined ? null : table.candidates[i]!;
    return {
      scenarioId: member.scenarioId,
      optionId: c ? c.optionId : null,
      startOffsetYears: c ? c.offset : null,
      npv: c ? c.npv : 0,
      p10: c ? c.p10 : null,
    };
  });
}

/** The servers' yearly running cost and price, for the report's assumptions. */
export { serverCosts };
