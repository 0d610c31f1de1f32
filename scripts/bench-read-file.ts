/**
 * tsx scripts/bench-read-file.ts — what reading an upload costs, printed, never asserted: the
 * largest CSV accepted (200,000 rows, UTF-8 and GB18030), the same rows as XLSX, and a 1 MB
 * XLSX that inflates to 1 GB.
 * Each file is read in a fresh process (`--expose-gc`) so its peak resident memory is the
 * reading's alone: peak is the process's maxRSS less its resident size just before reading.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import { renderTable } from './table';

if (process.argv[2] === 'child') {
  const { readTableFile } = await import('~/datasets/read-file.server');
  const bytes = new Uint8Array(readFileSync(process.argv[3]!));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const read = await readTableFile(bytes, {}, 'bench');
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024 - before;
  const outcome = read.ok ? `${read.table.rows.length} rows` : read.problems[0]!.code;
  process.stdout.write(JSON.stringify({ ms, peak, outcome }));
  process.exit(0);
}

const ROWS = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'planner-bench-read-'));
const WORKFLOWS = ['门诊病历书写', '护理文书记录', '慢病患者随访'];
let state = 12345;
const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
const lines = ['科室,岗位,流程,日期,阶段,每任务耗时(分钟),核对修改时间(分钟)'];
for (let i = 0; i < ROWS; i++) {
  const withAi = next() < 0.5;
  const minutes = (withAi ? 2 : 4) + next() * 3;
  lines.push(
    `内科,医生,${WORKFLOWS[i % 3]},2026/${1 + Math.floor(next() * 12)}/${1 + Math.floor(next() * 28)},${withAi ? '使用后' : '使用前'},${minutes.toFixed(1)},${withAi ? (next() * 2).toFixed(1) : ''}`,
  );
}
const text = `${lines.join('\r\n')}\r\n`;
const files: [string, string][] = [
  ['CSV, UTF-8, 200,000 rows', join(dir, 'utf8.csv')],
  ['CSV, GB18030, 200,000 rows', join(dir, 'gb.csv')],
  ['XLSX, 200,000 rows', join(dir, 'rows.xlsx')],
  ['XLSX, 1 MB declaring 1 KB, inflating to 1 GB', join(dir, 'bomb.xlsx')],
];
writeFileSync(files[0]![1], text);
writeFileSync(files[1]![1], iconv.encode(text, 'gb18030'));
{
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: files[2]![1] });
  const sheet = writer.addWorksheet('计时');
  for (const line of lines) sheet.addRow(line.split(',')).commit();
  sheet.commit();
  await writer.commit();
}
{
  const { deflatedRun, zipOf } = await import('../test/datasets/zip-bombs');
  const sheet = await deflatedRun(1024);
  writeFileSync(files[3]![1], zipOf([{ name: 'xl/worksheets/sheet1.xml', ...sheet, declaredSize: 1024 }]));
}

const rows = files.map(([label, file]) => {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', import.meta.filename, 'child', file],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(child.stderr);
  const r = JSON.parse(child.stdout) as { ms: number; peak: number; outcome: string };
  const size = readFileSync(file).byteLength;
  return [
    label,
    (size / 1024 / 1024).toFixed(1),
    r.outcome,
    r.ms.toFixed(0),
    (r.peak / 1024 / 1024).toFixed(0),
  ];
});
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `\nReading uploads (each in a fresh process)\n\n${renderTable(['file', 'MB', 'outcome', 'ms', 'peak MB over start'], rows)}\n`,
);
