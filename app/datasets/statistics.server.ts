/**
 * A dataset's statistics, worked out by the job pool (a big dataset's rows take a while to read
 * and summarise) and kept: stored rows never change, and the pilot checks follow the
 * scenario's latest version, so the answer for a dataset and a latest version is always the same.
 */
import { dbGeneration } from '~/db.server';
import { runJob } from '~/jobs/pool.server';
import type { DatasetStatistics } from '~/models/datasets.server';

const MAX_ENTRIES = 200;
const kept = new Map<string, Promise<DatasetStatistics | null>>();

export function datasetStatisticsOf(
  scenarioId: string,
  datasetId: string,
  latestVersion: number,
): Promise<DatasetStatistics | null> {
  const key = `${dbGeneration()}\n${scenarioId}\n${datasetId}\n${latestVersion}`;
  const hit = kept.get(key);
  if (hit) return hit;
  const stats = runJob('datasetStatistics', { scenarioId, datasetId });
  kept.set(key, stats);
  if (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value!);
  stats.catch(() => {
    if (kept.get(key) === stats) kept.delete(key);
  });
  return stats;
}
