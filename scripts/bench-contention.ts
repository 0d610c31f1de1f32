/**
 * npm run bench (contention part) — does one user's heavy request slow everyone else down?
 * Against `node server.js` on a fresh temporary database, signed in, printed, never asserted:
 *  - p50/p99 of two pages that do no heavy work — the scenario list (`/scenarios`, 10 KB) and the
 *    reference library (`/reference`, its first page of 50 figures: about 77 KB of HTML; until it
 *    was paged, all 596 figures, 0.5 MB) — with the session cookie of a real login as `admin`, probed one request at a
 *    time in turn, first alone, then while 20 API clients (a Bearer token from
 *    `scripts/users.ts token`) keep asking for 10,000-trial Monte Carlos (each with its own seed,
 *    so no cache can answer) and a 200,000-row time-motion file is committed (goal p99 ≤ 200 ms);
 *  - what the heavy requests got: answered, refused because the queue was full (503), timed
 *    out, and how long the import took;
 *  - the largest case validation accepts (test/helpers/largest-scenario.ts): its dashboard page
 *    (one deterministic run on the server's own thread), its results, and its Monte Carlo at the
 *    most trials it allows.
 * Every answer must be the signed-in one: each page is checked before it is probed, redirects
 * are never followed, and a redirect to /login, a 401 or a 403 anywhere ends the bench with a
 * non-zero exit instead of a figure.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { maxTrialsFor, validateScenario } from '~/engine';

import { largestAcceptedScenario } from '../test/helpers/largest-scenario';
import { apiToken, expectRealAnswer, logIn, notSignedInKinds, signedInAs, type Expected } from './bench/auth';
import { ADMIN, DEMO_HOSPITAL, startServer, type RunningServer } from './bench/server';
import { ms, percentile, verdict } from './bench/stats';
import { renderTable } from './table';

const ROOT = join(import.meta.dirname, '..');
const SCENARIO = 'county-hospital-300-beds';
const MONTE_CARLO_CLIENTS = 20;
const TRIALS = 10_000;
const IMPORT_ROWS = 200_000;
const WINDOW_MS = Number(process.env.BENCH_CONTENTION_MS ?? 30_000);
const PROBE_PAUSE_MS = 50;
const ALONE_MS = 6000;
const GOAL_P99_MS = 200;

const out = (text: string) => process.stdout.write(`${text}\n`);

/** How the bench is signed in: the browser's session cookie for pages, a token for the API. */
interface Auth {
  page: Record<string, string>;
  api: Record<string, string>;
}

/** A refusal that says the bench was not signed in: the bench stops, it measured nothing. */
function notSignedIn(status: number, what: string): void {
  const kinds = notSignedInKinds([`HTTP ${status}`]);
  if (kinds.length) throw new Error(`${what} answered ${kinds[0]}: not signed in, nothing measured`);
}

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

interface Probed {
  latencies: number[];
  errors: number;
  /** Answers that were not 200, by status (a redirect is never followed: it is not the page). */
  statuses: Map<number, number>;
}

interface ProbedPage extends Expected {
  name: string;
  path: string;
}

/** The pages probed: nothing heavy is worked out for either. */
const PAGES: ProbedPage[] = [
  {
    name: 'scenario list (signed in)',
    path: '/scenarios',
    contentType: 'text/html',
    what: `the scenario list for ${ADMIN}, with ${SCENARIO}`,
    isReal: (html) => html.includes(`href="/scenarios/${SCENARIO}"`) && signedInAs(html, ADMIN),
  },
  {
    name: 'reference page (signed in)',
    path: '/reference',
    contentType: 'text/html',
    what: `the reference page for ${ADMIN}`,
    // Titled in the page's language (Chinese unless the request asks for English).
    isReal: (html) => /<title>(Reference figures|参考数据)/.test(html) && signedInAs(html, ADMIN),
  },
];

/**
 * Probes the pages one request at a time, in turn, until `until()` says so: each page's
 * latencies in ms.
 */
async function probe(
  origin: string,
  headers: Record<string, string>,
  until: () => boolean,
): Promise<Probed[]> {
  const probed = PAGES.map((): Probed => ({ latencies: [], errors: 0, statuses: new Map() }));
  for (let i = 0; !until(); i = (i + 1) % PAGES.length) {
    const r = probed[i]!;
    const t0 = performance.now();
    try {
      const response = await fetch(origin + PAGES[i]!.path, {
        headers: { 'accept-language': 'zh-CN', ...headers },
        redirect: 'manual',
      });
      await response.arrayBuffer();
      if (response.status !== 200) {
        r.errors++;
        r.statuses.set(response.status, (r.statuses.get(response.status) ?? 0) + 1);
      }
    } catch {
      r.errors++;
    }
    r.latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, PROBE_PAUSE_MS));
  }
  return probed;
}

