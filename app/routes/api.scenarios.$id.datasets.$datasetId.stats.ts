import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { httpError } from '~/api/http.server';
import { getLang } from '~/i18n/locale.server';
import { datasetStatistics } from '~/models/datasets.server';

/**
 * GET /api/scenarios/:id/datasets/:datasetId/stats — per workflow and phase: n, mean, median,
 * spread, outlier rows, dates, and the 95 % interval of the mean saving; or monthly volumes.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const stats = datasetStatistics(params.id!, params.datasetId!);
  if (!stats) return httpError(404, 'datasetNotFound', await getLang(request));
  return json(stats);
}
