import type { LoaderFunctionArgs } from '@remix-run/node';

import { sampleDownload } from '~/datasets/sample-download.server';

/** GET /scenarios/:id/data/sample.xlsx?kind=…&lang=… — a sample workbook to fill in. */
export const loader = (args: LoaderFunctionArgs) => sampleDownload(args, 'xlsx');
