/**
 * Accounts in the browser, against the built server: the first start's one-time password is
 * printed once; a first login must replace it before any other page — also when the user clicks
 * the header's links instead of loading a page — and then the header says who is signed in.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, startServer, type RunningServer } from './server';
import { createAccount } from './sign-in';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  // No PLANNER_ADMIN_PASSWORD: the first account gets a one-time password, printed once.
  server = await startServer({ adminPassword: null });
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the first login', () => {
  it('prints the first account’s one-time password once on the console', () => {
    expect(server.output()).toMatch(/First account: user name "admin", one-time password \S{16} /);
  });

  it(
    'must replace the one-time password before any other page, even by the header’s links',
    { timeout: 120_000 },
    async () => {
      const oneTime = createAccount(server, 'zhao.planner', 'planner');
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
      // Wait for the navigation the click starts (on a busy machine 'networkidle' could come first).
      await page.waitForURL((url) => url.searchParams.get('redirectTo') !== '/reference', {
        timeout: 30_000,
      });
      await page.waitForLoadState('networkidle');
      // …to this page again, now to go on to where the user last asked to go.
      expect(page.url()).toBe(`${server.origin}/password?redirectTo=%2Fscenarios`);
      await page.fill('input[name=current]', oneTime);
      await page.fill('input[name=next]', 'Zhao-Plans-2026!');
      await page.fill('input[name=repeat]', 'Zhao-Plans-2026!');
      await page.click('form.auth-form button[type=submit]');
      await page.waitForURL(/\/scenarios$/);
      await expect
        .poll(() => page.locator('header .account a[href="/account"]').textContent())
        .toBe('当前用户：zhao.planner');
      await context.close();
    },
  );
});
