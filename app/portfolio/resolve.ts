/**
 * A portfolio request resolved against the scenario versions it pins: every default filled in
 * from the scenarios (where they agree), every reference checked. Pure: the caller reads the
 * versions. What cannot be resolved comes back as problems naming the field to give.
 */
import { compileScenario, type Scenario } from '~/engine';
import { aiBudgetByYear } from '~/engine/timeline';

import type { PortfolioDocument, PortfolioRequest, SharedServers } from './portfolio';
import type { PortfolioProblem, ProblemValue } from './problems';

export interface PinnedScenario {
  scenarioId: string;
  version: number;
  document: Scenario;
}

export type ResolvedPortfolio =
  { ok: true; document: PortfolioDocument } | { ok: false; problems: PortfolioProblem[] };

const DEFAULT_BREACH_PROBABILITY = 0.1;

/** Two figures from different documents that are the same figure (money and rates as stored). */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The one value all the scenarios have, or the distinct values they differ by. */
function agreed(values: readonly number[]): { ok: true; value: number } | { ok: false; values: number[] } {
  const distinct: number[] = [];
  for (const v of values) if (!distinct.some((d) => same(d, v))) distinct.push(v);
  return distinct.length === 1 ? { ok: true, value: distinct[0]! } : { ok: false, values: distinct };
}

/**
 * Each portfolio year's AI budget by the engine's own rule (informatization × AI share, the
 * budget given by year, grown after its last year) for one scenario: null for a year before the
 * scenario's start, for which it says nothing. The document is run over a horizon long enough
 * to reach the portfolio's last year (the rule runs on past the scenario's own horizon).
 */
function scenarioBudget(document: Scenario, startYear: number, horizonYears: number): (number | null)[] {
  const lastIndex = startYear + horizonYears - 1 - document.startYear;
  const years = Math.max(document.horizonYears, lastIndex + 1);
  const model = compileScenario(
    years === document.horizonYears ? document : { ...document, horizonYears: years },
  );
  const byYear = aiBudgetByYear(model, model.params.base);
  return Array.from({ length: horizonYears }, (_, y) => {
    const k = startYear + y - document.startYear;
    return k >= 0 ? byYear[k]! : null;
  });
}

const SERVER_FIELDS = [
  'tokensPerSecondPerServer',
  'targetUtilization',
  'capexPerServer',
  'usefulLifeYears',
  'kwPerServer',
  'pue',
  'electricityPricePerKwh',
  'maintenanceSharePerYear',
] as const;
type ServerSpec = Omit<SharedServers, 'maxServers'>;

/** The first on-premises compute line among the scenarios, as a pool's specification. */
function serverSpecFromScenarios(pinned: readonly PinnedScenario[]): ServerSpec | null {
  for (const { document } of pinned)
    for (const option of document.options)
      for (const line of option.costLines) {
        if (line.kind !== 'onPremCompute') continue;
        // A public hospital cannot deduct input VAT: a price before tax costs it price × (1 + rate).
        const vat = line.vat && !line.vat.included ? 1 + line.vat.rate : 1;
        return {
          tokensPerSecondPerServer: line.tokensPerSecondPerServer,
          targetUtilization: line.targetUtilization,
          capexPerServer: line.capexPerServer * vat,
          usefulLifeYears: line.usefulLifeYears,
          kwPerServer: line.kwPerServer,
          pue: line.pue,
          electricityPricePerKwh: line.electricityPricePerKwh,
          maintenanceSharePerYear: line.maintenanceSharePerYear,
        };
      }
  return null;
}

/** Finds a circle among "B needs A": the index of one dependency on it, or null. */
function dependencyOnCycle(
  dependencies: readonly { scenarioId: string; needsScenarioId: string }[],
): number | null {
  const needs = new Map<string, string[]>();
  for (const d of dependencies)
    needs.set(d.scenarioId, [...(needs.get(d.scenarioId) ?? []), d.needsScenarioId]);
  const state = new Map<string, 'open' | 'done'>();
  const found: { edge: [string, string] | null } = { edge: null };
  const visit = (node: string): boolean => {
    state.set(node, 'open');
    for (const next of needs.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') {
        found.edge = [node, next];
        return true;
      }
      if (s === undefined && visit(next)) return true;
    }
    state.set(node, 'done');
    return false;
  };
  for (const node of needs.keys()) if (!state.has(node) && visit(node)) break;
  if (!found.edge) return null;
  const [from, to] = found.edge;
  return dependencies.findIndex((d) => d.scenarioId === from && d.needsScenarioId === to);
}

