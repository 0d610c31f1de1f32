/**
 * Results of stored versions are worked out once: a version never changes, so its Monte Carlo
 * for a trial count and seed is kept (the report, the results JSON and the API share it).
 */
import { afterAll, describe, expect, it } from 'vitest';

import { apiMonteCarlo } from '~/api/results-cache.server';
import { getScenario } from '~/models/scenarios.server';

import { closeAndRemoveTempDatabases, useTempDatabase } from './helpers';

useTempDatabase('results-cache');
afterAll(() => closeAndRemoveTempDatabases());

describe('the Monte Carlo of a stored version', () => {
  it('is run once per trial count and seed; samples are run afresh', () => {
    const scenario = getScenario('township-health-centre-api')!;
    const first = apiMonteCarlo(scenario, { trials: 300 });
    // The document's seed named or left out: the same run.
    expect(apiMonteCarlo(scenario, { trials: 300, seed: first.seed })).toBe(first);
    expect(apiMonteCarlo(scenario, { trials: 300 })).toBe(first);
    const other = apiMonteCarlo(scenario, { trials: 300, seed: first.seed + 1 });
    expect(other).not.toBe(first);
    expect(other.seed).toBe(first.seed + 1);
    const withSamples = apiMonteCarlo(scenario, { trials: 300 }, true);
    expect(withSamples).not.toBe(first);
    expect(withSamples.samples?.rows).toHaveLength(300);
    expect(withSamples.options).toEqual(first.options);
  }, 20_000);
});
