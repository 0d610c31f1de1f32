/**
 * report.xlsx for the budget committee's own checking: the inputs, each option's yearly flows
 * by cost category, and a summary whose NPV, IRR and totals are live formulas over the flows
 * (NPV(), IRR(), SUM()), each cell also carrying the engine's value so it shows before Excel
 * recalculates. Change a flow in the sheet and the summary moves. Text that a spreadsheet would
 * read as a formula is escaped.
 */
import ExcelJS from 'exceljs';

import { evidenceWithNote } from '~/catalogue/evidence';
import { describeInputs } from '~/catalogue/inputs';
import { escapeFormulaText as safeText } from '~/engine/csv';
import { COST_CATEGORIES } from '~/engine/constants';
import type { ScenarioResult } from '~/engine/results';
import type { Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { CATEGORY_NAMES, termLabel } from '~/i18n/terms';
import { translate } from '~/i18n/ui';

const T = {
  summary: { 'zh-CN': '汇总', en: 'Summary' },
  flows: { 'zh-CN': '年度现金流', en: 'Yearly flows' },
  inputs: { 'zh-CN': '输入', en: 'Inputs' },
  scenario: { 'zh-CN': '方案', en: 'Scenario' },
  version: { 'zh-CN': '版本', en: 'Version' },
  currency: { 'zh-CN': '币种', en: 'Currency' },
  rate: { 'zh-CN': '折现率', en: 'Discount rate' },
  note: {
    'zh-CN':
      '净现值、内部收益率与合计均为公式，引用“年度现金流”表；第 k 年现金流按 (1+r)^k 折现，与 Excel 的 NPV() 相同。',
    en: 'NPV, IRR and the totals are formulas over the "Yearly flows" sheet; year k is discounted by (1+r)^k, as Excel’s NPV() does.',
  },
  option: { 'zh-CN': '方案', en: 'Option' },
  npv: { 'zh-CN': '净现值', en: 'NPV' },
  irr: { 'zh-CN': '内部收益率', en: 'IRR' },
  cashOut: { 'zh-CN': '现金支出合计', en: 'Total cash out' },
  funding: { 'zh-CN': '资金来源合计', en: 'Total funding' },
  realized: { 'zh-CN': '实际变现收益合计', en: 'Total cash realized' },
  net: { 'zh-CN': '净现金流合计', en: 'Total net cash' },
  payback: { 'zh-CN': '回收期（月）', en: 'Payback month' },
  year: { 'zh-CN': '规划年', en: 'Plan year' },
  calendarYear: { 'zh-CN': '年份', en: 'Year' },
  cashOutYear: { 'zh-CN': '现金支出', en: 'Cash out' },
  fundingYear: { 'zh-CN': '资金来源', en: 'Funding' },
  realizedYear: { 'zh-CN': '实际变现收益', en: 'Cash realized' },
  netYear: { 'zh-CN': '净现金流', en: 'Net cash flow' },
  budget: { 'zh-CN': 'AI 预算', en: 'AI budget' },
  headroom: { 'zh-CN': '预算余量', en: 'Budget headroom' },
  group: { 'zh-CN': '分组', en: 'Group' },
  label: { 'zh-CN': '输入项', en: 'Input' },
  value: { 'zh-CN': '数值', en: 'Value' },
  unit: { 'zh-CN': '单位', en: 'Unit' },
  evidence: { 'zh-CN': '依据', en: 'Evidence' },
  detail: { 'zh-CN': '说明', en: 'Detail' },
  reference: { 'zh-CN': '参考数据编号', en: 'Reference' },
} as const;

const MONEY = '#,##0.00';
const col = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

export interface FlowLayout {
  /** Per option: the rows of its years on the flows sheet. */
  rows: { first: number; last: number }[];
  columns: { cashOut: string; funding: string; realized: string; net: string };
}

export async function reportXlsx(
  document: Scenario,
  result: ScenarioResult,
  stored: { version: number; approval: string },
  lang: Lang,
): Promise<Uint8Array<ArrayBuffer>> {
  const t = (key: keyof typeof T) => T[key][lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hospital AI Planner';
  const summary = workbook.addWorksheet(t('summary'));
  const flows = workbook.addWorksheet(t('flows'));
  const inputs = workbook.addWorksheet(t('inputs'));
  const flowsRef = `'${t('flows')}'`;

  // Flows: per option a title row, a header row, one row per year.
  const categories = COST_CATEGORIES.map((c) => termLabel(CATEGORY_NAMES[c], lang));
  const header = [
    t('year'),
    t('calendarYear'),
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
  let r = 1;
  for (const option of result.options) {
    flows.getCell(r, 1).value = safeText(option.name);
    flows.getCell(r, 1).font = { bold: true };
    r++;
    flows.getRow(r).values = header.map(safeText);
    flows.getRow(r).font = { bold: true };
    r++;
    const first = r;
    for (const y of option.years) {
      const row = flows.getRow(r);
      row.getCell(1).value = y.year;
      row.getCell(2).value = y.calendarYear;
      COST_CATEGORIES.forEach((cat, i) => (row.getCell(c.firstCategory + i).value = y.costs[cat]));
      const cats = `${col(c.firstCategory)}${r}:${col(c.cashOut - 1)}${r}`;
      row.getCell(c.cashOut).value = { formula: `SUM(${cats})`, result: y.cashOut };
      row.getCell(c.funding).value = y.funding;
      row.getCell(c.realized).value = y.cashRealized;
      row.getCell(c.net).value = {
        formula: `${col(c.realized)}${r}+${col(c.funding)}${r}-${col(c.cashOut)}${r}`,
        result: y.netCashFlow,
      };
      row.getCell(c.budget).value = y.budget;
      row.getCell(c.headroom).value = {
        formula: `${col(c.budget)}${r}-(${col(c.cashOut)}${r}-${col(c.funding)}${r})`,
        result: y.budgetHeadroom,
      };
      for (let k = c.firstCategory; k <= c.headroom; k++) row.getCell(k).numFmt = MONEY;
      r++;
    }
    layout.rows.push({ first, last: r - 1 });
    r++;
  }
  flows.columns.forEach((column, i) => (column.width = i < 2 ? 10 : 14));

  // Summary: the scenario, the rate (one cell every NPV refers to), one row per option.
  summary.getCell('A1').value = safeText(localize(document.name, lang));
  summary.getCell('A1').font = { bold: true, size: 14 };
  summary.getCell('A2').value = safeText(localize(document.hospital.name, lang));
  summary.getCell('A3').value = t('version');
  summary.getCell('B3').value = stored.version;
  // The approval state beside the version: a committee reads it before any number.
  summary.getCell('C3').value = safeText(stored.approval);
  summary.getCell('A4').value = t('currency');
  summary.getCell('B4').value = result.currency;
  summary.getCell('A5').value = t('rate');
  summary.getCell('B5').value = result.discountRate;
  summary.getCell('B5').numFmt = '0.0%';
  summary.getCell('A6').value = t('note');
  const head = [
    t('option'),
    t('npv'),
    t('irr'),
    t('cashOut'),
    t('funding'),
    t('realized'),
    t('net'),
    t('payback'),
  ];
  summary.getRow(8).values = head;
  summary.getRow(8).font = { bold: true };
  result.options.forEach((option, k) => {
    const { first, last } = layout.rows[k]!;
    const range = (column: string) => `${flowsRef}!${column}${first}:${column}${last}`;
    const row = summary.getRow(9 + k);
    row.getCell(1).value = safeText(option.name);
    row.getCell(2).value = { formula: `NPV($B$5,${range(layout.columns.net)})`, result: option.npv };
    // Where the engine gives no IRR (no sign change, money in first, several roots), Excel's
    // IRR() would still find a number: the cell says none rather than contradict the report.
    row.getCell(3).value =
      option.irr === null ? '' : { formula: `IRR(${range(layout.columns.net)})`, result: option.irr };
    row.getCell(4).value = { formula: `SUM(${range(layout.columns.cashOut)})`, result: option.tco };
    row.getCell(5).value = { formula: `SUM(${range(layout.columns.funding)})`, result: option.funding };
    row.getCell(6).value = { formula: `SUM(${range(layout.columns.realized)})`, result: option.cashRealized };
    row.getCell(7).value = {
      formula: `SUM(${range(layout.columns.net)})`,
      result: option.years.reduce((s, y) => s + y.netCashFlow, 0),
    };
    row.getCell(8).value = option.paybackMonth ?? '';
    for (const k2 of [2, 4, 5, 6, 7]) row.getCell(k2).numFmt = MONEY;
    row.getCell(3).numFmt = '0.0%';
  });
  summary.getColumn(1).width = 44;
  for (let k = 2; k <= 8; k++) summary.getColumn(k).width = 16;

  // Inputs: every number of the scenario with its unit and where it comes from.
  inputs.getRow(1).values = [
    t('group'),
    t('label'),
    t('value'),
    t('unit'),
    t('evidence'),
    t('detail'),
    t('reference'),
  ];
  inputs.getRow(1).font = { bold: true };
  let i = 2;
  for (const group of describeInputs(document, lang)) {
    for (const f of group.fields) {
      const e = f.evidence;
      const detail = e ? evidenceWithNote(e, lang) : '';
      inputs.getRow(i).values = [
        safeText(group.title),
        safeText(f.label),
        f.value,
        safeText(f.unit),
        e ? translate(lang, e.kind) : '',
        safeText(detail),
        f.ref ?? '',
      ];
      // A share is stored as 0.86 and read as 86 %.
      if (f.kind === 'percent') inputs.getRow(i).getCell(3).numFmt = '0.##%';
      i++;
    }
  }
  inputs.getColumn(1).width = 28;
  inputs.getColumn(2).width = 40;
  inputs.getColumn(6).width = 40;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
