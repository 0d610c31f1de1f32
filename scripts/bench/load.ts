/**
 * A small closed-loop load generator: `connections` workers on one keep-alive agent (at most
 * that many sockets), each sending its next request as soon as the previous answer has been
 * read in full. Stops sending after `maxRequests` requests or `maxMs`, whichever comes first,
 * and waits for the answers still on their way.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

import { percentile } from './stats';

export interface LoadOptions {
  connections: number;
  maxRequests: number;
  maxMs: number;
  headers?: Record<string, string>;
  /** Per-request limit (default 30 s); a request over it counts as an error. */
  requestTimeoutMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** What went wrong, by kind ("HTTP 500", "ECONNRESET", …), with counts. */
  errorKinds: Map<string, number>;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  elapsedMs: number;
  meanBytes: number;
}

interface Answer {
  status: number;
  bytes: number;
}

function request(agent: http.Agent, url: URL, headers: Record<string, string>, timeoutMs: number) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.get(url, { agent, headers, timeout: timeoutMs }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export async function loadTest(target: string, options: LoadOptions): Promise<LoadResult> {
  const url = new URL(target);
  if (url.hostname !== '127.0.0.1') throw new Error(`load tests stay on loopback, not ${url.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const headers = options.headers ?? {};
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const latencies: number[] = [];
  const errorKinds = new Map<string, number>();
  const fail = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  let issued = 0;
  let bytes = 0;
  const start = performance.now();
  const deadline = start + options.maxMs;

  const worker = async () => {
    while (issued < options.maxRequests && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      try {
        const answer = await request(agent, url, headers, timeoutMs);
        latencies.push(performance.now() - t0);
        bytes += answer.bytes;
        if (answer.status !== 200) fail(`HTTP ${answer.status}`);
      } catch (error) {
        const kind = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        // A request given up on took at least this long: keep it in the latencies.
        if (kind === 'timeout') latencies.push(performance.now() - t0);
        fail(kind);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - start;
  const errors = [...errorKinds.values()].reduce((a, b) => a + b, 0);
  return {
    requests: issued,
    errors,
    errorKinds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.length ? Math.max(...latencies) : NaN,
    perSecond: (issued / elapsedMs) * 1000,
    elapsedMs,
    meanBytes: latencies.length ? bytes / latencies.length : 0,
  };
}
