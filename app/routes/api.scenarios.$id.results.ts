import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess, recordExport } from '~/api/access.server';
import { answerWithJob } from '~/api/http.server';
import { parseMonteCarloParams } from '~/api/params.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { exportedResultsJson } from '~/api/results-cache.server';

/**
 * GET /api/scenarios/:id/results[?version=N][&trials=N&seed=S] — exactly the shape of
 * `simulate --json` (with `--trials/--seed`), worked out by the job pool.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'export');
  if (!access.ok) return access.response;
  const { lang } = access;
  const found = scenarioForRequest(request, params.id!, lang);
  if (!found.ok) return found.response;
  const mc = parseMonteCarloParams(new URL(request.url), lang, found.scenario.document);
  if (!mc.ok) return mc.response;
  return answerWithJob(lang, async () => {
    const body = await exportedResultsJson(found.scenario, lang, mc.request);
    recordExport(access, found.scenario, 'results.json');
    return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  });
}
