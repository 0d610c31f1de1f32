/**
 * From hours to money. Freed hours become cash only as each role's realization mode allows:
 * whole avoided posts, extra visits at a contribution margin, or nothing. Added burden
 * (negative hours) is paid as overtime.
 */
import type { Ledger } from './ledger';
import { CATEGORY_INDEX, type Model } from './model';
import { read } from './params';
import { yearOf, type Timeline } from './timeline';

/** Months over which freed hours must add up to a whole post before a hire is avoided. */
export const AVOIDED_STAFFING_WINDOW_MONTHS = 12;

function allZero(series: Float64Array): boolean {
  for (let t = 0; t < series.length; t++) if (series[t] !== 0) return false;
  return true;
}

export function realizeBenefits(model: Model, p: Float64Array, timeline: Timeline, ledger: Ledger): void {
  const staffing = ledger.costs[CATEGORY_INDEX.staffing]!;
  model.roles.forEach((role, r) => {
    const hours = ledger.hoursByRole[r]!;
    if (!role || allZero(hours)) return;
    const annualCost = read(p, role.slots.annualCostPerFte);
    const paidHours = read(p, role.slots.paidHoursPerYear, 1);
    const overtime = read(p, role.slots.overtimeMultiplier, 1.5);
    const wage = (t: number) => timeline.wageIndex[Math.min(yearOf(t), model.years - 1)]!;
    for (let t = 0; t < hours.length; t++) {
      const hourly = (annualCost * wage(t)) / paidHours;
      const h = hours[t]!;
      if (h < 0) {
        const cost = -h * hourly * overtime;
        staffing[t]! += cost;
        ledger.burden[t]! += cost;
      } else {
        ledger.paperValue[t]! += h * hourly;
      }
    }
    const mode = model.realization[r]!;
    if (mode.mode === 'avoidedStaffing') {
      // A post is saved once the freed hours of the last twelve months add up to a full
      // year of that role's paid hours, and only while hours are still being freed (an
      // abandoned system gives the post back at once); cash moves in whole FTE steps.
      const maxFte = read(p, mode.slots.maxFte, read(p, role.slots.headcount));
      let window = 0;
      for (let t = 0; t < hours.length; t++) {
        const freed = Math.max(0, hours[t]!);
        window += freed;
        if (t >= AVOIDED_STAFFING_WINDOW_MONTHS) {
          window -= Math.max(0, hours[t - AVOIDED_STAFFING_WINDOW_MONTHS]!);
        }
        const covered = freed > 0 ? window : 0;
        const fte = Math.min(Math.floor(covered / paidHours + 1e-9), Math.floor(maxFte + 1e-9));
        ledger.cashRealized[t]! += (fte * annualCost * wage(t)) / 12;
      }
    } else if (mode.mode === 'throughput') {
      const s = mode.slots;
      const perHour = (60 * read(p, s.redeployedShare)) / read(p, s.minutesPerVisit, 1);
      const margin = read(p, s.contributionMarginPerVisit);
      const cap = s.maxExtraVisitsPerYear < 0 ? Infinity : p[s.maxExtraVisitsPerYear]!;
      let visitsThisYear = 0;
      for (let t = 0; t < hours.length; t++) {
        if (t % 12 === 0) visitsThisYear = 0;
        const visits = Math.min(Math.max(0, hours[t]!) * perHour, cap - visitsThisYear);
        if (visits <= 0) continue;
        visitsThisYear += visits;
        ledger.cashRealized[t]! += visits * margin;
      }
    }
  });
}
