/**
 * Bundles the job worker from the current source before the tests run: the routes' heavy work
 * runs on worker threads, and the tests must run today's code there, not a stale build.
 */
import { buildJobWorker } from '../../scripts/job-worker-build.mjs';

export const TEST_JOB_WORKER = 'build/test/job-worker.mjs';

export default async function setup(): Promise<void> {
  await buildJobWorker(TEST_JOB_WORKER);
}
