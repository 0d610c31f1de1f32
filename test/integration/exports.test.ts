/**
 * Downloads: results.csv (UTF-8 with BOM, formula text escaped), report.xlsx (whose summary
 * formulas, evaluated by a formula engine from npm, give the engine's numbers and move when a
 * flow is changed) and the scenario JSON (which imports back to the same results).
 */
import * as formulajs from '@formulajs/formulajs';
import ExcelJS from 'exceljs';
import FormulaParser from 'fast-formula-parser';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';

import { describeInputs } from '~/catalogue/inputs';
import { compileScenario, npv as npvOf, runModel, type Scenario } from '~/engine';
import { localize } from '~/engine/text';
import { getScenario } from '~/models/scenarios.server';
import { action as createScenario } from '~/routes/api.scenarios';
import { attachment, exportFileName } from '~/exports/download.server';
import { loader as reportXlsx } from '~/routes/api.scenarios.$id.report[.]xlsx';
import { loader as resultsCsv } from '~/routes/api.scenarios.$id.results[.]csv';
import { loader as scenarioJson } from '~/routes/api.scenarios.$id.scenario[.]json';

import {
  call,
  closeAndRemoveTempDatabases,
  makeRequest,
  readScenarioFile,
  useJobPool,
  useTempDatabase,
} from './helpers';
import { pdfPages } from '../helpers/pdf';

useTempDatabase('exports');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
/** LibreOffice, where installed: the workbook is also printed to PDF and its pages counted. */
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p)) ?? null;
const engine = (lang: 'zh-CN' | 'en' = 'zh-CN') =>
  runModel(compileScenario(getScenario(ID)!.document), undefined, { lang });

async function download(loader: (args: never) => unknown, path: string, id = ID): Promise<Response> {
  return (await loader({ request: makeRequest(path), params: { id }, context: {} } as never)) as Response;
}

/** A scenario whose first option is named like a formula, made through the API. */
async function formulaNamedScenario(): Promise<string> {
  const doc = readScenarioFile('township-health-centre-api.json') as unknown as Scenario;
  (doc.options[0] as { name: unknown }).name = '=HYPERLINK("http://evil.example","x")';
  const answer = await call<{ id: string }>(
    createScenario,
    makeRequest('/api/scenarios', { method: 'POST', json: doc }),
  );
  expect(answer.status).toBe(201);
  return answer.body.id;
}

type Grid = ExcelJS.Workbook;

/**
 * Evaluates a cell of the workbook with fast-formula-parser; NPV and IRR (which it lacks) come
 * from formulajs, Excel's functions in JavaScript. Formula cells are evaluated from their
 * formulas, never from the cached results the file carries.
 */
