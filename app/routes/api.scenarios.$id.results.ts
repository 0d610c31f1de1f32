import type { LoaderFunctionArgs } from '@remix-run/node';

import { scenarioForRequest } from '~/api/scenario.server';
import { exportedResultsJson } from '~/api/results-cache.server';
import { getLang } from '~/i18n/locale.server';

/** GET /api/scenarios/:id/results[?version=N] — exactly the shape of `simulate --json`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const found = scenarioForRequest(request, params.id!, lang);
  if (!found.ok) return found.response;
  return new Response(exportedResultsJson(found.scenario, lang), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
