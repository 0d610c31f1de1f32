/**
 * A hospital's AI portfolio: several of its use cases (scenarios), each with its options, and the
 * question a budget committee asks of them together: which use cases to fund, which way, from
 * which year, inside every year's AI budget. What a request says (the API's body and the page's
 * form) is checked here; what a version of a portfolio stores is the request resolved against
 * the scenarios it pins (their versions, the common horizon, the yearly budget).
 */
import { z } from 'zod';

import { MAX_HORIZON_YEARS, type OptionKind } from '~/engine/constants';
import type { LocalizedText } from '~/engine/schema';

/** Most use cases in one portfolio (the bench solves 30 within the time limit). */
export const MAX_PORTFOLIO_SCENARIOS = 30;
/** Trials each use case's Monte Carlo runs for the P10 and breach objectives. */
export const PORTFOLIO_TRIALS = 1000;
/**
 * Raise when a change to the engine or the solver changes plans: kept plans of an older
 * revision are solved again.
 */
export const SOLVER_REVISION = 2;
/** Seconds HiGHS may search before it reports the best plan found and its gap. */
export const SOLVE_TIME_LIMIT_SECONDS = 15;
/** Seconds a whole plan may take: inside the worker pool's 30 s a job, with room to spare. */
export const PLAN_DEADLINE_SECONDS = 25;

export const OBJECTIVES = ['npv', 'p10', 'npvWithBreachLimit'] as const;
export type PortfolioObjective = (typeof OBJECTIVES)[number];

export const PLAN_STATUSES = ['optimal', 'feasible', 'infeasible', 'timeLimit'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ALTERNATIVE_NAMES = ['positiveNpvGreedy', 'everythingNow'] as const;
export type AlternativeName = (typeof ALTERNATIVE_NAMES)[number];

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const money = z.number().finite().min(0).max(1e12);
const offsetSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_HORIZON_YEARS - 1);

/**
 * On-premises GPU servers bought once for the whole portfolio: every build option's servers
 * come out of its own costs and its load (tokens per second at peak, the engine's sizing) is
 * served by the pool, whose size the solver chooses. Fields left out are read from the first
 * on-premises compute line among the pinned scenarios.
 */
export const sharedServersSchema = z.strictObject({
  tokensPerSecondPerServer: z.number().positive().max(1e9).optional(),
  targetUtilization: z.number().min(0.05).max(1).optional(),
  capexPerServer: money.optional(),
  usefulLifeYears: z.number().int().min(1).max(15).optional(),
  kwPerServer: z.number().min(0).max(1000).optional(),
  pue: z.number().min(1).max(3).optional(),
  electricityPricePerKwh: money.optional(),
  maintenanceSharePerYear: z.number().min(0).max(1).optional(),
  maxServers: z.number().int().min(0).max(1000).optional(),
});
export type SharedServersInput = z.infer<typeof sharedServersSchema>;

export const resourcesSchema = z.strictObject({
  /** true: pool the servers with the specification read from the scenarios. */
  sharedServers: z.union([z.boolean(), sharedServersSchema]).optional(),
  /** Most new staff (FTE) the hospital can hire in one year across the chosen options. */
  hiresPerYear: z.number().min(0).max(1000).optional(),
});

/** What a caller sends: `POST /api/portfolios` and the page's form. Money in CNY. */
export const portfolioRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scenarioIds: z.array(idSchema).min(1).max(MAX_PORTFOLIO_SCENARIOS),
  startOffsets: z.array(offsetSchema).min(1).max(MAX_HORIZON_YEARS).optional(),
  startYear: z.number().int().min(2000).max(2100).optional(),
  horizonYears: z.number().int().min(1).max(MAX_HORIZON_YEARS).optional(),
  discountRate: z.number().min(0).max(1).optional(),
  budgetByYear: z.array(money).min(1).max(MAX_HORIZON_YEARS).optional(),
  committedByYear: z.array(money).min(1).max(MAX_HORIZON_YEARS).optional(),
  researchBudgetByYear: z.array(money).min(1).max(MAX_HORIZON_YEARS).optional(),
  forced: z
    .array(
      z.strictObject({
        scenarioId: idSchema,
        optionId: idSchema,
        startOffsetYears: offsetSchema.optional(),
      }),
    )
    .max(MAX_PORTFOLIO_SCENARIOS)
    .optional(),
  /** "B needs A's platform": B may start only in a year A has started by. */
  dependencies: z
    .array(z.strictObject({ scenarioId: idSchema, needsScenarioId: idSchema }))
    .max(100)
    .optional(),
  objective: z.enum(OBJECTIVES).optional(),
  breachProbability: z.number().min(0).max(1).optional(),
  resources: resourcesSchema.optional(),
});
export type PortfolioRequest = z.infer<typeof portfolioRequestSchema>;

/** The pool's specification once resolved (every field known). */
export type SharedServers = Required<Omit<SharedServersInput, 'maxServers'>> & { maxServers: number | null };

