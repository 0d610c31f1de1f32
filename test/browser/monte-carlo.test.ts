/**
 * The dashboard's Monte Carlo in Chromium: its workers start and warm up once the page has
 * loaded (before any click), a run is shared between them, and the numbers, joined on the
 * page, are the server's for the same seed and trials, to the last bit.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatMoney } from '~/engine/format';
import type { OptionMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import { summarizeMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import type { OneAtATime } from '~/engine/uncertainty/sensitivity';
import { joinTrials, type TrialColumns } from '~/engine/uncertainty/trials';

import { hydrated, launchBrowser, startServer, type RunningServer } from './server';
import { signInAs, type Session } from './sign-in';

const COUNTY = 'county-hospital-300-beds';

let server: RunningServer;
let browser: Browser;
let planner: Session;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  planner = await signInAs(browser, server, 'mc.planner', 'planner');
}, 120_000);

afterAll(async () => {
  await planner?.close();
  await browser?.close();
  await server?.stop();
});

interface ServerResults {
  options: { id: string; name: string; mc: OptionMonteCarlo }[];
  evpi: number;
  winners: unknown;
  sweeps: unknown;
}

async function serverResults(trials: number, seed: number): Promise<ServerResults> {
  const response = await planner.fetch(`/api/scenarios/${COUNTY}/results?trials=${trials}&seed=${seed}`, {
    headers: { 'Accept-Language': 'zh-CN' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ServerResults;
}

/** Counts the page's workers and what they answer (before the page's own handlers see it). */
const WATCH_WORKERS = `(() => {
  const seen = { workers: 0, answers: [] };
  window.__workers = seen;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      const index = seen.workers++;
      this.addEventListener('message', (event) => seen.answers.push({ worker: index, type: event.data && event.data.type }));
    }
  };
})();`;

const watched = (p: Page) =>
  p.evaluate('window.__workers') as Promise<{ workers: number; answers: { worker: number; type: string }[] }>;

describe('dashboard Monte Carlo in workers', () => {
  it("gives, shared between two of the page's workers and joined, the server's numbers to the last bit", async () => {
    const trials = 3000;
    const seed = 424242;
    const p = await planner.newPage({ locale: 'en' });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    // The page's own worker script, document and expressions; two uneven shares, the first
    // with the one-at-a-time runs, as the panel sends them. Typed arrays come back as lists
    // (a trial with no NPV as null).
    const answers = (await p.evaluate(
      `(async ({ trials, seed }) => {
        const loaderData = window.__remixContext.state.loaderData;
        const data = Object.values(loaderData).find((d) => d && d.workerUrl);
        const share = (from, to, oneAtATime, run) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(data.workerUrl);
            worker.onmessage = (event) => {
              const answer = event.data;
              if (answer.type === 'error') reject(new Error(answer.message));
              if (answer.type !== 'share') return;
              worker.terminate();
              const columns = {};
              for (const [key, value] of Object.entries(answer.columns))
                columns[key] = ArrayBuffer.isView(value) ? Array.from(value, (v) => (Number.isNaN(v) ? null : v)) : value;
              resolve({ ...answer, columns, transferred: ArrayBuffer.isView(answer.columns.npv) });
            };
            worker.postMessage({ type: 'share', run, document: data.document, expressions: data.expressions, trials, seed, from, to, oneAtATime });
          });
        return Promise.all([share(1234, trials, false, 2), share(0, 1234, true, 1)]);
      })(${JSON.stringify({ trials, seed })})`,
    )) as {
      run: number;
      columns: Record<string, (number | null)[] | number>;
      shape: Parameters<typeof summarizeMonteCarlo>[0];
      oneAtATime: OneAtATime | null;
      transferred: boolean;
    }[];
    expect(answers.map((a) => [a.run, a.transferred])).toEqual([
      [2, true],
      [1, true],
    ]);
    const typed = (c: Record<string, (number | null)[] | number>): TrialColumns => {
      const f64 = (k: string) => Float64Array.from(c[k] as (number | null)[], (v) => v ?? NaN);
      const u8 = (k: string) => Uint8Array.from(c[k] as number[]);
      return {
        from: c.from as number,
        to: c.to as number,
        npv: f64('npv'),
        roi: f64('roi'),
        paperRoi: f64('paperRoi'),
        yearlyNetCash: f64('yearlyNetCash'),
        paidBack: u8('paidBack'),
        budgetBreach: u8('budgetBreach'),
        scaledUp: u8('scaledUp'),
      };
    };
    const joined = joinTrials(
      answers.map((a) => typed(a.columns)),
      trials,
    );
    const inBrowser = summarizeMonteCarlo(
      answers[0]!.shape,
      joined,
      answers.find((a) => a.oneAtATime)!.oneAtATime!,
      { seed },
    );
    const onServer = await serverResults(trials, seed);
    // Every percentile, probability, histogram bin, tornado bar and sweep.
    for (const o of onServer.options) expect(inBrowser.options[o.id], o.id).toEqual(o.mc);
    expect(inBrowser.evpi).toBe(onServer.evpi);
    expect(inBrowser.winners).toEqual(onServer.winners);
    expect(inBrowser.sweeps).toEqual(onServer.sweeps);
  }, 180_000);

  it("warms its workers before the click, and the button's run shows the server's numbers", async () => {
    const p = await planner.newPage({ locale: 'zh-CN' });
    await p.addInitScript({ content: WATCH_WORKERS });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    const cores = (await p.evaluate('navigator.hardwareConcurrency')) as number;
    const workers = Math.max(1, Math.min(2, cores));
    // Started and warmed once the page is idle, without a click.
    await expect
      .poll(async () => (await watched(p)).answers.filter((a) => a.type === 'warm').length, {
        timeout: 60_000,
      })
      .toBe(workers);
    expect((await watched(p)).workers).toBe(workers);

    await p.getByRole('button', { name: /^运行/ }).click();
    await p.waitForSelector('[data-testid=mc-table]', { timeout: 120_000 });
    const seen = await watched(p);
    // The warm workers ran the trials, each its share: no new worker for the click.
    expect(seen.workers).toBe(workers);
    expect(new Set(seen.answers.filter((a) => a.type === 'share').map((a) => a.worker)).size).toBe(workers);

    const { trials, seed } = (await p.evaluate(
      `Object.values(window.__remixContext.state.loaderData).find((d) => d && d.workerUrl).document.uncertainty`,
    )) as { trials: number; seed: number };
    const onServer = await serverResults(trials, seed);
    const rows = await p.locator('[data-testid=mc-table] tbody tr').allInnerTexts();
    for (const o of onServer.options) {
      const row = rows.find((r) => r.startsWith(o.name));
      expect(row, o.name).toBeDefined();
      for (const value of [o.mc.npv.p10, o.mc.npv.p50, o.mc.npv.p90])
        expect(row, o.name).toContain(formatMoney(value, 'CNY', 'zh-CN'));
    }
  }, 180_000);
});
