import type { LoaderFunctionArgs } from '@remix-run/node';

import { answerWithJob } from '~/api/http.server';
import { attachment, downloadRequest, versionForJob } from '~/exports/download.server';
import { runJob } from '~/jobs/pool.server';

/**
 * GET /api/scenarios/:id/report.xlsx[?version=N&lang=zh-CN|en] — inputs, yearly flows and a
 * summary whose NPV, IRR and totals are live formulas over the flows.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const asked = await downloadRequest(request, context, params.id!);
  if (!asked.ok) return asked.response;
  return answerWithJob(asked.callerLang, async () => {
    const bytes = await runJob('reportXlsx', { version: versionForJob(asked.scenario), lang: asked.lang });
    asked.recordExport('report.xlsx');
    return new Response(bytes, {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': attachment(asked.fileName('report.xlsx')),
      },
    });
  });
}
