import { csvDocument } from '../csv';

import type { MonteCarloResult } from './monte-carlo';

/**
 * The Monte Carlo's raw samples as CSV (one row a trial: its inputs, then each option's NPV),
 * with a byte-order mark so Excel on Chinese Windows reads it as UTF-8.
 */
export function samplesCsv(mc: MonteCarloResult): string {
  if (!mc.samples) throw new Error('The Monte Carlo was run without recordSamples');
  const head = ['trial', ...mc.samples.inputs, ...mc.samples.options.map((id) => `npv:${id}`)];
  return csvDocument([head, ...mc.samples.rows]);
}
