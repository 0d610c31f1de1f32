/**
 * Accounts in the browser, against the built server: the first start's one-time password is
 * printed once; a first login must replace it before any other page — also when the user clicks
 * the header's links instead of loading a page — and then the header says who is signed in.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, ROOT, startServer, type RunningServer } from './server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function createAccount(username: string): string {
  const made = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'scripts/users.ts',
      'create',
      username,
      '--hospital',
      '示例医院',
      '--role',
      'planner',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: server.databaseFile },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  expect(made.status).toBe(0);
  return made.stdout.trim();
}

describe('the first login', () => {
  it('prints the first account’s one-time password once on the console', () => {
    expect(server.output()).toMatch(/First account: user name "admin", one-time password \S{16} /);
  });

  it(
    'must replace the one-time password before any other page, even by the header’s links',
    { timeout: 120_000 },
    async () => {
      const oneTime = createAccount('zhao.planner');
      const context = await browser.newContext({
        locale: 'zh-CN',
        extraHTTPHeaders: { 'Accept-Language': 'zh-CN' },
      });
      const page = await context.newPage();
      await page.goto(`${server.origin}/login?redirectTo=/reference`);
      await page.fill('input[name=username]', 'zhao.planner');
      await page.fill('input[name=password]', oneTime);
      await page.click('form.auth-form button[type=submit]');
      await page.waitForURL(/\/password\?redirectTo=%2Freference$/);
      await expect.poll(() => page.locator('[data-testid=password-rules] li').count()).toBe(3);
      // A click on the header's link is a client-side navigation: it must still end on this page.
      await page.click('header nav a[href="/scenarios"]');
      await page.waitForLoadState('networkidle');
      // …to this page again, now to go on to where the user last asked to go.
      expect(page.url()).toBe(`${server.origin}/password?redirectTo=%2Fscenarios`);
      await page.fill('input[name=current]', oneTime);
      await page.fill('input[name=next]', 'Zhao-Plans-2026!');
      await page.fill('input[name=repeat]', 'Zhao-Plans-2026!');
      await page.click('form.auth-form button[type=submit]');
      await page.waitForURL(/\/scenarios$/);
      await expect
        .poll(() => page.locator('header .account span').textContent())
        .toBe('当前用户：zhao.planner');
      await context.close();
    },
  );
});
