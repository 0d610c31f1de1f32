import type { LoaderFunctionArgs } from '@remix-run/node';

import { attachment, downloadRequest } from '~/exports/download.server';
import { reportXlsx } from '~/exports/report-xlsx.server';

/**
 * GET /api/scenarios/:id/report.xlsx[?version=N&lang=zh-CN|en] — inputs, yearly flows and a
 * summary whose NPV, IRR and totals are live formulas over the flows.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const asked = await downloadRequest(request, params.id!);
  if (!asked.ok) return asked.response;
  const bytes = await reportXlsx(asked.scenario.document, asked.result, asked.scenario.version, asked.lang);
  return new Response(bytes, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': attachment(`${asked.fileBase}-report.xlsx`),
    },
  });
}
