/**
 * The dashboard's Monte Carlo in headless Chromium, signed in on the login page as a user is:
 * from the click on its run button until every chart of the uncertainty panel is drawn (see
 * page-probe.js `mcMeasure`). Three ways a director meets it:
 *  - cold: the first click the moment the button is hydrated (the page has had no time to
 *    start a worker);
 *  - idle: the first click after the page has stood still for a while (as after reading it);
 *  - again: later clicks on the same page.
 * Each page load is in a new browser context (nothing cached from the last one). The number of
 * charts to wait for is counted once per scenario, from a run left to settle.
 */
import { join } from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { CHROMIUM_ARGS, CONTEXT, signIn } from './browser';
import { percentile } from './stats';

export interface MonteCarloOptions {
  executablePath: string;
  user: { username: string; password: string };
  /** Page loads per way of meeting it (cold, idle). */
  loads: number;
  /** Clicks after the first on the cold page. */
  again: number;
  /** How long the page stands still before the idle click. */
  idleMs: number;
  timeoutMs: number;
}

export interface McSample {
  /** Click → the worker's last message (the results) reached the page. */
  resultMs: number;
  /** Click → the DOM holds every chart. */
  domMs: number;
  /** … and the next animation frame has started. */
  frameMs: number;
}

export interface McSummary {
  samples: McSample[];
  timedOut: number;
  resultP50: number;
  domP50: number;
  p50: number;
  max: number;
}

export interface McTiming {
  name: string;
  charts: number;
  /** Workers the page started in its first load (before and during the first run). */
  workers: number;
  cold: McSummary;
  idle: McSummary;
  again: McSummary;
  pageErrors: string[];
}

type Measured = Partial<McSample> & { timedOut?: boolean; drawn?: number };

const summary = (measured: Measured[]): McSummary => {
  const samples = measured.filter(
    (m): m is McSample => !m.timedOut && m.domMs !== undefined && m.frameMs !== undefined,
  );
  return {
    samples,
    timedOut: measured.length - samples.length,
    resultP50: percentile(
      samples.map((s) => s.resultMs),
      0.5,
    ),
    domP50: percentile(
      samples.map((s) => s.domMs),
      0.5,
    ),
    p50: percentile(
      samples.map((s) => s.frameMs),
      0.5,
    ),
    max: samples.length ? Math.max(...samples.map((s) => s.frameMs)) : NaN,
  };
};

const settle = (page: Page) =>
  page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

/** Clicks once and counts the charts drawn once their number has not moved for a second. */
async function countCharts(page: Page, timeoutMs: number): Promise<number> {
  const first = (await page.evaluate(`window.__benchProbe.mcMeasure(1, ${timeoutMs})`)) as Measured;
  if (first.timedOut) throw new Error('the Monte Carlo drew no chart within the time limit');
  let count = -1;
  let stableSince = Date.now();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const now = (await page.evaluate('window.__benchProbe.mcDrawnCharts()')) as number;
    if (now !== count) {
      count = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 1000) return count;
    await page.waitForTimeout(100);
  }
  throw new Error('the Monte Carlo charts kept changing');
}

export async function monteCarloTiming(
  origin: string,
  scenarios: { name: string; path: string }[],
  options: MonteCarloOptions,
): Promise<{ browserVersion: string; results: McTiming[] }> {
  const browser = await chromium.launch({ executablePath: options.executablePath, args: CHROMIUM_ARGS });
  try {
    const { storageState } = await signIn(browser, origin, scenarios[0]!.path, options.user);
    const results: McTiming[] = [];
    for (const scenario of scenarios) {
      const pageErrors: string[] = [];
      const open = async () => {
        const context = await browser.newContext({ ...CONTEXT, storageState });
        const page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error') pageErrors.push(message.text());
        });
        await page.addInitScript({ path: join(import.meta.dirname, 'page-probe.js') });
        const response = await page.goto(origin + scenario.path, { waitUntil: 'load' });
        if (response?.status() !== 200 || new URL(page.url()).pathname !== scenario.path)
          throw new Error(`${scenario.path} answered ${response?.status()} at ${page.url()}`);
        await page.evaluate(`window.__benchProbe.waitMcButton(30000)`);
        return { context, page };
      };
      const measure = async (page: Page, charts: number) =>
        (await page.evaluate(`window.__benchProbe.mcMeasure(${charts}, ${options.timeoutMs})`)) as Measured;

      const counting = await open();
      const charts = await countCharts(counting.page, options.timeoutMs);
      const workers = (await counting.page.evaluate('window.__benchProbe.state.workers')) as number;
      await counting.context.close();

      const cold: Measured[] = [];
      const idle: Measured[] = [];
      const again: Measured[] = [];
      for (let i = 0; i < options.loads; i++) {
        const first = await open();
        cold.push(await measure(first.page, charts));
        for (let j = 0; j < options.again; j++) {
          await settle(first.page);
          await first.page.waitForTimeout(200);
          again.push(await measure(first.page, charts));
        }
        await first.context.close();

        const second = await open();
        await second.page.waitForTimeout(options.idleMs);
        idle.push(await measure(second.page, charts));
        await second.context.close();
      }
      results.push({
        name: scenario.name,
        charts,
        workers,
        cold: summary(cold),
        idle: summary(idle),
        again: summary(again),
        pageErrors,
      });
    }
    return { browserVersion: browser.version(), results };
  } finally {
    await browser.close();
  }
}
