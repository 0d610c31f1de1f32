/**
 * Signing in for the browser tests, the way a person does: accounts are made with the users
 * script (`npm run users -- create …`) against the test server's database, and each test file
 * signs in once through the login form — replacing a one-time password on the password page,
 * putting the first admin's second factor off ("稍后") — and then opens as many browser contexts
 * as it likes on that one session (its cookies, as the login set them).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

import type { HospitalRole } from '~/auth/roles';

import { settled } from './people';
import { ADMIN_PASSWORD, newContext, ROOT, type RunningServer } from './server';

/** The hospital that owns the bundled scenarios, where `admin` is a planner. */
export const DEMO_HOSPITAL = '示例医院';

export interface Credentials {
  username: string;
  password: string;
}

/** The first account, with the password the test server was started with. */
export const ADMIN: Credentials = { username: 'admin', password: ADMIN_PASSWORD };

/** What a one-time password is replaced with: the policy's three kinds, no user name in it. */
export const NEW_PASSWORD = 'Plan-Carefully-2026!';

/**
 * Makes an account with the users script against the server's database (`--hospital … --role …`)
 * and returns the one-time password it prints.
 */
export function createAccount(
  server: RunningServer,
  username: string,
  role: HospitalRole,
  hospital = DEMO_HOSPITAL,
): string {
  const made = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'scripts/users.ts',
      'create',
      username,
      '--hospital',
      hospital,
      '--role',
      role,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: server.databaseFile },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  if (made.status !== 0)
    throw new Error(`users create ${username} exited with ${made.status}: ${made.stderr}${made.stdout}`);
  const password = made.stdout.trim();
  if (!/^\S{16}$/.test(password))
    throw new Error(`users create ${username} printed ${JSON.stringify(password)}`);
  return password;
}

/**
 * Signs in through the login form in `page` (opening it, unless the page is on it already with
 * `to` to come back to), as a person does, and ends on `to`: a one-time password is replaced on
 * the password page (with `newPassword`), the first admin's offered second factor is put off.
 * Returns the password the account has now.
 */
export async function signInThroughForm(
  page: Page,
  who: Credentials,
  options: { to?: string; newPassword?: string } = {},
): Promise<Credentials> {
  const to = options.to ?? '/scenarios';
  // A page that sent the user to log in already shows the form (with where to come back to).
  const here = page.url().startsWith('http') ? new URL(page.url()) : null;
  if (here?.pathname !== '/login' || here.searchParams.get('redirectTo') !== to)
    await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.fill('form.auth-form input[name=username]', who.username);
  await page.fill('form.auth-form input[name=password]', who.password);
  await submitAndLeave(page, '/login');
  let password = who.password;
  if (new URL(page.url()).pathname === '/password') {
    password = options.newPassword ?? NEW_PASSWORD;
    await page.fill('form.auth-form input[name=current]', who.password);
    await page.fill('form.auth-form input[name=next]', password);
    await page.fill('form.auth-form input[name=repeat]', password);
    await submitAndLeave(page, '/password');
  }
  if (new URL(page.url()).pathname === '/totp') {
    // Only the first admin may put it off; anyone else would be stuck here.
    await page.locator('form.auth-form a').click();
    await page.waitForURL((url) => url.pathname !== '/totp');
  }
  await settled(page);
  const reached = new URL(page.url());
  if (reached.pathname + reached.search !== to)
    throw new Error(`Signing in as ${who.username} ended on ${page.url()}, not ${to}`);
  return { username: who.username, password };
}

/**
 * Presses the auth form's button and waits until the page moves on from `path` (a password is
 * hashed or checked on the way: seconds on a busy machine); a refusal fails with its words.
 */
async function submitAndLeave(page: Page, path: string): Promise<void> {
  await page.click('form.auth-form button[type=submit]');
  const left = page.waitForURL((url) => url.pathname !== path, { timeout: 30_000 }).then(() => null);
  const refused = page
    .locator('form.auth-form [role=alert]')
    .first()
    .waitFor({ timeout: 30_000 })
    .then(() => page.locator('form.auth-form [role=alert]').first().innerText());
  const refusal = await Promise.race([left, refused.catch(() => null)]);
  if (refusal !== null) {
    left.catch(() => undefined);
    throw new Error(`${path} refused: ${refusal}`);
  }
  await left;
}

/** One signed-in user of a test file, and the browser contexts that use the session. */
export interface Session {
  /** The user name, which saves, uploads and reviews are recorded under. */
  username: string;
  /** The password the account has now (a one-time one is replaced at the first sign-in). */
  password: string;
  /** The session's CSRF token, as the page's forms carry it. */
  csrf: string;
  /** The context that signed in (zh-CN, 1280 × 900). */
  context: BrowserContext;
  /** Another context on the same session (the cookies the login set), with other options. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A new page in a new context on the session. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** fetch() as this user: the session cookie always, X-CSRF-Token on a write. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** Closes every context of the session. */
  close: () => Promise<void>;
}

/** Signs `who` in through the form in a new context and keeps the session for the file. */
export async function signIn(
  browser: Browser,
  server: RunningServer,
  who: Credentials,
  options: { newPassword?: string } = {},
): Promise<Session> {
  const contexts: BrowserContext[] = [];
  const context = await newContext(browser, server.origin);
  contexts.push(context);
  const page = await context.newPage();
  const now = await signInThroughForm(page, who, options);
  // The header's log-out form carries the session's CSRF token, as every form does.
  const csrf = await page.locator('header form.account input[name=csrf]').inputValue();
  await page.close();
  const state = await context.storageState();
  const cookie = state.cookies
    .filter((c) => c.name === 'planner_session')
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  if (!cookie || !csrf) throw new Error(`No session after signing in as ${who.username}`);
  const more = async (contextOptions: BrowserContextOptions = {}) => {
    const made = await newContext(browser, server.origin, { storageState: state, ...contextOptions });
    contexts.push(made);
    return made;
  };
  return {
    username: who.username,
    password: now.password,
    csrf,
    context,
    newContext: more,
    newPage: async (contextOptions) => (await more(contextOptions)).newPage(),
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('Cookie', cookie);
      if (!['GET', 'HEAD'].includes((init.method ?? 'GET').toUpperCase())) headers.set('X-CSRF-Token', csrf);
      return fetch(new URL(path, server.origin), { ...init, headers });
    },
    close: async () => {
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    },
  };
}

/** Makes an account with this role in the demo hospital and signs it in (its first login). */
export async function signInAs(
  browser: Browser,
  server: RunningServer,
  username: string,
  role: HospitalRole,
): Promise<Session> {
  return signIn(browser, server, { username, password: createAccount(server, username, role) });
}

/**
 * For tests without a browser: posts the login form over HTTP, as a browser without JavaScript
 * does, and reads the CSRF token from the root's data. `cookie` goes in a Cookie header.
 */
export async function signInOverHttp(
  server: RunningServer,
  who: Credentials,
): Promise<{ cookie: string; csrf: string }> {
  const answer = await fetch(`${server.origin}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: who.username, password: who.password, redirectTo: '/scenarios' }),
    redirect: 'manual',
  });
  const cookie = answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('planner_session='));
  if (answer.status !== 302 || !cookie)
    throw new Error(`Logging in as ${who.username} answered ${answer.status}: ${await answer.text()}`);
  const root = await fetch(`${server.origin}/scenarios?_data=root`, { headers: { Cookie: cookie } });
  const data = (await root.json()) as { user: { csrf: string } | null };
  if (!data.user) throw new Error(`Not signed in as ${who.username} after logging in`);
  return { cookie, csrf: data.user.csrf };
}
