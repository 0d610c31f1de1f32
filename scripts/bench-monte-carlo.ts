/**
 * npm run bench (browser Monte Carlo part) — from the click on the dashboard's Monte Carlo
 * button to every chart of its panel drawn, for 10,000 trials of each bundled scenario, in
 * headless Chromium signed in on /login as `admin`; printed, never asserted (goal ≤ 1 s).
 * Against `node server.js` on a fresh temporary database: each bundled scenario is saved anew
 * through the API (a Bearer token from `scripts/users.ts token`) with `uncertainty.trials`
 * 10,000, since the dashboard runs the document's own trial count.
 * `npx tsx scripts/bench-monte-carlo.ts` after `npm run build` runs only this part;
 * BENCH_MC_LOADS sets the page loads per way of clicking (default 5).
 * Exits 0 whether or not the goal is met; non-zero when something could not be measured.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import { apiToken } from './bench/auth';
import { monteCarloTiming, type McSummary } from './bench/monte-carlo-browser';
import { ADMIN, DEMO_HOSPITAL, startServer, type RunningServer } from './bench/server';
import { ms, verdict } from './bench/stats';
import { renderTable } from './table';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TRIALS = 10_000;
const GOAL_MS = 1000;
const LOADS = Number(process.env.BENCH_MC_LOADS ?? 5);
const AGAIN = 3;
const IDLE_MS = 3000;

const out = (text: string) => process.stdout.write(`${text}\n`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Saves each bundled scenario anew with 10,000 trials; answers its name and dashboard path. */
async function saveWithTrials(origin: string, token: string): Promise<{ name: string; path: string }[]> {
  const dir = join(ROOT, 'scenarios');
  const saved: { name: string; path: string }[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      uncertainty?: { trials: number };
    };
    if (!document.uncertainty) continue;
    document.uncertainty.trials = TRIALS;
    const response = await fetch(`${origin}/api/scenarios`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(document),
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
    });
    const body = await response.text();
    if (response.status !== 201)
      throw new Error(
        `saving ${file} with ${TRIALS} trials answered ${response.status}: ${body.slice(0, 300)}`,
      );
    const { id } = JSON.parse(body) as { id: string };
    saved.push({ name: file.replace(/\.json$/, ''), path: `/scenarios/${id}` });
  }
  return saved;
}

const row = (name: string, way: string, s: McSummary) => [
  name,
  way,
  String(s.samples.length),
  ms(s.resultP50),
  ms(s.domP50),
  ms(s.p50),
  ms(s.max),
  s.timedOut ? String(s.timedOut) : '',
];

async function main(): Promise<void> {
  out(
    `Browser Monte Carlo (Node ${process.version}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? 'unknown'})`,
  );
  const failures: string[] = [];
  let server: RunningServer | null = null;
  try {
    server = await startServer(ROOT);
    const token = await apiToken(ROOT, server.databaseFile, ADMIN, DEMO_HOSPITAL);
    const scenarios = await saveWithTrials(server.origin, token);
    const { browserVersion, results } = await monteCarloTiming(server.origin, scenarios, {
      executablePath: CHROMIUM,
      user: { username: ADMIN, password: server.adminPassword },
      loads: LOADS,
      again: AGAIN,
      idleMs: IDLE_MS,
      timeoutMs: 60_000,
    });
    out(
      `\nMonte Carlo of ${TRIALS.toLocaleString('en-US')} trials, click → every chart drawn (${browserVersion}, ` +
        `headless, signed in on /login as ${ADMIN}; ${LOADS} page loads each, each in a new context: ` +
        `cold = clicked as soon as the button is hydrated, idle = clicked after ${IDLE_MS / 1000} s, ` +
        `again = ${AGAIN} more clicks on the cold page)\n`,
    );
    out(
      renderTable(
        [
          'scenario',
          'click',
          'runs',
          'results p50 ms',
          'DOM p50 ms',
          'frame p50 ms',
          'frame max ms',
          'timed out',
        ],
        results.flatMap((r) => [
          row(r.name, 'cold', r.cold),
          row('', 'idle', r.idle),
          row('', 'again', r.again),
        ]),
      ),
    );
    out(
      `  charts waited for: ${results.map((r) => `${r.name} ${r.charts}`).join(', ')}; ` +
        `workers a page started: ${results.map((r) => r.workers).join(', ')}`,
    );
    for (const r of results) {
      if (r.pageErrors.length) out(`  ${r.name} page errors: ${r.pageErrors.slice(0, 3).join(' | ')}`);
    }
    const worst = (way: 'cold' | 'idle' | 'again') => Math.max(...results.map((r) => r[way].p50));
    const timedOut = results.some((r) => r.cold.timedOut + r.idle.timedOut + r.again.timedOut > 0);
    out(
      `\nGoal: ${TRIALS.toLocaleString('en-US')} trials, click → every chart drawn ≤ ${GOAL_MS} ms (p50, every ` +
        `bundled scenario) — idle ${ms(worst('idle'))} ms, again ${ms(worst('again'))} ms, cold ` +
        `${ms(worst('cold'))} ms at worst: ${verdict(!timedOut && worst('idle') <= GOAL_MS && worst('again') <= GOAL_MS)}` +
        ` (cold: ${verdict(!timedOut && worst('cold') <= GOAL_MS)}).`,
    );
  } catch (error) {
    failures.push(message(error));
  } finally {
    await server?.stop();
  }
  if (failures.length) {
    process.stderr.write(`\nCould not measure:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();
