/**
 * What-if sharing links in real headless Chromium against the built server: the headers and
 * statuses of /s/<token>, the same numbers as the owner's dashboard (Monte Carlo included), the
 * what-if in the address, "Keep a copy", the owner's make / view count / revoke flow, console
 * errors and screenshots. Works on copies of the county scenario made through the API, so other
 * files are unaffected. The owner is a planner of the demo hospital, signed in once through the
 * login form; whoever opens a link is nobody signed in, unless said otherwise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  collectErrors,
  hydrated,
  launchBrowser,
  newContext,
  ROOT,
  screenshot,
  startServer,
  type RunningServer,
} from './server';
import { signInAs, type Session } from './sign-in';

const COUNTY = 'county-hospital-300-beds';
/** Names no other page of the app shows, so a body can be searched for them. */
const NAME = { 'zh-CN': '浏览器测试：共享链接', en: 'Browser test: sharing links' };
const HOSPITAL = { 'zh-CN': '共享测试人民医院', en: 'Sharing test people’s hospital' };
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

let server: RunningServer;
let browser: Browser;
/** The owner of the scenarios and their links: a planner of the demo hospital. */
let owner: Session;
/** The copy of the county scenario the links are made for. */
let copyId = '';
/** A second copy for the owner's flow, so its table lists only the link made there. */
let ownerId = '';
const contexts: BrowserContext[] = [];

interface Created {
  url: string;
  token: string;
  version: number;
  expiresAt: string | null;
}

/** A page of the signed-in owner, in a new context with these options (the locale). */
function page(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  return owner.newPage(options);
}

/** A page of someone not signed in: a link's usual reader. */
async function anonymousPage(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  const made = await newContext(browser, server.origin, options);
  contexts.push(made);
  return made.newPage();
}

