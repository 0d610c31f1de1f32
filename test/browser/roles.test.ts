/**
 * Roles in the browser, against the built server: a viewer (查看者) reads, exports and tries
 * what-ifs but is offered nothing that changes a case, and a POST it makes anyway is refused;
 * a planner submits a version for approval and an approver (another account) approves it with a
 * comment, which the dashboard then says under the title; a shared link read by nobody signed
 * in offers the login instead of keeping a copy. Each account is made with the users script
 * and signs in once through the login form. Screenshots of the versions page and the
 * dashboard's approval state at 1440 and 390 px go to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  collectErrors,
  hydrated,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  type RunningServer,
} from './server';
import { press, settled, versionsTable } from './people';
import { signInAs, signInThroughForm, type Session } from './sign-in';

/** The viewer's scenario; the approval flow uses another, so neither sees the other's changes. */
const COUNTY = 'county-hospital-300-beds';
const TERTIARY = 'tertiary-hospital-on-prem';
const COMMENT = '同意先按方案一采购，明年一季度复核实际节省';

let server: RunningServer;
let browser: Browser;
let planner: Session;
let approver: Session;
let viewer: Session;
const anonymous: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  planner = await signInAs(browser, server, 'wang.planner', 'planner');
  approver = await signInAs(browser, server, 'zhou.approver', 'approver');
  viewer = await signInAs(browser, server, 'sun.viewer', 'viewer');
}, 240_000);

afterAll(async () => {
  for (const c of anonymous) await c.close().catch(() => undefined);
  for (const s of [planner, approver, viewer]) await s?.close();
  await browser?.close();
  await server?.stop();
});

/** Today in China's time zone, as a review's date is shown (2026-12-07). */
const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** Moves the adoption slider four steps down and waits until the what-if is in the address. */
async function moveAdoption(p: Page): Promise<void> {
  await p.locator('#whatif-adoption').focus();
  for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowLeft');
  await p.waitForURL(/adoption=/);
  await hydrated(p);
}

const button = (p: Page, name: string) => p.getByRole('button', { name, exact: true });

