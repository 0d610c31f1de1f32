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
/** Monte Carlo results are larger (sweeps, histograms): fewer kept. Shared: read them, never write. */
const MAX_MONTE_CARLO_ENTRIES = 50;
const monteCarloCache = new Map<string, MonteCarloResult>();

/** Keeps a value under a key, dropping the oldest beyond `max`. */
function remember<T>(map: Map<string, T>, key: string, value: T, max: number): T {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
  return value;
}

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
  const trials = Math.min(request?.trials ?? uncertainty.trials, API_MAX_TRIALS);
  const seed = request?.seed ?? uncertainty.seed;
  const run = () =>
    runMonteCarlo(compileScenario(scenario.document), uncertainty, { trials, seed, recordSamples });
  // The samples (an audit download) are not kept: they are the large part and rarely asked twice.
  if (recordSamples) return run();
  // A version never changes: its Monte Carlo for a trial count and seed is the same every time
  // (the report, the results JSON and the API ask for it).
  const key = `${scenario.id}\n${scenario.version}\n${trials}\n${seed}`;
  return monteCarloCache.get(key) ?? remember(monteCarloCache, key, run(), MAX_MONTE_CARLO_ENTRIES);
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
    body = remember(
      cache,
      key,
      JSON.stringify(mc ? withMonteCarlo(exported, apiMonteCarlo(scenario, mc)) : exported),
      MAX_ENTRIES,
    );
  }
  return body;
}