async function copyCounty(name: Record<string, string>): Promise<string> {
  const document = JSON.parse(readFileSync(join(ROOT, 'scenarios', `${COUNTY}.json`), 'utf8')) as {
    id?: string;
    name: unknown;
    hospital: { name: unknown };
  };
  delete document.id;
  document.name = name;
  document.hospital.name = HOSPITAL;
  const response = await owner.fetch('/api/scenarios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(document),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const id = ((await response.json()) as { id: string }).id;
  expect(id).not.toBe(COUNTY);
  return id;
}

/** POST /api/scenarios/:id/share; expects 201. */
async function makeLink(body: Record<string, unknown> = {}, id = copyId): Promise<Created> {
  const response = await owner.fetch(`/api/scenarios/${id}/share`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as Created;
  expect(created.token).toMatch(TOKEN);
  expect(created.url).toBe(`${server.origin}/s/${created.token}`);
  return created;
}

const sharedPath = (created: Created, query = '') => `/s/${created.token}${query}`;

async function scenarioCount(): Promise<number> {
  const response = await owner.fetch('/api/scenarios');
  expect(response.status).toBe(200);
  return ((await response.json()) as unknown[]).length;
}

/** The comparison table's NPV row, one cell per option. */
function npvRow(p: Page): Promise<string[]> {
  return p
    .getByTestId('comparison')
    .locator('tbody tr')
    .filter({ has: p.locator('th', { hasText: /^(NPV|净现值)$/ }) })
    .locator('td')
    .allInnerTexts();
}

function summary(p: Page): Promise<string> {
  return p.getByTestId('summary').innerText();
}

/** Runs the Monte Carlo with the page's own button and returns its table rows and the button's text. */
async function runMonteCarlo(p: Page): Promise<{ button: string; rows: string[] }> {
  const button = p
    .getByTestId('uncertainty')
    .getByRole('button', { name: /^(Run [\d,]+ trials|运行 [\d,]+ 次模拟)/ });
  const label = await button.innerText();
  await button.click();
  await p.waitForSelector('[data-testid=mc-table]', { timeout: 90_000 });
  return { button: label, rows: await p.locator('[data-testid=mc-table] tbody tr').allInnerTexts() };
}

/** The cell of the share table's first row under the header matching `header`. */
async function shareCell(p: Page, header: RegExp): Promise<string> {
  const table = p.getByTestId('share-links');
  const headers = await table.locator('thead th').allInnerTexts();
  const index = headers.findIndex((h) => header.test(h.trim()));
  expect(index, `no ${header} column in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
  return (await table.locator('tbody tr').first().locator('td').nth(index).innerText()).trim();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  owner = await signInAs(browser, server, 'qian.planner', 'planner');
  copyId = await copyCounty(NAME);
  ownerId = await copyCounty({
    'zh-CN': '浏览器测试：共享链接（所有者）',
    en: 'Browser test: sharing owner',
  });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await owner?.close();
  await browser?.close();
  await server?.stop();
});

describe('shared link over HTTP', () => {
  it('answers 200 with no-referrer, noindex and no-store; 404 for an unknown token; 410 once revoked, naming no scenario', async () => {
    const created = await makeLink({ expiresInDays: 30, overrides: { fit: 0.6 } });
    expect(created.version).toBe(1);
    expect(created.expiresAt).not.toBeNull();

    const headersOf = (r: Response) => ({
      referrer: r.headers.get('referrer-policy'),
      robots: r.headers.get('x-robots-tag'),
      cache: r.headers.get('cache-control'),
    });
    const shared = { referrer: 'no-referrer', robots: 'noindex, nofollow', cache: 'no-store' };

    for (const lang of ['en', 'zh-CN'] as const) {
      const ok = await fetch(`${server.origin}${sharedPath(created)}`, {
        headers: { 'Accept-Language': lang },
      });
      const body = await ok.text();
      expect(ok.status, body.slice(0, 500)).toBe(200);
      expect(headersOf(ok)).toEqual(shared);
      // The page does name the scenario, so the check on the 410 page below means something.
      expect(body).toContain(NAME[lang]);
    }

    // Another valid-looking token nobody made, and something that is not a token at all.
    const unknownToken = created.token.startsWith('A')
      ? `B${created.token.slice(1)}`
      : `A${created.token.slice(1)}`;
    for (const token of [unknownToken, 'not-a-token']) {
      const missing = await fetch(`${server.origin}/s/${token}`, { headers: { 'Accept-Language': 'en' } });
      const body = await missing.text();
      expect(missing.status, token).toBe(404);
      expect(headersOf(missing)).toEqual(shared);
      expect(body).toContain('No such link');
      expect(body).not.toContain(NAME.en);
    }

    // A page elsewhere keeps the usual referrer policy.
    const other = await owner.fetch(`/scenarios/${copyId}`);
    expect(other.status).toBe(200);
    expect(other.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(other.headers.get('x-robots-tag')).toBeNull();

    // Nobody signed in may revoke a link, however it got hold of its token.
    const anonymous = await fetch(`${server.origin}/api/share/${created.token}`, { method: 'DELETE' });
    expect(anonymous.status).toBe(401);
    const revoked = await owner.fetch(`/api/share/${created.token}`, { method: 'DELETE' });
    expect(revoked.status, await revoked.clone().text()).toBe(204);
    const again = await owner.fetch(`/api/share/${created.token}`, { method: 'DELETE' });
    expect(again.status).toBe(410);
    const unknownDelete = await owner.fetch(`/api/share/${unknownToken}`, { method: 'DELETE' });
    expect(unknownDelete.status).toBe(404);

    for (const [lang, title] of [
      ['en', 'This link no longer works'],
      ['zh-CN', '链接已失效'],
    ] as const) {
      const gone = await fetch(`${server.origin}${sharedPath(created)}`, {
        headers: { 'Accept-Language': lang },
      });
      const body = await gone.text();
      expect(gone.status).toBe(410);
      expect(headersOf(gone)).toEqual(shared);
      expect(body).toContain(title);
      for (const name of [NAME['zh-CN'], NAME.en, HOSPITAL['zh-CN'], HOSPITAL.en, copyId])
        expect(body, `the 410 page names ${name}`).not.toContain(name);
    }
  });
});

describe('shared page in the browser', () => {
  it('shows the same comparison and Monte Carlo as the owner’s dashboard with the same what-if', async () => {
    const created = await makeLink({ overrides: { fit: 0.6 } });
    const ownerPage = await page({ locale: 'en' });
    await ownerPage.goto(`/scenarios/${copyId}?fit=0.6`);
    await hydrated(ownerPage);
    const viewer = await anonymousPage({ locale: 'en' });
    await viewer.goto(sharedPath(created));
    await hydrated(viewer);
    await expect(viewer.getByTestId('shared-note').innerText()).resolves.toContain('version 1');

    const ownerTable = await ownerPage.getByTestId('comparison').innerText();
    const viewerTable = await viewer.getByTestId('comparison').innerText();
    expect(viewerTable).toBe(ownerTable);
    await expect(summary(viewer)).resolves.toBe(await summary(ownerPage));
    await expect(viewer.locator('#whatif-fit').inputValue()).resolves.toBe('0.6');

    // The what-if really is in play: the plain dashboard differs.
    const plain = await page({ locale: 'en' });
    await plain.goto(`/scenarios/${copyId}`);
    expect(await plain.getByTestId('comparison').innerText()).not.toBe(ownerTable);

    const ownerMc = await runMonteCarlo(ownerPage);
    const viewerMc = await runMonteCarlo(viewer);
    expect(viewerMc.button).toBe(ownerMc.button);
    expect(ownerMc.rows).toHaveLength(5);
    expect(viewerMc.rows).toEqual(ownerMc.rows);
  }, 180_000);

  it('a moved slider recalculates and goes into the address; a reload keeps it; the address overrides the link; bad parameters are named', async () => {
    const created = await makeLink({ overrides: { fit: 0.6 } });
    const p = await anonymousPage({ locale: 'en' });
    await p.goto(sharedPath(created));
    await hydrated(p);
    const before = { summary: await summary(p), npv: await npvRow(p) };
    const adoptionBefore = await p.locator('#whatif-adoption').inputValue();

    await p.locator('#whatif-adoption').focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowLeft');
    await expect.poll(() => summary(p)).not.toBe(before.summary);
    const changed = await npvRow(p);
    expect(changed).not.toEqual(before.npv);
    const address = new URL(p.url());
    expect(address.pathname).toBe(sharedPath(created));
    const adoption = address.searchParams.get('adoption');
    expect(adoption).not.toBeNull();
    expect(adoption).not.toBe(adoptionBefore);
    // The address carries what differs from the link's own what-if (fit=0.6 comes with the link)…
    expect(address.searchParams.get('fit')).toBeNull();
    await expect(p.locator('#whatif-fit').inputValue()).resolves.toBe('0.6');

    await p.reload();
    await hydrated(p);
    expect(new URL(p.url()).searchParams.get('adoption')).toBe(adoption);
    await expect(p.locator('#whatif-adoption').inputValue()).resolves.toBe(adoption);
    expect(await npvRow(p)).toEqual(changed);
    await expect(p.getByRole('alert').count()).resolves.toBe(0);
    // …and Reset returns to the link's what-if, which a reload shows too.
    await p.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => new URL(p.url()).search).toBe('');
    await expect(p.locator('#whatif-fit').inputValue()).resolves.toBe('0.6');
    const reset = await npvRow(p);
    expect(reset).toEqual(before.npv);
    await p.reload();
    await hydrated(p);
    expect(await npvRow(p)).toEqual(reset);

    // ?fit= in the address wins over the link's fit.
    const other = await makeLink({ overrides: { fit: 0.4 } });
    await p.goto(sharedPath(other));
    const at04 = await npvRow(p);
    expect(at04).not.toEqual(before.npv);
    await p.goto(sharedPath(other, '?fit=0.6'));
    await expect(p.locator('#whatif-fit').inputValue()).resolves.toBe('0.6');
    expect(await npvRow(p)).toEqual(before.npv);

    // A bad parameter is named in a banner, and the page still renders.
    const response = await p.goto(sharedPath(created, '?colour=red'));
    expect(response?.status()).toBe(200);
    const alert = p.getByRole('alert');
    await expect(alert.count()).resolves.toBe(1);
    await expect(alert.innerText()).resolves.toContain('colour');
    expect(await npvRow(p)).toEqual(before.npv);
    const badFit = await p.goto(sharedPath(created, '?fit=lots'));
    expect(badFit?.status()).toBe(200);
    await expect(p.getByRole('alert').innerText()).resolves.toContain('fit');
  });

  it('Keep a copy saves the shared version with its what-if as a new scenario and opens its dashboard', async () => {
    const created = await makeLink({ overrides: { fit: 0.6 } });
    const before = await scenarioCount();
    const p = await page({ locale: 'zh-CN' });
    await p.goto(sharedPath(created));
    await hydrated(p);
    const sharedNpv = await npvRow(p);

    const form = p.getByTestId('keep-copy');
    await expect(
      form.locator('input[name="savedBy"]').count(),
      'the copy is the signed-in user’s',
    ).resolves.toBe(0);
    await form.getByRole('button', { name: '保存副本' }).click();
    await p.waitForURL((url) => /^\/scenarios\/[^/]+$/.test(url.pathname));
    const newId = new URL(p.url()).pathname.split('/')[2]!;
    expect([copyId, ownerId, COUNTY]).not.toContain(newId);
    await hydrated(p);
    await expect(p.locator('h1').innerText()).resolves.toBe(`${NAME['zh-CN']}（副本）`);
    await expect(p.getByTestId('shared-note').count()).resolves.toBe(0);
    // The what-if became the copy's own inputs: the same numbers with nothing in the address.
    expect(new URL(p.url()).search).toBe('');
    expect(await npvRow(p)).toEqual(sharedNpv);

    expect(await scenarioCount()).toBe(before + 1);
    const listed = (await (await owner.fetch('/api/scenarios')).json()) as { id: string }[];
    expect(listed.map((s) => s.id)).toContain(newId);
    // Kept under the signed-in planner's name.
    const kept = (await (await owner.fetch(`/api/scenarios/${newId}`)).json()) as { savedBy: string };
    expect(kept.savedBy).toBe(owner.username);
  });
});

describe('owner’s dashboard', () => {
  it('makes a link shown once, counts its view and revokes it', async () => {
    const p = await page({ locale: 'zh-CN' });
    await p.goto(`/scenarios/${ownerId}`);
    await hydrated(p);
    const share = p.getByTestId('share');
    await expect(p.getByTestId('share-links').count()).resolves.toBe(0);
    await share.locator('select[name="expiresInDays"]').selectOption('7');
    await share.getByRole('button', { name: '生成链接', exact: true }).click();

    const createdInput = p.getByTestId('share-created').locator('input');
    await createdInput.waitFor();
    await expect(createdInput.getAttribute('readonly')).resolves.not.toBeNull();
    const url = await createdInput.inputValue();
    expect(url.startsWith(`${server.origin}/s/`), url).toBe(true);
    expect(url.slice(`${server.origin}/s/`.length)).toMatch(TOKEN);
    await p.getByTestId('share-links').waitFor();
    await expect(shareCell(p, /^查看次数$/)).resolves.toBe('0');

    const viewer = await anonymousPage({ locale: 'en' });
    const opened = await viewer.goto(url);
    expect(opened?.status()).toBe(200);
    await hydrated(viewer);
    await expect(viewer.locator('h1').innerText()).resolves.toBe('Browser test: sharing owner');
    await expect(viewer.getByTestId('shared-note').count()).resolves.toBe(1);

    await p.reload();
    await hydrated(p);
    // Shown only once: not after a reload.
    await expect(p.getByTestId('share-created').count()).resolves.toBe(0);
    await expect(p.getByTestId('share-links').locator('tbody tr').count()).resolves.toBe(1);
    await expect(shareCell(p, /^查看次数$/)).resolves.toBe('1');
    await expect(shareCell(p, /^状态$/)).resolves.toBe('有效');

    await p.getByTestId('share-links').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => shareCell(p, /^状态$/)).toBe('已撤销');
    await expect(p.getByTestId('share-links').getByRole('button', { name: '撤销' }).count()).resolves.toBe(0);

    const gone = await fetch(url, { headers: { 'Accept-Language': 'en' } });
    expect(gone.status).toBe(410);
    const again = await viewer.goto(url);
    expect(again?.status()).toBe(410);
    await expect(viewer.locator('h1').innerText()).resolves.toBe('This link no longer works');
  });
});

describe('console and screenshots', () => {
  it('logs no console errors on the shared page in Chinese and English; screenshots', async () => {
    const created = await makeLink({ overrides: { fit: 0.6 } });
    const seen: Record<string, string[]> = {};
    for (const [locale, name] of [
      ['zh-CN', 'share-zh'],
      ['en', 'share-en'],
    ] as const) {
      const p = await anonymousPage({ locale });
      const errors = collectErrors(p);
      await p.goto(sharedPath(created));
      await hydrated(p);
      // Move a slider too: the rerender must not log anything either.
      await p.locator('#whatif-adoption').focus();
      await p.keyboard.press('ArrowLeft');
      await p.waitForURL(/adoption=/);
      await hydrated(p);
      const file = await screenshot(p, name);
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      if (errors.length > 0) seen[locale] = [...errors];
    }
    const gone = await anonymousPage({ locale: 'zh-CN' });
    const errors = collectErrors(gone);
    await makeLink().then(async (link) => {
      await owner.fetch(`/api/share/${link.token}`, { method: 'DELETE' });
      await gone.goto(sharedPath(link));
    });
    await hydrated(gone);
    await screenshot(gone, 'share-zh-gone', false);
    // The browser reports the 410 document itself as a failed resource; anything else counts.
    const other = errors.filter((e) => !/status of 410/.test(e));
    if (other.length > 0) seen['410 page'] = other;
    expect(seen).toEqual({});
  });
});
