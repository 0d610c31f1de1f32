/**
 * The largest documents validation allows, for timing the Monte Carlo at its work cap: ten
 * options (nine pilots, each scaling into the first, so a pilot's run books both), each with
 * up to 100 cost lines of every kind (a quarter of them formulas, the first option's as long
 * as the document's formula budget allows: worked out month by month, the costliest kind), 50
 * effects and 50 funding lines, over ten years, with 50 workflows. The uncertain inputs are
 * spread over every option, so no option's run can be kept from one trial to the next.
 */
import { validateScenario, type ScenarioInput } from '~/engine';
import { MAX_FORMULA_CHARACTERS } from '~/engine/expression';

import { baseScenario } from './scenario';

const OPTIONS = 10;
const LINES = 100;
const WORKFLOWS = 50;
const FUNDING = 50;

/** A formula of 2,000 characters, read month by month, no deeper than the limit allows. */
function longFormula(): string {
  const term = (i: number) => `tasks * ${(i % 9) + 1}.5`;
  const group = (g: number) => `(${Array.from({ length: 20 }, (_, i) => term(g * 20 + i)).join(' + ')})`;
  let formula = group(0);
  for (let g = 1; formula.length + group(g).length + 3 <= 2000; g++) formula += ` + ${group(g)}`;
  while (formula.length < 2000) formula += ' ';
  return formula;
}

const SHORT_FORMULA = 'tasks * 1.5';

function costLine(o: number, j: number, long: boolean): Record<string, unknown> {
  const id = `o${o}l${j}`;
  const name = `Line ${j + 1}`;
  switch (j % 8) {
    case 0:
    case 1:
      return {
        kind: 'custom',
        id,
        name,
        category: 'other',
        expression: long ? longFormula() : SHORT_FORMULA,
      };
    case 2:
      return {
        kind: 'perUnit',
        id,
        name,
        category: 'vendor',
        unit: 'task',
        tierPeriod: 'month',
        tiers: Array.from({ length: 20 }, (_, t) => ({
          upToUnits: t === 19 ? null : (t + 1) * 1000,
          unitPrice: 1 + 1 / (t + 1),
        })),
      };
    case 3:
      return {
        kind: 'onPremCompute',
        id,
        name,
        tokensPerTask: 2000,
        tokensPerSecondPerServer: 500,
        capexPerServer: 300000,
        kwPerServer: 3,
        pue: 1.5,
        electricityPricePerKwh: 0.8,
        maintenanceSharePerYear: 0.1,
      };
    case 4:
      return {
        kind: 'cloudTokens',
        id,
        name,
        inputTokensPerTask: 1500,
        outputTokensPerTask: 500,
        pricePerMillionInputTokens: 4,
        pricePerMillionOutputTokens: 16,
        priceDeclinePerYear: 0.2,
      };
    case 5:
      return {
        kind: 'modelLifecycle',
        id,
        name,
        upgradeEveryMonths: 6,
        revalidationHoursPerUpgrade: 20,
        driftMonitoringPerMonth: 1000,
      };
    case 6:
      return { kind: 'staffing', id, name, role: 'AI engineer', fte: 1, annualCostPerFte: 300000 };
    default:
      return {
        kind: 'recurring',
        id,
        name,
        category: 'maintenance',
        amount: 10000,
        period: 'month',
        escalatorPerYear: 0.03,
      };
  }
}

/**
 * Whether line j of option o is a long formula: the first option's formulas, as many as the
 * document's budget holds beside every other option's short ones.
 */
function longFormulas(o: number, j: number, lines: number): boolean {
  if (o !== 0 || j % 8 > 1) return false;
  const formulas = OPTIONS * Math.ceil((lines * 2) / 8);
  const long = Math.floor(
    (MAX_FORMULA_CHARACTERS - formulas * SHORT_FORMULA.length) / (2000 - SHORT_FORMULA.length),
  );
  const index = Math.floor(j / 8) * 2 + (j % 8);
  return index < long;
}

/** The uncertain inputs: each option's effects' fit in turn, option after option. */
function uncertainInputs(count: number): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const o = i % OPTIONS;
    const e = Math.floor(i / OPTIONS) % WORKFLOWS;
    inputs[`options.${o}.effects.${e}.fit`] = { kind: 'triangular', low: 0.5, high: 0.9 };
  }
  return inputs;
}

export interface LargeScenarioSize {
  /** Cost lines of each option (at most 100). */
  lines?: number;
  uncertainInputs?: number;
  trials?: number;
}

/** A document of every limit's size (lines per option as asked), accepted or not. */
export function largeScenario({
  lines = LINES,
  uncertainInputs: inputs = 0,
  trials = 100,
}: LargeScenarioSize = {}): ScenarioInput {
  const base = baseScenario();
  const workflows = Array.from({ length: WORKFLOWS }, (_, w) => ({
    ...base.workflows[0]!,
    id: `w${w}`,
    name: `Workflow ${w + 1}`,
  }));
  const options = Array.from({ length: OPTIONS }, (_, o) => ({
    id: `o${o}`,
    name: `Option ${o + 1}`,
    kind: o === 0 ? 'buy' : 'pilot',
    ...(o === 0
      ? {}
      : { pilot: { durationMonths: 3, decisionRule: { minNetMinutesPerTask: 0 }, scaleUpOptionId: 'o0' } }),
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
    costLines: Array.from({ length: lines }, (_, j) => costLine(o, j, longFormulas(o, j, lines))),
    funding: Array.from({ length: FUNDING }, (_, f) => ({
      kind: 'shareOfCost',
      id: `o${o}f${f}`,
      name: `Funding ${f + 1}`,
      source: 'grant',
      category: 'compute',
      share: 0.01,
    })),
  }));
  return {
    ...base,
    horizonYears: 10,
    workflows,
    options,
    uncertainty: { seed: 1, trials, inputs: uncertainInputs(inputs), correlations: [] },
  } as unknown as ScenarioInput;
}

/**
 * The largest document of that shape that validation accepts: the most cost lines per option
 * for which its Monte Carlo of 100 trials (and the uncertain inputs asked for) stays within
 * the work cap.
 */
export function largestAcceptedScenario(size: Omit<LargeScenarioSize, 'lines'> = {}): ScenarioInput {
  let lo = 0;
  let hi = LINES;
  const accepted = (lines: number) => validateScenario(largeScenario({ ...size, lines })).ok;
  if (accepted(hi)) return largeScenario({ ...size, lines: hi });
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (accepted(mid)) lo = mid;
    else hi = mid;
  }
  return largeScenario({ ...size, lines: lo });
}
