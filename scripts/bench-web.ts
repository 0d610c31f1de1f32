/**
 * npm run bench (after the engine bench and `remix build`) — speed figures of the web app,
 * printed, never asserted:
 *  - latency of the dashboard page and the results API under 50 concurrent connections on
 *    loopback, against `node server.js` on a fresh temporary database (goal p99 ≤ 100 ms);
 *  - time from a what-if slider change to the redrawn chart in headless Chromium (≤ 100 ms);
 *  - the dashboard's JavaScript, gzipped (≤ 300 KB).
 * Exits 0 whether or not a goal is met; non-zero only when something could not be measured.
 */
import { cpus } from 'node:os';
import { join, relative } from 'node:path';

import { whatIfTiming, type WhatIfTiming } from './bench/browser';
import { dashboardJsSize, measureUrls, type JsSize } from './bench/js-size';
import { loadTest, type LoadResult } from './bench/load';
import { startServer, type RunningServer } from './bench/server';
import { kb, ms, verdict } from './bench/stats';
import { renderTable } from './table';

const ROOT = join(import.meta.dirname, '..');
const SCENARIO = 'county-hospital-300-beds';
const DASHBOARD_ROUTE = 'routes/scenarios.$id._index';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const LATENCY_GOAL_MS = 100;
const WHAT_IF_GOAL_MS = 100;
const JS_GOAL_KB = 300;

const CONNECTIONS = 50;
const WARMUP_REQUESTS = 100;
const WARMUP_MS = 3000;
const REQUESTS = 3000;
const MAX_MS = 10_000;

const TARGETS = [
  { name: 'dashboard page', path: `/scenarios/${SCENARIO}`, accept: 'text/html' },
  { name: 'results API', path: `/api/scenarios/${SCENARIO}/results`, accept: 'application/json' },
];

