/**
 * npm run bench — speed figures of the engine, printed (never asserted in tests).
 * For each bundled scenario: validate + compile time, and the time of one deterministic
 * simulation, compiled once and run many times. Goal: ≤ 1 ms for a 10-year, monthly,
 * 3-option case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { compileScenario, runModel, runMonteCarlo, validateScenario, validateScenarioJson } from '~/engine';

import { renderTable } from './table';

const SIMULATION_GOAL_MS = 1;

function measure(
  fn: () => unknown,
  minMs = 300,
  minRuns = 20,
): { medianMs: number; p99Ms: number; runs: number } {
  for (let i = 0; i < 5; i++) fn(); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { medianMs: at(0.5), p99Ms: at(0.99), runs: samples.length };
}

const dir = join(import.meta.dirname, '..', 'scenarios');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace(/\.json$/, ''), text: readFileSync(join(dir, f), 'utf8') }));

// The goal's reference case: the largest bundled scenario stretched to the full 10 years.
const largest = [...cases].sort((a, b) => b.text.length - a.text.length)[0]!;
const stretched = { ...JSON.parse(largest.text), horizonYears: 10 };
if (stretched.budget?.informatizationByYear) delete stretched.budget.informatizationByYear;
cases.push({ name: `${largest.name} @10y (goal case)`, text: JSON.stringify(stretched) });

const rows: string[][] = [];
let goalCase = Infinity;
for (const c of cases) {
  const validated = validateScenarioJson(c.text);
  if (!validated.ok) throw new Error(`${c.name} is invalid`);
  const raw = JSON.parse(c.text);
  const compile = measure(() => {
    const v = validateScenario(raw);
    if (v.ok) compileScenario(v.scenario);
  });
  const model = compileScenario(validated.scenario);
  const run = measure(() => runModel(model), 500, 200);
  if (c.name.includes('goal case')) goalCase = run.medianMs;
  rows.push([
    c.name,
    String(validated.scenario.horizonYears),
    String(validated.scenario.options.length),
    compile.medianMs.toFixed(3),
    run.medianMs.toFixed(3),
    run.p99Ms.toFixed(3),
    String(run.runs),
  ]);
}

process.stdout.write(
  `Engine (Node ${process.version}, one core)\n\n${renderTable(
    [
      'scenario',
      'years',
      'options',
      'validate+compile ms (median)',
      'simulate ms (median)',
      'simulate ms (p99)',
      'runs',
    ],
    rows,
  )}\n\nGoal: one deterministic simulation of a 10-year monthly 3-option case ≤ ${SIMULATION_GOAL_MS} ms — ` +
    `measured ${goalCase.toFixed(3)} ms: ${goalCase <= SIMULATION_GOAL_MS ? 'met' : 'NOT met'}.\n`,
);

// Monte Carlo: 10,000 trials of the first bundled scenario, all options, monthly, with the
// fan-chart percentiles, the tornado and the sweeps. Goal ≤ 100 ms on one core (issue 5),
// judged on the warm figure: the median of repeated runs once the engine is compiled, as in
// the dashboard's worker from its second run on. The first run (compiling as it goes, as a
// new worker does) is printed beside it. Fifteen warm runs: on a shared machine whose speed
// moves from one run to the next, the median of six was a lottery.
const MC_GOAL_MS = 100;
const MC_RUNS = 16;
const first = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()[0]!;
const mcScenario = validateScenarioJson(readFileSync(join(dir, first), 'utf8'));
if (mcScenario.ok && mcScenario.scenario.uncertainty) {
  const model = compileScenario(mcScenario.scenario);
  const uncertainty = mcScenario.scenario.uncertainty;
  const times: number[] = [];
  let trials = 0;
  for (let run = 0; run < MC_RUNS; run++) {
    const t0 = performance.now();
    trials = runMonteCarlo(model, uncertainty, { trials: 10000 }).trials;
    times.push(performance.now() - t0);
  }
  const firstMs = times[0]!;
  const warm = times.slice(1).sort((a, b) => a - b);
  const warmMs = warm[Math.floor(warm.length / 2)]!;
  process.stdout.write(
    `\nMonte Carlo: ${first}, ${trials} trials, ${Object.keys(uncertainty.inputs).length} uncertain inputs, ` +
      `${model.options.length} options (with tornado and sweeps): first run ${firstMs.toFixed(0)} ms; ` +
      `warm median of ${warm.length} runs ${warmMs.toFixed(0)} ms (${((warmMs * 1000) / trials).toFixed(1)} µs a trial, ` +
      `fastest ${warm[0]!.toFixed(0)} ms) — goal ≤ ${MC_GOAL_MS} ms: ${warmMs <= MC_GOAL_MS ? 'met' : 'NOT met'}.\n`,
  );
}
