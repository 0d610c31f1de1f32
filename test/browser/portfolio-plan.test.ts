/**
 * A portfolio's plan page in headless Chromium against the built server, solved by the real
 * solver in the worker pool: three use cases of a small hospital made through the API, each with
 * one option bought with a licence in its first month and a yearly fee, so that the yearly AI
 * budget (1,000,000 × 0.5 = 500,000, less 50,000 of existing contracts) cannot take all three in
 * the first year. Checked: the table against the API's plan, the spend chart's layers measured
 * against the budget's line, a what-if budget that changes the plan and a bad one named by its
 * year, re-pinning, a shared link read-only, and the page at 1440 and 390 px in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ScenarioInput } from '~/engine';
import type { PortfolioPlan } from '~/portfolio/portfolio';

import { baseScenario, measuredEffect, option } from '../helpers/scenario';
import {
  collectErrors,
  hydrated,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  type RunningServer,
} from './server';
import { ADMIN, signIn, type Session } from './sign-in';

/** Licence and minutes freed of each use case: 6, 5 and 4 of a task's 10 minutes. */
const USE_CASES = [
  {
    key: 'nursing',
    name: { 'zh-CN': '护理文书助手', en: 'Nursing documentation assistant' },
    freed: 6,
    licence: 300_000,
  },
  {
    key: 'followup',
    name: { 'zh-CN': '慢病随访', en: 'Chronic-disease follow-up' },
    freed: 5,
    licence: 260_000,
  },
  { key: 'education', name: { 'zh-CN': '患者教育', en: 'Patient education' }, freed: 4, licence: 220_000 },
] as const;
const OPTION_NAME = { 'zh-CN': '采购成品', en: 'Buy a product' };
const PORTFOLIO_NAME = '浏览器测试：三项 AI 项目组合';
const START = 2027;
const YEARS = [2027, 2028, 2029];

let server: RunningServer;
let browser: Browser;
let planner: Session;
let portfolioId = '';
const scenarioIds: string[] = [];

function useCaseDocument(u: (typeof USE_CASES)[number]): ScenarioInput {
  const base = baseScenario();
  return baseScenario({
    name: u.name,
    horizonYears: 3,
    // 5,000 notes a month: the minutes freed make whole nurses (avoided hires) worth their cost.
    workflows: [{ ...base.workflows[0]!, tasksPerDriverUnit: 5000 }],
    realization: { nurse: { mode: 'avoidedStaffing' } },
    uncertainty: {
      seed: 7,
      trials: 1000,
      inputs: {
        'options.0.effects.0.minutesWithAiPerTask': {
          kind: 'triangular',
          low: 8 - u.freed,
          high: 13 - u.freed,
        },
      },
    },
    options: [
      option(`${u.key}-buy`, {
        name: OPTION_NAME,
        effects: [measuredEffect({ minutesWithAiPerTask: 10 - u.freed })],
        costLines: [
          { kind: 'oneTime', id: 'licence', name: '许可', category: 'vendor', month: 1, amount: u.licence },
          {
            kind: 'recurring',
            id: 'support',
            name: '维护',
            category: 'vendor',
            amount: 10_000,
            period: 'year',
          },
        ],
      }),
    ],
  } as unknown as Partial<ScenarioInput>);
}

async function api<T>(path: string, method = 'GET', body?: unknown): Promise<{ status: number; json: T }> {
  const response = await planner.fetch(path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
}

/** The plan's table, each row its cells' text (the rows of use cases, then the total). */
async function planRows(p: Page): Promise<string[][]> {
  return p
    .getByTestId('plan-table')
    .locator('tbody tr, tfoot tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.trim())),
    );
}

async function openPlan(
  query = '',
  options: Parameters<Session['newPage']>[0] = {},
): Promise<{ p: Page; errors: string[] }> {
  const p = await planner.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...options });
  const errors = collectErrors(p);
  const response = await p.goto(`/portfolios/${portfolioId}${query}`);
  expect(response?.status(), await response?.text()).toBe(200);
  await hydrated(p);
  return { p, errors };
}

const wan = (cny: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cny / 10_000);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  planner = await signIn(browser, server, ADMIN);
  for (const u of USE_CASES) {
    const made = await api<{ id: string }>('/api/scenarios', 'POST', useCaseDocument(u));
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    scenarioIds.push(made.json.id);
  }
  expect(scenarioIds).toHaveLength(USE_CASES.length);
  const made = await api<{ id: string }>('/api/portfolios', 'POST', {
    name: PORTFOLIO_NAME,
    scenarioIds,
    committedByYear: [50_000, 50_000, 50_000],
  });
  expect(made.status, `${JSON.stringify(made.json)} ${scenarioIds.join(' ')}`).toBe(201);
  portfolioId = made.json.id;
}, 180_000);

afterAll(async () => {
  await planner?.close();
  await browser?.close();
  await server?.stop();
});

