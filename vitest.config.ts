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
  },
});
