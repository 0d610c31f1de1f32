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
  // A trial's compact ledger takes overtime, cash realized and paper value as yearly sums.
  const byYear = ledger.byYear;
  for (let r = 0; r < model.roles.length; r++) {
    const role = model.roles[r];
    const hours = ledger.hoursByRole[r]!;
    if (!role || !(ledger.rolesWithHours & (1 << r))) continue;
    const first = firstActive(hours);
    if (first === hours.length) continue;
    const last = lastActive(hours, first);
    const annualCost = read(p, role.slots.annualCostPerFte);
    const paidHours = read(p, role.slots.paidHoursPerYear, 1);
    const overtime = read(p, role.slots.overtimeMultiplier, 1.5);
    const mode = model.realization[r]!;
    // Avoided staffing: a post is saved once the freed hours of the last twelve months add up
    // to a full year of that role's paid hours, and only while hours are still being freed (an
    // abandoned system gives the post back at once); cash moves in whole FTE steps. Before the
    // first month with hours the window is empty; after the last, no hours are freed.
    const avoided = mode.mode === 'avoidedStaffing' ? mode.slots : null;
    const maxFte = avoided ? Math.floor(read(p, avoided.maxFte, read(p, role.slots.headcount)) + 1e-9) : 0;
    const halfPost = paidHours / 2;
    let window = 0;
    // Throughput: freed hours redeployed to extra visits at a margin, up to a yearly cap.
    const throughput = mode.mode === 'throughput' ? mode.slots : null;
    const perHour = throughput
      ? (60 * read(p, throughput.redeployedShare)) / read(p, throughput.minutesPerVisit, 1)
      : 0;
    const margin = throughput ? read(p, throughput.contributionMarginPerVisit) : 0;
    const cap =
      !throughput || throughput.maxExtraVisitsPerYear < 0 ? Infinity : p[throughput.maxExtraVisitsPerYear]!;
    let visitsThisYear = 0;
    // One pass, year by year (the wage index moves once a year): this runs in every trial.
    for (let y = yearOf(first), t = first; t <= last; y++) {
      const wage = wageAt(timeline, model, y);
      const hourly = (annualCost * wage) / paidHours;
      let yearOvertime = 0;
      let yearPaper = 0;
      let yearRealized = 0;
      for (const end = Math.min((y + 1) * 12, last + 1); t < end; t++) {
        const h = hours[t]!;
        if (h < 0) {
          const cost = -h * hourly * overtime;
          if (byYear) yearOvertime += cost;
          else {
            staffing[t]! += cost;
            ledger.burden[t]! += cost;
          }
        } else if (byYear) yearPaper += h * hourly;
        else ledger.paperValue[t]! += h * hourly;
        let realized = 0;
        if (avoided) {
          const freed = Math.max(0, h);
          window += freed;
          if (t >= AVOIDED_STAFFING_WINDOW_MONTHS) {
            window -= Math.max(0, hours[t - AVOIDED_STAFFING_WINDOW_MONTHS]!);
          }
          const covered = freed > 0 ? window : 0;
          // Under half a post is no post (and no division): the usual month of a small hospital.
          if (covered >= halfPost) {
            const fte = Math.min(Math.floor(covered / paidHours + 1e-9), maxFte);
            realized = (fte * annualCost * wage) / 12;
          }
        } else if (throughput) {
          if (t % 12 === 0) visitsThisYear = 0;
          const visits = Math.min(Math.max(0, h) * perHour, cap - visitsThisYear);
          if (visits > 0) {
            visitsThisYear += visits;
            realized = visits * margin;
          }
        }
        if (byYear) yearRealized += realized;
        else ledger.cashRealized[t]! += realized;
      }
      if (byYear) {
        byYear.cashOut[y]! += yearOvertime;
        byYear.paperValue[y]! += yearPaper;
        byYear.cashRealized[y]! += yearRealized;
      }
    }
  }
}

/** (1 + wage growth)^y, the last plan year's beyond the horizon. */
const wageAt = (timeline: Timeline, model: Model, y: number): number =>
  timeline.wageIndex[Math.min(y, model.years - 1)]!;
