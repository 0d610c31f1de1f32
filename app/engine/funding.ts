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
  const start = Math.max(at('startMonth', track.offset), track.windowStart);
  const last = Math.min(at('endMonth', track.end), track.end);
  const line = funding.line;
  const book = (t: number, amount: number) => {
    ledger.inflowsBooked = true;
    ledger.funding[t]! += amount;
    if (line.source === 'researchBudget') ledger.researchFunding[t]! += amount;
  };
  if (line.kind === 'fixed') {
    const amount = num('amount');
    for (let t = Math.max(start, 0); t <= last; t++) {
      const elapsed = t - start;
      const due = line.period === 'month' || (line.period === 'year' && elapsed % 12 === 0) || elapsed === 0;
      if (due) book(t, amount);
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
      book(t, amount);
      paidThisYear += amount;
    }
  }
}

/**
 * Funding offsets cost and is never profit: in each plan year funding lines pay at most the
 * year's cash out, and draws on the AI research budget at most that budget. Excess is cut
 * (the latest months first) and warned about.
 */
export function capFunding(
  ledger: Ledger,
  cashOut: Float64Array,
  researchBudgetPerYear: number,
  years: number,
): void {
  const cut = (series: Float64Array[], from: number, excess: number) => {
    for (let t = from + 11; t >= from && excess > 1e-9; t--) {
      const take = Math.min(series[0]![t]!, excess);
      for (const s of series) s[t]! -= Math.min(s[t]!, take);
      excess -= take;
    }
  };
  for (let y = 0; y < years; y++) {
    const from = y * 12;
    let research = 0;
    for (let t = from; t < from + 12; t++) research += ledger.researchFunding[t]!;
    if (research > researchBudgetPerYear + 1e-6) {
      ledger.warnings.push({ code: 'researchBudgetExceeded', lineId: '', month: from + 1 });
      // Cut research draws, and the same amount from total funding.
      const excess = research - researchBudgetPerYear;
      let left = excess;
      for (let t = from + 11; t >= from && left > 1e-9; t--) {
        const take = Math.min(ledger.researchFunding[t]!, left);
        ledger.researchFunding[t]! -= take;
        ledger.funding[t]! -= take;
        left -= take;
      }
    }
    let funding = 0;
    // A compact ledger keeps part of its cash out as yearly sums (see Ledger.byYear).
    let yearCashOut = ledger.byYear ? ledger.byYear.cashOut[y]! : 0;
    for (let t = from; t < from + 12; t++) {
      funding += ledger.funding[t]!;
      yearCashOut += cashOut[t]!;
    }
    if (funding > yearCashOut + 1e-6) {
      ledger.warnings.push({ code: 'fundingCapped', lineId: '', month: from + 1 });
      cut([ledger.funding], from, funding - yearCashOut);
      for (let t = from; t < from + 12; t++) {
        ledger.researchFunding[t] = Math.min(ledger.researchFunding[t]!, ledger.funding[t]!);
      }
    }
  }
}
