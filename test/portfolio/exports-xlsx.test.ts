/**
 * The portfolio plan's sheet (组合规划), read back with exceljs: the data area holds each use
 * case's spend by year in 元 to the fen as values; its totals, cap and headroom are formulas
 * that come to the hand-added figures; every amount in the tables above is a formula over the
 * data area (÷ 10000 and 0.00 in Chinese, whole CNY in English), and moves when a figure does.
 * Formulas are evaluated from their text by fast-formula-parser, never from the cached results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import FormulaParser from 'fast-formula-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import type { Lang } from '~/engine/text';
import { planXlsx } from '~/portfolio/plan-xlsx.server';
import type { PortfolioExportInput } from '~/portfolio/report-pdf.server';

const FIXTURE = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'portfolio-plan-export.json'), 'utf8'),
) as Omit<PortfolioExportInput, 'lang'>;

async function workbookOf(lang: Lang, input = FIXTURE): Promise<ExcelJS.Workbook> {
  const bytes = await planXlsx({ ...input, lang });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  return workbook;
}

/** Each cell's value computed from its formula (recursively), never the cached result. */
function evaluator(sheet: ExcelJS.Worksheet) {
  const cache = new Map<string, unknown>();
  const parsers: FormulaParser[] = [];
  let depth = 0;
  const value = (row: number, col: number): unknown => {
    const key = `${row}:${col}`;
    if (cache.has(key)) return cache.get(key);
    const v = sheet.getCell(row, col).value;
    let out: unknown = v ?? null;
    if (v && typeof v === 'object' && 'formula' in v) {
      // The parser is not re-entrant: a formula over formulas gets a parser of its own.
      const parser = (parsers[depth] ??= new FormulaParser({
        onCell: (ref) => value(ref.row, ref.col),
        onRange: (ref) => {
          const rows: unknown[][] = [];
          for (let r = ref.from.row; r <= ref.to.row; r++) {
            const line: unknown[] = [];
            for (let c = ref.from.col; c <= ref.to.col; c++) line.push(value(r, c));
            rows.push(line);
          }
          return rows;
        },
      }));
      depth++;
      try {
        out = parser.parse(String(v.formula), { sheet: sheet.name, row, col });
      } finally {
        depth--;
      }
    }
    cache.set(key, out);
    return out;
  };
  return { value, reset: () => cache.clear() };
}

/** The row whose first cell reads `label`, at or after `from`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string, from = 1): number {
  for (let r = from; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === label) return r;
  throw new Error(`no row "${label}"`);
}

const formulaOf = (cell: ExcelJS.Cell) => (cell.value as ExcelJS.CellFormulaValue).formula;
/** Money columns: C is the plan's first year (2027), G its last (2031), H the NPV. */
const YEAR_COLUMNS = [3, 4, 5, 6, 7];

