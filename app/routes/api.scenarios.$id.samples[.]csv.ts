import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess, recordExport } from '~/api/access.server';
import { answerWithJob } from '~/api/http.server';
import { parseMonteCarloParams } from '~/api/params.server';
import { monteCarloAsk } from '~/api/results-cache.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { attachment, exportFileName } from '~/exports/download.server';
import { runJob } from '~/jobs/pool.server';

/**
 * GET /api/scenarios/:id/samples.csv[?version=N&trials=N&seed=S] — every trial's inputs and
 * each option's NPV, the Monte Carlo's audit trail (UTF-8 with BOM for Excel).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'export');
  if (!access.ok) return access.response;
  const { lang } = access;
  const found = scenarioForRequest(request, params.id!, lang);
  if (!found.ok) return found.response;
  const mc = parseMonteCarloParams(new URL(request.url), lang, found.scenario.document);
  if (!mc.ok) return mc.response;
  const { document, version } = found.scenario;
  return answerWithJob(lang, async () => {
    const csv = await runJob('samplesCsv', {
      document,
      monteCarlo: monteCarloAsk(found.scenario, mc.request),
    });
    recordExport(access, found.scenario, 'samples.csv');
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachment(exportFileName(document, version, lang, 'samples.csv')),
      },
    });
  });
}