/**
 * A version of a portfolio: the request resolved. Every list by year has `horizonYears` entries,
 * first plan year first; `members` pins each scenario's version when the portfolio was saved.
 */
export interface PortfolioDocument {
  name: string;
  members: { scenarioId: string; version: number }[];
  startYear: number;
  horizonYears: number;
  discountRate: number;
  /** Start offsets allowed (years after the portfolio's start), ascending. */
  startOffsets: number[];
  /** The AI budget of each year (CNY): the portfolio's own, or informatization × AI share. */
  budgetByYear: number[];
  /** Current AI and IT contracts: they come off each year's budget. */
  committedByYear: number[];
  /** The AI research budget: one pot the chosen options' research funding draws on. */
  researchBudgetByYear: number[];
  forced: { scenarioId: string; optionId: string; startOffsetYears: number | null }[];
  dependencies: { scenarioId: string; needsScenarioId: string }[];
  objective: PortfolioObjective;
  breachProbability: number;
  resources: { sharedServers: SharedServers | null; hiresPerYear: number | null };
}

/** One use case's place in a plan. `optionId: null`: not now. */
export interface PlanChoice {
  scenarioId: string;
  optionId: string | null;
  startOffsetYears: number | null;
  /** NPV of the choice (CNY) at the portfolio's discount rate, to the portfolio's start; 0 for none. */
  npv: number;
  /** P10 of its NPV under the Monte Carlo; null when not worked out (objective npv). */
  p10: number | null;
}

export interface PlanYear {
  /** Calendar year. */
  year: number;
  /** Σ of the chosen options' (cash out − funding), plus the shared servers' cost. */
  spend: number;
  /** The AI budget of the year. */
  budget: number;
  committed: number;
  /** budget − committed − spend. */
  headroom: number;
  /** Spend by use case (scenario id → CNY), and the shared servers under `sharedServers`. */
  byScenario: Record<string, number>;
  sharedServers: number;
  researchDraw: number;
  researchBudget: number;
  newHires: number;
  /** Whether the year's budget binds the plan (headroom ≈ 0 or a positive dual). */
  binding: boolean;
}

/** Why a use case is left out of the plan. */
export type LeftOutReason =
  | { kind: 'notWorthIt'; bestOptionId: string | null; bestNpv: number }
  | { kind: 'budget'; optionId: string; npv: number; years: number[] }
  | { kind: 'dependency'; needsScenarioId: string }
  | { kind: 'resources'; optionId: string; npv: number }
  | { kind: 'breachLimit'; optionId: string; npv: number }
  | { kind: 'displaced'; optionId: string; npv: number };

export interface Alternative {
  name: AlternativeName;
  /** The objective's value of this plan (Σ NPV, or Σ P10…). */
  objectiveValue: number;
  npv: number;
  choices: PlanChoice[];
  /** Calendar years this plan would break the budget in. */
  breachYears: number[];
  /** optimum − this plan's objective value (CNY; ≥ 0 when the optimum is proved). */
  lossAgainstOptimum: number | null;
  /**
   * Share of Monte Carlo trials in which this plan overruns some year (null: no trials were
   * run, objective npv): a simple plan may beat a breach-limited optimum only by breaking it.
   */
  breachProbability: number | null;
}

export interface PlanMonteCarlo {
  trials: number;
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  /** Share of trials in which some year's spend exceeds its budget less commitments. */
  breachProbability: number;
  /** Histogram of the plan's NPV: bin edges (n + 1) and counts (n). */
  histogram: { edges: number[]; counts: number[] };
}

/** The answer of `GET /api/portfolios/:id/plan` (and more, for the page and the report). */
export interface PortfolioPlan {
  /** The use cases as the pinned versions name them, in the portfolio's order. */
  useCases: {
    scenarioId: string;
    version: number;
    name: LocalizedText;
    options: { id: string; name: LocalizedText; kind: OptionKind }[];
  }[];
  /** The budget the plan was solved against (a what-if may differ from the version's). */
  budgetByYear: number[];
  status: PlanStatus;
  objective: PortfolioObjective;
  /** The sum the objective maximises (CNY); null when infeasible. */
  objectiveValue: number | null;
  /** Relative MIP gap (0.01 = 1 %); 0 when proved optimal, null when infeasible. */
  gap: number | null;
  /** Calendar years whose budget the forced choices cannot meet. */
  infeasibleYears: number[];
  choices: PlanChoice[];
  years: PlanYear[];
  /** Shared servers bought for the pool (null: no pool). */
  sharedServers: { servers: number; costByYear: number[] } | null;
  /** CNY of objective per CNY of budget in each year, from the LP relaxation: an estimate. */
  duals: { year: number; value: number }[];
  alternatives: Alternative[];
  leftOut: { scenarioId: string; reason: LeftOutReason }[];
  monteCarlo: PlanMonteCarlo | null;
  /** The plan's flows re-added from fresh engine runs: every year within its budget. */
  checked: boolean;
  solveSeconds: number;
}
