/**
 * Results of saved versions, kept in memory: a version never changes, so its results for a
 * language are computed once.
 */
import { compileScenario, runModel, type ScenarioResult } from '~/engine';
import { resultsForExport } from '~/engine/results';
import type { Lang } from '~/engine/text';
import type { ScenarioVersion } from '~/models/scenarios.server';

const MAX_ENTRIES = 500;
const cache = new Map<string, string>();

/** The results JSON (as `simulate --json` prints it) of a stored version. */
export function exportedResultsJson(scenario: ScenarioVersion, lang: Lang): string {
  const key = `${scenario.id}\n${scenario.version}\n${lang}`;
  let body = cache.get(key);
  if (body === undefined) {
    const result: ScenarioResult = runModel(compileScenario(scenario.document), undefined, { lang });
    body = JSON.stringify(resultsForExport(result));
    cache.set(key, body);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return body;
}
