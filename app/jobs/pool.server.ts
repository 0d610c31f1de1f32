/**
 * The pool of worker threads that does the server's heavy work (handlers.server.ts), so the
 * event loop keeps serving pages and the API meanwhile. Sized max(1, cores − 1) so the event
 * loop keeps a core; a bounded queue in front of it (a full queue refuses at once rather than
 * letting requests pile up); every job a time limit, after which its worker is ended (the only
 * way to stop a thread in the middle of a computation) and replaced.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

import type { JobInput, JobKind, JobOutput } from './handlers.server';

export type JobRefusalCode = 'queueFull' | 'jobTimeout' | 'jobFailed';

/** Why a job was not done: the queue was full, it ran out of time, or its worker failed. */
export class JobRefused extends Error {
  constructor(
    readonly code: JobRefusalCode,
    /** When asking again is worth it, in whole seconds. */
    readonly retryAfterSeconds: number,
    detail: string = code,
  ) {
    super(detail);
    this.name = 'JobRefused';
  }
}

export interface PoolSettings {
  /** Worker threads (default max(1, cores − 1), or PLANNER_JOB_WORKERS). */
  size: number;
  /** Jobs waiting for a worker beyond those running (default 4 per worker, or PLANNER_JOB_QUEUE). */
  queueLength: number;
  /** Longest a job may run (default 30 s, or PLANNER_JOB_TIMEOUT_S). */
  timeoutMs: number;
  /** The bundled worker script (build/job-worker.mjs, or PLANNER_JOB_WORKER). */
  script: string;
  /**
   * Most heap a worker may use (default 2,048 MB, or PLANNER_JOB_MEMORY_MB): a job past it ends
   * its own thread (answered as a failed job), never the server.
   */
  memoryMb: number;
}

const positive = (raw: string | undefined, fallback: number): number => {
  const n = raw !== undefined && /^[0-9]+(\.[0-9]+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  return n > 0 ? n : fallback;
};

export function settingsFromEnvironment(env: Record<string, string | undefined> = process.env): PoolSettings {
  const size = Math.floor(positive(env.PLANNER_JOB_WORKERS, Math.max(1, availableParallelism() - 1)));
  return {
    size,
    queueLength: Math.floor(positive(env.PLANNER_JOB_QUEUE, size * 4)),
    timeoutMs: positive(env.PLANNER_JOB_TIMEOUT_S, 30) * 1000,
    script: resolve(env.PLANNER_JOB_WORKER ?? 'build/job-worker.mjs'),
    memoryMb: Math.floor(positive(env.PLANNER_JOB_MEMORY_MB, 2048)),
  };
}

interface Job {
  id: number;
  kind: JobKind;
  input: unknown;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  startedAt: number;
}

type Reply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string };

export class JobPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Recent run times, for a Retry-After that says something. */
  private meanRunMs = 1000;
  private closed = false;

  constructor(readonly settings: PoolSettings) {}

  /** Runs a job on a worker: its output, or a JobRefused. */
  run<K extends JobKind>(kind: K, input: JobInput<K>, transfer: ArrayBuffer[] = []): Promise<JobOutput<K>> {
    if (this.closed) return Promise.reject(new JobRefused('jobFailed', 1, 'the pool is closed'));
    return new Promise<JobOutput<K>>((resolvePromise, rejectPromise) => {
      const job: Job = {
        id: this.nextId++,
        kind,
        input,
        transfer,
        resolve: resolvePromise as (value: unknown) => void,
        reject: rejectPromise,
      };
      const idle = this.idleSlot();
      if (idle) return this.start(idle, job);
      if (this.queue.length >= this.settings.queueLength) {
        return rejectPromise(new JobRefused('queueFull', this.retryAfterSeconds()));
      }
      this.queue.push(job);
    });
  }

  /**
   * Starts every worker and waits until each has loaded the code (seconds on a busy machine):
   * the server does it on start, so no user waits for it.
   */
  async warm(): Promise<void> {
    const starting: Promise<unknown>[] = [];
    while (this.slots.length < this.settings.size) {
      const slot = this.spawn();
      starting.push(
        new Promise((resolvePromise, rejectPromise) =>
          this.start(slot, {
            id: this.nextId++,
            kind: 'ready',
            input: {},
            transfer: [],
            resolve: resolvePromise,
            reject: rejectPromise,
          }),
        ),
      );
    }
    await Promise.all(starting);
  }

  /** How many jobs run and wait now. */
  load(): { running: number; waiting: number } {
    return { running: this.slots.filter((s) => s.job).length, waiting: this.queue.length };
  }

  /** Ends every worker; jobs still waiting or running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new JobRefused('jobFailed', 1, 'the pool closed'));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.reject(new JobRefused('jobFailed', 1, 'the pool closed'));
        return slot.worker.terminate();
      }),
    );
  }

  private retryAfterSeconds(): number {
    const ahead = this.queue.length + this.slots.length;
    return Math.max(1, Math.min(60, Math.ceil((this.meanRunMs * ahead) / this.settings.size / 1000)));
  }

  private idleSlot(): Slot | null {
    const idle = this.slots.find((s) => !s.job);
    if (idle) return idle;
    if (this.slots.length < this.settings.size) return this.spawn();
    return null;
  }

  private spawn(): Slot {
    const worker = new Worker(this.settings.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.settings.memoryMb },
    });
    // An idle worker must not keep a process (a test, a script) alive.
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null, startedAt: 0 };
    worker.on('message', (reply: Reply) => this.finish(slot, reply));
    worker.on('error', (error) => this.fail(slot, `the worker failed: ${error.message}`));
    worker.on('exit', () => this.fail(slot, 'the worker stopped'));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.startedAt = performance.now();
    slot.worker.ref();
    slot.timer = setTimeout(() => this.timeOut(slot), this.settings.timeoutMs);
    slot.worker.postMessage(
      { id: job.id, kind: job.kind, input: job.input, databaseUrl: process.env.DATABASE_URL },
      job.transfer,
    );
  }

  private finish(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    this.release(slot);
    this.meanRunMs = 0.8 * this.meanRunMs + 0.2 * (performance.now() - slot.startedAt);
    if (reply.ok) job.resolve(reply.output);
    else job.reject(new Error(reply.message));
    this.next(slot);
  }

  private timeOut(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.replace(slot);
    job.reject(new JobRefused('jobTimeout', this.retryAfterSeconds()));
  }

  private fail(slot: Slot, message: string): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    this.replace(slot);
    job?.reject(new JobRefused('jobFailed', 1, message));
  }

  /** Ends a worker that is stuck or gone, and starts the queue's next job on a new one. */
  private replace(slot: Slot): void {
    this.release(slot);
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.worker.removeAllListeners();
    // A worker that ended itself has already exited; terminate() is then a no-op.
    void slot.worker.terminate();
    const waiting = this.queue.shift();
    if (waiting && !this.closed) this.start(this.spawn(), waiting);
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  private next(slot: Slot): void {
    const waiting = this.queue.shift();
    if (waiting) this.start(slot, waiting);
  }
}

let shared: JobPool | null = null;

/** The process's pool, made on first use from the environment. */
export function jobPool(): JobPool {
  shared ??= new JobPool(settingsFromEnvironment());
  return shared;
}

/** Runs a job on the process's pool. */
export function runJob<K extends JobKind>(
  kind: K,
  input: JobInput<K>,
  transfer: ArrayBuffer[] = [],
): Promise<JobOutput<K>> {
  return jobPool().run(kind, input, transfer);
}

/** Ends the process's pool (tests; a server shutting down). */
export async function closeJobPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
