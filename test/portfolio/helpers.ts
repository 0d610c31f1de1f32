/** Hand-made portfolios and candidate tables, and the brute force the solver is checked against. */
import type { Candidate, CandidateTable } from '~/portfolio/candidates';
import {
  objectiveOf,
  violations,
  fewestServers,
  serverLoadByYear,
  type Selection,
} from '~/portfolio/evaluate';
import type { PortfolioDocument } from '~/portfolio/portfolio';

export function portfolioDoc(
  useCases: number,
  years: number,
  overrides: Partial<PortfolioDocument> = {},
): PortfolioDocument {
  return {
    name: 'test',
    members: Array.from({ length: useCases }, (_, u) => ({ scenarioId: `u${u}`, version: 1 })),
    startYear: 2027,
    horizonYears: years,
    discountRate: 0.08,
    startOffsets: Array.from({ length: years }, (_, y) => y),
    budgetByYear: new Array<number>(years).fill(1_000_000),
    committedByYear: new Array<number>(years).fill(0),
    researchBudgetByYear: new Array<number>(years).fill(0),
    forced: [],
    dependencies: [],
    objective: 'npv',
    breachProbability: 0.1,
    resources: { sharedServers: null, hiresPerYear: null },
    ...overrides,
  };
}

export function candidate(
  useCase: number,
  optionId: string,
  offset: number,
  npv: number,
  spend: number[],
  extra: Partial<Candidate> = {},
): Candidate {
  const zeros = spend.map(() => 0);
  return {
    useCase,
    optionId,
    offset,
    npv,
    spend,
    research: zeros,
    hires: zeros,
    serverLoad: zeros,
    p10: null,
    trials: null,
    ...extra,
  };
}

/**
 * Every combination of choices (none, or one candidate, per use case), the servers each needs
 * bought as late and as few as possible: the best feasible objective and the plan that gives it.
 */
export function bruteForce(
  doc: PortfolioDocument,
  table: CandidateTable,
  budget: readonly number[] = doc.budgetByYear,
): { objective: number; selection: Selection } | null {
  const U = doc.members.length;
  const options = Array.from({ length: U }, (_, u) => [
    null,
    ...table.candidates.flatMap((c, i) => (c.useCase === u ? [i] : [])),
  ]);
  let best: { objective: number; selection: Selection } | null = null;
  const pick = new Array<number | null>(U).fill(null);
  const visit = (u: number) => {
    if (u === U) {
      const byUseCase = [...pick];
      for (const f of doc.forced) {
        const i = byUseCase[doc.members.findIndex((m) => m.scenarioId === f.scenarioId)];
        if (i === null || i === undefined) return;
        const c = table.candidates[i]!;
        if (c.optionId !== f.optionId) return;
        if (f.startOffsetYears !== null && c.offset !== f.startOffsetYears) return;
      }
      const spec = doc.resources.sharedServers;
      const empty: Selection = { byUseCase, serverPurchases: new Array<number>(table.years).fill(0) };
      const selection = spec
        ? { byUseCase, serverPurchases: fewestServers(spec, serverLoadByYear(table, empty)) }
        : empty;
      const v = violations(doc, table, selection, budget);
      if (v.budgetYears.length > 0 || v.research || v.hires || v.servers || v.dependencies) return;
      const objective = objectiveOf(doc, table, selection);
      if (!best || objective > best.objective + 1e-9) best = { objective, selection };
      return;
    }
    for (const choice of options[u]!) {
      pick[u] = choice;
      visit(u + 1);
    }
  };
  visit(0);
  return best;
}
