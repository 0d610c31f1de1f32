/**
 * The portfolio as a mixed-integer program, written out as plain columns and rows (the solver
 * module hands them to HiGHS). One yes/no column per candidate (use case × option × start);
 * with shared servers, whole servers bought in each year; with a breach limit, one yes/no
 * column per Monte Carlo trial that may breach (sample-average approximation).
 *
 *   maximise   Σ value_c · x_c − PV(servers' cost)
 *   subject to Σ_c∈u x_c ≤ 1 for each use case u (= 1 when forced)
 *              Σ spend_c,y · x_c + servers' cost_y ≤ budget_y − committed_y   (each year y)
 *              Σ research_c,y · x_c ≤ research budget_y
 *              Σ hires_c,y · x_c ≤ hires cap
 *              Σ load_c,y · x_c ≤ capacity per server × servers in service_y
 *              B started in year k ⇒ A started by year k                    (dependencies)
 *              trial t over budget in year y only if z_t; Σ z_t ≤ ⌊α T⌋       (breach limit)
 *
 * Money is in 万元 inside the program (CNY ÷ 10,000): coefficients near 1 suit the solver.
 */
import { compoundFactors } from '../engine/timeline';

import type { CandidateTable } from './candidates';
import type { PortfolioDocument, SharedServers } from './portfolio';

export const MONEY_SCALE = 10_000;
/** Hours a month the engine charges servers' power for (730 = 8,760 ÷ 12). */
const HOURS_PER_MONTH = 730;

export interface LpColumn {
  cost: number;
  lower: number;
  upper: number;
  integer: boolean;
}

export interface LpRow {
  lower: number;
  upper: number;
  /** Column index → coefficient. */
  entries: Map<number, number>;
}

export interface PortfolioProgram {
  columns: LpColumn[];
  rows: LpRow[];
  /** Row of each year's budget (its dual is the value of one more unit of budget). */
  budgetRows: number[];
  /** Column of each candidate. */
  candidateColumns: number[];
  /** Columns of servers bought in each year (empty without a pool). */
  serverColumns: number[];
  /** Each year's cap (budget − committed), CNY. */
  caps: number[];
}

/** The yearly cost of one pooled server once bought (power and upkeep), and its purchase price. */
export function serverCosts(spec: SharedServers): { purchase: number; running: number } {
  const power = spec.kwPerServer * spec.pue * HOURS_PER_MONTH * spec.electricityPricePerKwh * 12;
  return {
    purchase: spec.capexPerServer,
    running: power + spec.maintenanceSharePerYear * spec.capexPerServer,
  };
}

/** Servers in service in year y from purchases b (each serves `life` years). */
export function serversInService(purchases: readonly number[], life: number, y: number): number {
  let n = 0;
  for (let k = Math.max(0, y - life + 1); k <= y; k++) n += purchases[k] ?? 0;
  return n;
}

/** The pool's cost in each year (CNY) for the given purchases. */
export function poolCostByYear(spec: SharedServers, purchases: readonly number[]): number[] {
  const { purchase, running } = serverCosts(spec);
  return purchases.map(
    (bought, y) => bought * purchase + running * serversInService(purchases, spec.usefulLifeYears, y),
  );
}

export type Objective = 'npv' | 'p10';

export interface ProgramOptions {
  /** The yearly budget (CNY); the document's own when absent. */
  budgetByYear?: readonly number[];
  /** Add the sample-average breach limit (objective npvWithBreachLimit). */
  breachLimit?: boolean;
  /** Let each year's budget stretch at a cost (to find which years cannot be met). */
  elastic?: boolean;
}

