/**
 * The portfolio plan as one spreadsheet sheet (组合规划) for the committee's own checking, in
 * report.xlsx's house style: a data area at the foot of the sheet holds the model's figures in
 * 元, exact to the fen (each use case's spend by year, the budget, the contracts, the NPVs);
 * its totals, cap and headroom are live formulas. The tables above show money as the PDF does,
 * in Chinese in 万元 (each cell `=<元 cell>/10000` formatted 0.00: a number format cannot divide
 * by 10,000), in English in whole CNY. Change a figure in the data area and every table moves.
 * Every formula cell also carries its value, so it shows before a recalculation. A4 landscape,
 * one page wide; each part starts a printed page.
 */
import ExcelJS from 'exceljs';

import { escapeFormulaText as safeText } from '~/engine/csv';
import { localize } from '~/engine/text';
import { setPrint } from '~/exports/xlsx-print.server';

import {
  alternativeName,
  exportWord,
  fundedLines,
  listOf,
  monteCarloSentence,
  objectiveWords,
  planNames,
  startYearOf,
  statusWords,
  type ExportWord,
} from './export-words';
import type { PortfolioExportInput } from './report-pdf.server';
import { spendLines } from './report-spend-chart';

/** The data area's format: the engine's 元, to the fen. */
const EXACT = '#,##0.00';
/**
 * Fonts named in full: a font given only as bold is set in the spreadsheet's fallback face
 * (LibreOffice prints a serif), not the workbook's Calibri.
 */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const;
const BOLD = { ...FONT, bold: true };
/** A wrapped line's height in points, as LibreOffice sets a CJK line of Calibri 11. */
const LINE = 18;
/** Column of the first plan year; A names the line, B its option. */
const FIRST_YEAR_COLUMN = 3;

const col = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** A cell's text starts with a capital, as English words inside a sentence do not. */
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A money cell of the data area: a value, or a formula with the value it comes to. */
type Money = { value: number; formula?: string };

