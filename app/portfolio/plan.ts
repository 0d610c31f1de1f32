/**
 * Plans a portfolio: every use case's options run by the engine at every allowed start, the
 * mixed-integer program over them solved by HiGHS, the committee's simple plans beside it, and
 * the chosen plan re-checked and put through the Monte Carlo. Pure but for the solver's
 * WebAssembly; the server runs it in the worker pool (a solve blocks its thread).
 */
import type { Scenario } from '~/engine/schema';

import type { PortfolioDocument, PortfolioPlan } from './portfolio';

export interface PlanAsk {
  document: PortfolioDocument;
  /** The pinned versions' documents, in the order of `document.members`. */
  scenarios: Scenario[];
  /** A what-if on the budget (CNY per plan year); the document's own when absent. */
  budgetByYear?: number[];
}

export async function planPortfolio(ask: PlanAsk): Promise<PortfolioPlan> {
  void ask;
  throw new Error('planPortfolio: being written (issue 18)');
}