export function buildProgram(
  doc: PortfolioDocument,
  table: CandidateTable,
  options: ProgramOptions = {},
): PortfolioProgram {
  const Y = table.years;
  const S = MONEY_SCALE;
  const budget = options.budgetByYear ?? doc.budgetByYear;
  const caps = Array.from({ length: Y }, (_, y) => (budget[y] ?? 0) - (doc.committedByYear[y] ?? 0));
  const discount = compoundFactors(doc.discountRate, Y + 1);
  const columns: LpColumn[] = [];
  const rows: LpRow[] = [];
  const addRow = (lower: number, upper: number) => {
    rows.push({ lower, upper, entries: new Map() });
    return rows.length - 1;
  };
  const useP10 = doc.objective === 'p10';

  // Candidates, and which of them a forced choice rules out.
  const forcedByUseCase = new Map<number, { optionId: string; startOffsetYears: number | null }>();
  const memberIndex = new Map(doc.members.map((m, i) => [m.scenarioId, i]));
  for (const f of doc.forced) forcedByUseCase.set(memberIndex.get(f.scenarioId)!, f);
  const candidateColumns = table.candidates.map((c) => {
    const forced = forcedByUseCase.get(c.useCase);
    const allowed =
      !forced ||
      (forced.optionId === c.optionId &&
        (forced.startOffsetYears === null || forced.startOffsetYears === c.offset));
    columns.push({
      cost: (useP10 ? (c.p10 ?? c.npv) : c.npv) / S,
      lower: 0,
      upper: allowed ? 1 : 0,
      integer: true,
    });
    return columns.length - 1;
  });

  // At most one choice per use case (exactly one when forced).
  doc.members.forEach((_, u) => {
    const row = addRow(forcedByUseCase.has(u) ? 1 : -Infinity, 1);
    table.candidates.forEach((c, i) => {
      if (c.useCase === u) rows[row]!.entries.set(candidateColumns[i]!, 1);
    });
  });

  // The shared servers: whole servers bought each year, each serving its useful life.
  const spec = doc.resources.sharedServers;
  const serverColumns: number[] = [];
  let poolCost: ((y: number) => Map<number, number>) | null = null;
  if (spec) {
    const capacity = spec.tokensPerSecondPerServer * spec.targetUtilization;
    const peakLoad = Math.max(
      0,
      ...Array.from({ length: Y }, (_, y) => {
        const byUseCase = new Map<number, number>();
        for (const c of table.candidates) {
          byUseCase.set(c.useCase, Math.max(byUseCase.get(c.useCase) ?? 0, c.serverLoad[y]!));
        }
        return [...byUseCase.values()].reduce((a, b) => a + b, 0);
      }),
    );
    const needed = capacity > 0 ? Math.ceil(peakLoad / capacity - 1e-9) : 0;
    const upper = spec.maxServers === null ? needed : Math.min(needed, spec.maxServers);
    const { purchase, running } = serverCosts(spec);
    for (let y = 0; y < Y; y++) {
      // The money a server bought in year y costs, to the portfolio's start.
      let pv = purchase / discount[y + 1]!;
      for (let k = y; k < Math.min(Y, y + spec.usefulLifeYears); k++) pv += running / discount[k + 1]!;
      columns.push({ cost: -pv / S, lower: 0, upper, integer: true });
      serverColumns.push(columns.length - 1);
    }
    const life = spec.usefulLifeYears;
    poolCost = (y) => {
      const entries = new Map<number, number>();
      for (let k = Math.max(0, y - life + 1); k <= y; k++) {
        entries.set(serverColumns[k]!, (running + (k === y ? purchase : 0)) / S);
      }
      return entries;
    };
    for (let y = 0; y < Y; y++) {
      const row = addRow(-Infinity, 0);
      table.candidates.forEach((c, i) => {
        if (c.serverLoad[y]! > 0) rows[row]!.entries.set(candidateColumns[i]!, c.serverLoad[y]!);
      });
      for (let k = Math.max(0, y - life + 1); k <= y; k++)
        rows[row]!.entries.set(serverColumns[k]!, -capacity);
      if (spec.maxServers !== null) {
        const max = addRow(-Infinity, spec.maxServers);
        for (let k = Math.max(0, y - life + 1); k <= y; k++) rows[max]!.entries.set(serverColumns[k]!, 1);
      }
    }
  }

  // Each year's budget; an elastic program may overrun it at a price (phase one).
  const budgetRows: number[] = [];
  for (let y = 0; y < Y; y++) {
    const row = addRow(-Infinity, caps[y]! / S);
    table.candidates.forEach((c, i) => {
      if (c.spend[y] !== 0) rows[row]!.entries.set(candidateColumns[i]!, c.spend[y]! / S);
    });
    if (poolCost) for (const [col, v] of poolCost(y)) rows[row]!.entries.set(col, v);
    if (options.elastic) {
      columns.push({ cost: -1, lower: 0, upper: Infinity, integer: false });
      rows[row]!.entries.set(columns.length - 1, -1);
    }
    budgetRows.push(row);
  }
  if (options.elastic) {
    // Phase one only asks how little overrun the constraints allow.
    for (const col of candidateColumns) columns[col]!.cost = 0;
    for (const col of serverColumns) columns[col]!.cost = 0;
  }

  // The research budget is one pot across the chosen options.
  for (let y = 0; y < Y; y++) {
    if (!table.candidates.some((c) => c.research[y]! > 0)) continue;
    const row = addRow(-Infinity, (doc.researchBudgetByYear[y] ?? 0) / S);
    table.candidates.forEach((c, i) => {
      if (c.research[y]! > 0) rows[row]!.entries.set(candidateColumns[i]!, c.research[y]! / S);
    });
  }

  // New hires a year.
  if (doc.resources.hiresPerYear !== null) {
    for (let y = 0; y < Y; y++) {
      if (!table.candidates.some((c) => c.hires[y]! > 0)) continue;
      const row = addRow(-Infinity, doc.resources.hiresPerYear);
      table.candidates.forEach((c, i) => {
        if (c.hires[y]! > 0) rows[row]!.entries.set(candidateColumns[i]!, c.hires[y]!);
      });
    }
  }

  // B needs A's platform: B may start in year k only if A has started by then.
  for (const dep of doc.dependencies) {
    const b = memberIndex.get(dep.scenarioId)!;
    const a = memberIndex.get(dep.needsScenarioId)!;
    for (const k of doc.startOffsets) {
      const row = addRow(-Infinity, 0);
      table.candidates.forEach((c, i) => {
        if (c.useCase === b && c.offset === k) rows[row]!.entries.set(candidateColumns[i]!, 1);
        if (c.useCase === a && c.offset <= k) {
          const col = candidateColumns[i]!;
          rows[row]!.entries.set(col, (rows[row]!.entries.get(col) ?? 0) - 1);
        }
      });
    }
  }

  if (options.breachLimit && table.trials > 0)
    addBreachLimit(doc, table, caps, candidateColumns, poolCost, columns, rows);

  return { columns, rows, budgetRows, candidateColumns, serverColumns, caps };
}

