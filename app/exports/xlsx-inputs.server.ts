/**
 * The inputs sheet of report.xlsx, the PDF annex's twin: every number of the scenario under its
 * group's heading, as it reads (243.00 万元, 86%, 第 13 月), its exact value and unit, and where
 * it comes from.
 */
import type ExcelJS from 'exceljs';

import { evidenceWithNote } from '~/catalogue/evidence';
import { describeInputs } from '~/catalogue/inputs';
import { escapeFormulaText as safeText } from '~/engine/csv';
import type { Scenario } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import { translate } from '~/i18n/ui';

import { fitRowHeight } from './xlsx-print.server';

const HEADS = {
  label: { 'zh-CN': '输入项', en: 'Input' },
  value: { 'zh-CN': '数值', en: 'Value' },
  exact: { 'zh-CN': '精确值', en: 'Exact value' },
  unit: { 'zh-CN': '单位', en: 'Unit' },
  evidence: { 'zh-CN': '依据', en: 'Evidence' },
  detail: { 'zh-CN': '说明', en: 'Detail' },
  reference: { 'zh-CN': '参考数据编号', en: 'Reference' },
} as const;

const WIDTHS = [40, 14, 13, 9, 13, 60, 22];
/** Input, evidence, detail and reference wrap; the rest are short. */
const WRAPPED = [1, 5, 6, 7];

export function inputsSheet(sheet: ExcelJS.Worksheet, document: Scenario, lang: Lang): void {
  sheet.getRow(1).values = Object.values(HEADS).map((h) => h[lang]);
  sheet.getRow(1).font = { bold: true };
  WIDTHS.forEach((width, k) => (sheet.getColumn(k + 1).width = width));
  let i = 2;
  for (const group of describeInputs(document, lang)) {
    // The group heads its rows, as in the PDF's annex, rather than being repeated on each.
    const title = sheet.getRow(i++);
    title.getCell(1).value = safeText(group.title);
    title.font = { bold: true };
    title.height = 20;
    title.alignment = { vertical: 'bottom' };
    for (const f of group.fields) {
      const e = f.evidence;
      const row = sheet.getRow(i++);
      row.values = [
        safeText(f.label),
        safeText(f.display),
        f.value,
        // A share's exact value reads 86 % already: no unit beside it.
        f.kind === 'percent' ? '' : safeText(f.unit),
        e ? translate(lang, e.kind) : '',
        safeText(e ? evidenceWithNote(e, lang) : ''),
        f.ref ?? '',
      ];
      row.alignment = { vertical: 'top' };
      row.getCell(2).alignment = { horizontal: 'right', vertical: 'top' };
      row.getCell(4).alignment = { vertical: 'top', indent: 1 };
      // A share is stored as 0.86 and read as 86 %.
      if (f.kind === 'percent') row.getCell(3).numFmt = '0.##%';
      for (const k of WRAPPED) row.getCell(k).alignment = { wrapText: true, vertical: 'top' };
      fitRowHeight(sheet, row, WRAPPED);
    }
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}