/**
 * Resolves a request against the pinned versions of its scenarios (in the order of
 * `request.scenarioIds`): the document a portfolio version stores, or every problem found.
 */
export function resolvePortfolio(
  request: PortfolioRequest,
  pinned: readonly PinnedScenario[],
): ResolvedPortfolio {
  const problems: PortfolioProblem[] = [];
  const problem = (path: string, code: PortfolioProblem['code'], params: Record<string, ProblemValue> = {}) =>
    problems.push({ path, code, params });
  const documents = new Map(pinned.map((p) => [p.scenarioId, p.document]));

  request.scenarioIds.forEach((id, i) => {
    if (request.scenarioIds.indexOf(id) !== i) problem(`scenarioIds.${i}`, 'duplicateScenario');
  });

  // The common calendar: the portfolio's own, or what every scenario says.
  const common = (field: 'startYear' | 'horizonYears' | 'discountRate'): number | null => {
    const own = request[field];
    if (own !== undefined) return own;
    const found = agreed(pinned.map((p) => p.document[field]));
    if (found.ok) return found.value;
    problem(field, 'scenariosDisagree', { values: found.values });
    return null;
  };
  const startYear = common('startYear');
  const horizonYears = common('horizonYears');
  const discountRate = common('discountRate');

  /** A yearly list given in the request: one figure a year, none negative. */
  const checkYearly = (
    field: 'budgetByYear' | 'committedByYear' | 'researchBudgetByYear',
    horizon: number,
  ) => {
    const given = request[field]!;
    if (given.length !== horizon)
      problem(field, 'lengthMismatch', { expected: horizon, given: given.length });
    given.forEach((v, i) => {
      if (v < 0) problem(`${field}.${i}`, 'negative', startYear === null ? {} : { year: startYear + i });
    });
    return given;
  };

  let startOffsets: number[] = [];
  let budgetByYear: number[] = [];
  let committedByYear: number[] = [];
  let researchBudgetByYear: number[] = [];
  if (horizonYears !== null) {
    const offsets = request.startOffsets ?? Array.from({ length: horizonYears }, (_, k) => k);
    offsets.forEach((k, i) => {
      if (k >= horizonYears) problem(`startOffsets.${i}`, 'offsetBeyondHorizon', { horizon: horizonYears });
    });
    // The offsets allowed are a set: their order and repeats say nothing.
    startOffsets = [...new Set(offsets)].sort((a, b) => a - b);

    if (request.budgetByYear) budgetByYear = checkYearly('budgetByYear', horizonYears);
    else if (startYear !== null) budgetByYear = defaultBudget(pinned, startYear, horizonYears, problem);

    committedByYear = request.committedByYear
      ? checkYearly('committedByYear', horizonYears)
      : new Array<number>(horizonYears).fill(0);

    if (request.researchBudgetByYear)
      researchBudgetByYear = checkYearly('researchBudgetByYear', horizonYears);
    else {
      // Only the use cases that draw on the research budget say what it is: the others' figure
      // (often the default 0) is read by nothing.
      const drawing = pinned.filter((p) =>
        p.document.options.some((o) => o.funding.some((f) => f.source === 'researchBudget')),
      );
      const research = agreed(drawing.map((p) => p.document.budget.aiResearchBudgetPerYear));
      if (drawing.length === 0) researchBudgetByYear = new Array<number>(horizonYears).fill(0);
      else if (research.ok) researchBudgetByYear = new Array<number>(horizonYears).fill(research.value);
      else problem('researchBudgetByYear', 'scenariosDisagree', { values: research.values });
    }
  } else {
    // Without a horizon the yearly lists cannot be checked for length, but a negative figure can.
    for (const field of ['budgetByYear', 'committedByYear', 'researchBudgetByYear'] as const)
      request[field]?.forEach((v, i) => {
        if (v < 0) problem(`${field}.${i}`, 'negative', startYear === null ? {} : { year: startYear + i });
      });
  }

  const forced: PortfolioDocument['forced'] = [];
  (request.forced ?? []).forEach((f, i) => {
    const document = documents.get(f.scenarioId);
    if (!document) return problem(`forced.${i}.scenarioId`, 'notInPortfolio');
    if (forced.some((g) => g.scenarioId === f.scenarioId))
      return problem(`forced.${i}.scenarioId`, 'forcedTwice');
    if (!document.options.some((o) => o.id === f.optionId))
      return problem(`forced.${i}.optionId`, 'unknownOption');
    if (
      f.startOffsetYears !== undefined &&
      horizonYears !== null &&
      !startOffsets.includes(f.startOffsetYears)
    )
      return problem(`forced.${i}.startOffsetYears`, 'offsetNotAllowed');
    forced.push({
      scenarioId: f.scenarioId,
      optionId: f.optionId,
      startOffsetYears: f.startOffsetYears ?? null,
    });
  });

  const dependencies: PortfolioDocument['dependencies'] = [];
  const dependencyIndex: number[] = [];
  (request.dependencies ?? []).forEach((d, i) => {
    if (!documents.has(d.scenarioId)) return problem(`dependencies.${i}.scenarioId`, 'notInPortfolio');
    if (!documents.has(d.needsScenarioId))
      return problem(`dependencies.${i}.needsScenarioId`, 'notInPortfolio');
    if (d.scenarioId === d.needsScenarioId)
      return problem(`dependencies.${i}.needsScenarioId`, 'dependsOnItself');
    if (dependencies.some((e) => e.scenarioId === d.scenarioId && e.needsScenarioId === d.needsScenarioId))
      return;
    dependencies.push({ scenarioId: d.scenarioId, needsScenarioId: d.needsScenarioId });
    dependencyIndex.push(i);
  });
  const cycle = dependencyOnCycle(dependencies);
  if (cycle !== null) problem(`dependencies.${dependencyIndex[cycle]}`, 'dependencyCycle');

  const sharedServers = resolveSharedServers(request, pinned, problem);

  if (problems.length > 0 || startYear === null || horizonYears === null || discountRate === null)
    return { ok: false, problems };
  return {
    ok: true,
    document: {
      name: request.name,
      members: pinned.map((p) => ({ scenarioId: p.scenarioId, version: p.version })),
      startYear,
      horizonYears,
      discountRate,
      startOffsets,
      budgetByYear,
      committedByYear,
      researchBudgetByYear,
      forced,
      dependencies,
      objective: request.objective ?? 'npv',
      breachProbability: request.breachProbability ?? DEFAULT_BREACH_PROBABILITY,
      resources: { sharedServers, hiresPerYear: request.resources?.hiresPerYear ?? null },
    },
  };
}

