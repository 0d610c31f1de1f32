/**
 * Bundles the engine benchmark the way the engine ships (esbuild, as the Remix build and the
 * Monte Carlo worker do), so `npm run bench` measures that code rather than tsx's on-the-fly
 * transform, which wraps every function to keep its name and costs a trial about 70 % more.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['scripts/bench.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'build/bench-engine.mjs',
  tsconfig: 'tsconfig.json',
  packages: 'external',
  logLevel: 'warning',
});
