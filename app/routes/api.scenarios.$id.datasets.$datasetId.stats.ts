import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess } from '~/api/access.server';
import { answerWithJob, httpError } from '~/api/http.server';
import { datasetStatisticsOf } from '~/datasets/statistics.server';
import { readVersion } from '~/models/scenarios.server';

/**
 * GET /api/scenarios/:id/datasets/:datasetId/stats — per workflow and phase: n, mean, median,
 * spread, outlier rows, dates, and the 95 % interval of the mean saving; or monthly volumes.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'read');
  if (!access.ok) return access.response;
  const { lang } = access;
  const latest = readVersion(params.id!);
  if (latest.status === 'notFound') return httpError(404, 'datasetNotFound', lang);
  const latestVersion = latest.status === 'ok' ? latest.scenario.latestVersion : latest.invalid.latestVersion;
  return answerWithJob(lang, async () => {
    const [stats] = await datasetStatisticsOf(params.id!, [params.datasetId!], latestVersion);
    return stats ? json(stats) : httpError(404, 'datasetNotFound', lang);
  });
}
