/**
 * The plans a committee makes without a solver, to set beside the optimum: "fund every option
 * with a positive NPV, best first, while the budget lasts" and "everything now". Both start
 * everything in the first year; both keep the contracts already signed (forced choices).
 */
import type { CandidateTable } from './candidates';
import { fewestServers, serverLoadByYear, violations, type Selection } from './evaluate';
import type { PortfolioDocument } from './portfolio';

/** The candidate a forced choice takes at the first allowed start, or null. */
function forcedCandidates(doc: PortfolioDocument, table: CandidateTable): (number | null)[] {
  return doc.members.map((member, u) => {
    const forced = doc.forced.find((f) => f.scenarioId === member.scenarioId);
    if (!forced) return null;
    let best: number | null = null;
    table.candidates.forEach((c, i) => {
      if (c.useCase !== u || c.optionId !== forced.optionId) return;
      if (forced.startOffsetYears !== null && c.offset !== forced.startOffsetYears) return;
      if (best === null || c.offset < table.candidates[best]!.offset) best = i;
    });
    return best;
  });
}

const withServers = (
  doc: PortfolioDocument,
  table: CandidateTable,
  byUseCase: (number | null)[],
): Selection => {
  const spec = doc.resources.sharedServers;
  const partial: Selection = { byUseCase, serverPurchases: new Array<number>(table.years).fill(0) };
  return spec
    ? { byUseCase, serverPurchases: fewestServers(spec, serverLoadByYear(table, partial)) }
    : partial;
};

/** Positive-NPV options started now, best NPV first, each taken while every year still fits. */
export function positiveNpvGreedy(
  doc: PortfolioDocument,
  table: CandidateTable,
  budget: readonly number[],
): Selection {
  const byUseCase = forcedCandidates(doc, table);
  const first = Math.min(...doc.startOffsets);
  const ranked = table.candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.offset === first && c.npv > 0)
    .sort((a, b) => b.c.npv - a.c.npv);
  for (const { c, i } of ranked) {
    if (byUseCase[c.useCase] !== null) continue;
    const trial = [...byUseCase];
    trial[c.useCase] = i;
    const v = violations(doc, table, withServers(doc, table, trial), budget);
    if (v.budgetYears.length === 0 && !v.research && !v.hires && !v.servers && !v.dependencies)
      byUseCase[c.useCase] = i;
  }
  return withServers(doc, table, byUseCase);
}

/** Every use case's best-NPV option, started now, whatever the budget says. */
export function everythingNow(doc: PortfolioDocument, table: CandidateTable): Selection {
  const byUseCase = forcedCandidates(doc, table);
  const first = Math.min(...doc.startOffsets);
  table.candidates.forEach((c, i) => {
    if (c.offset !== first || doc.forced.some((f) => f.scenarioId === doc.members[c.useCase]!.scenarioId))
      return;
    const current = byUseCase[c.useCase];
    if (current === null || c.npv > table.candidates[current!]!.npv) byUseCase[c.useCase] = i;
  });
  return withServers(doc, table, byUseCase);
}
