/**
 * How much work a Monte Carlo of a document is, told from the document alone (no run), so a
 * request can be refused before it starts: trials, and the tornado's and the sweeps' runs,
 * times the cost of one run of the model, which grows with months × (options × (cost lines,
 * effects, funding)) and with the length of the formulas worked out month by month. The unit
 * and the cap were measured (test/engine/monte-carlo-work.test.ts): MAX_MONTE_CARLO_WORK is
 * about ten seconds of one busy core for the costliest accepted document.
 */
import type { CostLine, Scenario } from '../schema';

/** Runs of the model per uncertain input besides the trials: the tornado's two and the median's, the sweep's 21. */
export const RUNS_PER_INPUT = 3 + 21;

/** Most Monte Carlo work a document may ask for (see monteCarloWork). */
export const MAX_MONTE_CARLO_WORK = 1.2e8;

/** Trials allowed at most whatever the work (the schema's bound), and at least. */
export const MAX_TRIALS = 50_000;
export const MIN_TRIALS = 100;

/**
 * One line's share of a month of a run (a unit is about what an effect or a plain line costs
 * a month): a formula costs by its length (measured: 30 characters, worked out over a month,
 * cost about one unit), tiers by their number.
 */
function lineUnits(line: CostLine): number {
  if (line.kind === 'custom') return 1 + Math.ceil(line.expression.length / 30);
  if (line.kind === 'perUnit') return 1 + (line.tiers?.length ?? 0);
  return 1;
}

/** What a run costs whatever the document's size (setting up, summing up), in units. */
const RUN_OVERHEAD = 100;

/** The cost of one run of the model (every option, a pilot with the option it scales into). */
export function runUnits(scenario: Scenario): number {
  const ownUnits = scenario.options.map(
    (o) =>
      1 + o.effects.length + o.funding.length + o.costLines.reduce((sum, line) => sum + lineUnits(line), 0),
  );
  const total = scenario.options.reduce((sum, o, k) => {
    const target = o.pilot ? scenario.options.findIndex((t) => t.id === o.pilot!.scaleUpOptionId) : -1;
    return sum + ownUnits[k]! + (target >= 0 ? ownUnits[target]! : 0);
  }, 0);
  return RUN_OVERHEAD + scenario.horizonYears * 12 * (1 + scenario.workflows.length + total);
}

/** Uncertain inputs that are drawn (not fixed, not following another), and those correlated. */
function drawnInputs(scenario: Scenario): { drawn: number; correlated: number } {
  const inputs = scenario.uncertainty?.inputs ?? {};
  const drawn = Object.values(inputs).filter((d) => d.kind !== 'fixed' && d.kind !== 'sameAs').length;
  const named = new Set((scenario.uncertainty?.correlations ?? []).flatMap((c) => [c.a, c.b]));
  return { drawn, correlated: Math.min(drawn, named.size) };
}

/**
 * The work of a Monte Carlo of `trials` trials: the runs (trials, the base, the tornado's and
 * the sweeps') times the cost of a run, and each trial's draws (a correlated group mixes its
 * draws in time quadratic in its size).
 */
export function monteCarloWork(scenario: Scenario, trials: number): number {
  const { drawn, correlated } = drawnInputs(scenario);
  const runs = trials + 1 + RUNS_PER_INPUT * drawn;
  return runs * runUnits(scenario) + trials * (drawn + (correlated * correlated) / 100);
}

/**
 * The most trials a Monte Carlo of this document may run: within MAX_MONTE_CARLO_WORK, rounded
 * down to a hundred, at most MAX_TRIALS; below MIN_TRIALS (0) when even the fewest would be too
 * much work (validation refuses such a document, so an accepted one allows at least 100).
 */
export function maxTrialsFor(scenario: Scenario): number {
  const fixed = monteCarloWork(scenario, 0);
  const perTrial = monteCarloWork(scenario, 1) - fixed;
  const trials = Math.floor((MAX_MONTE_CARLO_WORK - fixed) / perTrial / 100) * 100;
  return Math.max(0, Math.min(MAX_TRIALS, trials));
}
