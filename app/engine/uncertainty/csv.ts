import type { MonteCarloResult } from './monte-carlo';

/** A CSV field: quoted when it holds a separator, a quote or a line break. */
const field = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The Monte Carlo's raw samples as CSV (one row a trial: its inputs, then each option's NPV),
 * with a byte-order mark so Excel on Chinese Windows reads it as UTF-8.
 */
export function samplesCsv(mc: MonteCarloResult): string {
  if (!mc.samples) throw new Error('The Monte Carlo was run without recordSamples');
  const head = ['trial', ...mc.samples.inputs, ...mc.samples.options.map((id) => `npv:${id}`)];
  const lines = [head.map(field).join(','), ...mc.samples.rows.map((row) => row.map(field).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
