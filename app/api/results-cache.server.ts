/**
 * Results of saved versions, kept in memory: a version never changes, so its results for a
 * language (and a Monte Carlo for a trial count and seed) are computed once.
 */
import { compileScenario, runModel, runMonteCarlo, type MonteCarloResult } from '~/engine';
import { resultsForExport, withMonteCarlo } from '~/engine/results';
import { uncertaintyOf } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import type { ScenarioVersion } from '~/models/scenarios.server';

import { API_MAX_TRIALS } from './params.server';

const MAX_ENTRIES = 500;
const cache = new Map<string, string>();

export interface MonteCarloRequest {
  trials?: number;
  seed?: number;
}

/**
 * The API's Monte Carlo of a stored version. A request that names only a seed runs the
 * document's trial count, within the API's limit.
 */
export function apiMonteCarlo(
  scenario: ScenarioVersion,
  request: MonteCarloRequest | null,
  recordSamples = false,
): MonteCarloResult {
  const uncertainty = uncertaintyOf(scenario.document);
  return runMonteCarlo(compileScenario(scenario.document), uncertainty, {
    trials: Math.min(request?.trials ?? uncertainty.trials, API_MAX_TRIALS),
    seed: request?.seed,
    recordSamples,
  });
}

/** The results JSON (as `simulate --json` prints it) of a stored version, with a Monte Carlo if asked. */
export function exportedResultsJson(
  scenario: ScenarioVersion,
  lang: Lang,
  mc: MonteCarloRequest | null = null,
): string {
  const key = `${scenario.id}\n${scenario.version}\n${lang}\n${mc ? `${mc.trials}/${mc.seed}` : ''}`;
  let body = cache.get(key);
  if (body === undefined) {
    const exported = resultsForExport(runModel(compileScenario(scenario.document), undefined, { lang }));
    body = JSON.stringify(mc ? withMonteCarlo(exported, apiMonteCarlo(scenario, mc)) : exported);
    cache.set(key, body);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return body;
}
