import type { LoaderFunctionArgs } from '@remix-run/node';

import { answerWithJob } from '~/api/http.server';
import { attachment, downloadRequest } from '~/exports/download.server';
import { runJob } from '~/jobs/pool.server';

/** GET /api/scenarios/:id/results.csv[?version=N&lang=zh-CN|en] — yearly results per option, UTF-8 with BOM. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const asked = await downloadRequest(request, context, params.id!);
  if (!asked.ok) return asked.response;
  return answerWithJob(asked.callerLang, async () => {
    const csv = await runJob('resultsCsv', { document: asked.scenario.document, lang: asked.lang });
    asked.recordExport('results.csv');
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachment(asked.fileName('results.csv')),
      },
    });
  });
}