function evaluator(workbook: Grid) {
  const cache = new Map<string, unknown>();
  // The parser is not re-entrant: a formula whose inputs are formulas gets a parser of its own.
  const parsers: FormulaParser[] = [];
  let depth = 0;
  const valueOf = (sheet: string, row: number, col: number): unknown => {
    const key = `${sheet}!${row}:${col}`;
    if (cache.has(key)) return cache.get(key);
    const cell = workbook.getWorksheet(sheet)!.getCell(row, col);
    const v = cell.value as ExcelJS.CellValue;
    let out: unknown = v ?? null;
    if (v && typeof v === 'object' && 'formula' in v) {
      const parser = (parsers[depth] ??= makeParser());
      depth++;
      try {
        out = parser.parse(String(v.formula), { sheet, row, col });
      } finally {
        depth--;
      }
    }
    cache.set(key, out);
    return out;
  };
  const flat = (x: unknown): unknown[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
  const makeParser = (): FormulaParser =>
    new FormulaParser({
      onCell: ({ sheet, row, col }) => valueOf(sheet, row, col),
      onRange: ({ sheet, from, to }) => {
        const out: unknown[][] = [];
        for (let r = from.row; r <= to.row; r++) {
          const line: unknown[] = [];
          for (let c = from.col; c <= to.col; c++) line.push(valueOf(sheet, r, c));
          out.push(line);
        }
        return out;
      },
      functions: {
        NPV: (rate: { value: number }, ...values: { value: unknown }[]) =>
          formulajs.NPV(rate.value, ...(flat(values.map((v) => v.value)) as number[])),
        // formulajs answers "no root" with its own error object: hand IFERROR the parser's #NUM!.
        IRR: (values: { value: unknown }) => {
          const irr = formulajs.IRR(flat(values.value) as number[]) as unknown;
          return typeof irr === 'number' && Number.isFinite(irr) ? irr : FormulaParser.FormulaError.NUM;
        },
      },
    });
  return { value: valueOf, reset: () => cache.clear() };
}

describe('results.csv', () => {
  it('has a BOM, CRLF lines, a row per option and year, and columns that add up to the engine', async () => {
    const response = await download(resultsCsv, `/api/scenarios/${ID}/results.csv?lang=zh-CN`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    // Named by the hospital, the case and the version, and what the file holds; never the id.
    const disposition = response.headers.get('Content-Disposition')!;
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      '某县人民医院-县医院：语音病历采购、护理文书自建与慢病随访试点-第1版-逐年结果.csv',
    );
    expect(disposition).toMatch(
      /^attachment; filename="A county people's hospital-County hospital [\x20-\x7e]+-v1-yearly results\.csv"; /,
    );
    expect(disposition).not.toContain(ID);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
    const [head, ...body] = parseCsv(text) as string[][];
    expect(head!.slice(0, 3)).toEqual(['方案', '规划年', '年份']);
    const result = engine('zh-CN');
    expect(body).toHaveLength(result.options.length * result.horizonYears);
    const cashOut = head!.indexOf('现金支出 (CNY)');
    for (const o of result.options) {
      // Rows name the option as people do; no internal id in the file.
      const rows = body.filter((r) => r[0] === o.name);
      expect(rows).toHaveLength(result.horizonYears);
      const total = rows.reduce((s, r) => s + Number(r[cashOut]), 0);
      expect(total).toBeCloseTo(o.tco, 0);
    }
    // Hours freed stay signed, so the columns add up; the head says what a negative is.
    expect(head).toContain('释放工时（负数为增加）');
    const en = await download(resultsCsv, `/api/scenarios/${ID}/results.csv?lang=en`);
    expect(decodeURIComponent(en.headers.get('Content-Disposition')!.split("UTF-8''")[1]!)).toMatch(
      /^A county people's hospital-County hospital buy speech-to-EMR, .+-v1-yearly results\.csv$/,
    );
    const enHead = (await en.text()).split('\r\n')[0]!;
    expect(enHead).toContain('option,plan year,calendar year,cash out (CNY)');
    expect(enHead).toContain('hours freed (negative: added)');
  }, 20_000);

  it('escapes a name that Excel would run as a formula, and names a bad language', async () => {
    const id = await formulaNamedScenario();
    const text = await (await download(resultsCsv, `/api/scenarios/${id}/results.csv`, id)).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    const bad = await download(resultsCsv, `/api/scenarios/${ID}/results.csv?lang=fr`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('lang');
    expect((await download(resultsCsv, '/api/scenarios/nope/results.csv', 'nope')).status).toBe(404);
  });
});

/** The workbook a download holds, read back as a spreadsheet program reads it. */
async function workbookOf(lang: 'zh-CN' | 'en', id = ID): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    await (await download(reportXlsx, `/api/scenarios/${id}/report.xlsx?lang=${lang}`, id)).arrayBuffer(),
  );
  return workbook;
}

const formulaOf = (cell: ExcelJS.Cell) => String((cell.value as ExcelJS.CellFormulaValue).formula);