type Report = (path: string, code: PortfolioProblem['code'], params?: Record<string, ProblemValue>) => void;

/** The budget the scenarios give each year of the portfolio, when they all give the same. */
function defaultBudget(
  pinned: readonly PinnedScenario[],
  startYear: number,
  horizonYears: number,
  problem: Report,
): number[] {
  let budgets: (number | null)[][];
  try {
    budgets = pinned.map((p) => scenarioBudget(p.document, startYear, horizonYears));
  } catch {
    // A validated document always compiles; should one not, its budget is not known.
    problem('budgetByYear', 'budgetUnknown', { year: startYear });
    return [];
  }
  const out: number[] = [];
  for (let y = 0; y < horizonYears; y++) {
    const given = budgets.map((b) => b[y]!);
    if (given.some((v) => v === null)) {
      problem('budgetByYear', 'budgetUnknown', { year: startYear + y });
      return [];
    }
    const found = agreed(given as number[]);
    if (!found.ok) {
      problem('budgetByYear', 'scenariosDisagree', { values: found.values, year: startYear + y });
      return [];
    }
    out.push(found.value);
  }
  return out;
}

function resolveSharedServers(
  request: PortfolioRequest,
  pinned: readonly PinnedScenario[],
  problem: Report,
): SharedServers | null {
  const asked = request.resources?.sharedServers;
  if (asked === undefined || asked === false) return null;
  const own = asked === true ? {} : asked;
  const fromScenarios = serverSpecFromScenarios(pinned);
  const missing = SERVER_FIELDS.filter((f) => own[f] === undefined && !fromScenarios);
  if (missing.length > 0) {
    problem('resources.sharedServers', 'serverSpecMissing', { fields: missing });
    return null;
  }
  const spec = Object.fromEntries(SERVER_FIELDS.map((f) => [f, own[f] ?? fromScenarios![f]])) as ServerSpec;
  return { ...spec, maxServers: own.maxServers ?? null };
}
