import type { LoaderFunctionArgs } from '@remix-run/node';

import { sampleDownload } from '~/datasets/sample-download.server';

/** GET /scenarios/:id/data/sample.csv?kind=…&lang=… — a sample file to fill in (UTF-8 with BOM). */
export const loader = (args: LoaderFunctionArgs) => sampleDownload(args, 'csv');
