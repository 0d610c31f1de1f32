/**
 * The job pool on real worker threads: work runs off the event loop, a full queue refuses at
 * once, a job over its time limit has its worker ended (and replaced), a crashed worker is
 * replaced; none of it leaves a request waiting for ever.
 */
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { JobPool, JobRefused, settingsFromEnvironment } from '~/jobs/pool.server';

const SCRIPT = join(import.meta.dirname, 'spin-worker.mjs');
let pool: JobPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const make = (size: number, queueLength: number, timeoutMs = 10_000, memoryMb = 512) =>
  (pool = new JobPool({ size, queueLength, timeoutMs, script: SCRIPT, memoryMb }));
// The spin worker's kinds are not the app's: the pool passes any kind through.
const run = (p: JobPool, kind: string, input: unknown) =>
  p.run(kind as never, input as never) as Promise<unknown>;

async function refusal(promise: Promise<unknown>): Promise<JobRefused> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobRefused);
  return error as JobRefused;
}

describe('the job pool', () => {
  it('runs a job on a worker while the event loop keeps serving', { timeout: 30_000 }, async () => {
    const p = make(1, 4);
    // Warm the worker so its start-up is not counted.
    await run(p, 'echo', { ms: 0 });
    const job = run(p, 'spin', { ms: 1500 });
    // Timers on this thread keep firing on time while the worker spins.
    const lags: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 50));
      lags.push(performance.now() - t0 - 50);
    }
    expect(Math.max(...lags)).toBeLessThan(500);
    expect(await job).toEqual({ ms: 1500 });
  });

  it('refuses at once when the queue is full, with when to try again', { timeout: 30_000 }, async () => {
    const p = make(1, 2);
    const running = run(p, 'spin', { ms: 800 });
    const waiting = [run(p, 'echo', { n: 1 }), run(p, 'echo', { n: 2 })];
    const t0 = performance.now();
    const refused = await refusal(run(p, 'echo', { n: 3 }));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(refused.code).toBe('queueFull');
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(p.load()).toEqual({ running: 1, waiting: 2 });
    // Those already queued are still done, in order.
    expect(await running).toEqual({ ms: 800 });
    expect(await Promise.all(waiting)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it(
    'ends a job over its time limit, and the next job runs on a new worker',
    { timeout: 30_000 },
    async () => {
      const p = make(1, 4, 400);
      const t0 = performance.now();
      const stuck = run(p, 'spin', { ms: 20_000 });
      const next = run(p, 'echo', { after: 'timeout' });
      const refused = await refusal(stuck);
      expect(refused.code).toBe('jobTimeout');
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(await next).toEqual({ after: 'timeout' });
    },
  );

  it(
    'answers a crashed worker’s job with a refusal and replaces the worker',
    { timeout: 30_000 },
    async () => {
      const p = make(1, 4);
      expect((await refusal(run(p, 'crash', {}))).code).toBe('jobFailed');
      expect(await run(p, 'echo', { still: 'working' })).toEqual({ still: 'working' });
      await expect(run(p, 'fail', {})).rejects.toThrow('it went wrong');
    },
  );

  it(
    'a job that uses more memory than allowed ends its worker, not the process',
    { timeout: 60_000 },
    async () => {
      const p = make(1, 4, 30_000, 64);
      expect((await refusal(run(p, 'hog', {}))).code).toBe('jobFailed');
      expect(await run(p, 'echo', { after: 'hog' })).toEqual({ after: 'hog' });
    },
  );

  it('runs as many jobs at once as it has workers', { timeout: 30_000 }, async () => {
    const p = make(2, 4);
    await Promise.all([run(p, 'echo', {}), run(p, 'echo', {})]);
    const both = [run(p, 'spin', { ms: 300 }), run(p, 'spin', { ms: 300 })];
    expect(p.load()).toEqual({ running: 2, waiting: 0 });
    await Promise.all(both);
  });
});

describe('the pool’s settings', () => {
  it('keeps a core for the event loop, and reads its limits from the environment', () => {
    const defaults = settingsFromEnvironment({});
    expect(defaults.size).toBeGreaterThanOrEqual(1);
    expect(defaults.timeoutMs).toBe(30_000);
    expect(defaults.queueLength).toBe(defaults.size * 4);
    const set = settingsFromEnvironment({
      PLANNER_JOB_WORKERS: '3',
      PLANNER_JOB_QUEUE: '7',
      PLANNER_JOB_TIMEOUT_S: '2.5',
    });
    expect(set).toMatchObject({ size: 3, queueLength: 7, timeoutMs: 2500 });
    // Nonsense falls back to the defaults rather than to zero or NaN.
    expect(
      settingsFromEnvironment({ PLANNER_JOB_WORKERS: '0x10', PLANNER_JOB_TIMEOUT_S: '-1' }),
    ).toMatchObject({
      size: defaults.size,
      timeoutMs: 30_000,
    });
  });
});
