/**
 * Results of stored versions are worked out once, by the job pool: a version never changes, so
 * its results JSON for a language, trial count and seed is kept, and requests asking for the
 * same one while it is being worked out share the one job.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { exportedResultsJson, monteCarloAsk } from '~/api/results-cache.server';
import { jobPool } from '~/jobs/pool.server';
import { getScenario } from '~/models/scenarios.server';

import { closeAndRemoveTempDatabases, useTempDatabase } from './helpers';

useTempDatabase('results-cache');
afterAll(() => closeAndRemoveTempDatabases());

describe('the results of a stored version', () => {
  it('are worked out once per language, trial count and seed', { timeout: 60_000 }, async () => {
    const scenario = getScenario('township-health-centre-api')!;
    const ask = monteCarloAsk(scenario, { trials: 300 });
    // Asked three times at once: one job.
    const together = [
      exportedResultsJson(scenario, 'en', { trials: 300 }),
      exportedResultsJson(scenario, 'en', { trials: 300, seed: ask.seed }),
      exportedResultsJson(scenario, 'en', { trials: 300 }),
    ];
    expect(jobPool().load().running + jobPool().load().waiting).toBe(1);
    const [first, second, third] = await Promise.all(together);
    expect(second).toBe(first);
    expect(third).toBe(first);
    type WithMonteCarlo = { options: { mc: { npv: { p50: number } } }[] };
    const parsed = JSON.parse(first!) as WithMonteCarlo;
    expect(parsed.options[0]!.mc.npv.p50).toEqual(expect.any(Number));
    // Another seed or language is another answer.
    const other = JSON.parse(
      await exportedResultsJson(scenario, 'en', { trials: 300, seed: ask.seed + 1 }),
    ) as WithMonteCarlo;
    expect(other.options.map((o) => o.mc)).not.toEqual(parsed.options.map((o) => o.mc));
    expect(await exportedResultsJson(scenario, 'zh-CN', { trials: 300 })).not.toBe(first);
  });

  it('a request naming only a seed runs the document’s trial count, within the API’s limit', () => {
    const scenario = getScenario('township-health-centre-api')!;
    const own = monteCarloAsk(scenario, null);
    expect(monteCarloAsk(scenario, { seed: 7 })).toEqual({ trials: own.trials, seed: 7 });
  });
});
