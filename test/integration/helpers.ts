/**
 * Shared plumbing for the integration tests: a fresh SQLite file per test file, calling route
 * modules' loaders and actions with real `Request`s, and a checksum of every stored row.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { beforeAll, expect } from 'vitest';

import type { HospitalRole, SystemRole } from '~/auth/roles';
import { SESSION_COOKIE, startSession } from '~/auth/sessions.server';
import { closeDb, getDb } from '~/db.server';
import { closeJobPool, jobPool } from '~/jobs/pool.server';
import { ensureHospital } from '~/models/hospitals.server';
import { findUser, setMembership, usernameKey } from '~/models/users.server';

import { users } from '../../db/schema';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ORIGIN = 'http://localhost';
export const BUNDLED_KEYS = [
  'county-hospital-300-beds',
  'county-hospital-nursing-assistant',
  'county-hospital-chronic-risk',
  'township-health-centre-api',
  'tertiary-hospital-on-prem',
] as const;

/**
 * Points DATABASE_URL at a new file in a new temp directory. Call at the top of a test file,
 * before anything calls getDb().
 */
const tempDirs: string[] = [];

export function useTempDatabase(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `planner-${label}-`));
  tempDirs.push(dir);
  const file = join(dir, 'planner.db');
  process.env.DATABASE_URL = file;
  return file;
}

/**
 * For a test file whose routes hand work to the job pool: starts its workers before the first
 * test (loading them takes seconds on a busy machine, which no single test should pay for).
 */
export function useJobPool(): void {
  beforeAll(() => jobPool().warm(), 120_000);
}

/**
 * Ends the job pool's workers, closes the database and deletes the temp directories this file
 * made (for afterAll).
 */
export async function closeAndRemoveTempDatabases(...extraDirs: string[]): Promise<void> {
  await closeJobPool();
  closeDb();
  for (const dir of [...tempDirs.splice(0), ...extraDirs]) rmSync(dir, { recursive: true, force: true });
}

/** A bundled scenario file, parsed. */
export function readScenarioFile(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'scenarios', name), 'utf8')) as Record<string, unknown>;
}

/** The same text, unparsed. */
export function readScenarioText(name: string): string {
  return readFileSync(join(ROOT, 'scenarios', name), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Calling routes

/** A signed-in test user: the cookie and CSRF token its requests carry. */
export interface TestIdentity {
  userId: string;
  username: string;
  cookie: string;
  csrf: string;
}

/**
 * Signs a user in for tests (made if new, with no password: it never logs in by the form). With
 * `hospital`, the user gets `role` there (planner by default).
 */
export function signInAs(
  username: string,
  options: {
    hospital?: string;
    role?: HospitalRole;
    systemRole?: SystemRole;
    mustChangePassword?: boolean;
  } = {},
): TestIdentity {
  const db = getDb();
  let user = findUser(db, username);
  if (!user) {
    db.insert(users)
      .values({
        id: `test-${usernameKey(username)}`,
        username,
        usernameKey: usernameKey(username),
        mustChangePassword: options.mustChangePassword ?? false,
        systemRole: options.systemRole ?? null,
        // Set up already, so a system role's second factor is not asked for first.
        totpSecret: options.systemRole ? 'JBSWY3DPEHPK3PXP' : null,
      })
      .run();
    user = findUser(db, username)!;
  }
  if (options.hospital)
    setMembership(db, user.id, ensureHospital(db, options.hospital).id, options.role ?? 'planner');
  const session = startSession(
    user,
    { address: '127.0.0.1', userAgent: 'vitest' },
    { pendingSecondFactor: false },
    new Date(),
    db,
  );
  return {
    userId: user.id,
    username,
    cookie: `${SESSION_COOKIE}=${session.id}`,
    csrf: session.csrfToken,
  };
}

let defaultIdentity: { database: string; identity: TestIdentity } | null = null;

/**
 * Who a test's requests come from unless it says otherwise: `tester`, a planner in every hospital
 * there is at the time of the request (scenarios made by the models belong to the hospital they
 * name). Tests of access itself name their callers (`as`).
 */
export function defaultTester(): TestIdentity {
  const db = getDb();
  const database = process.env.DATABASE_URL ?? '';
  if (!defaultIdentity || defaultIdentity.database !== database || !findUser(db, 'tester'))
    defaultIdentity = { database, identity: signInAs('tester') };
  sqlite()
    .prepare(
      `INSERT OR IGNORE INTO memberships (user_id, hospital_id, role) SELECT ?, id, 'planner' FROM hospitals`,
    )
    .run(defaultIdentity.identity.userId);
  return defaultIdentity.identity;
}

/** The headers a signed-in request carries (for tests that fetch from a running app). */
export function signedInHeaders(identity: TestIdentity = defaultTester()): Record<string, string> {
  return { Cookie: identity.cookie };
}

export interface RequestInit2 {
  /** Who sends it: the default tester, another signed-in user, or no one. */
  as?: TestIdentity | 'anonymous';
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON (with Content-Type: application/json unless headers say otherwise). */
  json?: unknown;
  body?: BodyInit;
}

export function makeRequest(path: string, init: RequestInit2 = {}): Request {
  const headers = new Headers(init.headers ?? {});
  const explicit =
    headers.has('Authorization') || (headers.get('Cookie') ?? '').includes(`${SESSION_COOKIE}=`);
  if (init.as !== 'anonymous' && !explicit) {
    const identity = init.as ?? defaultTester();
    headers.set('Cookie', [headers.get('Cookie'), identity.cookie].filter(Boolean).join('; '));
    if ((init.method ?? 'GET') !== 'GET' && !headers.has('X-CSRF-Token'))
      headers.set('X-CSRF-Token', identity.csrf);
  }
  let body: BodyInit | undefined = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  const options: RequestInit & { duplex?: 'half' } = { method: init.method ?? 'GET', headers };
  if (body !== undefined) options.body = body;
  if (body instanceof ReadableStream) options.duplex = 'half';
  return new Request(`${ORIGIN}${path}`, options);
}

type RouteFn = (args: never) => unknown;

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** Calls a loader or action the way Remix does, and reads the answer. */
export async function call<T = unknown>(
  fn: RouteFn,
  request: Request,
  params: Record<string, string> = {},
): Promise<Answer<T>> {
  const response = (await fn({ request, params, context: {} } as never)) as Response;
  expect(response).toBeInstanceOf(Response);
  const text = await response.text();
  let body: unknown = undefined;
  if (text && (response.headers.get('Content-Type') ?? '').includes('application/json')) {
    body = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, text, body: body as T };
}

/** Like `call`, for routes that throw a Response (Remix's way to answer 404 from an action). */
export async function callThrowing(
  fn: RouteFn,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    await fn({ request, params, context: {} } as never);
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(Response);
    return thrown as Response;
  }
  throw new Error('expected the route to throw a Response');
}

export interface ErrorBody {
  errors: { path: string; code: string; message: string }[];
  latestVersion?: number;
}

/** The API's one error shape, with every entry complete. */
export function expectErrorShape(body: unknown): ErrorBody {
  expect(body).toMatchObject({ errors: expect.any(Array) });
  const errors = (body as ErrorBody).errors;
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e.path).toBe('string');
    expect(typeof e.code).toBe('string');
    expect(e.code.length).toBeGreaterThan(0);
    expect(typeof e.message).toBe('string');
    expect(e.message.trim().length).toBeGreaterThan(0);
  }
  return body as ErrorBody;
}

