/**
 * A director makes a portfolio on /portfolios in headless Chromium against the built server with
 * a fresh database: two of the demo hospital's bundled use cases ticked, the yearly budget typed
 * as "300万", the plan page reached and the portfolio in the list; a budget it cannot read
 * ("abc") said beside its box with everything typed kept and nothing stored; the same without
 * JavaScript; a viewer sees the list and no form. What is stored is read from the server's
 * database file: the budget in CNY (300万 → 3,000,000), the years the two cases cover together.
 * Screenshots in both languages at 1440 and 390 px go to test-results/screenshots/.
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { box, press, settled } from './people';
import { collectErrors, launchBrowser, screenshot, startServer, type RunningServer } from './server';
import { signInAs, type Session } from './sign-in';
import type { Browser } from 'playwright-core';

const COUNTY = 'county-hospital-300-beds';
const TOWNSHIP = 'township-health-centre-api';
/** The county case runs 2027–2031 and the township's 2027–2029: together, 2027–2031. */
const PLAN_YEARS = [2027, 2028, 2029, 2030, 2031];

let server: RunningServer;
let browser: Browser;
let planner: Session;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  planner = await signInAs(browser, server, 'sun.planner', 'planner');
}, 120_000);

afterAll(async () => {
  await planner?.close();
  await browser?.close();
  await server?.stop();
});