describe('the plan page', () => {
  it('shows the solved plan as the API gives it: status, each use case’s option and start year, NPVs in 万元', async () => {
    const { json: plan } = await api<PortfolioPlan>(`/api/portfolios/${portfolioId}/plan?detail=1`);
    const { p, errors } = await openPlan();
    await expect(p.getByTestId('plan-status').innerText()).resolves.toBe('已求得最优方案。');
    const rows = await planRows(p);
    expect(rows).toHaveLength(USE_CASES.length + 1);
    let total = 0;
    USE_CASES.forEach((u, i) => {
      const choice = plan.choices.find((c) => c.scenarioId === scenarioIds[i])!;
      if (choice.optionId === null) expect(rows[i]).toEqual([u.name['zh-CN'], '暂不实施', '—']);
      else {
        expect(rows[i]).toEqual([
          u.name['zh-CN'],
          OPTION_NAME['zh-CN'],
          String(START + choice.startOffsetYears!),
          wan(choice.npv),
        ]);
        total += choice.npv;
      }
    });
    expect(rows.at(-1)).toEqual(['合计', '', '', wan(total)]);
    await expect(p.getByTestId('plan-npv').innerText()).resolves.toBe(`${wan(total)} 万元`);
    // 450,000 a year after contracts: the three licences (780,000) cannot all start in 2027.
    expect(rows.slice(0, 3).filter((r) => r[2] === String(START))).not.toHaveLength(3);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('stacks the contracts and each funded use case in each year under that year’s budget line', async () => {
    const { p } = await openPlan();
    const chart = p.getByTestId('spend-chart');
    await expect(chart.locator('g.spend-committed').count()).resolves.toBe(1);
    const funded = (await planRows(p)).slice(0, 3).filter((r) => r[1] !== '暂不实施').length;
    await expect(chart.locator('g.spend-use-case').count()).resolves.toBe(funded);
    await expect(chart.locator('g.spend-servers').count()).resolves.toBe(0);
    // Measured in the drawn SVG: each year's stack top is at or below the budget's step there.
    const measured = await chart.evaluate((figure) => {
      const line = figure.querySelector('path.spend-budget')!.getAttribute('d')!;
      const steps = [...line.matchAll(/(?:M([\d.]+) |V)([\d.]+)H([\d.]+)/g)].map((m) => ({
        y: Number(m[2]),
        to: Number(m[3]),
      }));
      const bars = [...figure.querySelectorAll('path.recharts-rectangle')].map((r) => ({
        x: Number(r.getAttribute('x')),
        y: Number(r.getAttribute('y')),
      }));
      return steps.map((s, k) => {
        const from = k === 0 ? 0 : steps[k - 1]!.to;
        const mine = bars.filter((b) => b.x >= from && b.x < s.to);
        return { budgetY: s.y, top: Math.min(...mine.map((b) => b.y)), bars: mine.length };
      });
    });
    expect(measured).toHaveLength(YEARS.length);
    for (const year of measured) {
      expect(year.bars).toBeGreaterThan(0);
      expect(year.top).toBeGreaterThanOrEqual(year.budgetY - 0.5);
    }
    const legend = await chart.locator('.chart-legend li').allInnerTexts();
    expect(legend[0]).toBe('已有合同（先占预算）');
    expect(legend.at(-1)).toBe('AI 预算（上限）');
    await p.context().close();
  });

  it('solves again for a what-if budget from the form, and the plan changes; back to the saved budget', async () => {
    const { p, errors } = await openPlan();
    const before = await planRows(p);
    // 1,000,000 a year: room for all three licences in 2027.
    for (const year of YEARS) await p.getByLabel(`${year} 年（万元）`).fill('100');
    await Promise.all([
      p.waitForURL(/budget2027=100/),
      p.getByRole('button', { name: '按此预算重新求解' }).click(),
    ]);
    await hydrated(p);
    await expect(p.getByTestId('what-if-note').innerText()).resolves.toContain('这是假设');
    const after = await planRows(p);
    expect(after).not.toEqual(before);
    expect(after.slice(0, 3).map((r) => r[2])).toEqual(['2027', '2027', '2027']);
    // The committee's downloads are of the plan shown.
    await expect(p.getByRole('link', { name: '下载 PDF（决策会用）' }).getAttribute('href')).resolves.toBe(
      `/portfolios/${portfolioId}/report.pdf?version=1&lang=zh-CN&budgetByYear=1000000,1000000,1000000`,
    );
    await Promise.all([
      p.waitForURL((url) => !url.search.includes('budget')),
      p.getByRole('link', { name: '回到保存的预算' }).click(),
    ]);
    await hydrated(p);
    expect(await planRows(p)).toEqual(before);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('names the year of a figure it cannot use, keeps what was typed and solves nothing new', async () => {
    const { p } = await openPlan();
    const before = await planRows(p);
    await p.getByLabel('2028 年（万元）').fill('五十');
    await Promise.all([
      p.waitForURL(/budget2028=/),
      p.getByRole('button', { name: '按此预算重新求解' }).click(),
    ]);
    await hydrated(p);
    await expect(p.getByTestId('what-if-errors').innerText()).resolves.toContain(
      '2028 年预算：请填写 0 到 100,000,000 之间的数（单位：万元）。',
    );
    await expect(p.getByLabel('2028 年（万元）').inputValue()).resolves.toBe('五十');
    await expect(p.getByLabel('2028 年（万元）').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(p.getByTestId('what-if-note').count()).resolves.toBe(0);
    expect(await planRows(p)).toEqual(before);
    await p.context().close();
  });
});

describe('a plan that cannot be met', () => {
  it('names the year whose budget a forced choice cannot fit, and keeps the what-if form to change it', async () => {
    // The nursing licence (300,000) must be bought in 2027; a what-if leaves 100,000 there.
    const made = await api<{ id: string }>('/api/portfolios', 'POST', {
      name: `${PORTFOLIO_NAME}（已签约）`,
      scenarioIds,
      forced: [{ scenarioId: scenarioIds[0], optionId: 'nursing-buy', startOffsetYears: 0 }],
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    for (const lang of ['zh-CN', 'en'] as const) {
      const p = await planner.newPage({ locale: lang, viewport: { width: 390, height: 844 } });
      const errors = collectErrors(p);
      const response = await p.goto(`/portfolios/${made.json.id}?budget2027=10`);
      expect(response?.status()).toBe(200);
      await hydrated(p);
      await expect(p.getByTestId('plan-status').innerText()).resolves.toBe(
        lang === 'zh-CN'
          ? '无可行方案：2027 年预算不够。'
          : 'No plan fits: the budget of 2027 is not enough.',
      );
      await expect(p.getByTestId('plan-table').count()).resolves.toBe(0);
      await expect(
        p.getByTestId('plan-what-if').locator('input[name=budget2027]').inputValue(),
      ).resolves.toBe('10');
      const sizes = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(sizes[0]).toBeLessThanOrEqual(sizes[1]!);
      await screenshot(p, `portfolio-plan-infeasible-${lang}-390`);
      expect(errors).toEqual([]);
      await p.context().close();
    }
  });
});

describe('versions and sharing', () => {
  it('re-pins to a scenario saved since as a new version of the portfolio', async () => {
    const id = scenarioIds[0]!;
    const { json: current } = await api<{ document: unknown; version: number }>(`/api/scenarios/${id}`);
    const saved = await api(`/api/scenarios/${id}`, 'PUT', {
      baseVersion: current.version,
      document: current.document,
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const { p } = await openPlan();
    const versions = p.getByTestId('plan-versions');
    await expect(versions.innerText()).resolves.toContain('有 1 个方案在本版之后保存过新版本。');
    await Promise.all([
      p.waitForURL(/repinned=2/),
      versions.getByRole('button', { name: '更新为各方案的最新版本' }).click(),
    ]);
    await hydrated(p);
    await expect(p.getByTestId('repinned').innerText()).resolves.toBe('已保存为第 2 版。');
    await expect(versions.innerText()).resolves.toContain('所用方案都已是最新版本。');
    await expect(versions.locator('tbody tr').count()).resolves.toBe(2);
    await p.context().close();
  });

  it('makes a read-only link to the version shown, which anyone opens without a form, until revoked', async () => {
    const { p } = await openPlan();
    const rows = await planRows(p);
    const shares = p.getByTestId('plan-shares');
    await shares.getByRole('button', { name: /^生成链接/ }).click();
    const url = await p.getByTestId('share-created').locator('input').inputValue();
    expect(url).toMatch(new RegExp(`^${server.origin}/p/[A-Za-z0-9_-]{43}$`));

    const anonymous = await newContext(browser, server.origin, { locale: 'zh-CN' });
    const reader = await anonymous.newPage();
    const errors = collectErrors(reader);
    const response = await reader.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await hydrated(reader);
    expect(await planRows(reader)).toEqual(rows);
    await expect(reader.locator('main form, main input, main button').count()).resolves.toBe(0);
    await expect(reader.getByTestId('shared-note').innerText()).resolves.toContain('只读');
    await screenshot(reader, 'portfolio-plan-shared-zh-CN');
    expect(errors).toEqual([]);

    await shares.getByRole('button', { name: '撤销' }).first().click();
    await shares.getByRole('cell', { name: '已撤销' }).first().waitFor();
    const gone = await reader.goto(url);
    expect(gone?.status()).toBe(410);
    await expect(reader.locator('body').innerText()).resolves.not.toContain(PORTFOLIO_NAME);
    await anonymous.close();
    await p.context().close();
  });
});

describe('on a laptop and on a phone', () => {
  for (const locale of ['zh-CN', 'en'] as const)
    for (const width of [1440, 390])
      it(`${locale} at ${width} px: nothing scrolls sideways, no console error`, async () => {
        const { p, errors } = await openPlan('', { locale, viewport: { width, height: 900 } });
        const sizes = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(sizes[0]).toBeLessThanOrEqual(sizes[1]!);
        await p.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const opened = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(opened[0]).toBeLessThanOrEqual(opened[1]!);
        await screenshot(p, `portfolio-plan-${locale}-${width}`);
        expect(errors).toEqual([]);
        await p.context().close();
      });
});
