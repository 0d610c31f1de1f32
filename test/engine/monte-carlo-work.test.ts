/**
 * The Monte Carlo's work is bounded by validation: caps on uncertain inputs, correlations and
 * formulas, a work estimate from the document alone (monteCarloWork), the most trials a
 * document may ask for (maxTrialsFor), and the largest accepted document timed at its cap.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  compileScenario,
  MAX_FORMULA_CHARACTERS,
  MAX_MONTE_CARLO_WORK,
  MAX_TRIALS,
  maxTrialsFor,
  monteCarloWork,
  runMonteCarlo,
  validateScenario,
  type Scenario,
  type ValidationProblem,
} from '~/engine';

import { largeScenario, largestAcceptedScenario } from '../helpers/largest-scenario';
import { baseScenario, option } from '../helpers/scenario';

function accepted(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems.slice(0, 5)));
  return v.scenario;
}
const problemsOf = (doc: unknown): ValidationProblem[] => {
  const v = validateScenario(doc);
  return v.ok ? [] : v.problems;
};

/** One option with `effects` claimed effects, each of whose five shares may be uncertain. */
function manyInputs(inputs: number, effects = 40): Record<string, unknown> {
  const base = baseScenario();
  const workflows = Array.from({ length: effects }, (_, w) => ({ ...base.workflows[0]!, id: `w${w}` }));
  const fields = ['fit', 'claimedReduction', 'errorRate', 'scopeShare', 'adoption.ceiling'];
  return {
    ...base,
    horizonYears: 10,
    workflows,
    options: [
      option('a', {
        effects: workflows.map((w) => ({
          basis: 'claimed',
          workflowId: w.id,
          adoption: { ceiling: 0.8, goLiveMonth: 1, rampMonths: 6 },
          evidence: { kind: 'assumed' },
          claimedReduction: 0.3,
          fit: 0.7,
          errorRate: 0.05,
          correctionMinutesPerError: 2,
        })),
        costLines: [{ kind: 'custom', id: 'fee', name: 'Fee', category: 'vendor', expression: 'tasks * 2' }],
      }),
    ],
    uncertainty: {
      trials: 100,
      inputs: Object.fromEntries(
        Array.from({ length: inputs }, (_, i) => [
          `options.0.effects.${i % effects}.${fields[Math.floor(i / effects) % fields.length]}`,
          { kind: 'triangular', low: 0, high: 1 },
        ]),
      ),
    },
  };
}

describe('caps in the schema', () => {
  it('refuses more than 200 uncertain inputs, naming the cap', () => {
    expect(validateScenario(manyInputs(200, 40)).ok).toBe(true);
    expect(problemsOf(manyInputs(201, 41))).toEqual([
      { path: 'uncertainty.inputs', code: 'maxUncertainInputs', params: { maximum: 200 } },
    ]);
  });

  it('refuses more than 200 correlations', () => {
    const doc = manyInputs(10, 10) as { uncertainty: Record<string, unknown> };
    doc.uncertainty.correlations = Array.from({ length: 201 }, () => ({
      a: 'options.0.effects.0.fit',
      b: 'options.0.effects.1.fit',
      rho: 0.1,
    }));
    expect(problemsOf(doc)).toContainEqual({
      path: 'uncertainty.correlations',
      code: 'maxItems',
      params: { maximum: 200 },
    });
  });

  it("refuses the formula that takes the document's formulas past 20,000 characters, parsing no more", () => {
    const long = (id: string) => ({
      kind: 'custom',
      id,
      name: id,
      category: 'vendor',
      expression: `tasks * 2${' '.repeat(1991)}`,
    });
    const within = Array.from({ length: MAX_FORMULA_CHARACTERS / 2000 }, (_, i) => long(`f${i}`));
    expect(
      validateScenario(baseScenario({ options: [option('a', { costLines: within })] as never })).ok,
    ).toBe(true);
    const over = [...within, long('next'), { ...long('bad'), expression: '(' }];
    expect(problemsOf(baseScenario({ options: [option('a', { costLines: over })] as never }))).toEqual([
      {
        path: 'options.0.costLines.10.expression',
        code: 'formulasTooLong',
        params: { maximum: MAX_FORMULA_CHARACTERS },
      },
    ]);
  });
});

