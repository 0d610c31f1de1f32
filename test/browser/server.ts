/**
 * Plumbing for the browser tests: the built server as a child process on a free port with a
 * fresh SQLite file, and Debian's headless Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
/** The first account's password (PLANNER_ADMIN_PASSWORD), unless a test file asks for a one-time one. */
export const ADMIN_PASSWORD = 'Browser-Tests-Admin-2026!';

/** A TCP port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  databaseFile: string;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node server.js` (the Remix build must exist) and waits until it answers and has made
 * its first account, `admin`: with the password `adminPassword` (PLANNER_ADMIN_PASSWORD;
 * ADMIN_PASSWORD unless told otherwise), or with `null` a one-time password it prints.
 */
export async function startServer(options: { adminPassword?: string | null } = {}): Promise<RunningServer> {
  const adminPassword = options.adminPassword === undefined ? ADMIN_PASSWORD : options.adminPassword;
  if (!existsSync(join(ROOT, 'build', 'index.js')))
    throw new Error('No build/index.js: run `npm run test:browser` (it builds first).');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'planner-browser-'));
  const databaseFile = join(dir, 'planner.db');
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['server.js'], {
    cwd: ROOT,
    env: {
      ...withoutAdminPassword(process.env),
      ...(adminPassword === null ? {} : { PLANNER_ADMIN_PASSWORD: adminPassword }),
      PORT: String(port),
      DATABASE_URL: databaseFile,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A server that dies in the middle of a test file says why, or the tests only see ECONNRESET.
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`server.js exited unexpectedly (code ${code}, signal ${signal}):\n${log}`);
  });
  const origin = `http://127.0.0.1:${port}`;

  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server.js exited with ${child.exitCode} before answering:\n${log}`);
    }
    try {
      // The server migrates and seeds the database as it starts, then makes the first account
      // (hashing its password takes a moment): accounts made before it would stop it being made.
      const response = await fetch(`${origin}/login`, { redirect: 'manual' });
      if (response.ok && /First account: /.test(log)) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server.js did not answer within 30 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { origin, databaseFile, output: () => log, stop };
}

function withoutAdminPassword(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { PLANNER_ADMIN_PASSWORD: _unused, ...rest } = env;
  return rest;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Console errors and uncaught exceptions of one page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  // Once each, first line only: React repeats a hydration error for every mismatched node.
  const add = (text: string) => {
    const line = text.split('\n')[0]!;
    if (!errors.includes(line)) errors.push(line);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') add(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => add(`pageerror: ${error.message}`));
  return errors;
}

export async function newContext(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: origin,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Saves test-results/screenshots/<name>.png, the whole page unless `fullPage` is false. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Waits until React has hydrated the document and settled: the first commit has happened and
 * no render is scheduled (this peeks at React 18's root; hydration runs in a transition, so
 * it can take many frames on the dashboard), then two more frames for effects.
 */
export async function hydrated(p: Page): Promise<void> {
  const settled = () =>
    p.waitForFunction(() => {
      const key = Object.keys(document).find((k) => k.startsWith('__reactContainer$'));
      if (!key || !('__remixRouter' in window)) return false;
      const root = (document as unknown as Record<string, { stateNode?: ReactRoot }>)[key]?.stateNode;
      return Boolean(root?.current?.child) && root?.callbackNode === null && root?.pendingLanes === 0;
    });
  await settled();
  await p.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await settled();
}

/** The few fields of React 18's FiberRoot that `hydrated` reads. */
interface ReactRoot {
  current?: { child?: unknown };
  callbackNode?: unknown;
  pendingLanes?: number;
}
