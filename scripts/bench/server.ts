/**
 * Starts the production server (`node server.js`) on a free loopback port with a fresh,
 * temporary database, and stops it again — also when the bench fails or is interrupted. The
 * new database's first account, `admin` (system admin, planner of the demo hospital), gets a
 * password made up for this run (PLANNER_ADMIN_PASSWORD), so the benches can sign in with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN = 'admin';
/** The demo hospital that owns the bundled scenarios; admin plans there. */
export const DEMO_HOSPITAL = '示例医院';

export interface RunningServer {
  origin: string;
  port: number;
  /** The server's SQLite file (for `scripts/users.ts`). */
  databaseFile: string;
  /** The password of the first account, `admin`. */
  adminPassword: string;
  /** The end of what the server printed (for failure messages). */
  output: () => string;
  /** Kills the server and removes its temporary database; safe to call more than once. */
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** A password the policy accepts (10+ characters of four kinds, not containing the user name). */
function benchPassword(): string {
  for (;;) {
    const password = `Bench-${randomBytes(12).toString('base64url')}-7q`;
    if (!password.toLowerCase().includes(ADMIN)) return password;
  }
}

/** What the server prints once it has made the first account from PLANNER_ADMIN_PASSWORD. */
const ADMIN_MADE = `First account: user name "${ADMIN}", password from PLANNER_ADMIN_PASSWORD`;

/**
 * Ready once the first account exists (the server makes it just after it starts: a login before
 * that would be refused, and count towards a lockout) and `/login` answers 200. Gives up after
 * `timeoutMs` or as soon as the process exits.
 */
export async function startServer(cwd: string, timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-bench-'));
  const databaseFile = join(dataDir, 'planner.db');
  const adminPassword = benchPassword();
  const child = spawn(process.execPath, ['server.js'], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseFile,
      PLANNER_ADMIN_PASSWORD: adminPassword,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killNow);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await exited(child, 5000))) {
        child.kill('SIGKILL');
        await exited(child, 5000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Last resort if the bench process goes away without calling stop().
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killNow);

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer';
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering`);
      }
      if (/one-time password|first account could not be made/i.test(output)) {
        throw new Error(`the first account was not made from PLANNER_ADMIN_PASSWORD`);
      }
      if (!output.includes(ADMIN_MADE)) {
        lastProblem = 'the first account is not made yet';
      } else {
        try {
          const response = await fetch(`${origin}/login`, {
            redirect: 'manual',
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          if (response.status === 200) {
            return { origin, port, databaseFile, adminPassword, output: () => output, stop };
          }
          lastProblem = `HTTP ${response.status} from /login`;
        } catch (error) {
          lastProblem = error instanceof Error ? error.message : String(error);
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server was not ready within ${timeoutMs} ms (${lastProblem})`);
  } catch (error) {
    await stop();
    const detail = output.trim() ? `\n--- server output ---\n${output.trim()}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  }
}
