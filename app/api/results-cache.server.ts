/**
 * Results of saved versions, kept in memory: a version never changes, so its results for a
 * language (and a Monte Carlo for a trial count and seed) are computed once.
 */
import { compileScenario, runModel, runMonteCarlo, type ScenarioResult } from '~/engine';
import { resultsForExport, withMonteCarlo } from '~/engine/results';
import type { Lang } from '~/engine/text';
import type { ScenarioVersion } from '~/models/scenarios.server';

import { API_MAX_TRIALS } from './params.server';

const MAX_ENTRIES = 500;
const cache = new Map<string, string>();

export interface MonteCarloRequest {
  trials?: number;
  seed?: number;
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
    const model = compileScenario(scenario.document);
    const result: ScenarioResult = runModel(model, undefined, { lang });
    const exported = resultsForExport(result);
    if (mc) {
      const uncertainty = scenario.document.uncertainty ?? {
        seed: 1,
        trials: 5000,
        inputs: {},
        correlations: [],
      };
      // A request that names only a seed runs the document's trial count, within the API's limit.
      const trials = Math.min(mc.trials ?? uncertainty.trials, API_MAX_TRIALS);
      body = JSON.stringify(withMonteCarlo(exported, runMonteCarlo(model, uncertainty, { ...mc, trials })));
    } else {
      body = JSON.stringify(exported);
    }
    cache.set(key, body);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return body;
}