/**
 * The chance constraint by sample-average approximation: trial t may go over a year's cap only
 * if its z_t is 1, and at most ⌊α T⌋ trials may. A trial's big M is the most its chosen
 * options could spend over the cap that year; trials and years no choice can breach add no row.
 */
function addBreachLimit(
  doc: PortfolioDocument,
  table: CandidateTable,
  caps: readonly number[],
  candidateColumns: readonly number[],
  poolCost: ((y: number) => Map<number, number>) | null,
  columns: LpColumn[],
  rows: LpRow[],
): void {
  const S = MONEY_SCALE;
  const T = table.trials;
  const Y = table.years;
  const U = doc.members.length;
  // Most the pool can cost in a year (its servers are bounded by the column's upper bound).
  const poolMax = (y: number) => {
    if (!poolCost) return 0;
    let max = 0;
    for (const [col, v] of poolCost(y)) max += v * S * columns[col]!.upper;
    return max;
  };
  const limitRow =
    rows.push({ lower: -Infinity, upper: Math.floor(doc.breachProbability * T), entries: new Map() }) - 1;
  for (let t = 0; t < T; t++) {
    let zColumn = -1;
    for (let y = 0; y < Y; y++) {
      const worst = new Array<number>(U).fill(0);
      table.candidates.forEach((c) => {
        const v = c.trials!.spend[y * T + t]!;
        if (Number.isFinite(v)) worst[c.useCase] = Math.max(worst[c.useCase]!, v);
      });
      const bigM = worst.reduce((a, b) => a + b, 0) + poolMax(y) - caps[y]!;
      if (bigM <= 1e-6) continue;
      if (zColumn < 0) {
        columns.push({ cost: 0, lower: 0, upper: 1, integer: true });
        zColumn = columns.length - 1;
        rows[limitRow]!.entries.set(zColumn, 1);
      }
      const row = rows.push({ lower: -Infinity, upper: caps[y]! / S, entries: new Map() }) - 1;
      table.candidates.forEach((c, i) => {
        const v = c.trials!.spend[y * T + t]!;
        // A trial the model could not value counts as its worst: it must not look safe.
        const spend = Number.isFinite(v) ? v : worst[c.useCase]!;
        if (spend !== 0) rows[row]!.entries.set(candidateColumns[i]!, spend / S);
      });
      if (poolCost) for (const [col, v] of poolCost(y)) rows[row]!.entries.set(col, v);
      rows[row]!.entries.set(zColumn, -bigM / S);
    }
  }
}
