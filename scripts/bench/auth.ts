/**
 * Signing the web benches in, as a browser and an API client do, and making sure that what
 * they are about to measure is the real, signed-in answer: a bench must never time a redirect
 * to /login, a 401, or the login page itself.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

import { percentile } from './stats';

const SESSION_COOKIE = 'planner_session';

export interface Session {
  /** `planner_session=<id>`, for a Cookie header. */
  cookie: string;
  /** Where the login sent the browser next. */
  location: string;
  ms: number;
}

/**
 * POST /login with the login form's fields, as the browser's form sends them; the answer must
 * be 302 with the session cookie (Set-Cookie). Takes as long as a login does (argon2id).
 */
export async function logIn(
  origin: string,
  username: string,
  password: string,
  redirectTo = '/scenarios',
): Promise<Session> {
  const t0 = performance.now();
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
    body: new URLSearchParams({ username, password, redirectTo }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  const ms = performance.now() - t0;
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1);
  if (response.status !== 302 || !cookie) {
    // The login page says why in its alert line.
    const why = /role="alert">([^<]*)</.exec(body)?.[1] ?? body.slice(0, 200);
    throw new Error(
      `POST /login as ${username} answered ${response.status}` +
        `${cookie ? '' : ' without a session cookie'}, not 302 with one: ${why}`,
    );
  }
  return { cookie, location: response.headers.get('location') ?? '', ms };
}

export interface LoginTiming {
  samples: number[];
  p50: number;
  p99: number;
  max: number;
  location: string;
}

/**
 * Times `count` logins one after another (never side by side: argon2id takes 19 MiB each),
 * after `warmup` unmeasured ones. Each makes a session of its own; any refusal throws.
 */
export async function timeLogins(
  origin: string,
  username: string,
  password: string,
  count: number,
  warmup = 2,
): Promise<LoginTiming> {
  const samples: number[] = [];
  let location = '';
  for (let i = 0; i < warmup + count; i++) {
    const session = await logIn(origin, username, password);
    location = session.location;
    if (i >= warmup) samples.push(session.ms);
  }
  return {
    samples,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: Math.max(...samples),
    location,
  };
}

/**
 * A new personal API token (`hap_…`) for `username` in `hospital`, made by the users script
 * against the server's database, as an administrator makes one.
 */
export async function apiToken(
  root: string,
  databaseFile: string,
  username: string,
  hospital: string,
): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'npx',
    ['tsx', 'scripts/users.ts', 'token', username, '--hospital', hospital],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseFile }, timeout: 120_000 },
  );
  const token = stdout.trim();
  if (!/^hap_[A-Za-z0-9_-]+$/.test(token)) {
    throw new Error(
      `scripts/users.ts token ${username} printed no token: ${JSON.stringify(stdout.slice(0, 100))}`,
    );
  }
  return token;
}

/** The page's data says who is signed in (the root loader's `user`). */
export const signedInAs = (html: string, username: string): boolean =>
  html.includes(`"user":{"username":${JSON.stringify(username)}`);

const isLoginPage = (html: string) => /<input[^>]*name="password"/.test(html);

export interface Expected {
  /** The start of the Content-Type, e.g. text/html. */
  contentType: string;
  /** What the answer is, for the error message ("the dashboard of …"). */
  what: string;
  /** Whether the body is that: a page's own content, an API answer's fields. */
  isReal: (body: string) => boolean;
}

/**
 * Asks once, with the headers the measurement will use, and throws unless the answer is 200,
 * of the expected type and the real thing (not a redirect, a 401 or the login page).
 */
export async function expectRealAnswer(
  url: string,
  headers: Record<string, string>,
  expected: Expected,
): Promise<void> {
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  const path = new URL(url).pathname + new URL(url).search;
  if (response.status !== 200) {
    const location = response.headers.get('location');
    throw new Error(
      `GET ${path} answered ${response.status}${location ? ` → ${location}` : ''}, not 200 with ` +
        `${expected.what}: ${body.slice(0, 200)}`,
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith(expected.contentType)) {
    throw new Error(`GET ${path} answered ${type || 'no Content-Type'}, not ${expected.contentType}`);
  }
  if (isLoginPage(body) || !expected.isReal(body)) {
    throw new Error(`GET ${path} answered 200, but not with ${expected.what}`);
  }
}

/** HTTP statuses that say the request was not taken as signed in (redirect to /login, 401, 403). */
export const notSignedInKinds = (kinds: Iterable<string>): string[] =>
  [...kinds].filter((kind) => /^HTTP (3\d\d|401|403)$/.test(kind));
