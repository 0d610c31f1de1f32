/**
 * Downloads: results.csv (UTF-8 with BOM, formula text escaped), report.xlsx (whose summary
 * formulas, evaluated by a formula engine from npm, give the engine's numbers and move when a
 * flow is changed) and the scenario JSON (which imports back to the same results).
 */
import * as formulajs from '@formulajs/formulajs';
import ExcelJS from 'exceljs';
import FormulaParser from 'fast-formula-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';

import { compileScenario, npv as npvOf, runModel, type Scenario } from '~/engine';
import { getScenario } from '~/models/scenarios.server';
import { action as createScenario } from '~/routes/api.scenarios';
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

useTempDatabase('exports');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
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
    expect(response.headers.get('Content-Disposition')).toContain('-v1-results.csv');
    expect(response.headers.get('Content-Disposition')).not.toContain(ID);
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
    const en = await download(resultsCsv, `/api/scenarios/${ID}/results.csv?lang=en`);
    expect((await en.text()).split('\r\n')[0]).toContain('option,plan year,calendar year,cash out (CNY)');
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

describe('report.xlsx', () => {
  it('has summary formulas that evaluate to the engine’s NPV, IRR and totals, and move with a flow', async () => {
    const response = await download(reportXlsx, `/api/scenarios/${ID}/report.xlsx?lang=en`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Yearly flows', 'Inputs']);
    const summary = workbook.getWorksheet('Summary')!;
    const result = engine('en');
    const sheet = evaluator(workbook);
    result.options.forEach((o, k) => {
      const row = 9 + k;
      expect(summary.getCell(row, 1).value).toBe(o.name);
      expect(String((summary.getCell(row, 2).value as ExcelJS.CellFormulaValue).formula)).toMatch(
        /^NPV\(\$B\$5,/,
      );
      expect(sheet.value('Summary', row, 2)).toBeCloseTo(o.npv, 6);
      const irr = sheet.value('Summary', row, 3);
      if (o.irr === null) expect(irr).toBe('');
      else expect(irr as number).toBeCloseTo(o.irr, 6);
      expect(sheet.value('Summary', row, 4)).toBeCloseTo(o.tco, 6);
      expect(sheet.value('Summary', row, 5)).toBeCloseTo(o.funding, 6);
      expect(sheet.value('Summary', row, 6)).toBeCloseTo(o.cashRealized, 6);
    });

    // Add 10,000 to the first option's year-1 compute cost: its NPV falls by 10,000 / (1 + r).
    const flows = workbook.getWorksheet('Yearly flows')!;
    const computeCell = flows.getCell(3, 3);
    expect(flows.getCell(2, 3).value).toBe('Compute');
    computeCell.value = (computeCell.value as number) + 10_000;
    sheet.reset();
    const first = result.options[0]!;
    expect(sheet.value('Summary', 9, 2)).toBeCloseTo(first.npv - 10_000 / (1 + result.discountRate), 6);
    const flowsAfter = first.years.map((y, i) => y.netCashFlow - (i === 0 ? 10_000 : 0));
    expect(sheet.value('Summary', 9, 2)).toBeCloseTo(npvOf(result.discountRate, flowsAfter), 6);
    expect(sheet.value('Summary', 9, 4)).toBeCloseTo(first.tco + 10_000, 6);
  }, 20_000);

  it('lists every input with its unit and evidence, and escapes formula-like text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      await (await download(reportXlsx, `/api/scenarios/${ID}/report.xlsx?lang=zh-CN`)).arrayBuffer(),
    );
    const inputs = workbook.getWorksheet('输入')!;
    expect(inputs.getRow(1).values).toEqual([
      undefined,
      '分组',
      '输入项',
      '数值',
      '单位',
      '依据',
      '说明',
      '参考数据编号',
    ]);
    // Every input has a row; a person reads them by group and label (no field paths in the workbook).
    let rows = 0;
    inputs.eachRow((row, n) => {
      if (n > 1) rows++;
      for (let c = 1; c <= 7; c++)
        expect(String(row.getCell(c).value ?? '')).not.toMatch(/^(hospital|budget|options|workflows)\./);
    });
    expect(rows).toBe(compileScenario(getScenario(ID)!.document).params.paths.length);
    // The detail of each input's evidence in the workbook's language, not the English note.
    const rowOf = (sheet: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(2).value === label) found = row;
      });
      return found!;
    };
    expect(rowOf(inputs, 'AI 可占预算比例').getCell(6).value).toBe('由委员会决定。');
    // A share is stored as a fraction and shown as a percentage.
    expect(rowOf(inputs, 'AI 可占预算比例').getCell(3).numFmt).toBe('0.##%');
    expect(rowOf(inputs, '床位使用率').getCell(6).value).toBe('国家卫生健康委 2023 年统计公报（公立医院）');
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(
      await (await download(reportXlsx, `/api/scenarios/${ID}/report.xlsx?lang=en`)).arrayBuffer(),
    );
    expect(rowOf(english.getWorksheet('Inputs')!, 'Share AI may take').getCell(6).value).toBe(
      "The committee's decision.",
    );

    const id = await formulaNamedScenario();
    const escaped = new ExcelJS.Workbook();
    await escaped.xlsx.load(
      await (await download(reportXlsx, `/api/scenarios/${id}/report.xlsx`, id)).arrayBuffer(),
    );
    const name = escaped.worksheets[0]!.getCell(9, 1).value;
    expect(name).toBe(`'=HYPERLINK("http://evil.example","x")`);
  }, 20_000);
});

describe('scenario JSON', () => {
  it('downloads the document, which imports back to the same results', async () => {
    const response = await download(scenarioJson, `/api/scenarios/${ID}/scenario.json`);
    expect(response.headers.get('Content-Disposition')).toMatch(/-v1\.json"; filename\*=UTF-8''.+-v1\.json$/);
    expect(response.headers.get('Content-Disposition')).not.toContain(ID);
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