function page(options: { locale?: string; width?: number; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  return planner.newPage({
    locale: options.locale ?? 'zh-CN',
    viewport: { width: options.width ?? 1440, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

/** The example portfolio a new database is seeded with (seeds/seed.ts), saved by the planner itself. */
const EXAMPLE = '县医院 AI 投入组合（示例）';

/** The portfolios people stored (not the seeded example), with the request each version 1 was made from. */
function stored(): { id: string; name: string; request: Record<string, unknown> }[] {
  const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare(
          `SELECT p.id, p.name, v.request FROM portfolios p
           JOIN portfolio_versions v ON v.portfolio_id = p.id AND v.version = 1
           WHERE v.saved_by <> 'Hospital AI Planner' ORDER BY p.created_at`,
        )
        .all() as { id: string; name: string; request: string }[]
    ).map((r) => ({ ...r, request: JSON.parse(r.request) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

/** Ticks a use case by the start of its name, as a person finds it. */
function useCase(p: Page, nameStart: string) {
  return p.getByRole('checkbox', { name: new RegExp(`^${nameStart}`) });
}

/** Fills the form: a name, the county and township cases, every plan year's budget. */
async function fillForm(p: Page, name: string, budgets: Record<number, string>): Promise<void> {
  await box(p, '组合名称').fill(name);
  await useCase(p, '县医院：').check();
  await useCase(p, '乡镇卫生院：').check();
  for (const year of PLAN_YEARS) await box(p, `${year} 年的 AI 预算`).fill(budgets[year] ?? '300万');
}

/** The words a screen reader reads with a box as its error. */
function errorOf(p: Page, label: string): Promise<string> {
  return box(p, label).evaluate((el) => {
    const id = el.getAttribute('aria-describedby');
    return (id && document.getElementById(id)?.textContent) || '';
  });
}

/** The list as a person reads it: one record per row, by its column's header. */
function listRows(p: Page): Promise<Record<string, string>[]> {
  return p.locator('table.portfolio-list').evaluate((table) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
    return [...table.querySelectorAll('tbody tr')]
      .filter((tr) => tr.querySelectorAll('td').length === heads.length)
      .map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll('td')].map((td, i) => [heads[i], (td as HTMLElement).innerText]),
        ),
      );
  });
}

const PLAN_PAGE = /^\/portfolios\/[A-Za-z0-9_-]+$/;
const STATUS_WORDS =
  /^(尚未求解|已求出最优方案|可行方案（.*）|预算内无法满足.*|求解超时，给出已找到的最好方案)$/;

describe('a planner makes a portfolio', () => {
  it('of two bundled use cases with the budget typed as "300万": the plan page, then the list', async () => {
    const p = await page();
    const errors = collectErrors(p);
    await p.goto('/portfolios');
    await settled(p);
    await fillForm(p, '县域 AI 组合：语音病历与随访', {});
    expect(errors).toEqual([]);
    await press(p, '新建组合规划');
    expect(new URL(p.url()).pathname).toMatch(PLAN_PAGE);
    // (The plan page is another part's: what it logs is not this page's.)
    errors.length = 0;
    const id = new URL(p.url()).pathname.split('/').pop()!;

    // Stored: 300万 a year is 3,000,000 CNY, over the five years the two cases cover together.
    const made = stored();
    expect(made.map((m) => m.id)).toEqual([id]);
    // (In the order the form lists them: the latest changed first.)
    expect([...(made[0]!.request.scenarioIds as string[])].sort()).toEqual([COUNTY, TOWNSHIP]);
    expect(made[0]!.request).toMatchObject({
      name: '县域 AI 组合：语音病历与随访',
      startYear: 2027,
      horizonYears: 5,
      budgetByYear: [3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000],
      objective: 'npv',
    });

    await p.goto('/portfolios');
    await settled(p);
    const rows = await listRows(p);
    // The new one first (the latest changed first), then the example the database came with.
    expect(rows.map((r) => r['名称'])).toEqual(['县域 AI 组合：语音病历与随访', EXAMPLE]);
    expect(rows[0]!['用例']!.split('\n').sort()).toEqual(
      ['县医院：语音病历采购、护理文书自建与慢病随访试点', '乡镇卫生院：云端随访与健康宣教助手'].sort(),
    );
    expect(rows[0]!['最新版本']).toBe('第 1 版');
    expect(rows[0]!['保存时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows[0]!['求解结果']).toMatch(STATUS_WORDS);
    await expect(
      p.getByRole('link', { name: '县域 AI 组合：语音病历与随访' }).getAttribute('href'),
    ).resolves.toBe(`/portfolios/${id}`);
    expect(errors).toEqual([]);
    await p.context().close();
  }, 120_000);

  it('refuses a budget it cannot read ("abc") beside its box, keeps what was typed, and stores nothing', async () => {
    const before = stored().length;
    const p = await page();
    await p.goto('/portfolios');
    await settled(p);
    await fillForm(p, '读不懂的预算', { 2028: 'abc' });
    await p.getByRole('radio', { name: /^稳妥/ }).check();
    await press(p, '新建组合规划');
    expect(new URL(p.url()).pathname).toBe('/portfolios');
    expect(await errorOf(p, '2028 年的 AI 预算')).toBe('2028 年的 AI 预算：请填写数字，如 800万、15%、3,000');
    await expect(box(p, '2028 年的 AI 预算').getAttribute('aria-invalid')).resolves.toBe('true');
    // No other box is refused, and the summary above the form says the one problem.
    expect(await errorOf(p, '2027 年的 AI 预算')).toBe('');
    await expect(p.getByTestId('form-errors').innerText()).resolves.toContain('2028 年的 AI 预算');
    // Everything typed comes back.
    await expect(box(p, '2028 年的 AI 预算').inputValue()).resolves.toBe('abc');
    await expect(box(p, '2027 年的 AI 预算').inputValue()).resolves.toBe('300万');
    await expect(box(p, '组合名称').inputValue()).resolves.toBe('读不懂的预算');
    await expect(useCase(p, '县医院：').isChecked()).resolves.toBe(true);
    await expect(useCase(p, '乡镇卫生院：').isChecked()).resolves.toBe(true);
    await expect(useCase(p, '非顶级三级医院：').isChecked()).resolves.toBe(false);
    await expect(p.getByRole('radio', { name: /^稳妥/ }).isChecked()).resolves.toBe(true);
    expect(stored()).toHaveLength(before);
    await screenshot(p, 'portfolios-refused-zh-1440');
    await p.setViewportSize({ width: 390, height: 844 });
    await expect(p.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot(p, 'portfolios-refused-zh-390');
    await p.context().close();
  }, 120_000);
});

describe('without JavaScript', () => {
  it('a plain post refuses the bad budget beside its box, then makes the portfolio', async () => {
    const before = stored().length;
    const p = await page({ javaScriptEnabled: false });
    await p.goto('/portfolios');
    await fillForm(p, '不用脚本的组合', { 2030: 'abc' });
    await p.getByRole('button', { name: '新建组合规划', exact: true }).click();
    await p.waitForLoadState('load');
    expect(await errorOf(p, '2030 年的 AI 预算')).toBe('2030 年的 AI 预算：请填写数字，如 800万、15%、3,000');
    await expect(box(p, '2030 年的 AI 预算').inputValue()).resolves.toBe('abc');
    expect(stored()).toHaveLength(before);

    await box(p, '2030 年的 AI 预算').fill('120');
    await p.getByRole('button', { name: '新建组合规划', exact: true }).click();
    await p.waitForURL((url) => PLAN_PAGE.test(url.pathname));
    const made = stored().at(-1)!;
    expect(made.name).toBe('不用脚本的组合');
    // "120" in a 万元 box is 1,200,000 CNY.
    expect(made.request.budgetByYear).toEqual([3_000_000, 3_000_000, 3_000_000, 1_200_000, 3_000_000]);
    await p.context().close();
  }, 120_000);
});

describe('a viewer', () => {
  it('sees the list and no form', async () => {
    const viewer = await signInAs(browser, server, 'li.viewer', 'viewer');
    try {
      const p = await viewer.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
      await p.goto('/portfolios');
      await settled(p);
      expect((await listRows(p)).map((r) => r['名称'])).toContain('县域 AI 组合：语音病历与随访');
      await expect(p.getByRole('button', { name: '新建组合规划' }).count()).resolves.toBe(0);
      await expect(p.locator('form.portfolio-form').count()).resolves.toBe(0);
      await expect(p.getByText('新建组合规划需要“规划者”角色').count()).resolves.toBe(1);
    } finally {
      await viewer.close();
    }
  }, 120_000);
});

describe('screenshots', () => {
  it.each([
    ['zh-CN', 'zh'],
    ['en', 'en'],
  ] as const)(
    'the list and the form (%s) at 1440 and 390 px, never wider than a phone',
    async (locale, tag) => {
      const p = await page({ locale });
      await p.goto('/portfolios');
      await settled(p);
      await p.evaluate(() => {
        for (const details of document.querySelectorAll('details')) details.open = true;
      });
      await screenshot(p, `portfolios-${tag}-1440`);
      await p.setViewportSize({ width: 390, height: 844 });
      await p.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      await expect(p.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
      await screenshot(p, `portfolios-${tag}-390`);
      await p.context().close();
    },
    60_000,
  );
});
