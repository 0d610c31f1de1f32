/**
 * Funding lines offset an option's cost without hiding it: grants, research budgets, compute
 * vouchers (算力券). They run while the option is active and stop with it.
 */
import type { Ledger } from './ledger';
import type { ModelFundingLine } from './model';
import { read } from './params';
import { yearOf } from './timeline';
import { monthIndex, type Track } from './track';

export function bookFunding(track: Track, funding: ModelFundingLine, ledger: Ledger): void {
  const num = (field: string, fallback = 0) => read(track.p, funding.slot(field), fallback);
  const at = (field: string, fallback: number) => {
    const slot = funding.slot(field);
    return slot < 0 ? fallback : monthIndex(track, track.p[slot]!);
  };
  const start = at('startMonth', track.offset);
  const last = Math.min(at('endMonth', track.end), track.end);
  const line = funding.line;
  if (line.kind === 'fixed') {
    const amount = num('amount');
    for (let t = Math.max(start, 0); t <= last; t++) {
      const elapsed = t - start;
      const due = line.period === 'month' || (line.period === 'year' && elapsed % 12 === 0) || elapsed === 0;
      if (due) ledger.funding[t]! += amount;
      if (line.period === 'once') break;
    }
    return;
  }
  const share = num('share');
  const capSlot = funding.slot('capPerYear');
  const cap = capSlot < 0 ? Infinity : track.p[capSlot]!;
  const costs = ledger.costs[funding.categoryIndex]!;
  let paidThisYear = 0;
  let year = -1;
  for (let t = Math.max(start, 0); t <= last; t++) {
    if (yearOf(t) !== year) {
      year = yearOf(t);
      paidThisYear = 0;
    }
    const amount = Math.min(share * costs[t]!, cap - paidThisYear);
    if (amount > 0) {
      ledger.funding[t]! += amount;
      paidThisYear += amount;
    }
  }
}
