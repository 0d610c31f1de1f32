import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the built app (`remix build`) served by `node server.js` on a free port with
 * a fresh database, driven by Debian's headless Chromium through playwright-core.
 * Run with `npm run test:browser`.
 */
export default defineConfig({
  resolve: {
    alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) },
  },
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    // One server and one browser per file; files one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
