import type { LoaderFunctionArgs } from '@remix-run/node';

import { answerWithJob } from '~/api/http.server';
import { hasUncertainInputs, monteCarloAsk } from '~/api/results-cache.server';
import { attachment, downloadRequest, versionForJob } from '~/exports/download.server';
import { runJob } from '~/jobs/pool.server';

/**
 * GET /api/scenarios/:id/report.pdf[?version=N&lang=zh-CN|en] — the budget committee's report,
 * made on the server (no browser) by the job pool, with the version's Monte Carlo (its own
 * seed) where it has uncertain inputs.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const asked = await downloadRequest(request, context, params.id!);
  if (!asked.ok) return asked.response;
  const { scenario, lang } = asked;
  return answerWithJob(asked.callerLang, async () => {
    const bytes = await runJob('reportPdf', {
      version: versionForJob(scenario),
      lang,
      monteCarlo: hasUncertainInputs(scenario) ? monteCarloAsk(scenario, null) : null,
      generatedAt: new Date().toISOString(),
    });
    asked.recordExport('report.pdf');
    return new Response(bytes, {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachment(asked.fileName('report.pdf')),
      },
    });
  });
}
