import { chromium, type Page } from 'playwright-core';

import { totpCode } from '~/auth/totp.server';

const BASE = 'http://localhost:3555';
const users = {
  admin: 'Adm1n-Pass-2026',
  sec: process.argv[2]!,
  hadmin: process.argv[3]!,
  sysadm: process.argv[4]!,
};
const NEW = 'Strong-Pass-2026x';

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('form.auth-form button[type=submit]');
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 30000 });
  if (new URL(page.url()).pathname === '/password') {
    await page.fill('input[name=current]', password);
    await page.fill('input[name=next]', NEW);
    await page.fill('input[name=repeat]', NEW);
    await page.click('form.auth-form button[type=submit]');
    await page.waitForURL((u) => u.pathname !== '/password', { timeout: 30000 });
  }
  if (new URL(page.url()).pathname === '/totp') {
    const secret = (await page.locator('[data-testid=totp-secret]').innerText()).replace(/\s/g, '');
    if (username === 'admin') {
      await page.locator('form.auth-form a').click();
    } else {
      await page.fill('input[name=code]', totpCode(secret, Date.now()));
      await page.click('form.auth-form button[type=submit]');
    }
    await page.waitForURL((u) => u.pathname !== '/totp', { timeout: 30000 });
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const plan: [keyof typeof users, string, string][] = [
  ['sec', '/admin/accounts', 'accounts'],
  ['hadmin', '/admin/members', 'members'],
  ['sysadm', '/admin/hospitals', 'hospitals'],
  ['admin', '/account', 'account'],
];
for (const [who, path, name] of plan) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, who, users[who]);
  for (const lang of ['zh-CN', 'en'] as const) {
    await context.addCookies([
      {
        name: 'lang',
        value: encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString('base64')),
        url: BASE,
      },
    ]);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${BASE}${path}`);
      await page.waitForLoadState('networkidle');
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(name, lang, width, 'scrollWidth', scroll);
      await page.screenshot({ path: `/tmp/shots/${name}-${lang}-${width}.png`, fullPage: true });
    }
  }
  await context.close();
}
await browser.close();