describe('a viewer', () => {
  it('is offered no edit, no save, no share link and no upload; the data page says why', async () => {
    // What a planner sees on the same pages, so that "none" below means something.
    const mine = await planner.newPage();
    await mine.goto(`/scenarios/${COUNTY}`);
    await hydrated(mine);
    await expect(mine.getByRole('link', { name: '编辑', exact: true }).count()).resolves.toBe(1);
    await moveAdoption(mine);
    await expect(button(mine, '另存为新版本').count()).resolves.toBe(1);
    await expect(button(mine, '生成链接（含当前假设调整）').count()).resolves.toBe(1);

    const p = await viewer.newPage();
    const errors = collectErrors(p);
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    await expect(p.locator('header .account a[href="/account"]').innerText()).resolves.toBe(
      '当前用户：sun.viewer',
    );
    await expect(p.getByRole('link', { name: '编辑', exact: true }).count()).resolves.toBe(0);
    // Reading is all there: the versions, the data, the report.
    await expect(p.getByRole('link', { name: '版本', exact: true }).count()).resolves.toBe(1);
    await expect(p.getByRole('link', { name: '测量数据', exact: true }).count()).resolves.toBe(1);
    await expect(p.getByRole('link', { name: '预算委员会报告 PDF' }).count()).resolves.toBe(1);
    await expect(p.getByTestId('review-state').innerText()).resolves.toBe('草稿 · 未审批');
    // A what-if recalculates for a viewer too, but there is nothing to save it with.
    const before = await p.getByTestId('summary').innerText();
    await moveAdoption(p);
    await expect.poll(() => p.getByTestId('summary').innerText()).not.toBe(before);
    await expect(button(p, '另存为新版本').count()).resolves.toBe(0);
    await expect(p.locator('form input[name="whatIf"]').count()).resolves.toBe(0);
    await expect(p.getByTestId('share').count()).resolves.toBe(0);

    await p.goto(`/scenarios/${COUNTY}/data`);
    await hydrated(p);
    await expect(p.locator('main').innerText()).resolves.toContain(
      '你在本院的角色可以查看、导出和试算，但不能保存或导入数据。',
    );
    await expect(p.getByTestId('upload-form').count()).resolves.toBe(0);
    await expect(p.locator('input[type="file"]').count()).resolves.toBe(0);
    await expect(p.getByTestId('calibrate-form').count()).resolves.toBe(0);

    // The editor's address typed in anyway: refused, saying why.
    const edit = await p.goto(`/scenarios/${COUNTY}/edit`);
    expect(edit?.status()).toBe(403);
    await expect(p.locator('main').innerText()).resolves.toContain('你在本院的角色（查看者）不能保存方案。');
    await screenshot(p, 'roles-viewer-edit-refused-zh', false);

    // The versions page: the state, but nothing to submit, approve or restore.
    await p.goto(`/scenarios/${COUNTY}/versions`);
    await hydrated(p);
    await expect(p.getByTestId('review-1').innerText()).resolves.toBe('草稿 · 未审批');
    await expect(p.locator('[data-testid=versions-table]').getByRole('button').count()).resolves.toBe(0);
    // The browser reports the 403 document itself as a failed resource; anything else counts.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
  }, 120_000);

  it('is refused with 403 when it posts a save or a share link anyway, and nothing is stored', async () => {
    const context = await viewer.newContext();
    // The viewer's own session and CSRF token: the refusal is the role's, not a stale form's.
    const save = await context.request.post(`/scenarios/${COUNTY}`, {
      form: { csrf: viewer.csrf, baseVersion: '1', whatIf: 'adoption=0.3', note: '查看者试着保存' },
      maxRedirects: 0,
    });
    expect(save.status()).toBe(403);
    // The error page names the role and what it may not do.
    await expect(save.text()).resolves.toContain('你在本院的角色（查看者）不能保存方案。');
    const share = await context.request.post(`/scenarios/${COUNTY}`, {
      form: { csrf: viewer.csrf, intent: 'share', version: '1', whatIf: '', expiresInDays: '30' },
      maxRedirects: 0,
    });
    expect(share.status()).toBe(403);
    const api = await viewer.fetch(`/api/scenarios/${COUNTY}/share`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(403);
    const stored = (await (await viewer.fetch(`/api/scenarios/${COUNTY}`)).json()) as {
      latestVersion: number;
    };
    expect(stored.latestVersion).toBe(1);
  }, 60_000);
});

describe('approval', () => {
  it('a planner submits version 1, an approver approves it with a comment, the dashboard says so', async () => {
    const p = await planner.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectErrors(p);
    await p.goto(`/scenarios/${TERTIARY}/versions`);
    await hydrated(p);
    const state = p.getByTestId('review-1');
    await expect(state.innerText()).resolves.toBe('草稿 · 未审批');
    const headers = await p.locator('[data-testid=versions-table] thead th').allInnerTexts();
    expect(headers).toContain('审批状态');
    // A planner submits; only an approver approves or returns.
    await expect(button(p, '批准').count()).resolves.toBe(0);
    await expect(button(p, '退回').count()).resolves.toBe(0);
    await screenshot(p, 'roles-versions-zh-draft-1440');
    await press(p, '提交审批');
    await expect(state.innerText()).resolves.toBe(`已提交审批 · ${planner.username} · ${today()}`);
    await expect(button(p, '提交审批').count()).resolves.toBe(0);

    const a = await approver.newPage({ viewport: { width: 1440, height: 900 } });
    errors.push(...collectErrors(a));
    await a.goto(`/scenarios/${TERTIARY}/versions`);
    await hydrated(a);
    await expect(a.getByTestId('review-1').innerText()).resolves.toBe(
      `已提交审批 · ${planner.username} · ${today()}`,
    );
    await expect(button(a, '提交审批').count()).resolves.toBe(0);
    await screenshot(a, 'roles-versions-zh-submitted-1440');
    await a.getByRole('textbox', { name: '审批意见', exact: true }).fill(COMMENT);
    await press(a, '批准');
    const approved = `已批准 · 第 1 版 · ${approver.username} · ${today()}`;
    await expect(a.getByTestId('review-1').innerText()).resolves.toBe(approved);
    // Approved is final: nothing more to press, for either of them.
    await expect(a.locator('[data-testid=versions-table]').getByRole('button').count()).resolves.toBe(0);
    const row = (await versionsTable(a))[0]!;
    expect(row['审批状态']).toContain(COMMENT);

    // The planner's dashboard says it under the title.
    await p.goto(`/scenarios/${TERTIARY}`);
    await hydrated(p);
    await expect(p.getByTestId('review-state').innerText()).resolves.toBe(approved);
    await p.goto(`/scenarios/${TERTIARY}/versions`);
    await hydrated(p);
    await expect(p.getByTestId('review-1').innerText()).resolves.toBe(approved);
    await expect(p.locator('[data-testid=versions-table]').getByRole('button').count()).resolves.toBe(0);
    // The browser reports the 403 document itself as a failed resource; anything else counts.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
  }, 120_000);

  it('screenshots of the versions page and the dashboard’s approval state, in both languages, at 1440 and 390 px', async () => {
    const shots: string[] = [];
    for (const [locale, lang, approved] of [
      ['zh-CN', 'zh', `已批准 · 第 1 版 · ${approver.username}`],
      ['en', 'en', `Approved · version 1 · ${approver.username}`],
    ] as const) {
      const p = await planner.newPage({ locale, viewport: { width: 1440, height: 900 } });
      for (const width of [1440, 390]) {
        await p.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await p.goto(`/scenarios/${TERTIARY}/versions`);
        await hydrated(p);
        await expect(p.getByTestId('review-1').innerText()).resolves.toContain(approved);
        shots.push(await screenshot(p, `roles-versions-${lang}-${width}`));
        await p.goto(`/scenarios/${TERTIARY}`);
        await hydrated(p);
        await expect(p.getByTestId('review-state').innerText()).resolves.toContain(approved);
        // The title, the buttons and the state: the first screen, not the whole dashboard.
        shots.push(await screenshot(p, `roles-dashboard-${lang}-${width}`, false));
      }
    }
    for (const file of shots) expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);
});

describe('a shared link', () => {
  it('offers nobody signed in the login instead of keeping a copy; after it, the copy can be kept', async () => {
    const made = await planner.fetch(`/api/scenarios/${COUNTY}/share`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ overrides: { fit: 0.6 } }),
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const { token } = (await made.json()) as { token: string };

    const context = await newContext(browser, server.origin);
    anonymous.push(context);
    const p = await context.newPage();
    const errors = collectErrors(p);
    await p.goto(`/s/${token}`);
    await hydrated(p);
    await expect(p.locator('header a.account').innerText()).resolves.toBe('登录');
    const keep = p.getByTestId('keep-copy');
    await expect(keep.getByRole('button').count()).resolves.toBe(0);
    const login = keep.getByRole('link', { name: '登录后可保存一份副本', exact: true });
    /** Where the login will come back to: this shared page, with the what-if as it is now. */
    const comeBack = async () => {
      const href = new URL((await login.getAttribute('href'))!, server.origin);
      expect(href.pathname).toBe('/login');
      return new URL(href.searchParams.get('redirectTo')!, server.origin);
    };
    expect((await comeBack()).pathname).toBe(`/s/${token}`);
    // The what-if moved on the page goes with it.
    await moveAdoption(p);
    const adoption = new URL(p.url()).searchParams.get('adoption')!;
    const back = await comeBack();
    expect(back.pathname).toBe(`/s/${token}`);
    expect(back.searchParams.get('adoption')).toBe(adoption);
    await screenshot(p, 'roles-share-anonymous-zh', false);
    expect(errors).toEqual([]);

    // The link leads to the login, and back to the shared page with its what-if, now to keep.
    await login.click();
    await p.waitForURL((url) => url.pathname === '/login');
    await signInThroughForm(
      p,
      { username: planner.username, password: planner.password },
      { to: back.pathname + back.search },
    );
    await settled(p);
    await expect(p.locator('#whatif-adoption').inputValue()).resolves.toBe(adoption);
    await expect(p.getByTestId('keep-copy').getByRole('button', { name: '保存副本' }).count()).resolves.toBe(
      1,
    );

    // A signed-in viewer plans nowhere: neither the login nor a copy to keep.
    const v = await viewer.newPage();
    await v.goto(`/s/${token}`);
    await hydrated(v);
    await expect(v.getByTestId('keep-copy').count()).resolves.toBe(0);
  }, 120_000);
});
