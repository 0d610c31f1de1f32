/**
 * Writes the dataset fixtures in test/fixtures/datasets/ (committed; run again only to change
 * them): files as hospitals' Excel saves them, and bad files the import must refuse. The
 * numbers come from a seeded generator, so the files are the same on every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import { createRng } from '~/engine/uncertainty/rng';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'datasets');
mkdirSync(join(dir, 'bad'), { recursive: true });

const rng = createRng(17);
const uniform = () => rng.nextUint32() / 4294967296;
/** A normal draw (Box–Muller), rounded to a tenth of a minute, never below 0.1. */
const timing = (mean: number, sd: number) => {
  const z = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return Math.max(0.1, Math.round((mean + sd * z) * 10) / 10);
};
const pad = (n: number) => String(n).padStart(2, '0');

// 1. A time-motion study saved by Excel on Chinese Windows: GB18030, Chinese headers, commas,
// dates as 2026/3/5, phases 使用前 / 使用后, one outlier (a note interrupted by an emergency).
{
  const lines = ['科室,岗位,流程,日期,阶段,每任务耗时（分钟）,核对修改时间（分钟）'];
  for (let i = 0; i < 24; i++) {
    lines.push(`内科门诊,医生,门诊病历书写,2026/3/${1 + (i % 20)},使用前,${timing(3.9, 0.9)},`);
  }
  lines.push('内科门诊,医生,门诊病历书写,2026/3/21,使用前,14.5,');
  for (let i = 0; i < 24; i++) {
    lines.push(
      `内科门诊,医生,门诊病历书写,2026/4/${1 + (i % 20)},使用后,${timing(2.4, 0.7)},${timing(0.8, 0.3)}`,
    );
  }
  for (let i = 0; i < 12; i++) {
    lines.push(`慢病管理科,护士,慢病患者随访,2026/3/${2 + i},使用前,${timing(12, 2.5)},`);
    lines.push(`慢病管理科,护士,慢病患者随访,2026/4/${2 + i},使用后,${timing(7.5, 2)},${timing(1.5, 0.5)}`);
  }
  writeFileSync(join(dir, 'time-motion-gb18030.csv'), iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030'));
}

// 2. A pilot log from a European-locale Excel: UTF-8 with BOM, semicolons, decimal commas,
// English headers and workflow names.
{
  const lines = ['Date;Department;Workflow;Phase;Minutes per task;Verification minutes'];
  for (let i = 0; i < 15; i++) {
    const day = `2026-05-${pad(1 + i)}`;
    lines.push(
      `${day};Chronic disease clinic;Chronic-disease follow-up;before;${String(timing(11.5, 2)).replace('.', ',')};`,
    );
    lines.push(
      `${day};Chronic disease clinic;Chronic-disease follow-up;with AI;${String(timing(8, 1.8)).replace('.', ',')};${String(timing(1.2, 0.4)).replace('.', ',')}`,
    );
  }
  writeFileSync(join(dir, 'pilot-log-utf8-bom-semicolon.csv'), `\ufeff${lines.join('\r\n')}\r\n`);
}

// 3. HIS monthly volumes as Excel's "Unicode text": UTF-16LE with BOM, tabs, thousands separators.
{
  const lines = ['月份\t指标\t人次'];
  for (let m = 1; m <= 12; m++) {
    const visits = Math.round(28000 * (m === 1 || m === 2 ? 1.15 : m === 8 ? 0.9 : 1) + uniform() * 800);
    lines.push(`2025年${m}月\t门急诊人次\t${visits.toLocaleString('en-US')}`);
    lines.push(`2025年${m}月\t出院人次\t${Math.round(1300 + uniform() * 120).toLocaleString('en-US')}`);
  }
  writeFileSync(
    join(dir, 'his-volumes-utf16.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]),
  );
}

// 4. A nursing time-motion sheet in XLSX, wide: one row per observed shift with the baseline
// and the with-AI timing side by side, real date cells.
{
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('护理文书计时');
  sheet.addRow(['流程', '病区', '观察日期', '使用前耗时(分钟)', '使用后耗时(分钟)', '核对时间(分钟)']);
  for (let i = 0; i < 20; i++) {
    sheet.addRow([
      '护理文书记录',
      i % 2 === 0 ? '心内科病区' : '呼吸科病区',
      new Date(Date.UTC(2026, 5, 1 + i)),
      timing(52, 9),
      timing(40, 8),
      timing(5, 1.5),
    ]);
  }
  writeFileSync(join(dir, 'nursing-wide.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));
}

// Bad files, each refused with nothing stored. The name says why.
const bad: Record<string, string | Uint8Array> = {
  'empty.csv': '',
  'only-bom.csv': '\ufeff',
  'header-only.csv': '流程,阶段,分钟\r\n',
  'blank-lines.csv': '\r\n\r\n   \r\n',
  'image.png': new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ]),
  'legacy-excel.xls': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
  'broken.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5]),
  'unterminated-quote.csv':
    '流程,阶段,分钟\r\n门诊病历书写,使用前,3.5\r\n"门诊病历书写,使用后,2.5\r\n门诊病历书写,使用后,2.1\r\n',
  'ragged-rows.csv': '流程,阶段,分钟\r\n门诊病历书写,使用前,3.5\r\n门诊病历书写,使用后,2.5,1.0,额外\r\n',
  'duplicate-header.csv': '流程,阶段,分钟,分钟\r\n门诊病历书写,使用前,3.5,3.6\r\n',
  'numbers-no-header.csv': '1,2,3\r\n4,5,6\r\n',
  'too-many-columns.csv': `${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\r\n${Array.from({ length: 101 }, () => '1').join(',')}\r\n`,
  'not-text-latin1.csv': new Uint8Array([
    0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0xff, 0x2c, 0x80, 0x81, 0xff, 0x0a,
  ]),
  'bad-number.csv': '流程,阶段,分钟\r\n门诊病历书写,使用前,3.5\r\n门诊病历书写,使用后,两分钟\r\n',
  'bad-date.csv': '流程,日期,阶段,分钟\r\n门诊病历书写,2026/2/30,使用前,3.5\r\n',
  'unknown-workflow.csv': '流程,阶段,分钟\r\n门诊病历书写,使用前,3.5\r\n手术记录,使用后,2.5\r\n',
  'unknown-phase.csv': '流程,阶段,分钟\r\n门诊病历书写,第二周,3.5\r\n',
  'negative-minutes.csv': '流程,阶段,分钟\r\n门诊病历书写,使用前,-3.5\r\n',
  'hours-not-minutes.csv': '流程,阶段,分钟\r\n门诊病历书写,使用前,2880\r\n',
  'no-workflow-column.csv': '科室,阶段,分钟\r\n内科,使用前,3.5\r\n',
};
for (const [name, content] of Object.entries(bad)) writeFileSync(join(dir, 'bad', name), content);
console.log(`fixtures written to ${dir}`);
