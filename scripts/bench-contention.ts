/**
 * npm run bench (contention part) — does one user's heavy request slow everyone else down?
 * Against `node server.js` on a fresh temporary database, printed, never asserted:
 *  - p50/p99 of a cheap page (`/reference`), probed one request at a time, first alone, then
 *    while 20 clients keep asking for 10,000-trial Monte Carlos (each with its own seed, so no
 *    cache can answer) and a 200,000-row time-motion file is committed (goal p99 ≤ 200 ms);
 *  - what the heavy requests got: answered, refused because the queue was full (503), timed
 *    out, and how long the import took;
 *  - the largest case validation accepts (test/helpers/largest-scenario.ts): its dashboard page
 *    (one deterministic run on the server's own thread), its results, and its Monte Carlo at the
 *    most trials it allows.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { maxTrialsFor, validateScenario } from '~/engine';

import { largestAcceptedScenario } from '../test/helpers/largest-scenario';
import { startServer, type RunningServer } from './bench/server';
import { ms, percentile, verdict } from './bench/stats';
import { renderTable } from './table';

const ROOT = join(import.meta.dirname, '..');
const SCENARIO = 'county-hospital-300-beds';
const MONTE_CARLO_CLIENTS = 20;
const TRIALS = 10_000;
const IMPORT_ROWS = 200_000;
const WINDOW_MS = Number(process.env.BENCH_CONTENTION_MS ?? 30_000);
const PROBE_PAUSE_MS = 50;
const GOAL_P99_MS = 200;

const out = (text: string) => process.stdout.write(`${text}\n`);

/** A year of time-motion observations, the same each run (an LCG), as a CSV file's bytes. */
function importFile(rows: number): Uint8Array<ArrayBuffer> {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const workflows = ['门诊病历书写', '护理文书记录', '慢病患者随访'];
  const lines = ['科室,岗位,流程,日期,阶段,每任务耗时(分钟),核对修改时间(分钟)'];
  for (let i = 0; i < rows; i++) {
    const withAi = next() < 0.5;
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    const minutes = (withAi ? 2 : 4) + next() * 3;
    lines.push(
      `内科,医生,${workflows[i % 3]},2026/${month}/${day},${withAi ? '使用后' : '使用前'},${minutes.toFixed(1)},${withAi ? (next() * 2).toFixed(1) : ''}`,
    );
  }
  return new Uint8Array(new TextEncoder().encode(lines.join('\r\n')));
}

/** Probes `url` one request at a time until `stop()` says so; the latencies in ms. */
async function probe(url: string, until: () => boolean): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  while (!until()) {
    const t0 = performance.now();
    try {
      const response = await fetch(url, { headers: { 'accept-language': 'zh-CN' } });
      await response.arrayBuffer();
      if (response.status !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, PROBE_PAUSE_MS));
  }
  return { latencies, errors };
}

interface HeavyTally {
  answered: number;
  queueFull: number;
  jobTimeout: number;
  other: Map<string, number>;
  latencies: number[];
}

async function monteCarloClient(origin: string, client: number, until: () => boolean, tally: HeavyTally) {
  for (let n = 0; !until(); n++) {
    const seed = client * 100_000 + n + 1;
    const t0 = performance.now();
    try {
      const response = await fetch(
        `${origin}/api/scenarios/${SCENARIO}/results?trials=${TRIALS}&seed=${seed}`,
        { signal: AbortSignal.timeout(120_000) },
      );
      const body = await response.text();
      if (response.status === 200) {
        tally.answered++;
        tally.latencies.push(performance.now() - t0);
      } else if (response.status === 503) {
        const code = /"code":"(\w+)"/.exec(body)?.[1];
        if (code === 'jobTimeout') tally.jobTimeout++;
        else tally.queueFull++;
        const wait = Number(response.headers.get('retry-after') ?? 1);
        await new Promise((r) => setTimeout(r, Math.min(wait, 5) * 1000));
      } else {
        tally.other.set(`HTTP ${response.status}`, (tally.other.get(`HTTP ${response.status}`) ?? 0) + 1);
      }
    } catch (error) {
      const kind = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
      tally.other.set(kind, (tally.other.get(kind) ?? 0) + 1);
    }
  }
}

/** Commits the file as a client would: asked again after Retry-After while the server is busy. */
async function commitImport(
  origin: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ status: number; ms: number; busy: number }> {
  const t0 = performance.now();
  for (let busy = 0; ; busy++) {
    const answer = await commitOnce(origin, bytes);
    if (answer.status !== 503 || performance.now() - t0 > 120_000) {
      return { status: answer.status, ms: performance.now() - t0, busy };
    }
    await new Promise((r) => setTimeout(r, Math.min(answer.retryAfter, 5) * 1000));
  }
}

async function commitOnce(
  origin: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ status: number; retryAfter: number }> {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: 'text/csv' }), 'bench-200000.csv');
  form.set('mapping', 'department,role,workflow,date,phase,minutes,verificationMinutes');
  form.set('commit', 'true');
  form.set('uploadedBy', 'bench');
  const response = await fetch(`${origin}/api/scenarios/${SCENARIO}/datasets`, {
    method: 'POST',
    body: form,
    signal: AbortSignal.timeout(300_000),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: Number(response.headers.get('retry-after') ?? 1) };
}

