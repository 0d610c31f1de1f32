import type { LoaderFunctionArgs } from '@remix-run/node';

import { attachment, downloadRequest } from '~/exports/download.server';
import { resultsCsv } from '~/exports/results-csv.server';

/** GET /api/scenarios/:id/results.csv[?version=N&lang=zh-CN|en] — yearly results per option, UTF-8 with BOM. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const asked = await downloadRequest(request, params.id!);
  if (!asked.ok) return asked.response;
  return new Response(resultsCsv(asked.result, asked.lang), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`${asked.fileBase}-results.csv`),
    },
  });
}