describe('report.xlsx', () => {
  it('has summary formulas that evaluate to the engine’s NPV, IRR and totals, and move with a flow', async () => {
    const workbook = await workbookOf('en');
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Yearly flows',
      'Inputs',
      'Flow data (CNY)',
    ]);
    const summary = workbook.getWorksheet('Summary')!;
    const data = workbook.getWorksheet('Flow data (CNY)')!;
    const result = engine('en');
    const sheet = evaluator(workbook);
    result.options.forEach((o, k) => {
      const row = 9 + k;
      expect(summary.getCell(row, 1).value).toBe(o.name);
      // English shows whole CNY, as the dashboard does: the display cell is the data cell itself.
      const npvRef = formulaOf(summary.getCell(row, 2));
      expect(npvRef).toMatch(/^'Flow data \(CNY\)'!N\d+$/);
      expect(summary.getCell(row, 2).numFmt).toBe('#,##0');
      // The data sheet's NPV discounts its own flows at the summary's rate.
      expect(formulaOf(data.getCell(npvRef.split('!')[1]!))).toMatch(/^NPV\('Summary'!\$B\$5,N\d+:N\d+\)$/);
      expect(sheet.value('Summary', row, 2)).toBeCloseTo(o.npv, 6);
      if (o.irr !== null) expect(sheet.value('Summary', row, 3) as number).toBeCloseTo(o.irr, 6);
      expect(sheet.value('Summary', row, 4)).toBeCloseTo(o.tco, 6);
      expect(sheet.value('Summary', row, 5)).toBeCloseTo(o.funding, 6);
      expect(sheet.value('Summary', row, 6)).toBeCloseTo(o.cashRealized, 6);
    });

    // Add 10,000 to the first option's year-1 compute cost: its NPV falls by 10,000 / (1 + r).
    const computeCell = data.getCell(3, 3);
    expect(data.getCell(1, 3).value).toBe('Compute\n(CNY)');
    computeCell.value = (computeCell.value as number) + 10_000;
    sheet.reset();
    const first = result.options[0]!;
    expect(sheet.value('Summary', 9, 2)).toBeCloseTo(first.npv - 10_000 / (1 + result.discountRate), 6);
    const flowsAfter = first.years.map((y, i) => y.netCashFlow - (i === 0 ? 10_000 : 0));
    expect(sheet.value('Summary', 9, 2)).toBeCloseTo(npvOf(result.discountRate, flowsAfter), 6);
    expect(sheet.value('Summary', 9, 4)).toBeCloseTo(first.tco + 10_000, 6);
  }, 20_000);

  it('shows money in 万元 in Chinese: display cells =<元 cell>/10000 formatted 0.00, headed (万元)', async () => {
    const workbook = await workbookOf('zh-CN');
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '年度现金流（万元）',
      '输入',
      '现金流数据（元）',
    ]);
    const summary = workbook.getWorksheet('汇总')!;
    const flows = workbook.getWorksheet('年度现金流（万元）')!;
    const data = workbook.getWorksheet('现金流数据（元）')!;
    const result = engine('zh-CN');
    const sheet = evaluator(workbook);
    const heads = (summary.getRow(8).values as unknown[]).slice(1).map(String);
    expect(heads).toEqual([
      '方案',
      '净现值\n（万元）',
      '内部收益率',
      '现金支出合计\n（万元）',
      '资金来源合计\n（万元）',
      '实际变现收益合计\n（万元）',
      '净现金流合计\n（万元）',
      '回收期(月)',
    ]);
    result.options.forEach((o, k) => {
      for (const column of [2, 4, 5, 6, 7]) {
        const cell = summary.getCell(9 + k, column);
        expect(formulaOf(cell)).toMatch(/^'现金流数据（元）'![A-Z]+\d+\/10000$/);
        expect(cell.numFmt).toBe('0.00');
      }
      // The value is the engine's, exact in 元 on the data sheet, divided by 10,000.
      expect(sheet.value('汇总', 9 + k, 2)).toBeCloseTo(o.npv / 10_000, 9);
      expect(sheet.value('汇总', 9 + k, 4)).toBeCloseTo(o.tco / 10_000, 9);
    });
    // The county purchase of speech-to-EMR: NPV −1,928,795 元 = −192.88 万元 (as the PDF says).
    expect((sheet.value('汇总', 9, 2) as number).toFixed(2)).toBe('-192.88');

    // Every amount on the yearly-flows sheet is its 元 cell on the data sheet ÷ 10,000, and its
    // head says 万元; the data sheet heads say 元.
    let amounts = 0;
    flows.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (r === 1) {
          if (c > 2) {
            expect(String(cell.value)).toMatch(/\n（万元）$/);
            expect(String(data.getCell(r, c).value)).toMatch(/\n（元）$/);
          }
          return;
        }
        const source = data.getCell(r, c);
        if (typeof source.value === 'number' && c > 2) {
          amounts++;
          expect(formulaOf(cell)).toBe(`'现金流数据（元）'!${cell.address}/10000`);
          expect(cell.numFmt).toBe('0.00');
          expect(sheet.value('年度现金流（万元）', r, c)).toBeCloseTo(source.value / 10_000, 9);
        }
      });
    });
    expect(amounts).toBeGreaterThan(result.options.length * result.horizonYears * 8);

    // A change of 10,000 元 on the data sheet is 1.00 万元 on the display and the NPV moves.
    data.getCell(3, 3).value = (data.getCell(3, 3).value as number) + 10_000;
    sheet.reset();
    expect(sheet.value('年度现金流（万元）', 3, 3)).toBeCloseTo(
      result.options[0]!.years[0]!.costs.compute / 1e4 + 1,
      9,
    );
    expect(sheet.value('汇总', 9, 2)).toBeCloseTo(
      (result.options[0]!.npv - 10_000 / (1 + result.discountRate)) / 1e4,
      9,
    );
  }, 20_000);

  it('says 无 / 未回收 where the engine has no IRR or no payback, with the reason', async () => {
    const result = engine('zh-CN');
    // The county's two losing options: no sign change in their flows, so no IRR, and no
    // payback; the follow-up pays back in month 59 and has an IRR.
    expect(result.options.map((o) => [o.irr === null, o.paybackMonth])).toEqual([
      [true, null],
      [true, null],
      [false, 59],
      [false, null],
    ]);
    const zh = (await workbookOf('zh-CN')).getWorksheet('汇总')!;
    expect([9, 10, 11, 12].map((r) => [zh.getCell(r, 3).value, zh.getCell(r, 8).value])).toEqual([
      ['无', '未回收'],
      ['无', '未回收'],
      [expect.objectContaining({ formula: "IRR('现金流数据（元）'!N21:N25)" }), 59],
      [expect.objectContaining({ formula: "IRR('现金流数据（元）'!N30:N34)" }), '未回收'],
    ]);
    expect(zh.getCell(14, 1).value).toBe(
      '注：“采购三甲医院语音电子病历”无内部收益率：现金流没有正负变化，内部收益率不存在。',
    );
    const en = (await workbookOf('en')).getWorksheet('Summary')!;
    expect([en.getCell(9, 3).value, en.getCell(9, 8).value]).toEqual(['none', 'never']);
  }, 20_000);

  it('prints every sheet to the page width, landscape, its header row on each page, named by hospital and case', async () => {
    const workbook = await workbookOf('zh-CN');
    const document = getScenario(ID)!.document;
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: sheet.name === '汇总' ? '8:8' : '1:1',
      });
      expect(sheet.headerFooter.oddHeader).toBe(
        `&L${localize(document.hospital.name, 'zh-CN')} · ${localize(document.name, 'zh-CN')}&R第 1 版`,
      );
      expect(sheet.headerFooter.oddFooter).toBe('&L&A&R第 &P / &N 页');
    }
  }, 20_000);

  it.skipIf(!soffice)(
    'prints in a few landscape pages in LibreOffice, with 无 and 未回收',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'planner-xlsx-print-'));
      try {
        const response = await download(reportXlsx, `/api/scenarios/${ID}/report.xlsx?lang=zh-CN`);
        writeFileSync(join(dir, 'report.xlsx'), new Uint8Array(await response.arrayBuffer()));
        execFileSync(
          soffice!,
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            join(dir, 'report.xlsx'),
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        const pdf = new Uint8Array(readFileSync(join(dir, 'report.pdf')));
        const pages = await pdfPages(pdf);
        // Before: 19 pages in portrait, columns spilling onto pages of their own. Now a summary
        // page, a page of flows, the inputs and the data: 8 pages, each as wide as the sheet.
        expect(pages.length).toBeLessThanOrEqual(10);
        expect(pages[0]).toContain('未回收');
        expect(pages[0]).toContain('无');
        expect(pages[0]).toContain(localize(getScenario(ID)!.document.hospital.name, 'zh-CN'));
        const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
        const doc = await getDocument({ data: pdf.slice() }).promise;
        for (let i = 1; i <= doc.numPages; i++) {
          const { width, height } = (await doc.getPage(i)).getViewport({ scale: 1 });
          expect(width).toBeGreaterThan(height);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );

  it('lists every input under its group, as it reads and exactly, and escapes formula-like text', async () => {
    const workbook = await workbookOf('zh-CN');
    const inputs = workbook.getWorksheet('输入')!;
    expect(inputs.getRow(1).values).toEqual([
      undefined,
      '输入项',
      '数值',
      '精确值',
      '单位',
      '依据',
      '说明',
      '参考数据编号',
    ]);
    // Every input has a row under its group's heading; a person reads them by label (no field
    // paths in the workbook).
    const groups = describeInputs(getScenario(ID)!.document, 'zh-CN');
    let rows = 0;
    inputs.eachRow((row, n) => {
      if (n > 1) rows++;
      for (let c = 1; c <= 7; c++)
        expect(String(row.getCell(c).value ?? '')).not.toMatch(/^(hospital|budget|options|workflows)\./);
    });
    expect(rows).toBe(compileScenario(getScenario(ID)!.document).params.paths.length + groups.length);
    expect(inputs.getCell(2, 1).value).toBe(groups[0]!.title);
    const rowOf = (sheet: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      return found!;
    };
    // The detail of each input's evidence in the workbook's language, not the English note.
    expect(rowOf(inputs, 'AI 可占预算比例').getCell(6).value).toBe('由委员会决定。');
    // A share is stored as a fraction and shown as a percentage.
    expect(rowOf(inputs, 'AI 可占预算比例').getCell(3).numFmt).toBe('0.##%');
    expect(rowOf(inputs, '床位使用率').getCell(6).value).toBe('国家卫生健康委 2023 年统计公报（公立医院）');
    // Money reads in 万元 as in the PDF's annex; the exact value stays in 元 beside it.
    const budget = rowOf(inputs, '每年信息化预算');
    expect([budget.getCell(2).value, budget.getCell(3).value, budget.getCell(4).value]).toEqual([
      '243.00 万元',
      2_430_000,
      '元',
    ]);
    const english = await workbookOf('en');
    expect(rowOf(english.getWorksheet('Inputs')!, 'Share AI may take').getCell(6).value).toBe(
      "The committee's decision.",
    );

    const id = await formulaNamedScenario();
    const escaped = await workbookOf('zh-CN', id);
    const name = escaped.worksheets[0]!.getCell(9, 1).value;
    expect(name).toBe(`'=HYPERLINK("http://evil.example","x")`);
  }, 30_000);
});