/** Times one GET, which must answer 200. */
async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(url, {
    headers: { 'accept-language': 'zh-CN' },
    signal: AbortSignal.timeout(120_000),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${url}`);
  return performance.now() - t0;
}

async function largestCase(origin: string): Promise<void> {
  const validated = validateScenario(largestAcceptedScenario());
  if (!validated.ok) throw new Error('the largest accepted case does not validate');
  const document = validated.scenario;
  const created = await fetch(`${origin}/api/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(document),
  });
  const { id } = (await created.json()) as { id: string };
  const trials = maxTrialsFor(document);
  const options = document.options.length;
  const lines = document.options.reduce((n, o) => n + o.costLines.length, 0);
  const inputs = Object.keys(document.uncertainty?.inputs ?? {}).length;
  const rows = [
    [
      'dashboard page (first view: validates, parses, compiles)',
      await timed(`${origin}/scenarios/${id}?v=1`),
    ],
    ['dashboard page (another address, not cached)', await timed(`${origin}/scenarios/${id}?v=2`)],
    ['results (deterministic)', await timed(`${origin}/api/scenarios/${id}/results?lang=en`)],
    [
      `results with a ${trials}-trial Monte Carlo`,
      await timed(`${origin}/api/scenarios/${id}/results?trials=${trials}&seed=1`),
    ],
  ] as const;
  out(
    `\nThe largest accepted case (${options} options, ${lines} cost lines, ${document.workflows.length} workflows, ` +
      `${inputs} uncertain inputs; at most ${trials} trials)\n`,
  );
  out(
    renderTable(
      ['request', 'ms'],
      rows.map(([name, t]) => [name, ms(t)]),
    ),
  );
}

async function main(): Promise<void> {
  out(`\nContention (Node ${process.version}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? 'unknown'})`);
  let server: RunningServer | null = null;
  try {
    server = await startServer(ROOT, '/reference');
    const origin = server.origin;
    const cheap = `${origin}/reference`;

    const aloneUntil = performance.now() + 3000;
    const alone = await probe(cheap, () => performance.now() > aloneUntil);

    const bytes = importFile(IMPORT_ROWS);
    const tally: HeavyTally = { answered: 0, queueFull: 0, jobTimeout: 0, other: new Map(), latencies: [] };
    const started = performance.now();
    let importDone = false;
    const heavyUntil = () => performance.now() - started > WINDOW_MS;
    const probeUntil = () => heavyUntil() && importDone;
    const importing = (async () => {
      await new Promise((r) => setTimeout(r, 2000));
      try {
        return await commitImport(origin, bytes);
      } finally {
        importDone = true;
      }
    })();
    const [loaded, , imported] = await Promise.all([
      probe(cheap, probeUntil),
      Promise.all(
        Array.from({ length: MONTE_CARLO_CLIENTS }, (_, i) => monteCarloClient(origin, i, heavyUntil, tally)),
      ),
      importing,
    ]);

    out(
      `\nA cheap page (GET /reference, one request at a time, ${PROBE_PAUSE_MS} ms apart) alone, then while ` +
        `${MONTE_CARLO_CLIENTS} clients ask for ${TRIALS.toLocaleString('en')}-trial Monte Carlos for ` +
        `${WINDOW_MS / 1000} s and a ${IMPORT_ROWS.toLocaleString('en')}-row file is committed\n`,
    );
    out(
      renderTable(
        ['', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
        [
          ['alone', alone],
          ['under load', loaded],
        ].map(([name, r]) => {
          const { latencies, errors } = r as typeof alone;
          return [
            name as string,
            String(latencies.length),
            String(errors),
            ms(percentile(latencies, 0.5)),
            ms(percentile(latencies, 0.99)),
            ms(Math.max(...latencies)),
          ];
        }),
      ),
    );
    const other = [...tally.other].map(([k, n]) => `${k} × ${n}`).join(', ') || 'none';
    out(
      `\n  Monte Carlos: ${tally.answered} answered (p50 ${ms(percentile(tally.latencies, 0.5))} ms), ` +
        `${tally.queueFull} refused with 503 queueFull, ${tally.jobTimeout} with 503 jobTimeout, other: ${other}`,
    );
    out(
      `  import of ${IMPORT_ROWS.toLocaleString('en')} rows: HTTP ${imported.status} after ${ms(imported.ms)} ms ` +
        `(told ${imported.busy} time(s) that the server was busy, asked again after Retry-After)`,
    );
    const p99 = percentile(loaded.latencies, 0.99);
    await largestCase(origin);
    out(
      `\nGoal: a cheap page's p99 ≤ ${GOAL_P99_MS} ms under that load — measured ${ms(p99)} ms: ` +
        `${verdict(p99 <= GOAL_P99_MS && loaded.errors === 0)}.`,
    );
  } finally {
    await server?.stop();
  }
}

await main();
