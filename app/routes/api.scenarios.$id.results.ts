import type { LoaderFunctionArgs } from '@remix-run/node';

import { answerWithJob } from '~/api/http.server';
import { parseMonteCarloParams } from '~/api/params.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { exportedResultsJson } from '~/api/results-cache.server';
import { getLang } from '~/i18n/locale.server';

/**
 * GET /api/scenarios/:id/results[?version=N][&trials=N&seed=S] — exactly the shape of
 * `simulate --json` (with `--trials/--seed`), worked out by the job pool.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const found = scenarioForRequest(request, params.id!, lang);
  if (!found.ok) return found.response;
  const mc = parseMonteCarloParams(new URL(request.url), lang, found.scenario.document);
  if (!mc.ok) return mc.response;
  return answerWithJob(
    lang,
    async () =>
      new Response(await exportedResultsJson(found.scenario, lang, mc.request), {
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
  );
}
