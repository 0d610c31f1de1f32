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

/** The first month with hours, or the length when there is none. */
function firstActive(series: Float64Array): number {
  let t = 0;
  while (t < series.length && series[t] === 0) t++;
  return t;
}

/** The last month with hours at or after `first`. Only months in between can realize anything. */
function lastActive(series: Float64Array, first: number): number {
  let t = series.length - 1;
  while (t > first && series[t] === 0) t--;
  return t;
}

export function realizeBenefits(model: Model, p: Float64Array, timeline: Timeline, ledger: Ledger): void {
  const staffing = ledger.costs[CATEGORY_INDEX.staffing]!;
  for (let r = 0; r < model.roles.length; r++) {
    const role = model.roles[r];
    const hours = ledger.hoursByRole[r]!;
    if (!role) continue;
    const first = firstActive(hours);
    if (first === hours.length) continue;
    const last = lastActive(hours, first);
    const annualCost = read(p, role.slots.annualCostPerFte);
    const paidHours = read(p, role.slots.paidHoursPerYear, 1);
    const overtime = read(p, role.slots.overtimeMultiplier, 1.5);
    // Year by year (the wage index moves once a year): this runs in every Monte Carlo trial.
    for (let y = yearOf(first), t = first; t <= last; y++) {
      const hourly = (annualCost * wageAt(timeline, model, y)) / paidHours;
      for (const end = Math.min((y + 1) * 12, last + 1); t < end; t++) {
        const h = hours[t]!;
        if (h < 0) {
          const cost = -h * hourly * overtime;
          staffing[t]! += cost;
          ledger.burden[t]! += cost;
        } else {
          ledger.paperValue[t]! += h * hourly;
        }
      }
    }
    const mode = model.realization[r]!;
    if (mode.mode === 'avoidedStaffing') {
      // A post is saved once the freed hours of the last twelve months add up to a full
      // year of that role's paid hours, and only while hours are still being freed (an
      // abandoned system gives the post back at once); cash moves in whole FTE steps.
      const maxFte = Math.floor(read(p, mode.slots.maxFte, read(p, role.slots.headcount)) + 1e-9);
      // Before the first month with hours the window is empty; after the last, no hours are freed.
      let window = 0;
      const halfPost = paidHours / 2;
      for (let y = yearOf(first), t = first; t <= last; y++) {
        const wage = wageAt(timeline, model, y);
        for (const end = Math.min((y + 1) * 12, last + 1); t < end; t++) {
          const freed = Math.max(0, hours[t]!);
          window += freed;
          if (t >= AVOIDED_STAFFING_WINDOW_MONTHS) {
            window -= Math.max(0, hours[t - AVOIDED_STAFFING_WINDOW_MONTHS]!);
          }
          const covered = freed > 0 ? window : 0;
          // Under half a post is no post (and no division): the usual month of a small hospital.
          if (covered < halfPost) continue;
          const fte = Math.min(Math.floor(covered / paidHours + 1e-9), maxFte);
          ledger.cashRealized[t]! += (fte * annualCost * wage) / 12;
        }
      }
    } else if (mode.mode === 'throughput') {
      const s = mode.slots;
      const perHour = (60 * read(p, s.redeployedShare)) / read(p, s.minutesPerVisit, 1);
      const margin = read(p, s.contributionMarginPerVisit);
      const cap = s.maxExtraVisitsPerYear < 0 ? Infinity : p[s.maxExtraVisitsPerYear]!;
      let visitsThisYear = 0;
      for (let t = first; t <= last; t++) {
        if (t % 12 === 0) visitsThisYear = 0;
        const visits = Math.min(Math.max(0, hours[t]!) * perHour, cap - visitsThisYear);
        if (visits <= 0) continue;
        visitsThisYear += visits;
        ledger.cashRealized[t]! += visits * margin;
      }
    }
  }
}

/** (1 + wage growth)^y, the last plan year's beyond the horizon. */
const wageAt = (timeline: Timeline, model: Model, y: number): number =>
  timeline.wageIndex[Math.min(y, model.years - 1)]!;
