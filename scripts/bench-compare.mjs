/**
 * Compares the Monte Carlo speed of this checkout with an earlier commit, in one process:
 * `npm run bench:compare -- <commit> [runs]`. The machines this project runs on are shared and
 * their speed moves by up to a factor of two between runs, so two `npm run bench` figures taken
 * minutes apart say little; runs of the two engines taken in turn, side by side, do.
 * Each engine is bundled as `npm run bench` bundles it and runs its own copy of the first
 * bundled scenario (10,000 trials, with sweeps and tornado).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from 'esbuild';

const [rev, runsArg] = process.argv.slice(2);
if (!rev) {
  console.error('usage: npm run bench:compare -- <commit> [runs]');
  process.exit(2);
}
const runs = Number(runsArg ?? 15);
const here = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'bench-compare-'));
const old = join(work, 'tree');

const ENTRY = `export { compileScenario, validateScenarioJson, runMonteCarlo } from '~/engine';\n`;

async function bundle(root, out) {
  const entry = join(root, 'scripts', '.bench-compare-entry.ts');
  writeFileSync(entry, ENTRY);
  try {
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      tsconfig: join(root, 'tsconfig.json'),
      absWorkingDir: root,
      packages: 'external',
      logLevel: 'warning',
    });
  } finally {
    rmSync(entry, { force: true });
  }
  const dir = join(root, 'scenarios');
  const first = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()[0];
  const engine = await import(pathToFileURL(out).href);
  const checked = engine.validateScenarioJson(readFileSync(join(dir, first), 'utf8'));
  if (!checked.ok) throw new Error(`${first} does not validate in ${root}`);
  const model = engine.compileScenario(checked.scenario);
  return () => engine.runMonteCarlo(model, checked.scenario.uncertainty, { trials: 10000 });
}

try {
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', old, rev], { stdio: 'inherit' });
  symlinkSync(resolve(here, 'node_modules'), join(old, 'node_modules'));
  // Bundles live in the checkout's build/ so that their packages resolve from node_modules.
  const before = await bundle(old, resolve(here, 'build', 'bench-compare-before.mjs'));
  const after = await bundle(here, resolve(here, 'build', 'bench-compare-after.mjs'));
  for (let i = 0; i < 3; i++) {
    before();
    after();
  }
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    before();
    a.push(performance.now() - t);
    t = performance.now();
    after();
    b.push(performance.now() - t);
  }
  const median = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
  const ratio = median(b.map((v, i) => v / a[i]));
  console.log(
    `Monte Carlo, 10,000 trials, ${runs} runs in turn: ${rev} median ${median(a).toFixed(0)} ms ` +
      `(fastest ${Math.min(...a).toFixed(0)}); this checkout median ${median(b).toFixed(0)} ms ` +
      `(fastest ${Math.min(...b).toFixed(0)}); this checkout takes ${(ratio * 100).toFixed(0)} % ` +
      `of ${rev}'s time (median of the run-by-run ratios).`,
  );
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', old]);
  rmSync(work, { recursive: true, force: true });
}
