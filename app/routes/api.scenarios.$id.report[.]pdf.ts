import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiMonteCarlo } from '~/api/results-cache.server';
import { uncertaintyOf } from '~/engine/schema';
import { attachment, downloadRequest } from '~/exports/download.server';
import { reportPdf } from '~/report/report-pdf.server';

/**
 * GET /api/scenarios/:id/report.pdf[?version=N&lang=zh-CN|en] — the budget committee's report,
 * made on the server (no browser), with the version's Monte Carlo (its own seed) where it has
 * uncertain inputs.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const asked = await downloadRequest(request, params.id!);
  if (!asked.ok) return asked.response;
  const { scenario } = asked;
  const uncertain = Object.keys(uncertaintyOf(scenario.document).inputs).length > 0;
  const bytes = await reportPdf({
    document: scenario.document,
    version: scenario.version,
    savedAt: scenario.savedAt,
    result: asked.result,
    mc: uncertain ? apiMonteCarlo(scenario, null) : null,
    lang: asked.lang,
    generatedAt: new Date(),
  });
  return new Response(bytes, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': attachment(`${asked.fileBase}-report-${asked.lang}.pdf`),
    },
  });
}
