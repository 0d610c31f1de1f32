import type { LoaderFunctionArgs } from '@remix-run/node';

import { portfolioDownload } from '~/portfolio/export-download.server';

/**
 * GET /portfolios/:id/report.pdf[?version=N&lang=…&budgetByYear=…] — the committee's PDF chapter
 * on the portfolio's plan (AI 投入组合规划), made by the job pool.
 */
export const loader = (args: LoaderFunctionArgs) => portfolioDownload(args, 'pdf');
