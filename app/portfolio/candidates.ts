/**
 * What each choice of a portfolio would do: every option of every use case, started at every
 * allowed offset, run by the engine over the portfolio's common horizon and discount rate. A
 * later start is the engine's own run with the start moved (`withStartDelay`), so prices, wages
 * and token prices are those of the calendar years it runs in. With shared servers, the
 * options' own servers come out (a server count of zero) and their load, which the engine
 * still sizes, is what the pool must serve.
 */
import { compileScenario } from '../engine/compile';
import type { Model } from '../engine/model';
import { uncertaintyOf, type Scenario } from '../engine/schema';
import { runModel, withStartDelay } from '../engine/simulate';
import { summarize } from '../engine/uncertainty/percentiles';
import { runTrials, type TrialColumns } from '../engine/uncertainty/trials';

import { PORTFOLIO_TRIALS, type PortfolioDocument } from './portfolio';

export interface Candidate {
  /** Index of the use case in the portfolio's members. */
  useCase: number;
  optionId: string;
  /** Years after the portfolio's start. */
  offset: number;
  npv: number;
  /** What each plan year takes of the AI budget: cash out − funding (CNY). */
  spend: number[];
  /** The part of each year's funding drawn from the AI research budget. */
  research: number[];
  /** FTE of new posts first paid in each year. */
  hires: number[];
  /** Peak load on shared servers in each year (tokens/s); zeros without a pool. */
  serverLoad: number[];
  /** P10 of the NPV over the Monte Carlo trials (null: not asked). */
  p10: number | null;
  /** Each trial's NPV, and spend at [y × trials + t] (null: not asked). */
  trials: { npv: Float64Array; spend: Float64Array } | null;
}

export interface CandidateTable {
  candidates: Candidate[];
  years: number;
  /** Trials each candidate holds (0: none). */
  trials: number;
}

/**
 * The scenario as the portfolio runs it: its start year, horizon and discount rate, and, with
 * shared servers, no servers of its own.
 */
export function alignScenario(scenario: Scenario, doc: PortfolioDocument): Scenario {
  const pooled = doc.resources.sharedServers !== null;
  return {
    ...scenario,
    startYear: doc.startYear,
    horizonYears: doc.horizonYears,
    discountRate: doc.discountRate,
    options: pooled
      ? scenario.options.map((option) => ({
          ...option,
          costLines: option.costLines.map((line) =>
            line.kind === 'onPremCompute' ? { ...line, serversOverride: 0, minServers: 0 } : line,
          ),
        }))
      : scenario.options,
  };
}

/** Option k's NPV and yearly spend in each of T trials (spend at [y × T + t]). */
export function optionTrials(columns: TrialColumns, k: number, Y: number, T: number) {
  return {
    npv: columns.npv.slice(k * T, (k + 1) * T),
    spend: columns.yearlySpend!.slice(k * Y * T, (k + 1) * Y * T),
  };
}

/** Whether any of the portfolio's objectives or checks reads the Monte Carlo. */
export const needsTrials = (doc: PortfolioDocument): boolean => doc.objective !== 'npv';

export function buildCandidates(
  doc: PortfolioDocument,
  scenarios: readonly Scenario[],
  options: { trials?: number } = {},
): CandidateTable {
  const Y = doc.horizonYears;
  const trials = options.trials ?? (needsTrials(doc) ? PORTFOLIO_TRIALS : 0);
  const candidates: Candidate[] = [];
  scenarios.forEach((scenario, useCase) => {
    const aligned = alignScenario(scenario, doc);
    const model = compileScenario(aligned);
    const uncertainty = uncertaintyOf(aligned);
    for (const offset of doc.startOffsets) {
      if (offset >= Y) continue;
      const delayed: Model = withStartDelay(model, offset * 12);
      const result = runModel(delayed);
      const columns =
        trials > 0
          ? runTrials(delayed, uncertainty, { trials, seed: uncertainty.seed, recordSpend: true })
          : null;
      result.options.forEach((option, k) => {
        let trialColumns: Candidate['trials'] = null;
        let p10: number | null = null;
        if (columns) {
          trialColumns = optionTrials(columns, k, Y, trials);
          p10 = summarize(trialColumns.npv).p10;
        }
        candidates.push({
          useCase,
          optionId: option.id,
          offset,
          npv: option.npv,
          spend: option.years.map((y) => y.cashOut - y.funding),
          research: option.years.map((y) => y.researchFunding),
          hires: option.years.map((y) => y.newHires),
          serverLoad: option.years.map((y) => (doc.resources.sharedServers ? y.peakServerLoad : 0)),
          p10,
          trials: trialColumns,
        });
      });
    }
  });
  return { candidates, years: Y, trials };
}
