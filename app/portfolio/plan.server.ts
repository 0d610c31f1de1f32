/**
 * A portfolio version's plan: solved once by the worker pool and kept (a version pins its
 * scenarios' versions, so its plan never changes), as is each what-if on its budget, keyed by
 * the budget's hash. Requests for the same plan meanwhile share one solve.
 */
import { createHash } from 'node:crypto';

import { dbGeneration, getDb, type Db } from '~/db.server';
import type { Scenario } from '~/engine';
import { runJob } from '~/jobs/pool.server';
import {
  getCachedPlan,
  getPortfolioRow,
  putCachedPlan,
  readPortfolio,
  type PortfolioVersion,
} from '~/models/portfolios.server';
import { readVersion } from '~/models/scenarios.server';

import type { PortfolioPlan } from './portfolio';

export type PortfolioPlanResult =
  | { status: 'ok'; plan: PortfolioPlan; portfolio: PortfolioVersion }
  | { status: 'notFound' }
  | { status: 'versionNotFound' }
  /** A pinned scenario version no longer validates (a rule made stricter since): it needs fixing. */
  | { status: 'scenarioInvalid'; scenarioId: string; version: number };

/**
 * The cache key of a budget: '' for the version's own (or a what-if equal to it), else the
 * SHA-256 of its figures.
 */
export function budgetKey(own: readonly number[], whatIf?: readonly number[]): string {
  if (!whatIf || (whatIf.length === own.length && whatIf.every((v, i) => v === own[i]))) return '';
  return createHash('sha256').update(JSON.stringify(whatIf)).digest('hex');
}

const solving = new Map<string, Promise<PortfolioPlan>>();

/**
 * The plan of a portfolio version (the latest when not given), for its own budget or a what-if
 * one (CNY per plan year, one a year: the caller checks it). A refused or failed solve throws
 * the pool's JobRefused, for the route to answer 503.
 */
export async function portfolioPlanFor(
  portfolioId: string,
  version?: number,
  budgetByYear?: readonly number[],
  db: Db = getDb(),
): Promise<PortfolioPlanResult> {
  if (!getPortfolioRow(portfolioId, db)) return { status: 'notFound' };
  const portfolio = readPortfolio(portfolioId, version, db);
  if (!portfolio) return { status: 'versionNotFound' };
  const { document } = portfolio;
  const key = budgetKey(document.budgetByYear, budgetByYear);
  const cached = getCachedPlan(portfolioId, portfolio.version, key, db);
  if (cached) return { status: 'ok', plan: cached, portfolio };

  const scenarios: Scenario[] = [];
  for (const member of document.members) {
    const read = readVersion(member.scenarioId, member.version, db);
    if (read.status !== 'ok') return { status: 'scenarioInvalid', ...member };
    scenarios.push(read.scenario.document);
  }
  const inFlight = `${dbGeneration()}\n${portfolioId}\n${portfolio.version}\n${key}`;
  let solve = solving.get(inFlight);
  if (!solve) {
    solve = runJob('portfolioPlan', {
      document,
      scenarios,
      ...(key === '' ? {} : { budgetByYear: [...budgetByYear!] }),
    }).then((plan) => {
      putCachedPlan(portfolioId, portfolio.version, key, plan, db);
      return plan;
    });
    solving.set(inFlight, solve);
    const forget = () => {
      if (solving.get(inFlight) === solve) solving.delete(inFlight);
    };
    solve.then(forget, forget);
  }
  return { status: 'ok', plan: await solve, portfolio };
}