export async function planXlsx(input: PortfolioExportInput): Promise<Uint8Array<ArrayBuffer>> {
  const { plan, document: doc, lang } = input;
  const zh = lang === 'zh-CN';
  const w = (key: ExportWord, params: Record<string, string | number> = {}) => exportWord(lang, key, params);
  const names = planNames(plan, lang);
  const hospital = localize(input.hospital, lang);
  const first = doc.startYear;
  const unit = zh ? '万元' : 'CNY';
  const dataUnit = zh ? '元' : 'CNY';
  // The display: 万元 in Chinese (a formula), whole CNY in English, as format.ts writes money.
  const display = zh
    ? { scale: 10000, numFmt: '0.00', signed: '0.00;[Red]-0.00', of: (ref: string) => `${ref}/10000` }
    : { scale: 1, numFmt: '#,##0', signed: '#,##0;[Red]-#,##0', of: (ref: string) => ref };

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hospital AI Planner';
  workbook.title = `${hospital} · ${doc.name}`;
  workbook.company = hospital;
  const sheet = workbook.addWorksheet(w('sheet'));
  const years = plan.years;
  const yearCol = (i: number) => FIRST_YEAR_COLUMN + i;
  const lastYearCol = yearCol(Math.max(0, years.length - 1));
  const npvCol = lastYearCol + 1;

  // ---- Where everything goes: the data area's rows are known before the tables refer to them.
  const lines = spendLines(plan);
  const funded = plan.choices.filter((c) => c.optionId !== null);
  const useCaseRows = plan.useCases.length;
  const anyP10 = plan.choices.some((c) => c.p10 !== null);
  const row = {
    info: 1,
    planHead: 10,
    planHeader: 11,
    planFirst: 12,
    planTotal: 12 + useCaseRows,
  } as const;
  const yearsHead = row.planTotal + 2;
  const yearsHeader = yearsHead + 1;
  const yearsFirst = yearsHeader + 1;
  // Lines, then total spend, budget, contracts, cap, headroom; then the estimate rows.
  const displayRow = {
    total: yearsFirst + lines.length,
    budget: yearsFirst + lines.length + 1,
    committed: yearsFirst + lines.length + 2,
    cap: yearsFirst + lines.length + 3,
    headroom: yearsFirst + lines.length + 4,
    dual: yearsFirst + lines.length + 5,
    binding: yearsFirst + lines.length + 6,
  };
  const altHead = displayRow.binding + 2;
  const altHeader = altHead + 1;
  const altFirst = altHeader + 1;
  const dataHead = altFirst + plan.alternatives.length + 1;
  const dataHeader = dataHead + 1;
  const dataFirst = dataHeader + 1;
  // In the data area: every use case (its NPV; its spend when funded), the servers, the totals.
  const dataUseCase = (k: number) => dataFirst + k;
  const dataServers = dataFirst + useCaseRows;
  const hasServers = lines.some((l) => l.scenarioId === null);
  const dataTotal = dataServers + (hasServers ? 1 : 0);
  const dataBudget = dataTotal + 1;
  const dataCommitted = dataTotal + 2;
  const dataCap = dataTotal + 3;
  const dataHeadroom = dataTotal + 4;
  const dataAltHeader = dataHeadroom + 2;
  const dataAltFirst = dataAltHeader + 1;

  const money = (cell: ExcelJS.Cell, m: Money, numFmt = EXACT) => {
    cell.value = m.formula ? { formula: m.formula, result: m.value } : m.value;
    cell.numFmt = numFmt;
  };
  /** A table's cell showing a data cell: `=C40/10000` in Chinese, `=C40` in English. */
  const shown = (cell: ExcelJS.Cell, ref: string, value: number, numFmt = display.numFmt) => {
    cell.value = { formula: display.of(ref), result: value / display.scale };
    cell.numFmt = numFmt;
  };
  const header = (r: number, heads: (string | number)[]) => {
    const line = sheet.getRow(r);
    line.values = heads;
    line.font = BOLD;
    line.alignment = { wrapText: true, vertical: 'middle' };
    // Names and options read from the left; years and money from the right.
    heads.forEach((_, k) => {
      if (k >= 2) line.getCell(k + 1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'right' };
    });
  };
  const heading = (r: number, text: string) => {
    const cell = sheet.getCell(r, 1);
    cell.value = text;
    cell.font = { ...BOLD, size: 12 };
  };

  // ---- The data area (元).
  heading(dataHead, w('dataHead'));
  header(dataHeader, [w('item'), w('option'), ...years.map((y) => y.year), w('npvIn', { unit: dataUnit })]);
  const sumOfYear = (i: number) => lines.reduce((s, l) => s + l.byYear[i]!, 0);
  plan.useCases.forEach((u, k) => {
    const r = dataUseCase(k);
    const choice = plan.choices.find((c) => c.scenarioId === u.scenarioId);
    sheet.getCell(r, 1).value = safeText(localize(u.name, lang));
    sheet.getCell(r, 2).value =
      choice && choice.optionId !== null
        ? safeText(names.option(u.scenarioId, choice.optionId))
        : w('notNow');
    years.forEach((y, i) => money(sheet.getCell(r, yearCol(i)), { value: y.byScenario[u.scenarioId] ?? 0 }));
    money(sheet.getCell(r, npvCol), { value: choice && choice.optionId !== null ? choice.npv : 0 });
  });
  if (hasServers) {
    sheet.getCell(dataServers, 1).value = w('sharedServers');
    years.forEach((y, i) => money(sheet.getCell(dataServers, yearCol(i)), { value: y.sharedServers }));
  }
  const dataLabels: [number, ExportWord][] = [
    // Spend by year, and the NPVs in their own column: a total of both.
    [dataTotal, 'total'],
    [dataBudget, 'budget'],
    [dataCommitted, 'committed'],
    [dataCap, 'cap'],
    [dataHeadroom, 'headroom'],
  ];
  for (const [r, key] of dataLabels) sheet.getCell(r, 1).value = w(key);
  years.forEach((y, i) => {
    const c = col(yearCol(i));
    money(sheet.getCell(dataTotal, yearCol(i)), {
      value: sumOfYear(i),
      formula: `SUM(${c}${dataFirst}:${c}${dataTotal - 1})`,
    });
    money(sheet.getCell(dataBudget, yearCol(i)), { value: y.budget });
    money(sheet.getCell(dataCommitted, yearCol(i)), { value: y.committed });
    money(sheet.getCell(dataCap, yearCol(i)), {
      value: y.budget - y.committed,
      formula: `${c}${dataBudget}-${c}${dataCommitted}`,
    });
    money(
      sheet.getCell(dataHeadroom, yearCol(i)),
      { value: y.budget - y.committed - sumOfYear(i), formula: `${c}${dataCap}-${c}${dataTotal}` },
      '#,##0.00;[Red]-#,##0.00',
    );
  });
  const npvRef = col(npvCol);
  money(sheet.getCell(dataTotal, npvCol), {
    value: funded.reduce((s, c) => s + c.npv, 0),
    formula: `SUM(${npvRef}${dataFirst}:${npvRef}${dataFirst + useCaseRows - 1})`,
  });
  // The simple plans: their NPV and what they lose, as the solver worked them out.
  header(dataAltHeader, [w('plan'), '', w('npvTotalIn', { unit: dataUnit }), w('loss', { unit: dataUnit })]);
  plan.alternatives.forEach((a, k) => {
    const r = dataAltFirst + k;
    sheet.getCell(r, 1).value = alternativeName(a.name, lang).name;
    money(sheet.getCell(r, 3), { value: a.npv });
    if (a.lossAgainstOptimum !== null) money(sheet.getCell(r, 4), { value: a.lossAgainstOptimum });
  });

  // ---- The head of the sheet.
  const title = sheet.getCell(row.info, 1);
  title.value = safeText(doc.name);
  title.font = { ...BOLD, size: 14 };
  sheet.getCell(2, 1).value = safeText(hospital);
  const info: [string, ExcelJS.CellValue][] = [
    [w('version'), input.version],
    [w('status'), capital(statusWords(plan, lang))],
    [w('objectiveLabel'), capital(objectiveWords(doc.objective, doc.breachProbability, lang))],
  ];
  info.forEach(([label, value], k) => {
    sheet.getCell(3 + k, 1).value = label;
    sheet.getCell(3 + k, 1).alignment = { vertical: 'top' };
    sheet.getCell(3 + k, 2).value = value;
    sheet.getCell(3 + k, 2).alignment = { horizontal: 'left' };
  });
  sheet.getCell(6, 1).value = w('totalNpvLabel', { unit });
  shown(
    sheet.getCell(6, 2),
    `${npvRef}${dataTotal}`,
    funded.reduce((s, c) => s + c.npv, 0),
  );
  sheet.getCell(6, 2).alignment = { horizontal: 'left' };
  const mc = plan.monteCarlo;
  sheet.getCell(7, 1).value = w('monteCarloLabel');
  sheet.getCell(7, 1).alignment = { vertical: 'top' };
  sheet.getCell(7, 2).value = monteCarloSentence(mc, lang);
  sheet.getCell(8, 1).value = w('sheetNote');
  for (const r of [4, 5, 7, 8]) {
    sheet.mergeCells(r, r === 8 ? 1 : 2, r, npvCol);
    sheet.getCell(r, r === 8 ? 1 : 2).alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(r).height = r === 8 ? 48 : r === 7 ? 32 : 18;
  }

  // ---- The plan.
  heading(row.planHead, w('planHead'));
  header(row.planHeader, [
    w('useCase'),
    w('option'),
    w('way'),
    w('startYear'),
    w('npvIn', { unit }),
    ...(anyP10 ? [w('p10In', { unit })] : []),
  ]);
  plan.useCases.forEach((u, k) => {
    const r = row.planFirst + k;
    const c = plan.choices.find((x) => x.scenarioId === u.scenarioId);
    const chosen = c && c.optionId !== null ? c : null;
    sheet.getCell(r, 1).value = safeText(localize(u.name, lang));
    sheet.getCell(r, 2).value = chosen ? safeText(names.option(u.scenarioId, chosen.optionId!)) : w('notNow');
    sheet.getCell(r, 3).value = chosen ? names.kindLabel(u.scenarioId, chosen.optionId!) : '—';
    sheet.getCell(r, 4).value = chosen ? startYearOf(chosen, first) : '—';
    shown(sheet.getCell(r, 5), `${npvRef}${dataUseCase(k)}`, chosen?.npv ?? 0);
    if (anyP10 && chosen && chosen.p10 !== null) {
      sheet.getCell(r, 6).value = chosen.p10 / display.scale;
      sheet.getCell(r, 6).numFmt = display.numFmt;
    }
    for (const k2 of [3, 4]) sheet.getCell(r, k2).alignment = { horizontal: 'right' };
  });
  sheet.getCell(row.planTotal, 1).value = w('total');
  sheet.getCell(row.planTotal, 1).font = BOLD;
  shown(
    sheet.getCell(row.planTotal, 5),
    `${npvRef}${dataTotal}`,
    funded.reduce((s, c) => s + c.npv, 0),
  );

  // ---- Spend each year against the cap, every amount a formula over the data area.
  heading(yearsHead, w('displayHead'));
  header(yearsHeader, [w('item'), w('option'), ...years.map((y) => y.year)]);
  lines.forEach((line, k) => {
    const r = yearsFirst + k;
    const from =
      line.scenarioId === null
        ? dataServers
        : dataUseCase(plan.useCases.findIndex((u) => u.scenarioId === line.scenarioId));
    sheet.getCell(r, 1).value = sheet.getCell(from, 1).value;
    if (line.scenarioId !== null) sheet.getCell(r, 2).value = sheet.getCell(from, 2).value;
    line.byYear.forEach((v, i) => shown(sheet.getCell(r, yearCol(i)), `${col(yearCol(i))}${from}`, v));
  });
  const shownRows: [number, number, ExportWord, (i: number) => number][] = [
    [displayRow.total, dataTotal, 'spendTotal', sumOfYear],
    [displayRow.budget, dataBudget, 'budget', (i) => years[i]!.budget],
    [displayRow.committed, dataCommitted, 'committed', (i) => years[i]!.committed],
    [displayRow.cap, dataCap, 'cap', (i) => years[i]!.budget - years[i]!.committed],
    [
      displayRow.headroom,
      dataHeadroom,
      'headroom',
      (i) => years[i]!.budget - years[i]!.committed - sumOfYear(i),
    ],
  ];
  for (const [r, from, key, value] of shownRows) {
    sheet.getCell(r, 1).value = w(key);
    years.forEach((_, i) =>
      shown(
        sheet.getCell(r, yearCol(i)),
        `${col(yearCol(i))}${from}`,
        value(i),
        r === displayRow.headroom ? display.signed : display.numFmt,
      ),
    );
  }
  sheet.getRow(displayRow.total).font = BOLD;
  // The duals: what 10,000 CNY more of a year's cap adds (an estimate, so a value, not a formula).
  sheet.getCell(displayRow.dual, 1).value = w('dualRow');
  sheet.getCell(displayRow.binding, 1).value = w('bindingRow');
  years.forEach((y, i) => {
    const dual = plan.duals.find((d) => d.year === y.year)?.value ?? 0;
    const cell = sheet.getCell(displayRow.dual, yearCol(i));
    cell.value = (dual * 10000) / display.scale;
    cell.numFmt = display.numFmt;
    const binds = sheet.getCell(displayRow.binding, yearCol(i));
    binds.value = y.binding ? w('yes') : w('no');
    binds.alignment = { horizontal: 'right' };
  });

  // ---- The simple plans beside it.
  heading(altHead, w('alternativesHead'));
  // The simple plans' chance of overrunning a year, where they went through the trials.
  const withRisk = plan.alternatives.some((a) => typeof a.breachProbability === 'number');
  header(altHeader, [
    w('plan'),
    w('choices'),
    w('npvTotalIn', { unit }),
    w('breachYears'),
    w('loss', { unit }),
    ...(withRisk ? [w('probBreach')] : []),
  ]);
  const altRows: {
    name: string;
    funds: string[];
    npvRef: string | null;
    npv: number;
    breach: number[];
    loss: { ref: string; value: number } | null;
    risk: number | null;
  }[] = [
    {
      name: w('thisPlan'),
      funds: fundedLines(plan, plan.choices, first, lang),
      npvRef: `${npvRef}${dataTotal}`,
      npv: funded.reduce((s, c) => s + c.npv, 0),
      breach: [],
      loss: null,
      risk: plan.monteCarlo?.breachProbability ?? null,
    },
    ...plan.alternatives.map((a, k) => ({
      name: alternativeName(a.name, lang).name,
      funds: fundedLines(plan, a.choices, first, lang),
      npvRef: `C${dataAltFirst + k}`,
      npv: a.npv,
      breach: a.breachYears,
      loss:
        a.lossAgainstOptimum === null ? null : { ref: `D${dataAltFirst + k}`, value: a.lossAgainstOptimum },
      risk: a.breachProbability,
    })),
  ];
  altRows.forEach((a, k) => {
    const r = altFirst + k;
    sheet.getCell(r, 1).value = a.name;
    sheet.getCell(r, 2).value = safeText(a.funds.join('\n') || w('notNow'));
    sheet.getCell(r, 2).alignment = { wrapText: true, vertical: 'top' };
    if (a.npvRef) shown(sheet.getCell(r, 3), a.npvRef, a.npv);
    sheet.getCell(r, 4).value = a.breach.length > 0 ? listOf(a.breach, lang) : w('none');
    sheet.getCell(r, 4).alignment = { horizontal: 'right', vertical: 'top' };
    if (a.breach.length > 0) sheet.getCell(r, 4).font = { ...FONT, color: { argb: 'FFC92A2A' } };
    if (a.loss) shown(sheet.getCell(r, 5), a.loss.ref, a.loss.value, display.signed);
    else sheet.getCell(r, 5).value = '—';
    if (withRisk) {
      const risk = sheet.getCell(r, 6);
      risk.value = a.risk ?? '—';
      risk.numFmt = '0.0%';
      risk.alignment = { horizontal: 'right', vertical: 'top' };
    }
    sheet.getRow(r).height = Math.max(1, a.funds.length) * LINE;
    sheet.getCell(r, 1).alignment = { vertical: 'top' };
    for (const c of [3, 5]) sheet.getCell(r, c).alignment = { horizontal: 'right', vertical: 'top' };
  });

  // ---- Widths, the frozen labels, printing.
  sheet.getColumn(1).width = 32;
  sheet.getColumn(2).width = 34;
  for (let k = FIRST_YEAR_COLUMN; k <= npvCol; k++) sheet.getColumn(k).width = 15;
  for (const r of [row.planHeader, yearsHeader, altHeader, dataHeader, dataAltHeader])
    sheet.getRow(r).height = 32;
  // Each part begins a printed page: the plan, the years, the data area.
  sheet.getRow(yearsHead - 1).addPageBreak();
  sheet.getRow(dataHead - 1).addPageBreak();
  sheet.views = [{ state: 'frozen', xSplit: 1 }];
  setPrint(
    sheet,
    { hospital, caseName: doc.name, version: input.version, lang },
    { landscape: true, titleRows: '1:1' },
  );

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
