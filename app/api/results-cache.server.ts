/**
 * Results of saved versions, worked out by the job pool (worker threads) and kept in memory: a
 * version never changes, so its results JSON for a language (and a Monte Carlo for a trial
 * count and seed) is computed once; requests asking for the same one meanwhile share the job.
 */
import { uncertaintyOf } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import type { MonteCarloAsk } from '~/jobs/handlers.server';
import { runJob } from '~/jobs/pool.server';
import type { ScenarioVersion } from '~/models/scenarios.server';

import { API_MAX_TRIALS } from './params.server';

const MAX_ENTRIES = 500;
const cache = new Map<string, Promise<string>>();

export interface MonteCarloRequest {
  trials?: number;
  seed?: number;
}

/**
 * The trial count and seed of a request: a request that names only a seed runs the document's
 * trial count, within the API's limit; none, the document's own.
 */
export function monteCarloAsk(scenario: ScenarioVersion, request: MonteCarloRequest | null): MonteCarloAsk {
  const uncertainty = uncertaintyOf(scenario.document);
  return {
    trials: Math.min(request?.trials ?? uncertainty.trials, API_MAX_TRIALS),
    seed: request?.seed ?? uncertainty.seed,
  };
}

/** Whether a version has uncertain inputs (its report then carries a Monte Carlo). */
export const hasUncertainInputs = (scenario: ScenarioVersion): boolean =>
  Object.keys(uncertaintyOf(scenario.document).inputs).length > 0;

/** The results JSON (as `simulate --json` prints it) of a stored version, with a Monte Carlo if asked. */
export function exportedResultsJson(
  scenario: ScenarioVersion,
  lang: Lang,
  mc: MonteCarloRequest | null = null,
): Promise<string> {
  const monteCarlo = mc ? monteCarloAsk(scenario, mc) : null;
  const key = `${scenario.id}\n${scenario.version}\n${lang}\n${monteCarlo ? `${monteCarlo.trials}/${monteCarlo.seed}` : ''}`;
  const kept = cache.get(key);
  if (kept) {
    cache.delete(key);
    cache.set(key, kept);
    return kept;
  }
  const body = runJob('resultsJson', { document: scenario.document, lang, monteCarlo });
  cache.set(key, body);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  // A refused or failed job is not an answer to keep.
  body.catch(() => {
    if (cache.get(key) === body) cache.delete(key);
  });
  return body;
}
