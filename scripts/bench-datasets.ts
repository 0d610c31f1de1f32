/**
 * npm run bench (datasets part) — import and statistics of a 100,000-row time-motion file,
 * printed, never asserted: read (decode, detect, split), interpret against the scenario,
 * store in one transaction on a temporary SQLite file, and the statistics per workflow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { renderTable } from './table';

const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'planner-bench-datasets-'));
process.env.DATABASE_URL = join(dir, 'bench.db');

const { readTableFile } = await import('~/datasets/read-file.server');
const { interpretTable } = await import('~/datasets/interpret');
const { workflowStats } = await import('~/datasets/stats');
const { commitDataset, datasetStatistics } = await import('~/models/datasets.server');
const { getScenario } = await import('~/models/scenarios.server');
const { closeDb } = await import('~/db.server');

const SCENARIO = 'county-hospital-300-beds';
const WORKFLOWS = ['门诊病历书写', '护理文书记录', '慢病患者随访'];

// A year of observations across three workflows: seeded by a simple LCG so the file is the same each run.
let state = 12345;
const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
const lines = ['科室,岗位,流程,日期,阶段,每任务耗时(分钟),核对修改时间(分钟)'];
for (let i = 0; i < ROWS; i++) {
  const withAi = next() < 0.5;
  const day = 1 + Math.floor(next() * 28);
  const month = 1 + Math.floor(next() * 12);
  const minutes = (withAi ? 2 : 4) + next() * 3;
  lines.push(
    `内科,医生,${WORKFLOWS[i % 3]},2026/${month}/${day},${withAi ? '使用后' : '使用前'},${minutes.toFixed(1)},${withAi ? (next() * 2).toFixed(1) : ''}`,
  );
}
const bytes = new TextEncoder().encode(lines.join('\r\n'));

const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
};

const scenario = getScenario(SCENARIO)!;
const [read, readMs] = await time(() => readTableFile(bytes));
if (!read.ok) throw new Error('the bench file could not be read');
const mapping = [
  'department',
  'role',
  'workflow',
  'date',
  'phase',
  'minutes',
  'verificationMinutes',
] as const;
const [interpreted, interpretMs] = await time(() =>
  interpretTable(read.table, [...mapping], scenario.document),
);
if (interpreted.problems.length > 0) throw new Error('the bench file has problems');
const [, statsMs] = await time(() => workflowStats(interpreted.observations));
const [committed, commitMs] = await time(() =>
  commitDataset(SCENARIO, { name: 'bench.csv', bytes }, {}, [...mapping], 'bench'),
);
if (!committed.ok) throw new Error('the bench file was not stored');
const [, storedStatsMs] = await time(() => datasetStatistics(SCENARIO, committed.dataset.id));
closeDb();
rmSync(dir, { recursive: true, force: true });

const f = (x: number) => x.toFixed(0);
process.stdout.write(
  `\nDatasets: a ${ROWS.toLocaleString('en-US')}-row CSV (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB)\n\n${renderTable(
    ['step', 'ms'],
    [
      ['read (decode, detect separator, split)', f(readMs)],
      ['interpret (numbers, dates, phases, workflows)', f(interpretMs)],
      ['statistics per workflow and phase', f(statsMs)],
      ['commit: read + interpret + store in one transaction', f(commitMs)],
      ['statistics from the stored rows (the API)', f(storedStatsMs)],
    ],
  )}\n`,
);