describe('monteCarloWork and maxTrialsFor', () => {
  const bundled = readdirSync(join(import.meta.dirname, '..', '..', 'scenarios'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', f), 'utf8'))]);

  it.each(bundled)('leaves %s its own trials, and more', (_, doc) => {
    const scenario = accepted(doc);
    expect(maxTrialsFor(scenario)).toBeGreaterThanOrEqual(scenario.uncertainty!.trials);
  });

  it('is linear in trials; the most trials are a whole hundred within the cap', () => {
    for (const scenario of [
      accepted(manyInputs(200)),
      accepted(manyInputs(5, 5)),
      accepted(baseScenario()),
    ]) {
      const fixed = monteCarloWork(scenario, 0);
      const perTrial = monteCarloWork(scenario, 1) - fixed;
      expect(perTrial).toBeGreaterThan(0);
      expect(monteCarloWork(scenario, 1000)).toBeCloseTo(fixed + 1000 * perTrial, 3);
      const max = maxTrialsFor(scenario);
      expect(max % 100).toBe(0);
      expect(max).toBeGreaterThanOrEqual(100);
      expect(max).toBeLessThanOrEqual(MAX_TRIALS);
      expect(monteCarloWork(scenario, max)).toBeLessThanOrEqual(MAX_MONTE_CARLO_WORK);
      if (max < MAX_TRIALS) expect(monteCarloWork(scenario, max + 100)).toBeGreaterThan(MAX_MONTE_CARLO_WORK);
    }
  });

  it("refuses a document's own trials past its maximum, at uncertainty.trials, naming the maximum", () => {
    const scenario = accepted(manyInputs(200));
    const max = maxTrialsFor(scenario);
    expect(max).toBeLessThan(MAX_TRIALS);
    const doc = manyInputs(200) as { uncertainty: Record<string, unknown> };
    doc.uncertainty.trials = max;
    expect(validateScenario(doc).ok).toBe(true);
    doc.uncertainty.trials = max + 1;
    expect(problemsOf(doc)).toEqual([
      { path: 'uncertainty.trials', code: 'trialsTooMany', params: { maximum: max } },
    ]);
  });

  it('grows with every dimension of the document', () => {
    const small = accepted(manyInputs(10, 10));
    const more = (change: (doc: Record<string, unknown>) => void) => {
      const doc = manyInputs(10, 10);
      change(doc);
      return monteCarloWork(accepted(doc), 1000);
    };
    const work = monteCarloWork(small, 1000);
    expect(more((d) => (d.horizonYears = 2))).toBeLessThan(work);
    expect(more((d) => ((d.uncertainty as { inputs: object }).inputs = {}))).toBeLessThan(work);
    const options = (d: Record<string, unknown>) => d.options as { costLines: unknown[] }[];
    expect(
      more((d) =>
        options(d)[0]!.costLines.push({
          kind: 'custom',
          id: 'long',
          name: 'Long',
          category: 'vendor',
          expression: `tasks * 2 + ${'1 + '.repeat(90)}1`,
        }),
      ),
    ).toBeGreaterThan(work);
  });
});

describe('the largest accepted document', () => {
  it(
    'is refused one cost line larger, and its Monte Carlo at the cap runs well within 30 s',
    { timeout: 180_000 },
    () => {
      const doc = largestAcceptedScenario();
      const scenario = accepted(doc);
      const lines = scenario.options[0]!.costLines.length;
      expect(lines).toBeGreaterThan(10);
      const bigger = largeScenario({ lines: lines + 1 });
      expect(problemsOf(bigger)).toEqual([{ path: 'options', code: 'monteCarloTooLarge', params: {} }]);
      expect(problemsOf(largeScenario({ uncertainInputs: 10 }))).toEqual([
        { path: 'uncertainty.inputs', code: 'monteCarloTooLarge', params: {} },
      ]);
      const trials = maxTrialsFor(scenario);
      expect(trials).toBe(100);
      const started = performance.now();
      const result = runMonteCarlo(compileScenario(scenario), scenario.uncertainty!, { trials });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `largest accepted (${lines} lines × 10 options): ${trials} trials in ${seconds.toFixed(1)} s`,
      );
      expect(result.invalidTrials).toBe(0);
      expect(seconds).toBeLessThan(30);
    },
  );

  it('with 200 uncertain inputs, runs its most trials well within 30 s', { timeout: 180_000 }, () => {
    const scenario = accepted(manyInputs(200));
    const trials = maxTrialsFor(scenario);
    const started = performance.now();
    runMonteCarlo(compileScenario(scenario), scenario.uncertainty!, { trials });
    const seconds = (performance.now() - started) / 1000;
    console.log(`200 uncertain inputs: ${trials} trials in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(30);
  });
});
