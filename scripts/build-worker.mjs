/**
 * Bundles the browser's Monte Carlo worker into public/build/workers/ with a content hash in
 * its name, and records the name in build/workers.json for the server to hand to the page; and
 * the server's job worker (worker threads) into build/job-worker.mjs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

import { build } from 'esbuild';

import { buildJobWorker } from './job-worker-build.mjs';

const outDir = 'public/build/workers';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const result = await build({
  entryPoints: ['app/uncertainty/monte-carlo.worker.ts'],
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  write: false,
  tsconfig: 'tsconfig.json',
});
const code = result.outputFiles[0].contents;
const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
const name = `monte-carlo-${hash}.js`;
writeFileSync(`${outDir}/${name}`, code);
mkdirSync('build', { recursive: true });
writeFileSync('build/workers.json', JSON.stringify({ monteCarlo: `/build/workers/${name}` }));
console.log(`worker: ${outDir}/${name} (${readdirSync(outDir).length} file)`);

await buildJobWorker('build/job-worker.mjs');
console.log('job worker: build/job-worker.mjs');
