/**
 * GET /portfolios/:id/report.pdf and report.xlsx over the real solver in the worker pool, on the
 * two hand-worked use cases of portfolios-plan.test.ts: buying costs 150,000 in month 1 and is
 * worth −40,000/1.08 + 240,000/1.08² = 168,724.28; with 500,000 a year both are bought in 2027
 * (spend 300,000, headroom 200,000); a what-if of 200,000 in 2027 leaves room for one. The files
 * are named by the hospital, the portfolio and the version, in the file's language; a bad
 * parameter is a plain-text 400 naming it; a pool that cannot take the work answers 503.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import { closeJobPool } from '~/jobs/pool.server';
import { ensureHospital } from '~/models/hospitals.server';
import { createScenario } from '~/models/scenarios.server';
import * as list from '~/routes/api.portfolios';
import * as pdf from '~/routes/portfolios.$id.report[.]pdf';
import * as xlsx from '~/routes/portfolios.$id.report[.]xlsx';

import { pdfPages } from '../helpers/pdf';
import { option } from '../helpers/scenario';
import {
  closeAndRemoveTempDatabases,
  makeRequest,
  signInAs,
  sqlite,
  type TestIdentity,
  useJobPool,
  useTempDatabase,
} from '../integration/helpers';

import { useCase } from './scenarios';

useTempDatabase('portfolio-exports');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const BUY_NPV = -40_000 / 1.08 + 240_000 / 1.08 ** 2;

function handWorked(id: string) {
  return useCase(id, {
    workflows: [
      {
        id: 'notes',
        name: 'Nursing notes',
        role: 'nurse',
        volumeDriver: 'month',
        tasksPerDriverUnit: 4000,
        baselineMinutesPerTask: 10,
        baselineEvidence: { kind: 'measured', n: 40 },
      },
    ],
    realization: { nurse: { mode: 'avoidedStaffing' } },
    options: [
      option(`${id}-buy`, {
        costLines: [
          { kind: 'oneTime', id: 'licence', name: 'Licence', category: 'vendor', month: 1, amount: 150_000 },
        ],
      }),
    ],
  });
}

let planner: TestIdentity;
let viewer: TestIdentity;
let portfolioId: string;

beforeAll(async () => {
  const hospital = ensureHospital(getDb(), '青山县人民医院').id;
  const a = createScenario(handWorked('a'), { savedBy: 'fixture', hospitalId: hospital }).id;
  const b = createScenario(handWorked('b'), { savedBy: 'fixture', hospitalId: hospital }).id;
  planner = signInAs('qs-export-planner', { hospital: '青山县人民医院', role: 'planner' });
  viewer = signInAs('qs-export-viewer', { hospital: '青山县人民医院', role: 'viewer' });
  const made = (await list.action({
    request: makeRequest('/api/portfolios', {
      method: 'POST',
      as: planner,
      json: { name: '护理文书两院区', scenarioIds: [a, b] },
    }),
    params: {},
    context: {},
  } as never)) as Response;
  expect(made.status).toBe(201);
  portfolioId = ((await made.json()) as { id: string }).id;
});

async function download(route: 'pdf' | 'xlsx', query: string, as: TestIdentity = viewer): Promise<Response> {
  const loader = route === 'pdf' ? pdf.loader : xlsx.loader;
  return (await loader({
    request: makeRequest(`/portfolios/${portfolioId}/report.${route}${query}`, {
      as,
      headers: { 'Accept-Language': 'zh-CN' },
    }),
    params: { id: portfolioId },
    context: {},
  } as never)) as Response;
}

const fileName = (response: Response) =>
  decodeURIComponent(response.headers.get('Content-Disposition')!.split("UTF-8''")[1]!);
const flat = (text: string) => text.replace(/\s+/g, '');

async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook.worksheets[0]!;
}

describe('the portfolio downloads', () => {
  it(
    'give a viewer the PDF chapter of the solved plan, named by hospital, portfolio and version',
    { timeout: 120_000 },
    async () => {
      const response = await download('pdf', '?lang=zh-CN');
      expect(response.status, await response.clone().text()).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/pdf');
      expect(fileName(response)).toBe('青山县人民医院-护理文书两院区-第1版.pdf');
      expect(response.headers.get('Content-Disposition')).toMatch(
        /^attachment; filename="Hospital AI plan-v1\.pdf"/,
      );
      const text = flat((await pdfPages(new Uint8Array(await response.arrayBuffer()))).join(''));
      expect(text).toContain(flat('建议投入 2 个用例'));
      // 2 × 168,724.28 = 337,448.56 元 = 33.74 万元; 2027: 300,000 of a 500,000 cap.
      expect(text).toContain(flat('组合净现值合计 33.74 万元'));
      expect(text).toMatch(/支出合计30\.000\.00/);
      expect(text).toMatch(/余量20\.0050\.00/);
      // These use cases give no uncertain inputs: every trial gives the plan the same NPV.
      expect(text).toContain(flat('组合净现值每次均为 33.74 万元（引用的用例没有设定不确定的输入）'));
      expect(text).not.toContain(portfolioId);
      // The download is in the audit log as a portfolio's export.
      const audit = sqlite()
        .prepare(
          "SELECT object_type, object_id, version, detail FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1",
        )
        .get() as { object_type: string; object_id: string; version: number; detail: string };
      expect(audit).toMatchObject({ object_type: 'portfolio', object_id: portfolioId, version: 1 });
      expect(JSON.parse(audit.detail)).toMatchObject({ format: 'report.pdf', lang: 'zh-CN' });
    },
  );

  it(
    'give the sheet in English, its totals and headroom formulas over the engine’s 元',
    { timeout: 120_000 },
    async () => {
      const response = await download('xlsx', '?version=1&lang=en');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(fileName(response)).toBe('青山县人民医院-护理文书两院区-v1.xlsx');
      const sheet = await sheetOf(response);
      expect(sheet.name).toBe('Portfolio plan');
      const row = (label: string, from = 1) => {
        for (let r = from; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === label) return r;
        throw new Error(label);
      };
      const data = row("Data (CNY): the model's values and the total formulas") + 1;
      const a = row('Use case a', data);
      expect(sheet.getCell(a, 3).value).toBeCloseTo(150_000, 6);
      const total = row('Total', data);
      const headroom = row('Headroom', data);
      expect(sheet.getCell(total, 3).value).toMatchObject({ formula: `SUM(C${data + 1}:C${total - 1})` });
      expect((sheet.getCell(total, 3).value as ExcelJS.CellFormulaValue).result).toBeCloseTo(300_000, 6);
      expect((sheet.getCell(headroom, 3).value as ExcelJS.CellFormulaValue).result).toBeCloseTo(200_000, 6);
      expect((sheet.getCell(total, 5).value as ExcelJS.CellFormulaValue).result).toBeCloseTo(2 * BUY_NPV, 2);
    },
  );

  it('solve a what-if budget as the plan page does, and say it is one', { timeout: 120_000 }, async () => {
    const response = await download('pdf', '?budgetByYear=200000,500000', planner);
    expect(response.status).toBe(200);
    const text = flat((await pdfPages(new Uint8Array(await response.arrayBuffer()))).join(''));
    expect(text).toContain(flat('建议投入 1 个用例'));
    expect(text).toContain(flat('本报告按假设的预算计算，与第 1 版保存的预算不同'));
    // 2027: one purchase of 150,000 under a cap of 200,000 leaves 50,000.
    expect(text).toMatch(/预算上限20\.0050\.00/);
    expect(text).toMatch(/余量5\.0050\.00/);
    const sheet = await sheetOf(await download('xlsx', '?budgetByYear=200000,500000&lang=zh-CN'));
    const budgets: unknown[] = [];
    sheet.eachRow((r) => {
      if (r.getCell(1).value === 'AI 预算' && typeof r.getCell(3).value === 'number')
        budgets.push(r.getCell(3).value);
    });
    expect(budgets).toEqual([200_000]);
  });

  it('refuse a bad parameter in plain words naming it, and an unknown version with 404', async () => {
    const answers = await Promise.all(
      ['?lang=de', '?version=x', '?version=9', '?budgetByYear=abc,500000', '?budgetByYear=1'].map((q) =>
        download('pdf', q),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([400, 400, 404, 400, 400]);
    const texts = await Promise.all(answers.map((r) => r.text()));
    for (const r of answers) expect(r.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(texts[0]).toContain('文件语言 lang 只能是 zh-CN 或 en');
    expect(texts[1]).toContain('版本号 version 必须是正整数');
    expect(texts[2]).toContain('该投入组合没有第 9 版');
    expect(texts[3]).toContain('2027');
    for (const text of texts) expect(text).not.toMatch(/at .*\.ts|node_modules|\{/);
  });

  it(
    'answer 503 with Retry-After when the pool cannot finish the work, in the caller’s language',
    { timeout: 120_000 },
    async () => {
      const saved = { ...process.env };
      await closeJobPool();
      // A job may run a millisecond: the file is not made in time.
      Object.assign(process.env, { PLANNER_JOB_TIMEOUT_S: '0.001' });
      try {
        const response = await download('pdf', '?version=1');
        expect(response.status).toBe(503);
        expect(Number(response.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
        expect(await response.text()).toMatch(/^无法导出：\n求解或生成文件超过 0 秒，已停止；请稍后重试。$/);
      } finally {
        await closeJobPool();
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    },
  );
});
