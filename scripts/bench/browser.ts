/**
 * What-if responsiveness in headless Chromium: sign in on the login page as a user does, open
 * the dashboard, wait for hydration (and for the charts' one re-creation after it), then move a
 * what-if slider repeatedly and time, inside the page, each change until the cumulative-cash
 * chart is redrawn (see page-probe.js).
 */
import { join } from 'node:path';

import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';

import { percentile } from './stats';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WhatIfOptions {
  executablePath: string;
  /** Who signs in on /login before the dashboard is opened. */
  user: { username: string; password: string };
  /** The what-if key whose slider is moved (input id `whatif-<key>`). */
  knob: string;
  warmup: number;
  iterations: number;
  timeoutMs: number;
}

export interface WhatIfTiming {
  browserVersion: string;
  /** Where the login form sent the browser (before it opened the dashboard). */
  afterLogin: string;
  knob: string;
  values: string[];
  hydratedMs: number;
  gridRecreated: boolean;
  domMs: number[];
  frameMs: number[];
  timedOut: number;
  pageErrors: string[];
  /** JavaScript files the page fetched (URL paths). */
  scripts: string[];
  summary: { domP50: number; domP95: number; domMax: number; p50: number; p95: number; max: number };
}

interface Measured {
  domMs?: number;
  frameMs?: number;
  timedOut?: boolean;
}

/** Slider positions to visit: spread over the upper 80 % of the range, snapped to the step. */
function sliderValues(input: { min: string; max: string; step: string; value: string }, count: number) {
  const min = Number(input.min);
  const max = Number(input.max);
  const step = Number(input.step) || (max - min) / 100;
  const decimals = (input.step.split('.')[1] ?? '').length;
  const spots = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const raw = min + (max - min) * (0.2 + (0.8 * i) / 7);
    const snapped = Math.min(max, min + Math.round((raw - min) / step) * step);
    spots.add(snapped.toFixed(decimals));
  }
  // Alternate low and high positions so that every move is a real change.
  const sorted = [...spots].sort((a, b) => Number(a) - Number(b));
  const order: string[] = [];
  while (sorted.length) order.push(...[sorted.shift()!, sorted.pop()].filter((v): v is string => !!v));
  if (order.length < 2) throw new Error(`slider range ${input.min}..${input.max} leaves nothing to move`);
  const values: string[] = [];
  let previous = Number(input.value);
  for (let i = 0; values.length < count; i++) {
    const next = order[i % order.length]!;
    if (Math.abs(Number(next) - previous) < step / 2) continue;
    values.push(next);
    previous = Number(next);
  }
  return values;
}

export const CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' };

/**
 * Signs in on the login page (typing the name and password, pressing Enter) in a context of its
 * own, and returns that context's cookies and where the login went: the dashboard is then opened
 * in a new context with those cookies, so its load is as cold as it was before sign-in existed
 * (the login page's scripts are not in its cache).
 */
export async function signIn(
  browser: Browser,
  origin: string,
  next: string,
  user: WhatIfOptions['user'],
): Promise<{ storageState: BrowserContextOptions['storageState']; afterLogin: string }> {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    const response = await page.goto(`${origin}/login?redirectTo=${encodeURIComponent(next)}`, {
      waitUntil: 'load',
    });
    if (response?.status() !== 200) throw new Error(`the login page answered ${response?.status()}`);
    await page.fill('input[name="username"]', user.username);
    await page.fill('input[name="password"]', user.password);
    await Promise.all([
      page
        .waitForURL((u) => u.pathname !== '/login', { timeout: 30_000 })
        .catch(async () => {
          const refusal = await page.locator('[role="alert"]').allTextContents();
          throw new Error(
            `the browser's login as ${user.username} did not go on: ${refusal.join(' ') || 'no answer'}`,
          );
        }),
      page.press('input[name="password"]', 'Enter'),
    ]);
    const url = new URL(page.url());
    const cookies = await context.cookies(origin);
    if (!cookies.some((c) => c.name === 'planner_session' && c.value))
      throw new Error(`the browser's login as ${user.username} left no session cookie`);
    return { storageState: await context.storageState(), afterLogin: url.pathname + url.search };
  } finally {
    await context.close();
  }
}

export async function whatIfTiming(url: string, options: WhatIfOptions): Promise<WhatIfTiming> {
  const browser = await chromium.launch({ executablePath: options.executablePath, args: CHROMIUM_ARGS });
  try {
    const target = new URL(url);
    const { storageState, afterLogin } = await signIn(
      browser,
      target.origin,
      target.pathname + target.search,
      options.user,
    );
    const context = await browser.newContext({ ...CONTEXT, storageState });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) scripts.add(path);
    });
    await page.addInitScript({ path: join(import.meta.dirname, 'page-probe.js') });

    const id = `whatif-${options.knob}`;
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response?.status() !== 200)
      throw new Error(`dashboard answered ${response?.status()} in the browser`);
    // Signed in, the dashboard answers itself: a redirect (to /login) is not the dashboard.
    const landed = new URL(page.url());
    if (response.request().redirectedFrom() || landed.pathname !== target.pathname)
      throw new Error(`the signed-in browser was sent from ${target.pathname} to ${landed.pathname}`);
    const hydratedMs = (await page.evaluate(
      `window.__benchProbe.waitHydrated(${JSON.stringify(id)}, 30000)`,
    )) as number;
    // The charts are drawn afresh once after hydration; measure only after that.
    const gridRecreated = (await page.evaluate('window.__benchProbe.waitGridRecreated(5000)')) as boolean;
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

    const input = (await page.evaluate(`window.__benchProbe.input(${JSON.stringify(id)})`)) as {
      min: string;
      max: string;
      step: string;
      value: string;
    } | null;
    if (!input) throw new Error(`no #${id} on the dashboard`);
    const values = sliderValues(input, options.warmup + options.iterations);

    const domMs: number[] = [];
    const frameMs: number[] = [];
    let timedOut = 0;
    for (const [i, value] of values.entries()) {
      const result = (await page.evaluate(
        `window.__benchProbe.measure(${JSON.stringify(id)}, ${JSON.stringify(value)}, ${options.timeoutMs})`,
      )) as Measured;
      if (i < options.warmup) continue;
      if (result.timedOut || result.domMs === undefined || result.frameMs === undefined) timedOut++;
      else {
        domMs.push(result.domMs);
        frameMs.push(result.frameMs);
      }
      // Let the page settle between moves, as between a user's slider steps.
      await page.waitForTimeout(50);
    }
    return {
      browserVersion: browser.version(),
      afterLogin,
      knob: options.knob,
      values: values.slice(options.warmup),
      hydratedMs,
      gridRecreated,
      domMs,
      frameMs,
      timedOut,
      pageErrors,
      scripts: [...scripts].sort(),
      summary: {
        domP50: percentile(domMs, 0.5),
        domP95: percentile(domMs, 0.95),
        domMax: domMs.length ? Math.max(...domMs) : NaN,
        p50: percentile(frameMs, 0.5),
        p95: percentile(frameMs, 0.95),
        max: frameMs.length ? Math.max(...frameMs) : NaN,
      },
    };
  } finally {
    await browser.close();
  }
}