const goals: string[] = [];
const failures: string[] = [];
const out = (text: string) => process.stdout.write(`${text}\n`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function reportJs(js: JsSize): void {
  const kbGz = js.gzBytes / 1024;
  out(
    `\nDashboard JavaScript (${relative(ROOT, js.manifest)}: entry, root and ${DASHBOARD_ROUTE}, with imports)\n`,
  );
  out(
    renderTable(
      ['file', 'KB', 'KB gz'],
      [
        ...js.files.slice(0, 5).map((f) => [f.url, kb(f.bytes), kb(f.gzBytes)]),
        ...(js.files.length > 5 ? [[`… ${js.files.length - 5} more`, '', '']] : []),
        [`total (${js.files.length} files)`, kb(js.bytes), kb(js.gzBytes)],
      ],
    ),
  );
  goals.push(
    `Dashboard JavaScript ≤ ${JS_GOAL_KB} KB gzipped — measured ${kbGz.toFixed(1)} KB: ${verdict(kbGz <= JS_GOAL_KB)}.`,
  );
}

function reportLoad(results: { name: string; path: string; result: LoadResult }[]): void {
  out(
    `\nServer under load (${CONNECTIONS} keep-alive connections on 127.0.0.1; per endpoint a warm-up of ` +
      `${WARMUP_REQUESTS} requests or ${WARMUP_MS / 1000} s, then up to ${REQUESTS} requests or ${MAX_MS / 1000} s)\n`,
  );
  out(
    renderTable(
      ['endpoint', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'req/s', 'KB/response'],
      results.map(({ name, path, result: r }) => [
        `${name} GET ${path}`,
        String(r.requests),
        String(r.errors),
        ms(r.p50),
        ms(r.p99),
        ms(r.max),
        r.perSecond.toFixed(0),
        kb(r.meanBytes),
      ]),
    ),
  );
  for (const { name, result: r } of results) {
    if (r.errors > 0) {
      out(`  ${name} errors: ${[...r.errorKinds].map(([kind, n]) => `${kind} × ${n}`).join(', ')}`);
    }
    const ok = r.errors === 0 && r.p99 <= LATENCY_GOAL_MS;
    goals.push(
      `${name}: p99 ≤ ${LATENCY_GOAL_MS} ms at ${CONNECTIONS} connections — measured ${ms(r.p99)} ms` +
        `${r.errors ? `, ${r.errors} errors` : ''}: ${verdict(ok)}.`,
    );
  }
}

function reportWhatIf(t: WhatIfTiming): void {
  const n = t.frameMs.length;
  out(
    `\nWhat-if change → redrawn chart (${t.browserVersion}, headless; slider "${t.knob}" moved ${n + t.timedOut} ` +
      `times; timed in the page from the input event)\n`,
  );
  out(
    renderTable(
      ['until', 'p50 ms', 'p95 ms', 'max ms', 'samples'],
      [
        [
          'cumulative-cash line has a new d',
          ms(t.summary.domP50),
          ms(t.summary.domP95),
          ms(t.summary.domMax),
          String(n),
        ],
        [
          '… and the next animation frame',
          ms(t.summary.p50),
          ms(t.summary.p95),
          ms(t.summary.max),
          String(n),
        ],
      ],
    ),
  );
  const gz = measureUrls(
    join(ROOT, 'public'),
    t.scripts.filter((s) => s.startsWith('/build/')),
  );
  out(
    `  navigation → hydrated ≈ ${ms(t.hydratedMs)} ms; charts re-created after hydration: ` +
      `${t.gridRecreated ? 'yes' : 'not seen'}; JavaScript fetched by the page: ${gz.length} files, ` +
      `${kb(gz.reduce((s, f) => s + f.gzBytes, 0))} KB gz`,
  );
  if (t.timedOut) out(`  ${t.timedOut} change(s) did not redraw the chart within the time limit`);
  if (t.pageErrors.length) out(`  page errors: ${t.pageErrors.slice(0, 5).join(' | ')}`);
  if (n === 0) {
    failures.push('what-if: the chart never redrew after a slider change');
    goals.push(`What-if change → redrawn chart ≤ ${WHAT_IF_GOAL_MS} ms — not measured (no redraw): NOT met.`);
    return;
  }
  goals.push(
    `What-if change → redrawn chart ≤ ${WHAT_IF_GOAL_MS} ms (p95) — measured p50 ${ms(t.summary.p50)} ms, ` +
      `p95 ${ms(t.summary.p95)} ms: ${verdict(t.timedOut === 0 && t.summary.p95 <= WHAT_IF_GOAL_MS)}.`,
  );
}

async function main(): Promise<void> {
  out(`Web app (Node ${process.version}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? 'unknown'})`);

  try {
    reportJs(dashboardJsSize(ROOT, DASHBOARD_ROUTE));
  } catch (error) {
    failures.push(`JavaScript size: ${message(error)}`);
  }

  let server: RunningServer | null = null;
  const interrupted = (signal: NodeJS.Signals) => {
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    server = await startServer(ROOT, TARGETS[1]!.path);
    const origin = server.origin;

    try {
      const results = [];
      for (const target of TARGETS) {
        const headers = { accept: target.accept, 'accept-language': 'zh-CN' };
        const url = origin + target.path;
        await loadTest(url, {
          connections: CONNECTIONS,
          maxRequests: WARMUP_REQUESTS,
          maxMs: WARMUP_MS,
          headers,
        });
        results.push({
          ...target,
          result: await loadTest(url, {
            connections: CONNECTIONS,
            maxRequests: REQUESTS,
            maxMs: MAX_MS,
            headers,
          }),
        });
      }
      reportLoad(results);
    } catch (error) {
      failures.push(`load test: ${message(error)}`);
    }

    try {
      reportWhatIf(
        await whatIfTiming(origin + TARGETS[0]!.path, {
          executablePath: CHROMIUM,
          knob: 'adoption',
          warmup: 3,
          iterations: 20,
          timeoutMs: 5000,
        }),
      );
    } catch (error) {
      failures.push(`browser timing: ${message(error)}`);
    }
  } catch (error) {
    failures.push(`server: ${message(error)}`);
  } finally {
    await server?.stop();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }

  out(`\nGoals\n${goals.map((g) => `  ${g}`).join('\n')}`);
  if (failures.length) {
    process.stderr.write(`\nCould not measure:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();
