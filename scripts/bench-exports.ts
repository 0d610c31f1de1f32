/**
 * npm run bench (exports part) — time to make the committee report of the largest bundled
 * scenario: the PDF in both languages (goal ≤ 3 s) and the XLSX (goal ≤ 1 s), printed, never
 * asserted. Each is made three times after a warm-up; the median is shown.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { renderTable } from './table';

const PDF_GOAL_MS = 3000;
const XLSX_GOAL_MS = 1000;

const dir = mkdtempSync(join(tmpdir(), 'planner-bench-exports-'));
process.env.DATABASE_URL = join(dir, 'bench.db');
const { loader: pdf } = await import('~/routes/api.scenarios.$id.report[.]pdf');
const { loader: xlsx } = await import('~/routes/api.scenarios.$id.report[.]xlsx');
const { closeDb } = await import('~/db.server');

const scenarios = join(import.meta.dirname, '..', 'scenarios');
const largest = readdirSync(scenarios)
  .filter((f) => f.endsWith('.json'))
  .sort((a, b) => readFileSync(join(scenarios, b)).length - readFileSync(join(scenarios, a)).length)[0]!
  .replace(/\.json$/, '');

async function median(
  loader: (args: never) => unknown,
  path: string,
): Promise<{ ms: number; bytes: number }> {
  const once = async () => {
    const t0 = performance.now();
    const response = (await loader({
      request: new Request(`http://localhost${path}`),
      params: { id: largest },
      context: {},
    } as never)) as Response;
    const bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - t0, bytes };
  };
  await once();
  const runs = [await once(), await once(), await once()].sort((a, b) => a.ms - b.ms);
  return runs[1]!;
}

const rows: string[][] = [];
const verdicts: string[] = [];
for (const [label, loader, path, goal] of [
  ['PDF, 中文', pdf, `/api/scenarios/${largest}/report.pdf?lang=zh-CN`, PDF_GOAL_MS],
  ['PDF, English', pdf, `/api/scenarios/${largest}/report.pdf?lang=en`, PDF_GOAL_MS],
  ['XLSX, 中文', xlsx, `/api/scenarios/${largest}/report.xlsx?lang=zh-CN`, XLSX_GOAL_MS],
] as const) {
  const m = await median(loader, path);
  rows.push([label, m.ms.toFixed(0), (m.bytes / 1024).toFixed(0)]);
  verdicts.push(`${label} ≤ ${goal} ms: ${m.ms <= goal ? 'met' : 'NOT met'}`);
}
closeDb();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `\nReports of ${largest} (with its Monte Carlo), median of 3\n\n${renderTable(['report', 'ms', 'KB'], rows)}\n\n${verdicts.join('\n')}\n`,
);