describe('组合规划 (the plan sheet)', () => {
  it('keeps the data in 元 as values and works out totals, the cap and the headroom with formulas', async () => {
    const workbook = await workbookOf('zh-CN');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['组合规划']);
    const sheet = workbook.getWorksheet('组合规划')!;
    const calc = evaluator(sheet);
    const data = rowOf(sheet, '数据区（元）：模型数值与合计公式');
    const head = data + 1;
    expect(YEAR_COLUMNS.map((c) => sheet.getCell(head, c).value)).toEqual([2027, 2028, 2029, 2030, 2031]);
    expect(sheet.getCell(head, 8).value).toBe('净现值（元）');

    // Spend by use case: the model's values, to the fen, not formulas.
    const nursing = rowOf(sheet, '护理文书助手', head);
    expect(YEAR_COLUMNS.map((c) => sheet.getCell(nursing, c).value)).toEqual([
      412_345.67, 95_210.5, 98_120, 101_060.25, 104_090.1,
    ]);
    expect(sheet.getCell(nursing, 3).numFmt).toBe('#,##0.00');
    expect(sheet.getCell(nursing, 2).value).toBe('自建护理文书助手（本地小模型）');
    expect(sheet.getCell(nursing, 8).value).toBe(1_834_512.37);
    const speech = rowOf(sheet, '语音录入电子病历', head);
    expect(sheet.getCell(speech, 5).value).toBe(973_480);
    const servers = rowOf(sheet, '共享推理服务器', head);
    expect(YEAR_COLUMNS.map((c) => sheet.getCell(servers, c).value)).toEqual([
      260_000, 18_400, 18_400, 18_400, 18_400,
    ]);
    // A use case not funded spends nothing and is there with its NPV of 0.
    const education = rowOf(sheet, '患者健康宣教', head);
    expect(sheet.getCell(education, 2).value).toBe('暂不投入');
    expect(YEAR_COLUMNS.map((c) => sheet.getCell(education, c).value)).toEqual([0, 0, 0, 0, 0]);

    // Totals, cap and headroom are formulas; worked by hand:
    // 2027: 412,345.67 + 260,000 = 672,345.67; cap 1,200,000 − 300,000 = 900,000; headroom 227,654.33.
    // 2029: 98,120 + 310,000 + 973,480 + 18,400 = 1,400,000 = the cap (1,500,000 − 100,000): headroom 0.
    const total = rowOf(sheet, '合计', head);
    const budget = rowOf(sheet, 'AI 预算', head);
    const committed = rowOf(sheet, '已有合同', head);
    const cap = rowOf(sheet, '预算上限', head);
    const headroom = rowOf(sheet, '余量', head);
    expect(formulaOf(sheet.getCell(total, 3))).toBe(`SUM(C${head + 1}:C${total - 1})`);
    expect(formulaOf(sheet.getCell(cap, 3))).toBe(`C${budget}-C${committed}`);
    expect(formulaOf(sheet.getCell(headroom, 3))).toBe(`C${cap}-C${total}`);
    expect(sheet.getCell(budget, 3).value).toBe(1_200_000);
    expect(sheet.getCell(committed, 3).value).toBe(300_000);
    const at = (r: number, c: number) => calc.value(r, c) as number;
    expect(at(total, 3)).toBeCloseTo(672_345.67, 6);
    expect(at(cap, 3)).toBe(900_000);
    expect(at(headroom, 3)).toBeCloseTo(227_654.33, 6);
    expect(at(total, 5)).toBeCloseTo(1_400_000, 6);
    expect(at(headroom, 5)).toBeCloseTo(0, 6);
    // 2028: 95,210.50 + 286,444.33 + 18,400 = 400,054.83; headroom 1,000,000 − 400,054.83.
    expect(at(total, 4)).toBeCloseTo(400_054.83, 6);
    expect(at(headroom, 4)).toBeCloseTo(599_945.17, 6);
    // The NPVs add up to 1,834,512.37 + 642,318.90 + 415,007.15 = 2,891,838.42.
    expect(formulaOf(sheet.getCell(total, 8))).toMatch(/^SUM\(H\d+:H\d+\)$/);
    expect(at(total, 8)).toBeCloseTo(2_891_838.42, 6);
  });

  it('shows every amount above in 万元 as =<元 cell>/10000 formatted 0.00, and moves with the data', async () => {
    const workbook = await workbookOf('zh-CN');
    const sheet = workbook.getWorksheet('组合规划')!;
    const calc = evaluator(sheet);
    const data = rowOf(sheet, '数据区（元）：模型数值与合计公式');
    const years = rowOf(sheet, '逐年支出与预算上限（万元）') + 1;
    expect(years).toBeLessThan(data);

    // Every number in the year table is a formula over the data area's cell of the same column.
    let amounts = 0;
    for (let r = years + 1; r < rowOf(sheet, '每多 1 万元预算约增加（万元，估计）'); r++)
      for (const c of YEAR_COLUMNS) {
        const cell = sheet.getCell(r, c);
        expect(formulaOf(cell)).toMatch(new RegExp(`^${cell.address.replace(/\d+/, '')}\\d+/10000$`));
        const source = Number(formulaOf(cell).match(/\d+/)![0]);
        expect(source).toBeGreaterThan(data);
        // The same line: the data area's total (of spend and NPV alike) is shown as total spend.
        const label = sheet.getCell(r, 1).value;
        expect(sheet.getCell(source, 1).value).toBe(label === '支出合计' ? '合计' : label);
        expect(cell.numFmt).toMatch(/^0\.00/);
        amounts++;
      }
    // Three use cases and the servers, total, budget, contracts, cap, headroom: 9 lines × 5 years.
    expect(amounts).toBe(45);
    const shownTotal = rowOf(sheet, '支出合计', years);
    const shownHeadroom = rowOf(sheet, '余量', years);
    expect((calc.value(shownTotal, 3) as number).toFixed(2)).toBe('67.23');
    expect((calc.value(shownHeadroom, 3) as number).toFixed(2)).toBe('22.77');
    expect(sheet.getCell(shownHeadroom, 3).numFmt).toBe('0.00;[Red]-0.00');

    // The plan table and the head of the sheet: NPV in 万元, by formula.
    const plan = rowOf(sheet, '用例');
    expect((sheet.getRow(plan).values as unknown[]).slice(1)).toEqual([
      '用例',
      '方案',
      '方式',
      '起始年份',
      '净现值（万元）',
    ]);
    expect(sheet.getCell(plan + 1, 1).value).toBe('护理文书助手');
    expect(sheet.getCell(plan + 1, 3).value).toBe('自建');
    expect(sheet.getCell(plan + 1, 4).value).toBe(2027);
    expect(formulaOf(sheet.getCell(plan + 1, 5))).toMatch(/^H\d+\/10000$/);
    expect((calc.value(plan + 1, 5) as number).toFixed(2)).toBe('183.45');
    expect(sheet.getCell(plan + 2, 4).value).toBe(2028);
    const totalNpv = rowOf(sheet, '净现值合计（万元）');
    expect(calc.value(totalNpv, 2)).toBeCloseTo(289.183842, 9);
    expect(sheet.getCell(rowOf(sheet, '求解状态'), 2).value).toBe('已证明为最优方案（与最优解的差距为 0）。');

    // 10,000 元 more for the nursing assistant in 2029: 1.00 万元 more spend, 1.00 less headroom
    // (−1.00: over the cap), in the tables above, with no other change.
    const nursing = rowOf(sheet, '护理文书助手', data);
    sheet.getCell(nursing, 5).value = 98_120 + 10_000;
    calc.reset();
    expect(calc.value(shownTotal, 5)).toBeCloseTo(141, 9);
    expect(calc.value(shownHeadroom, 5)).toBeCloseTo(-1, 9);
    expect(calc.value(rowOf(sheet, '护理文书助手', years), 5)).toBeCloseTo(10.812, 9);
    expect((calc.value(shownTotal, 3) as number).toFixed(2)).toBe('67.23');

    // The simple plans: NPV and loss in 万元 from the data area; the breach years named.
    const alternatives = rowOf(sheet, '与简单方案比较（万元）') + 1;
    const greedy = rowOf(sheet, '正净现值优先', alternatives);
    expect((calc.value(greedy, 3) as number).toFixed(2)).toBe('255.76');
    expect((calc.value(greedy, 5) as number).toFixed(2)).toBe('33.42');
    const now = rowOf(sheet, '全部立即投入', alternatives);
    expect(sheet.getCell(now, 4).value).toBe('2027、2028');
    expect((calc.value(now, 5) as number).toFixed(2)).toBe('-6.70');
    expect(String(sheet.getCell(now, 2).value).split('\n')).toEqual([
      '护理文书助手：自建，2027 年',
      '慢病随访：采购，2027 年',
      '语音录入电子病历：采购，2027 年',
      '患者健康宣教：采购，2027 年',
    ]);
    // The estimate per 万元 of cap, and the year that binds.
    const dual = rowOf(sheet, '每多 1 万元预算约增加（万元，估计）');
    expect(sheet.getCell(dual, 5).value).toBeCloseTo(0.3125, 12);
    expect(YEAR_COLUMNS.map((c) => sheet.getCell(dual + 1, c).value)).toEqual(['否', '否', '是', '否', '否']);
  });

  it('prints on A4 landscape, one page wide, its name and version in every page header', async () => {
    const bytes = await planXlsx({ ...FIXTURE, lang: 'zh-CN' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('组合规划')!;
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    });
    expect(sheet.headerFooter.oddHeader).toBe('&L某县人民医院 · 2027—2031 年 AI 投入组合&R第 2 版');
    // Each part starts a printed page: the year table and the data area.
    // (exceljs writes page breaks but does not read them back: the sheet's XML says them.)
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
    expect(breaks).toEqual([
      rowOf(sheet, '逐年支出与预算上限（万元）') - 1,
      rowOf(sheet, '数据区（元）：模型数值与合计公式') - 1,
    ]);
  });

  it('speaks English in whole CNY: each display cell is its data cell, formatted #,##0', async () => {
    const workbook = await workbookOf('en');
    const sheet = workbook.getWorksheet('Portfolio plan')!;
    const calc = evaluator(sheet);
    const years = rowOf(sheet, 'Spend each year against the cap (CNY)') + 1;
    const total = rowOf(sheet, 'Total spend', years);
    expect(formulaOf(sheet.getCell(total, 3))).toMatch(/^C\d+$/);
    expect(sheet.getCell(total, 3).numFmt).toBe('#,##0');
    expect(calc.value(total, 3)).toBeCloseTo(672_345.67, 6);
    expect(sheet.getCell(rowOf(sheet, 'Solver status'), 2).value).toBe(
      'Proved optimal (no gap to the optimum).',
    );
    expect(sheet.getCell(rowOf(sheet, 'Nursing documentation assistant', years), 2).value).toBe(
      'Build on a small on-premises model',
    );
    const dual = rowOf(sheet, 'Gain per extra CNY 10,000 of cap (CNY, an estimate)');
    expect(sheet.getCell(dual, 5).value).toBeCloseTo(3125, 9);
    // No Chinese word but the names the hospital gave (the portfolio's own name).
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && cell.value !== FIXTURE.document.name)
          expect(cell.value).not.toMatch(/[\u4e00-\u9fff]/);
      }),
    );
  });

  it('escapes names a spreadsheet would run as formulas', async () => {
    const plan = structuredClone(FIXTURE.plan);
    plan.useCases[0]!.name = { 'zh-CN': '=HYPERLINK("http://x")', en: '=HYPERLINK("http://x")' };
    const sheet = (await workbookOf('zh-CN', { ...FIXTURE, plan })).getWorksheet('组合规划')!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain('\'=HYPERLINK("http://x")');
    expect(cells).not.toContain('=HYPERLINK("http://x")');
  });
});