interface HeavyTally {
  answered: number;
  queueFull: number;
  jobTimeout: number;
  other: Map<string, number>;
  latencies: number[];
}

async function monteCarloClient(
  origin: string,
  auth: Auth,
  client: number,
  until: () => boolean,
  tally: HeavyTally,
) {
  for (let n = 0; !until(); n++) {
    const seed = client * 100_000 + n + 1;
    const t0 = performance.now();
    try {
      const response = await fetch(
        `${origin}/api/scenarios/${SCENARIO}/results?trials=${TRIALS}&seed=${seed}`,
        { headers: auth.api, redirect: 'manual', signal: AbortSignal.timeout(120_000) },
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
        // Not signed in: stop asking (the bench fails on it once the window is over).
        if (notSignedInKinds([`HTTP ${response.status}`]).length) return;
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
  auth: Auth,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ status: number; ms: number; busy: number }> {
  const t0 = performance.now();
  for (let busy = 0; ; busy++) {
    const answer = await commitOnce(origin, auth, bytes);
    if (answer.status !== 503 || performance.now() - t0 > 120_000) {
      return { status: answer.status, ms: performance.now() - t0, busy };
    }
    await new Promise((r) => setTimeout(r, Math.min(answer.retryAfter, 5) * 1000));
  }
}

async function commitOnce(
  origin: string,
  auth: Auth,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ status: number; retryAfter: number }> {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: 'text/csv' }), 'bench-200000.csv');
  form.set('mapping', 'department,role,workflow,date,phase,minutes,verificationMinutes');
  form.set('commit', 'true');
  // Stored under the token's user (admin): the form has no name field any more.
  const response = await fetch(`${origin}/api/scenarios/${SCENARIO}/datasets`, {
    method: 'POST',
    headers: auth.api,
    body: form,
    redirect: 'manual',
    signal: AbortSignal.timeout(300_000),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: Number(response.headers.get('retry-after') ?? 1) };
}

/** Connections the server closed under a request, each asked again once (printed). */
const resent: string[] = [];

/**
 * A request, asked again once (as a browser does) when the kept-alive connection it went out on
 * was closed under it: after the server's event loop has been blocked for longer than its
 * keep-alive timeout (5 s), Node closes idle connections even if a request is waiting on them.
 */
async function fetchResending(
  url: string,
  init: RequestInit,
): Promise<{ response: Response; sentAt: number }> {
  for (let attempt = 0; ; attempt++) {
    const sentAt = performance.now();
    try {
      return { response: await fetch(url, init), sentAt };
    } catch (error) {
      const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? '';
      if (attempt > 0 || !['ECONNRESET', 'UND_ERR_SOCKET'].includes(code)) throw error;
      resent.push(`${init.method ?? 'GET'} ${new URL(url).pathname} (${code})`);
    }
  }
}

/**
 * Times one GET, which must answer 200 (a redirect is not followed); a page must be the one
 * rendered for the signed-in user.
 */
async function timed(url: string, headers: Record<string, string>, page = false): Promise<number> {
  const { response, sentAt } = await fetchResending(url, {
    headers: { 'accept-language': 'zh-CN', ...headers },
    redirect: 'manual',
    signal: AbortSignal.timeout(120_000),
  });
  const body = await response.text();
  const elapsed = performance.now() - sentAt;
  if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${url}`);
  if (page && !signedInAs(body, ADMIN)) throw new Error(`${url} was not the page signed in as ${ADMIN}`);
  return elapsed;
}

async function largestCase(origin: string, auth: Auth): Promise<void> {
  const validated = validateScenario(largestAcceptedScenario());
  if (!validated.ok) throw new Error('the largest accepted case does not validate');
  const document = validated.scenario;
  // Made through the API with the token: it goes to the token's hospital, where admin plans.
  const { response: created } = await fetchResending(`${origin}/api/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth.api },
    body: JSON.stringify(document),
    redirect: 'manual',
  });
  const answer = await created.text();
  if (created.status !== 201)
    throw new Error(`POST /api/scenarios answered ${created.status}: ${answer.slice(0, 200)}`);
  const { id } = JSON.parse(answer) as { id: string };
  const trials = maxTrialsFor(document);
  const options = document.options.length;
  const lines = document.options.reduce((n, o) => n + o.costLines.length, 0);
  const inputs = Object.keys(document.uncertainty?.inputs ?? {}).length;
  const rows = [
    [
      'dashboard page, signed in (first view: validates, parses, compiles)',
      await timed(`${origin}/scenarios/${id}`, auth.page, true),
    ],
    ['dashboard page, signed in (second view)', await timed(`${origin}/scenarios/${id}`, auth.page, true)],
    [
      'results API, token (deterministic)',
      await timed(`${origin}/api/scenarios/${id}/results?lang=en`, auth.api),
    ],
    [
      `results API, token, with a ${trials}-trial Monte Carlo`,
      await timed(`${origin}/api/scenarios/${id}/results?trials=${trials}&seed=1`, auth.api),
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
  if (resent.length) out(`  asked again once, the connection closed under it: ${resent.join(', ')}`);
}

async function main(): Promise<void> {
  out(`\nContention (Node ${process.version}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? 'unknown'})`);
  let server: RunningServer | null = null;
  try {
    server = await startServer(ROOT);
    const origin = server.origin;

    // Signed in as a browser (the login form's POST, its Set-Cookie) and as an API client (a
    // personal token made by the users script); the page checked to be the real one first.
    const session = await logIn(origin, ADMIN, server.adminPassword, '/scenarios');
    const token = await apiToken(ROOT, server.databaseFile, ADMIN, DEMO_HOSPITAL);
    const auth: Auth = { page: { cookie: session.cookie }, api: { authorization: `Bearer ${token}` } };
    for (const page of PAGES) {
      await expectRealAnswer(origin + page.path, { 'accept-language': 'zh-CN', ...auth.page }, page);
    }

    const aloneUntil = performance.now() + ALONE_MS;
    const alone = await probe(origin, auth.page, () => performance.now() > aloneUntil);

    const bytes = importFile(IMPORT_ROWS);
    const tally: HeavyTally = { answered: 0, queueFull: 0, jobTimeout: 0, other: new Map(), latencies: [] };
    const started = performance.now();
    let importDone = false;
    const heavyUntil = () => performance.now() - started > WINDOW_MS;
    const probeUntil = () => heavyUntil() && importDone;
    const importing = (async () => {
      await new Promise((r) => setTimeout(r, 2000));
      try {
        return await commitImport(origin, auth, bytes);
      } finally {
        importDone = true;
      }
    })();
    const [loaded, , imported] = await Promise.all([
      probe(origin, auth.page, probeUntil),
      Promise.all(
        Array.from({ length: MONTE_CARLO_CLIENTS }, (_, i) =>
          monteCarloClient(origin, auth, i, heavyUntil, tally),
        ),
      ),
      importing,
    ]);

    out(
      `\nPages with no heavy work (GET ${PAGES.map((p) => p.path).join(' and ')} in turn, signed in: ${ADMIN}'s ` +
        `session cookie; one request at a time, ${PROBE_PAUSE_MS} ms apart) alone for ${ALONE_MS / 1000} s, ` +
        `then while ${MONTE_CARLO_CLIENTS} API clients (Bearer token) ask ` +
        `for ${TRIALS.toLocaleString('en')}-trial Monte Carlos for ${WINDOW_MS / 1000} s and a ` +
        `${IMPORT_ROWS.toLocaleString('en')}-row file is committed\n`,
    );
    out(
      renderTable(
        ['', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
        PAGES.flatMap((page, i) => [
          [`${page.name} GET ${page.path}, alone`, alone[i]!],
          [`${page.name} GET ${page.path}, under load`, loaded[i]!],
        ]).map(([name, r]) => {
          const { latencies, errors } = r as Probed;
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
    // Anything that was not taken as signed in measured nothing: fail, after saying what came.
    for (const [i, page] of PAGES.entries()) {
      for (const status of alone[i]!.statuses.keys()) notSignedIn(status, `GET ${page.path} alone`);
      for (const status of loaded[i]!.statuses.keys()) notSignedIn(status, `GET ${page.path} under load`);
    }
    for (const kind of notSignedInKinds(tally.other.keys()))
      notSignedIn(Number(kind.slice(5)), 'a Monte Carlo');
    notSignedIn(imported.status, 'the import');
    await largestCase(origin, auth);
    out(
      '\nGoal: a page with no heavy work keeps its p99 (signed in) ≤ ' + `${GOAL_P99_MS} ms under that load`,
    );
    for (const [i, page] of PAGES.entries()) {
      const p99 = percentile(loaded[i]!.latencies, 0.99);
      out(
        `  ${page.name} GET ${page.path}: measured ${ms(p99)} ms (alone ${ms(percentile(alone[i]!.latencies, 0.99))} ms): ` +
          `${verdict(p99 <= GOAL_P99_MS && loaded[i]!.errors === 0)}.`,
      );
    }
  } finally {
    await server?.stop();
  }
}

await main();
