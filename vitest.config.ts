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
    // No test touches the real database (data/planner.db): a module that opens the database as it
    // is imported (app/entry.server.tsx) does so before a test file has named its own file, and
    // would otherwise make the first admin there, so that `npm start` after `npm test` would not
    // print its one-time password.
    env: { PLANNER_JOB_WORKER: 'build/test/job-worker.mjs', DATABASE_URL: ':memory:' },
    // A floor for the machines these run on (2 busy cores, CI alike), not a licence: a test
    // that does heavy work (a Monte Carlo, a PDF, a big file, a child process) says its own.
    testTimeout: 15_000,
    hookTimeout: 60_000,
  },
});
