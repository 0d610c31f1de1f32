/**
 * Starts the production server (`node server.js`) on a free loopback port with a fresh,
 * temporary database, and stops it again — also when the bench fails or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  origin: string;
  port: number;
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

/**
 * `readyPath` is requested until it answers 200 (the first request migrates and seeds the
 * database); gives up after `timeoutMs` or as soon as the process exits.
 */
export async function startServer(
  cwd: string,
  readyPath: string,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-bench-'));
  const child = spawn(process.execPath, ['server.js'], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: join(dataDir, 'planner.db'),
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
      try {
        const response = await fetch(origin + readyPath, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status === 200) return { origin, port, stop };
        lastProblem = `HTTP ${response.status} from ${readyPath}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not answer 200 on ${readyPath} within ${timeoutMs} ms (${lastProblem})`);
  } catch (error) {
    await stop();
    const detail = output.trim() ? `\n--- server output ---\n${output.trim()}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  }
}
