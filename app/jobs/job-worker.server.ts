/**
 * A worker thread of the job pool (pool.server.ts): runs one job at a time and answers with
 * its output. Bundled on its own (scripts/job-worker-build.mjs) as build/job-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';

import { jobHandlers, type JobKind } from './handlers.server';

interface Request {
  id: number;
  kind: JobKind;
  input: never;
  /** The database file of the process that asked: a job that reads or writes it opens the same one. */
  databaseUrl?: string;
}

/** Large binary answers (a PDF, a workbook) move to the main thread instead of being copied. */
function transferable(output: unknown): ArrayBuffer[] {
  if (!(output instanceof Uint8Array)) return [];
  const buffer = output.buffer;
  // A slice of a shared pool (Node's small Buffers) must be copied, not moved.
  return buffer instanceof ArrayBuffer && output.byteOffset === 0 && output.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

parentPort!.on('message', (request: Request) => {
  void (async () => {
    try {
      if (request.databaseUrl !== undefined) process.env.DATABASE_URL = request.databaseUrl;
      const handler = jobHandlers[request.kind] as (input: never) => unknown;
      if (typeof handler !== 'function') throw new Error(`no job called ${String(request.kind)}`);
      const output = await handler(request.input);
      parentPort!.postMessage({ id: request.id, ok: true, output }, transferable(output));
    } catch (error) {
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  })();
});
