// A job worker for the pool's own tests, speaking the same protocol as app/jobs/job-worker.server.ts:
// `spin` keeps its thread busy for `ms` (as a long Monte Carlo does), `echo` answers at once,
// `crash` ends the thread, `hog` keeps allocating, `fail` throws.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, kind, input }) => {
  if (kind === 'crash') process.exit(3);
  if (kind === 'hog') {
    const kept = [];
    for (;;) kept.push(new Array(1_000_000).fill(kept.length));
  }
  if (kind === 'fail') return parentPort.postMessage({ id, ok: false, message: 'it went wrong' });
  if (kind === 'spin') {
    const until = Date.now() + input.ms;
    while (Date.now() < until);
  }
  parentPort.postMessage({ id, ok: true, output: input });
});
