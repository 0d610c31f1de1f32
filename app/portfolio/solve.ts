/**
 * Hands a portfolio program to HiGHS (WebAssembly; its solve blocks the thread, so the server
 * calls this only inside the worker pool) and reads back the choice, the status, the gap and,
 * for the LP relaxation, the row duals.
 */
import loadHighs from 'highs';

import type { LpColumn, LpRow, PortfolioProgram } from './milp';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

let highsLoaded: Promise<Highs> | null = null;
/** One HiGHS runtime per thread, loaded on first use. */
const highs = () => (highsLoaded ??= loadHighs());

export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'timeLimit';

export interface SolveOutcome {
  status: SolveStatus;
  /** Column values (null when no solution was found). */
  values: Float64Array | null;
  /** Objective in the program's units; null without a solution. */
  objective: number | null;
  /** Relative MIP gap (0 when proved optimal). */
  gap: number | null;
  seconds: number;
}

function modelData(h: Highs, columns: readonly LpColumn[], rows: readonly LpRow[], relax: boolean) {
  const inf = h.infinity;
  const bound = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const starts = new Int32Array(rows.length + 1);
  let nonzeros = 0;
  rows.forEach((row, i) => {
    nonzeros += row.entries.size;
    starts[i + 1] = nonzeros;
  });
  const indices = new Int32Array(nonzeros);
  const values = new Float64Array(nonzeros);
  let k = 0;
  for (const row of rows) {
    // HiGHS wants each row's columns in ascending order.
    for (const [col, v] of [...row.entries].sort((a, b) => a[0] - b[0])) {
      indices[k] = col;
      values[k++] = v;
    }
  }
  return {
    numCols: columns.length,
    numRows: rows.length,
    sense: h.constants.objectiveSense.maximize,
    colCost: Float64Array.from(columns, (c) => c.cost),
    colLower: Float64Array.from(columns, (c) => bound(c.lower)),
    colUpper: Float64Array.from(columns, (c) => bound(c.upper)),
    rowLower: Float64Array.from(rows, (r) => bound(r.lower)),
    rowUpper: Float64Array.from(rows, (r) => bound(r.upper)),
    matrix: {
      format: 'csr' as const,
      numRows: rows.length,
      numCols: columns.length,
      starts,
      indices,
      values,
    },
    ...(relax
      ? {}
      : {
          integrality: Int32Array.from(columns, (c) =>
            c.integer ? h.constants.variableType.integer : h.constants.variableType.continuous,
          ),
        }),
  };
}

/** Solves the program as a MIP within the time limit (seconds). */
export async function solveProgram(
  program: PortfolioProgram,
  timeLimitSeconds: number,
): Promise<SolveOutcome> {
  const h = await highs();
  const started = performance.now();
  return h.withModel(modelData(h, program.columns, program.rows, false), (model): SolveOutcome => {
    model.options.set({
      output_flag: false,
      time_limit: timeLimitSeconds,
      mip_rel_gap: 1e-6,
      mip_abs_gap: 1e-7,
    });
    model.run();
    const status = model.getModelStatus();
    const codes = h.constants.modelStatus;
    const seconds = (performance.now() - started) / 1000;
    const solution = model.getSolution();
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    if (status === codes.infeasible || status === codes.unboundedOrInfeasible) {
      return { status: 'infeasible', values: null, objective: null, gap: null, seconds };
    }
    if (!hasSolution) {
      if (status === codes.timeLimit)
        return { status: 'timeLimit', values: null, objective: null, gap: null, seconds };
      // Unbounded, a solver error, an iteration limit: not a plan, and not the user's doing.
      throw new Error(`HiGHS ended with model status ${status} and no plan`);
    }
    const gap = Math.max(0, Number(model.info.get('mip_gap')));
    return {
      status: status === codes.optimal ? 'optimal' : 'feasible',
      values: Float64Array.from(solution.colValue),
      objective: model.getObjectiveValue(),
      gap: status === codes.optimal ? Math.min(gap, 1e-6) : gap,
      seconds,
    };
  });
}

/**
 * The LP relaxation's row duals: how much the objective would rise per unit more of each
 * row's bound (≥ 0 for a binding "≤" row of this maximisation). Null when the LP has none.
 */
export async function relaxationDuals(
  program: PortfolioProgram,
  timeLimitSeconds = 10,
): Promise<Float64Array | null> {
  const h = await highs();
  return h.withModel(modelData(h, program.columns, program.rows, true), (model) => {
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds });
    model.run();
    if (model.getModelStatus() !== h.constants.modelStatus.optimal) return null;
    // For a maximisation HiGHS reports them in the objective's own direction (checked: max
    // 3x + 2y, x + y ≤ 4, x ≤ 3 gives duals 2 and 1).
    return Float64Array.from(model.getSolution().rowDual);
  });
}
