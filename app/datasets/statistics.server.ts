/**
 * Datasets' statistics, worked out by the job pool (a big dataset's rows take a while to read
 * and summarise) and kept: stored rows never change, and the pilot checks follow the
 * scenario's latest version, so the answer for a dataset and a latest version is always the same.
 * A page listing several datasets asks for those not yet known in one job, so one page view
 * never takes more than one place in the pool's queue.
 */
import { dbGeneration } from '~/db.server';
import { runJob } from '~/jobs/pool.server';
import type { DatasetStatistics } from '~/models/datasets.server';

const MAX_ENTRIES = 200;
const kept = new Map<string, Promise<DatasetStatistics | null>>();

const keyOf = (scenarioId: string, datasetId: string, latestVersion: number) =>
  `${dbGeneration()}\n${scenarioId}\n${datasetId}\n${latestVersion}`;

/** Each dataset's statistics (null for one that is not the scenario's), in the order asked. */
export function datasetStatisticsOf(
  scenarioId: string,
  datasetIds: readonly string[],
  latestVersion: number,
): Promise<(DatasetStatistics | null)[]> {
  const unknown = datasetIds.filter((id) => !kept.has(keyOf(scenarioId, id, latestVersion)));
  if (unknown.length > 0) {
    const job = runJob('datasetStatistics', { scenarioId, datasetIds: unknown });
    unknown.forEach((id, i) => {
      const key = keyOf(scenarioId, id, latestVersion);
      const one = job.then((all) => all[i] ?? null);
      kept.set(key, one);
      // A refused or failed job is not an answer to keep.
      one.catch(() => {
        if (kept.get(key) === one) kept.delete(key);
      });
    });
    while (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value!);
  }
  return Promise.all(datasetIds.map((id) => kept.get(keyOf(scenarioId, id, latestVersion))!));
}
