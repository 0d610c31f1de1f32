/**
 * Bundles the server's job worker (app/jobs/job-worker.server.ts) into one ES module for a
 * worker thread: our code inlined (the `~` alias resolved), every npm package left to Node.
 * Used by the build (build/job-worker.mjs) and by the tests (their own copy).
 */
import { build } from 'esbuild';

/** Marks bare imports (npm packages, node: builtins) external; `~/…` is ours and inlined. */
const packagesExternal = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./~]/ }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: args.path, external: true },
    );
  },
};

export async function buildJobWorker(outfile) {
  await build({
    entryPoints: ['app/jobs/job-worker.server.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.json',
    plugins: [packagesExternal],
    logLevel: 'warning',
  });
}