describe('download names', () => {
  const doc = (hospital: unknown, name: unknown) =>
    ({ hospital: { name: hospital }, name }) as unknown as Scenario;

  it('name the workbook by hospital, case and version, with an ASCII name for an old client', async () => {
    const response = await download(reportXlsx, `/api/scenarios/${ID}/report.xlsx?lang=zh-CN`);
    const disposition = response.headers.get('Content-Disposition')!;
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      '某县人民医院-县医院：语音病历采购、护理文书自建与慢病随访试点-第1版.xlsx',
    );
    // RFC 6266: the plain name is printable ASCII, quoted, with no % (a browser might decode it).
    const plain = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(disposition)!;
    expect(plain[1]).toMatch(/^[\x20-\x7e]+$/);
    expect(plain[1]).not.toContain('%');
    expect(plain[1]).toMatch(/^A county people's hospital-County hospital buy speech-to-EMR, .+-v1\.xlsx$/);
  });

  it('say the hospital once, cut what no file system takes, and fall back to plain words', () => {
    // A case named after its hospital does not repeat it.
    expect(exportFileName(doc('县医院', '县医院门诊病历'), 3, 'zh-CN', 'report.xlsx').name).toBe(
      '县医院门诊病历-第3版.xlsx',
    );
    expect(exportFileName(doc('县医院', '门诊病历'), 3, 'zh-CN', 'report.xlsx').name).toBe(
      '县医院-门诊病历-第3版.xlsx',
    );
    // Slashes, colons and quotes become spaces; a Chinese-only case has no English name to
    // give an old client, which gets plain words and the version instead.
    const chinese = exportFileName(doc('县医院', '门诊/急诊: "病历"'), 2, 'en', 'samples.csv');
    expect(chinese).toEqual({
      name: '县医院-门诊 急诊 病历-v2-trials.csv',
      ascii: 'Hospital AI plan-v2-trials.csv',
    });
    expect(attachment(chinese)).toBe(
      `attachment; filename="Hospital AI plan-v2-trials.csv"; filename*=UTF-8''${encodeURIComponent('县医院-门诊 急诊 病历-v2-trials.csv')}`,
    );
    const both = exportFileName(
      doc(
        { 'zh-CN': '某镇卫生院', en: 'A township 100% health centre' },
        { 'zh-CN': '随访', en: 'Follow-up' },
      ),
      1,
      'zh-CN',
      'results.csv',
    );
    expect(both).toEqual({
      name: '某镇卫生院-随访-第1版-逐年结果.csv',
      ascii: 'A township 100 health centre-Follow-up-v1-yearly results.csv',
    });
  });
});

describe('scenario JSON', () => {
  it('downloads the document, which imports back to the same results', async () => {
    const response = await download(scenarioJson, `/api/scenarios/${ID}/scenario.json`);
    const disposition = response.headers.get('Content-Disposition')!;
    expect(disposition).toMatch(/-v1\.json"; filename\*=UTF-8''.+\.json$/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      '某县人民医院-县医院：语音病历采购、护理文书自建与慢病随访试点-第1版.json',
    );
    expect(disposition).not.toContain(ID);
    const document = await response.json();
    const created = await call<{ id: string }>(
      createScenario,
      makeRequest('/api/scenarios', { method: 'POST', json: document }),
    );
    expect(created.status).toBe(201);
    const again = runModel(compileScenario(getScenario(created.body.id)!.document));
    expect(again).toEqual(engine());
  });
});
