import type { LoaderFunctionArgs } from '@remix-run/node';

import { portfolioDownload } from '~/portfolio/export-download.server';

/**
 * GET /portfolios/:id/report.xlsx[?version=N&lang=…&budgetByYear=…] — the plan as the sheet
 * 组合规划: the model's figures in 元, totals and headroom as live formulas, shown in 万元.
 */
export const loader = (args: LoaderFunctionArgs) => portfolioDownload(args, 'xlsx');
