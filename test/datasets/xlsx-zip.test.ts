/**
 * An XLSX is a zip, and a zip's declared sizes are the sender's word: the reader counts the
 * bytes it really inflates and stops at the limits, whatever the headers say.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { describeDatasetProblem, type DatasetProblem } from '~/datasets/problems';
import { readTableFile } from '~/datasets/read-file.server';
import {
  MAX_XLSX_OTHER_PART_BYTES,
  MAX_XLSX_PARTS,
  MAX_XLSX_UNPACKED_BYTES,
  checkXlsxZip,
} from '~/datasets/xlsx-zip.server';

import { deflatedRun, storedPart, zipOf } from './zip-bombs';

const MB = 1024 * 1024;
const NAME = '门诊;2024=炸弹.xlsx';

async function refusal(bytes: Uint8Array): Promise<{ problem: DatasetProblem; ms: number }> {
  const started = performance.now();
  const read = await readTableFile(bytes, {}, NAME);
  const ms = performance.now() - started;
  if (read.ok) throw new Error('the file was read');
  expect(read.problems).toHaveLength(1);
  return { problem: read.problems[0]!, ms };
}

/** Both languages name the file and the limit. */
function expectNamed(problem: DatasetProblem, limit: string) {
  const zh = describeDatasetProblem(problem, 'zh-CN');
  const en = describeDatasetProblem(problem, 'en');
  expect(zh).toContain(`“${NAME}”`);
  expect(en).toContain(`"${NAME}"`);
  expect(zh).toContain(limit);
  expect(en).toContain(limit);
  expect(en.replace(/"[^"]*"/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
}

describe('XLSX zip bombs', () => {
  it(
    'stops a sheet that declares 1 KB and inflates to 150 MB at the first bytes past its word',
    { timeout: 60_000 },
    async () => {
      const sheet = await deflatedRun(150);
      expect(sheet.data.byteLength).toBeLessThan(MB);
      // Central directory and local header both lie: the sum of declared sizes is 1 KB.
      const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', ...sheet, declaredSize: 1024 }]);
      const { problem, ms } = await refusal(bomb);
      expect(problem).toMatchObject({ code: 'xlsxMalformed', params: { file: NAME } });
      expect(ms).toBeLessThan(2_000);
    },
  );

  it(
    'refuses a workbook declaring more than the unpacked limit before inflating it, naming the file and the limit',
    { timeout: 60_000 },
    async () => {
      const sheet = await deflatedRun(60);
      const bomb = zipOf([
        storedPart('[Content_Types].xml', '<Types/>'),
        { name: 'xl/worksheets/sheet1.xml', ...sheet, declaredSize: 60 * MB },
        { name: 'xl/worksheets/sheet2.xml', ...sheet, declaredSize: 60 * MB },
      ]);
      const { problem, ms } = await refusal(bomb);
      expect(problem).toMatchObject({
        code: 'xlsxTooLargeUnpacked',
        params: { file: NAME, max: MAX_XLSX_UNPACKED_BYTES / MB },
      });
      expectNamed(problem, '100 MB');
      expect(ms).toBeLessThan(1_000);
    },
  );

  it(
    'counts the parts the central directory lists, whatever the local headers say',
    { timeout: 60_000 },
    async () => {
      const sheet = await deflatedRun(150);
      // Local headers without sizes (a streaming writer's), the directory declaring 1 KB.
      const hidden = zipOf([
        { name: 'xl/worksheets/sheet1.xml', ...sheet, declaredSize: 1024, descriptor: true },
      ]);
      const first = await refusal(hidden);
      expect(first.problem.code).toBe('xlsxMalformed');
      expect(first.ms).toBeLessThan(2_000);
      // Two directory entries pointing at the same data: many huge parts from one small kernel.
      const twice = zipOf([
        storedPart('[Content_Types].xml', '<Types/>'),
        { name: 'xl/worksheets/sheet1.xml', ...sheet, declaredSize: 1024 },
      ]);
      const records = [...twice.keys()].filter(
        (i) => twice[i] === 0x50 && twice[i + 1] === 0x4b && twice[i + 2] === 1 && twice[i + 3] === 2,
      );
      expect(records).toHaveLength(2);
      Buffer.from(twice.buffer, twice.byteOffset).writeUInt32LE(0, records[1]! + 42);
      expect((await refusal(twice)).problem.code).toBe('xlsxMalformed');
    },
  );

  it(
    'refuses a part other than a sheet that is huge though the total is within the limit',
    { timeout: 60_000 },
    async () => {
      const styles = await deflatedRun(30);
      // Declared honestly: refused from the header, before anything is inflated.
      const honest = await refusal(zipOf([{ name: 'xl/styles.xml', ...styles, declaredSize: 30 * MB }]));
      expect(honest.problem).toMatchObject({
        code: 'xlsxPartTooLarge',
        params: { file: NAME, part: 'xl/styles.xml', max: MAX_XLSX_OTHER_PART_BYTES / MB },
      });
      expectNamed(honest.problem, '20 MB');
      // Declared small: refused at the first bytes past its word.
      const hidden = await refusal(zipOf([{ name: 'xl/styles.xml', ...styles, declaredSize: 10 }]));
      expect(hidden.problem.code).toBe('xlsxMalformed');
    },
  );

  it('refuses a zip of thousands of tiny parts and one whose zip is cut short', async () => {
    const parts = Array.from({ length: MAX_XLSX_PARTS + 1 }, (_, i) => storedPart(`xl/media/p${i}.xml`, 'x'));
    const many = await refusal(zipOf(parts));
    expect(many.problem).toMatchObject({ code: 'xlsxTooManyParts', params: { max: MAX_XLSX_PARTS } });
    expectNamed(many.problem, String(MAX_XLSX_PARTS));
    const whole = zipOf([storedPart('xl/workbook.xml', '<workbook/>'.repeat(100))]);
    const cut = await refusal(whole.subarray(0, 200));
    expect(cut.problem.code).toBe('xlsxMalformed');
    const twice = await refusal(zipOf([storedPart('a.xml', '<a/>'), storedPart('a.xml', '<b/>')]));
    expect(twice.problem.code).toBe('xlsxMalformed');
  });

  it('reads an ordinary workbook, cell for cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('计时');
    sheet.addRow(['流程', '阶段', '分钟']);
    for (let i = 0; i < 500; i++)
      sheet.addRow(['门诊病历书写', i % 2 ? '使用后' : '使用前', 3 + (i % 7) / 10]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect(checkXlsxZip(bytes, 'x.xlsx')).toBeNull();
    const read = await readTableFile(bytes, {}, 'x.xlsx');
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.table.headers).toEqual(['流程', '阶段', '分钟']);
    expect(read.table.rows).toHaveLength(500);
    expect(read.table.rows[499]).toEqual(['门诊病历书写', '使用后', '3.2']);
    expect(read.table.rowNumbers[0]).toBe(2);
  });
});
