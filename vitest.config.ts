import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests need a build and Chromium: `npm run test:browser`.
    exclude: ['test/browser/**', 'node_modules/**'],
    environment: 'node',
    // Heavy routes run their work on worker threads: the tests bundle today's worker first.
    globalSetup: ['test/setup/job-worker.ts'],
    env: { PLANNER_JOB_WORKER: 'build/test/job-worker.mjs' },
    // A floor for the machines these run on (2 busy cores, CI alike), not a licence: a test
    // that does heavy work (a Monte Carlo, a PDF, a big file, a child process) says its own.
    testTimeout: 15_000,
    hookTimeout: 60_000,
  },
});
