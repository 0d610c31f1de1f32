import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compileScenario, runModel, runMonteCarlo, validateScenarioJson } from '~/engine';
const v = validateScenarioJson(readFileSync('scenarios/' + (process.argv[2] ?? 'county-emr-notes.json'), 'utf8'));
if (!v.ok) throw new Error('bad');
const model = compileScenario(v.scenario);
runMonteCarlo(model, v.scenario.uncertainty!, { trials: 200 });
let t0 = performance.now();
runMonteCarlo(model, v.scenario.uncertainty!, { trials: 10000 });
console.log('mc', performance.now() - t0);
t0 = performance.now();

console.log('10k lean runs', performance.now() - t0);
console.log('months', model.months, 'options', model.options.length, 'inputs', Object.keys(v.scenario.uncertainty!.inputs).length);