/**
 * No stack trace and no server file path in what the client sees. (A bare 'at ' would match
 * ordinary English such as "Must be at least 0", so stack frames are matched by their form.)
 */
export function expectNoLeak(text: string): void {
  expect(text).not.toContain('/work');
  expect(text).not.toContain('.ts:');
  expect(text).not.toContain('.tsx:');
  expect(text).not.toContain('node_modules');
  expect(text).not.toMatch(/(^|\\n|\n)\s*at\s/);
  expect(text).not.toMatch(/\bat [^\s]+ \(/);
  expect(text).not.toMatch(/:\d+:\d+\)/);
  expect(text).not.toMatch(/\b(Type|Reference|Syntax)Error\b/);
}

// ---------------------------------------------------------------------------------------------
// What is stored

/** The better-sqlite3 connection under the process's drizzle database. */
export function sqlite(): Database.Database {
  return (getDb() as ReturnType<typeof getDb> & { $client: Database.Database }).$client;
}

/** A hash of every row of every table (ordered by all columns), per table. */
export function tableChecksums(): Record<string, string> {
  const db = sqlite();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as unknown[];
    const order = columns.map((_, i) => i + 1).join(', ');
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().all();
    const hash = createHash('sha256');
    hash.update(String(rows.length));
    for (const row of rows) {
      hash.update(JSON.stringify(row, (_, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      hash.update('\n');
    }
    sums[name] = hash.digest('hex');
  }
  return sums;
}

export function countRows(table: string, where = '1', ...args: unknown[]): number {
  const row = sqlite()
    .prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`)
    .get(...args) as { n: number };
  return row.n;
}

/**
 * Runs `fn` and asserts that no stored row changed (the audit log included). A session's
 * last-seen time is the one row a request may touch: it is left out.
 */
export async function expectNothingChanges<T>(fn: () => Promise<T>): Promise<T> {
  // The default tester is made first: making it is not the request's doing.
  defaultTester();
  const sums = () => {
    const { sessions: _sessions, ...rest } = tableChecksums();
    return rest;
  };
  const before = sums();
  expect(Object.keys(before)).toEqual(
    expect.arrayContaining(['scenarios', 'scenario_versions', 'reference_figures', 'audit_log']),
  );
  const result = await fn();
  expect(sums()).toEqual(before);
  return result;
}

/** Contains at least one CJK character. */
export const CHINESE = /[\u4e00-\u9fff]/;
