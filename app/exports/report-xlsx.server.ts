/**
 * report.xlsx for the budget committee's own checking: a summary, each option's yearly flows by
 * cost category, every input, and the flow data the other sheets are computed from. The data
 * sheet keeps the engine's values exact, in 元; its totals and NPV are live formulas (SUM(),
 * NPV()), each cell also carrying the engine's value so it shows before a recalculation. The
 * summary and the yearly-flows sheet show money as the dashboard and the PDF do: in Chinese in
 * 万元, each cell `=<元 cell>/10000` formatted 0.00 (a number format can only divide by
 * thousands), in English in whole units with thousands grouped. Change a flow on the data sheet
 * and every sheet moves. Text that a spreadsheet would read as a formula is escaped.
 */
import ExcelJS from 'exceljs';

import { escapeFormulaText as safeText } from '~/engine/csv';
import { COST_CATEGORIES } from '~/engine/constants';
import { moneyUnit } from '~/engine/format';
import type { ScenarioResult } from '~/engine/results';
import type { Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { CATEGORY_NAMES, IRR_NOTES, METRIC_NAMES, termLabel } from '~/i18n/terms';

import { inputsSheet } from './xlsx-inputs.server';
import { fitRowHeight, setPrint, type PrintHeading } from './xlsx-print.server';

const T = {
  summary: { 'zh-CN': '汇总', en: 'Summary' },
  flows: { 'zh-CN': '年度现金流（万元）', en: 'Yearly flows' },
  inputs: { 'zh-CN': '输入', en: 'Inputs' },
  data: { 'zh-CN': '现金流数据（元）', en: 'Flow data ({currency})' },
  version: { 'zh-CN': '版本', en: 'Version' },
  currency: { 'zh-CN': '币种', en: 'Currency' },
  rate: { 'zh-CN': '折现率', en: 'Discount rate' },
  note: {
    'zh-CN':
      '金额单位：万元。各金额为公式，引用以元计的“{data}”表（净现值、内部收益率与合计在该表以公式计算）；第 k 年现金流按 (1+r)^k 折现，与 Excel 的 NPV() 相同。',
    en: 'Amounts in {currency}. Every amount is a formula over the "{data}" sheet, where NPV, IRR and the totals are formulas; year k is discounted by (1+r)^k, as Excel’s NPV() does.',
  },
  irrNote: { 'zh-CN': '注：“{option}”无内部收益率：{why}。', en: 'Note: "{option}" has no IRR: {why}.' },
  cashOut: { 'zh-CN': '现金支出合计', en: 'Total cash out' },
  funding: { 'zh-CN': '资金来源合计', en: 'Total funding' },
  realized: { 'zh-CN': '实际变现收益合计', en: 'Total cash realized' },
  net: { 'zh-CN': '净现金流合计', en: 'Total net cash' },
  year: { 'zh-CN': '规划年', en: 'Plan year' },
  calendarYear: { 'zh-CN': '年份', en: 'Year' },
  cashOutYear: { 'zh-CN': '现金支出', en: 'Cash out' },
  fundingYear: { 'zh-CN': '资金来源', en: 'Funding' },
  realizedYear: { 'zh-CN': '实际变现收益', en: 'Cash realized' },
  netYear: { 'zh-CN': '净现金流', en: 'Net cash flow' },
  budget: { 'zh-CN': 'AI 预算', en: 'AI budget' },
  headroom: { 'zh-CN': '预算余量', en: 'Budget headroom' },
  total: { 'zh-CN': '合计', en: 'Total' },
  npvAt: { 'zh-CN': '净现值（折现率见“{summary}”表）', en: 'NPV (at the rate on "{summary}")' },
} as const;

/** The data sheet's format: the engine's 元, to the fen. */
const EXACT = '#,##0.00';

const col = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** A sheet's name as a formula refers to it. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** One cell of the flows grid: text, a whole number (a year), or money in 元 (a value or a formula). */
type GridCell =
  | { kind: 'text'; text: string; bold?: boolean }
  | { kind: 'year'; value: number }
  | { kind: 'money'; value: number; formula?: string };

export interface FlowLayout {
  /** Per option, on the data sheet: the rows of its years, its totals row and its NPV row. */
  rows: { first: number; last: number; total: number; npv: number }[];
  columns: { cashOut: string; funding: string; realized: string; net: string };
}

export async function reportXlsx(
  document: Scenario,
  result: ScenarioResult,
  stored: { version: number; approval: string },
  lang: Lang,
): Promise<Uint8Array<ArrayBuffer>> {
  const zh = lang === 'zh-CN';
  const t = (key: keyof typeof T, params: Record<string, string> = {}) =>
    T[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
  const unit = moneyUnit(result.currency, lang);
  // The unit on a line of its own: a wrapped head never leaves "）" alone on a line.
  const inUnit = (head: string, u: string) => (zh ? `${head}\n（${u}）` : `${head}\n(${u})`);
  const withUnit = (head: string) => inUnit(head, unit);
  // The display: 万元 in Chinese (a formula, for a number format cannot divide by 10,000),
  // whole units in English, as format.ts writes money for each language.
  const display = zh
    ? { scale: 10000, numFmt: '0.00', of: (ref: string) => `${ref}/10000` }
    : { scale: 1, numFmt: '#,##0', of: (ref: string) => ref };

  const caseName = localize(document.name, lang);
  const hospital = localize(document.hospital.name, lang);
  const heading: PrintHeading = { hospital, caseName, version: stored.version, lang };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hospital AI Planner';
  workbook.title = `${hospital} · ${caseName}`;
  workbook.company = hospital;
  const names = {
    summary: t('summary'),
    flows: t('flows'),
    inputs: t('inputs'),
    data: t('data', { currency: result.currency }),
  };
  if (zh && result.currency !== 'CNY') names.data = `现金流数据（${result.currency}）`;
  const summary = workbook.addWorksheet(names.summary);
  const flows = workbook.addWorksheet(names.flows);
  const inputs = workbook.addWorksheet(names.inputs);
  const data = workbook.addWorksheet(names.data);
  const dataRef = sheetRef(names.data);
  const rateRef = `${sheetRef(names.summary)}!$B$5`;

  // The flows grid, once: the data sheet writes it in 元, the yearly-flows sheet shows it.
  const categories = COST_CATEGORIES.map((c) => termLabel(CATEGORY_NAMES[c], lang));
  const moneyHeads = [
    ...categories,
    t('cashOutYear'),
    t('fundingYear'),
    t('realizedYear'),
    t('netYear'),
    t('budget'),
    t('headroom'),
  ];
  const c = {
    firstCategory: 3,
    cashOut: 3 + categories.length,
    funding: 4 + categories.length,
    realized: 5 + categories.length,
    net: 6 + categories.length,
    budget: 7 + categories.length,
    headroom: 8 + categories.length,
  };
  const layout: FlowLayout = {
    rows: [],
    columns: { cashOut: col(c.cashOut), funding: col(c.funding), realized: col(c.realized), net: col(c.net) },
  };
  const grid = new Map<number, Map<number, GridCell>>();
  const put = (row: number, column: number, cell: GridCell) => {
    if (!grid.has(row)) grid.set(row, new Map());
    grid.get(row)!.set(column, cell);
  };
  // Row 1 heads the columns (repeated on every printed page); each option is a block under it.
  let r = 2;
  for (const option of result.options) {
    put(r, 1, { kind: 'text', text: safeText(option.name), bold: true });
    r++;
    const first = r;
    for (const y of option.years) {
      put(r, 1, { kind: 'year', value: y.year });
      put(r, 2, { kind: 'year', value: y.calendarYear });
      COST_CATEGORIES.forEach((cat, i) =>
        put(r, c.firstCategory + i, { kind: 'money', value: y.costs[cat] }),
      );
      put(r, c.cashOut, {
        kind: 'money',
        value: y.cashOut,
        formula: `SUM(${col(c.firstCategory)}${r}:${col(c.cashOut - 1)}${r})`,
      });
      put(r, c.funding, { kind: 'money', value: y.funding });
      put(r, c.realized, { kind: 'money', value: y.cashRealized });
      put(r, c.net, {
        kind: 'money',
        value: y.netCashFlow,
        formula: `${col(c.realized)}${r}+${col(c.funding)}${r}-${col(c.cashOut)}${r}`,
      });
      put(r, c.budget, { kind: 'money', value: y.budget });
      put(r, c.headroom, {
        kind: 'money',
        value: y.budgetHeadroom,
        formula: `${col(c.budget)}${r}-(${col(c.cashOut)}${r}-${col(c.funding)}${r})`,
      });
      r++;
    }
    const last = r - 1;
    const total = r;
    put(total, 1, { kind: 'text', text: t('total'), bold: true });
    for (let k = c.firstCategory; k <= c.headroom; k++) {
      const sum = option.years.reduce((s, y, i) => {
        const cell = grid.get(first + i)!.get(k);
        return s + (cell?.kind === 'money' ? cell.value : 0);
      }, 0);
      put(total, k, { kind: 'money', value: sum, formula: `SUM(${col(k)}${first}:${col(k)}${last})` });
    }
    const npv = total + 1;
    put(npv, 1, { kind: 'text', text: t('npvAt', { summary: names.summary }), bold: true });
    put(npv, c.net, {
      kind: 'money',
      value: option.npv,
      formula: `NPV(${rateRef},${col(c.net)}${first}:${col(c.net)}${last})`,
    });
    layout.rows.push({ first, last, total, npv });
    r = npv + 2;
  }

  const head = [t('year'), t('calendarYear')];
  data.getRow(1).values = [
    ...head,
    ...moneyHeads.map((h) => inUnit(h, zh && result.currency === 'CNY' ? '元' : result.currency)),
  ];
  flows.getRow(1).values = [...head, ...moneyHeads.map(withUnit)];
  for (const [row, cells] of grid) {
    for (const [column, cell] of cells) {
      const exact = data.getCell(row, column);
      const shown = flows.getCell(row, column);
      if (cell.kind === 'money') {
        exact.value = cell.formula ? { formula: cell.formula, result: cell.value } : cell.value;
        exact.numFmt = EXACT;
        shown.value = {
          formula: display.of(`${dataRef}!${col(column)}${row}`),
          result: cell.value / display.scale,
        };
        shown.numFmt = display.numFmt;
      } else {
        const value = cell.kind === 'text' ? cell.text : cell.value;
        for (const target of [exact, shown]) {
          target.value = value;
          if (cell.kind === 'text' && cell.bold) target.font = { bold: true };
        }
      }
    }
  }
  for (const sheet of [data, flows]) {
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    sheet.getColumn(1).width = 10;
    sheet.getColumn(2).width = 8;
    for (let k = c.firstCategory; k <= c.headroom; k++)
      sheet.getColumn(k).width = sheet === data || !zh ? 14 : 11;
    fitRowHeight(
      sheet,
      header,
      [...Array(c.headroom).keys()].map((k) => k + 1),
    );
    // Option names and the NPV label run on from column A; the heads and years stay in view.
    sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
    setPrint(sheet, heading, { landscape: true, titleRows: '1:1' });
  }

  // Summary: the scenario, the rate (one cell every NPV refers to), one row per option.
  summary.getCell('A1').value = safeText(caseName);
  summary.getCell('A1').font = { bold: true, size: 14 };
  summary.getCell('A2').value = safeText(hospital);
  summary.getCell('A3').value = t('version');
  summary.getCell('B3').value = stored.version;
  // The approval state beside the version: a committee reads it before any number.
  summary.getCell('C3').value = safeText(stored.approval);
  summary.getCell('A4').value = t('currency');
  summary.getCell('B4').value = result.currency;
  summary.getCell('A5').value = t('rate');
  summary.getCell('B5').value = result.discountRate;
  summary.getCell('B5').numFmt = '0.0%';
  summary.getCell('A6').value = t('note', { data: names.data, currency: unit });
  const metric = (key: keyof typeof METRIC_NAMES) => METRIC_NAMES[key][lang];
  summary.getRow(8).values = [
    metric('option'),
    withUnit(metric('npv')),
    metric('irr'),
    withUnit(t('cashOut')),
    withUnit(t('funding')),
    withUnit(t('realized')),
    withUnit(t('net')),
    metric('payback'),
  ];
  summary.getRow(8).font = { bold: true };
  summary.getRow(8).alignment = { wrapText: true, vertical: 'middle' };

  const shown = (column: string, row: number, value: number) => ({
    formula: display.of(`${dataRef}!${column}${row}`),
    result: value / display.scale,
  });
  result.options.forEach((option, k) => {
    const { first, last, total, npv } = layout.rows[k]!;
    const row = summary.getRow(9 + k);
    row.getCell(1).value = safeText(option.name);
    row.getCell(2).value = shown(layout.columns.net, npv, option.npv);
    // Where the engine gives no IRR (no sign change, money in first, several roots), Excel's
    // IRR() would still find a number: the cell says none (无), as the dashboard does, rather
    // than contradict the report; the reason is noted under the table.
    row.getCell(3).value =
      option.irr === null
        ? metric('none')
        : {
            formula: `IRR(${dataRef}!${layout.columns.net}${first}:${layout.columns.net}${last})`,
            result: option.irr,
          };
    row.getCell(4).value = shown(layout.columns.cashOut, total, option.tco);
    row.getCell(5).value = shown(layout.columns.funding, total, option.funding);
    row.getCell(6).value = shown(layout.columns.realized, total, option.cashRealized);
    row.getCell(7).value = shown(
      layout.columns.net,
      total,
      option.years.reduce((s, y) => s + y.netCashFlow, 0),
    );
    // No payback within the horizon reads 未回收 (never), as on the dashboard.
    row.getCell(8).value = option.paybackMonth ?? metric('never');
    for (const k2 of [2, 4, 5, 6, 7]) row.getCell(k2).numFmt = display.numFmt;
    row.getCell(3).numFmt = '0.0%';
    for (const k2 of [3, 8]) row.getCell(k2).alignment = { horizontal: 'right' };
  });
  let noteRow = 9 + result.options.length + 1;
  for (const option of result.options) {
    if (option.irr !== null || !option.irrNote) continue;
    summary.getCell(noteRow++, 1).value = safeText(
      t('irrNote', { option: option.name, why: IRR_NOTES[option.irrNote][lang] }),
    );
  }
  summary.getColumn(1).width = 44;
  for (let k = 2; k <= 8; k++) summary.getColumn(k).width = 16;
  // Long option names wrap rather than run under the NPV.
  for (let k = 8; k < 9 + result.options.length; k++) {
    summary.getRow(k).eachCell((cell) => (cell.alignment = { ...cell.alignment, vertical: 'middle' }));
    summary.getCell(k, 1).alignment = { wrapText: true, vertical: 'middle' };
    fitRowHeight(summary, summary.getRow(k), [1, 2, 3, 4, 5, 6, 7, 8]);
  }
  setPrint(summary, heading, { landscape: true, titleRows: '8:8' });

  inputsSheet(inputs, document, lang);
  setPrint(inputs, heading, { landscape: true, titleRows: '1:1' });

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
