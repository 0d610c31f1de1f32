/** The portfolio's jobs for the worker pool (see app/jobs/handlers.server.ts). */
import { planPortfolio, type PlanAsk } from './plan';

export const portfolioJobs = {
  /** Solves a portfolio version (or a what-if on its budget): HiGHS blocks the thread it runs on. */
  portfolioPlan(input: PlanAsk) {
    return planPortfolio(input);
  },
};
