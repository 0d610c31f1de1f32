/**
 * What the engine reports, per option against the status quo, and how a ledger becomes it.
 * Conventions (so a committee can check them in a spreadsheet): `cashOut` is the sum of
 * `costs` (gross, before funding); `netCashFlow = cashRealized + funding − cashOut`; `npv`
 * discounts year k's net cash flow by (1 + r)^k; `budgetHeadroom = budget − (cashOut − funding)`.
 */
import { irr as irrOf, monthlyRate, npv as npvOf, paybackMonth, type IrrNote } from './finance';
import type { ComputeSizing, EngineWarning, Ledger } from './ledger';
import type { Model, ModelOption } from './model';
import { read } from './params';
import { COST_CATEGORIES, ROLE_IDS, type CostCategory, type OptionKind, type RoleId } from './constants';
import { localize, type Lang } from './text';
import type { StopOutcome } from './track';
import type { MonteCarloResult } from './uncertainty/monte-carlo';

export type CostBreakdown = Record<CostCategory, number>;

export interface YearResult {
  /** Plan year, 1 = first. */
  year: number;
  calendarYear: number;
  cashOut: number;
  costs: CostBreakdown;
  /** Funding lines plus resale recoveries. */
  funding: number;
  /** The part of funding drawn from the hospital's AI research budget. */
  researchFunding: number;
  recoveries: number;
  /** FTE of new posts first paid this year (staffing lines). */
  newHires: number;
  /** The busiest month's load on on-premises servers (tokens/s at the adoption ceiling). */
  peakServerLoad: number;
  hoursFreed: number;
  fteFreed: number;
  tasksWithAi: number;
  cashRealized: number;
  paperValue: number;
  netCashFlow: number;
  cumulativeNetCash: number;
  budget: number;
  budgetHeadroom: number;
  /** (cashOut − funding) ÷ budget; null when the budget is zero. */
  budgetShareUsed: number | null;
  budgetBreach: boolean;
  capex: number;
  opex: number;
  depreciation: number;
  /** Opex plus depreciation: the accounting view of the year's cost. */
  accountingCost: number;
  /** Overtime paid for added burden (part of costs.staffing). */
  burdenOvertime: number;
}

export interface PilotOutcome {
  decisionMonth: number;
  measuredNetMinutesPerTask: number;
  threshold: number;
  decision: 'scaleUp' | 'stop';
  scaleUpOptionId: string;
  /** First month of the scaled-up option, or null (stopped, or beyond the horizon). */
  scaleUpMonth: number | null;
}

export interface StopResult extends StopOutcome {
  strandedCash: number;
  strandedBookValue: number;
}

export interface RoleResult {
  role: RoleId;
  hoursFreed: number;
  fteFreed: number;
}

export interface MonthlySeries {
  cashOut: number[];
  funding: number[];
  cashRealized: number[];
  netCashFlow: number[];
  cumulativeNetCash: number[];
  hoursFreed: number[];
  tasksWithAi: number[];
}

export interface OptionResult {
  id: string;
  name: string;
  kind: OptionKind;
  npv: number;
  irr: number | null;
  irrNote: IrrNote | null;
  paybackMonth: number | null;
  discountedPaybackMonth: number | null;
  /** Cash ROI: (cash realized + funding − cash out) ÷ cash out over the horizon. */
  roi: number | null;
  /** Paper ROI: as roi, with every freed hour valued at the loaded wage instead of cash realized. */
  paperRoi: number | null;
  /** Total cost of ownership: cash out over the horizon, before funding. */
  tco: number;
  funding: number;
  hoursFreed: number;
  /** FTE-equivalents freed in the final year. */
  fteFreed: number;
  cashRealized: number;
  paperValue: number;
  tasksWithAi: number;
  costPerHourFreed: number | null;
  costPerTask: number | null;
  peakYearlySpend: number;
  budgetBreachYears: number[];
  byRole: RoleResult[];
  stop: StopResult | null;
  pilot: PilotOutcome | null;
  compute: ComputeSizing[];
  warnings: EngineWarning[];
  years: YearResult[];
  monthly: MonthlySeries;
}

export interface ScenarioResult {
  scenario: string;
  currency: string;
  discountRate: number;
  startYear: number;
  horizonYears: number;
  options: OptionResult[];
}

const sum = (a: ArrayLike<number>, from = 0, to = a.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s;
};
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export interface OptionOutcome {
  ledger: Ledger;
  /** Cash out per month, the sum of `ledger.costs` (a compact ledger's yearly part comes on top). */
  cashOut: Float64Array;
  stop: StopOutcome | null;
  pilot: PilotOutcome | null;
}

export function summarizeOption(
  model: Model,
  p: Float64Array,
  option: ModelOption,
  outcome: OptionOutcome,
  aiBudget: Float64Array,
  lang: Lang,
): OptionResult {
  const { ledger } = outcome;
  const M = model.months;
  const rate = read(p, model.discountRateSlot, 0.08);
  const { cashOut } = outcome;
  const net = new Float64Array(M);
  const funding = new Float64Array(M);
  const hours = new Float64Array(M);
  for (let t = 0; t < M; t++) {
    funding[t] = ledger.funding[t]! + ledger.recoveries[t]!;
    net[t] = ledger.cashRealized[t]! + funding[t]! - cashOut[t]!;
    for (const h of ledger.hoursByRole) hours[t]! += h[t]!;
  }
  const paidHours = model.roles.map((r) => (r ? read(p, r.slots.paidHoursPerYear, 1) : 1));

  let cumulative = 0;
  const years: YearResult[] = [];
  for (let y = 0; y < model.years; y++) {
    const from = y * 12;
    const to = from + 12;
    const costs = {} as CostBreakdown;
    COST_CATEGORIES.forEach((c, i) => (costs[c] = sum(ledger.costs[i]!, from, to)));
    const yearCashOut = sum(cashOut, from, to);
    const yearFunding = sum(funding, from, to);
    const netCashFlow = sum(net, from, to);
    cumulative += netCashFlow;
    const capex = sum(ledger.capex, from, to);
    const depreciation = sum(ledger.depreciation, from, to);
    const budget = aiBudget[y]!;
    const headroom = budget - (yearCashOut - yearFunding);
    years.push({
      year: y + 1,
      calendarYear: model.scenario.startYear + y,
      cashOut: yearCashOut,
      costs,
      funding: yearFunding,
      researchFunding: sum(ledger.researchFunding, from, to),
      recoveries: sum(ledger.recoveries, from, to),
      newHires: sum(ledger.newHires, from, to),
      peakServerLoad: Math.max(0, ...ledger.serverLoad.subarray(from, to)),
      hoursFreed: sum(hours, from, to),
      fteFreed: ledger.hoursByRole.reduce((s, h, r) => s + sum(h, from, to) / paidHours[r]!, 0),
      tasksWithAi: sum(ledger.aiTasks, from, to),
      cashRealized: sum(ledger.cashRealized, from, to),
      paperValue: sum(ledger.paperValue, from, to),
      netCashFlow,
      cumulativeNetCash: cumulative,
      budget,
      budgetHeadroom: headroom,
      budgetShareUsed: ratio(yearCashOut - yearFunding, budget),
      budgetBreach: headroom < -0.005,
      capex,
      opex: yearCashOut - capex,
      depreciation,
      accountingCost: yearCashOut - capex + depreciation,
      burdenOvertime: sum(ledger.burden, from, to),
    });
  }

  const tco = sum(cashOut);
  const totalFunding = sum(funding);
  const cashRealized = sum(ledger.cashRealized);
  const paperValue = sum(ledger.paperValue);
  const hoursFreed = sum(hours);
  const tasksWithAi = sum(ledger.aiTasks);
  const { irr, note } = irrOf(years.map((y) => y.netCashFlow));
  const monthlyCumulative: number[] = [];
  let running = 0;
  for (let t = 0; t < M; t++) monthlyCumulative.push((running += net[t]!));
  const lastYear = model.years - 1;

  return {
    id: option.id,
    name: localize(option.option.name, lang),
    kind: option.kind,
    npv: npvOf(
      rate,
      years.map((y) => y.netCashFlow),
    ),
    irr,
    irrNote: note,
    paybackMonth: paybackMonth(net),
    discountedPaybackMonth: paybackMonth(net, monthlyRate(rate)),
    roi: ratio(cashRealized + totalFunding - tco, tco),
    paperRoi: ratio(paperValue + totalFunding - tco, tco),
    tco,
    funding: totalFunding,
    hoursFreed,
    fteFreed: years[lastYear]!.fteFreed,
    cashRealized,
    paperValue,
    tasksWithAi,
    costPerHourFreed: hoursFreed > 0 ? tco / hoursFreed : null,
    costPerTask: tasksWithAi > 0 ? tco / tasksWithAi : null,
    peakYearlySpend: Math.max(0, ...years.map((y) => y.cashOut)),
    budgetBreachYears: years.filter((y) => y.budgetBreach).map((y) => y.year),
    byRole: ROLE_IDS.map((role, r) => ({
      role,
      hoursFreed: sum(ledger.hoursByRole[r]!),
      fteFreed: sum(ledger.hoursByRole[r]!, lastYear * 12, M) / paidHours[r]!,
    })).filter((r) => r.hoursFreed !== 0),
    stop: outcome.stop
      ? { ...outcome.stop, strandedCash: ledger.strandedCash, strandedBookValue: ledger.strandedBookValue }
      : null,
    pilot: outcome.pilot,
    compute: ledger.compute,
    warnings: ledger.warnings,
    years,
    monthly: {
      cashOut: Array.from(cashOut),
      funding: Array.from(funding),
      cashRealized: Array.from(ledger.cashRealized),
      netCashFlow: Array.from(net),
      cumulativeNetCash: monthlyCumulative,
      hoursFreed: Array.from(hours),
      tasksWithAi: Array.from(ledger.aiTasks),
    },
  };
}

/**
 * What a Monte Carlo trial keeps of each option (index k), in arrays made once for all
 * trials. The numbers are `summarizeOption`'s, summed year by year rather than month by month
 * (equal to rounding: property tests hold them within 1e-9 of a full run).
 */
export interface TrialOutcome {
  npv: Float64Array;
  /** Cash and paper ROI; NaN where there is no cost to divide by. */
  roi: Float64Array;
  paperRoi: Float64Array;
  /** 1 when the cumulative net cash ends at or above zero (payback within the horizon). */
  paidBack: Uint8Array;
  /** 1 when plan year y is over budget, at [k × years + y]. */
  budgetBreach: Uint8Array;
  /** Net cash flow of plan year y, at [k × years + y]. */
  yearlyNetCash: Float64Array;
  /** What plan year y takes of the budget (cash out − funding), at [k × years + y]. */
  yearlySpend: Float64Array;
  /** 1 when the option is a pilot that scaled up. */
  scaledUp: Uint8Array;
}

export function createTrialOutcome(model: Model): TrialOutcome {
  const K = model.options.length;
  return {
    npv: new Float64Array(K),
    roi: new Float64Array(K),
    paperRoi: new Float64Array(K),
    paidBack: new Uint8Array(K),
    budgetBreach: new Uint8Array(K * model.years),
    yearlyNetCash: new Float64Array(K * model.years),
    yearlySpend: new Float64Array(K * model.years),
    scaledUp: new Uint8Array(K),
  };
}

export function summarizeTrial(
  model: Model,
  outcome: OptionOutcome,
  aiBudget: Float64Array,
  out: TrialOutcome,
  k: number,
  /** (1 + discount rate)^y for y = 0…years: the same for every option of a run. */
  discount: Float64Array,
): void {
  const { ledger } = outcome;
  const Y = model.years;
  const monthlyCashOut = outcome.cashOut;
  // Most options book neither funding nor recoveries: two series of zeros not worth reading.
  const inflows = ledger.inflowsBooked;
  const byYear = ledger.byYear;
  let tco = 0;
  let totalFunding = 0;
  let cashRealized = 0;
  let paperValue = 0;
  let cumulative = 0;
  let npv = 0;
  for (let y = 0; y < Y; y++) {
    let yearCashOut = 0;
    let yearFunding = 0;
    let yearRealized = 0;
    let yearPaper = 0;
    for (let t = y * 12; t < y * 12 + 12; t++) {
      yearCashOut += monthlyCashOut[t]!;
      if (inflows) yearFunding += ledger.funding[t]! + ledger.recoveries[t]!;
      if (!byYear) {
        yearRealized += ledger.cashRealized[t]!;
        yearPaper += ledger.paperValue[t]!;
      }
    }
    if (byYear) {
      yearCashOut += byYear.cashOut[y]!;
      yearRealized = byYear.cashRealized[y]!;
      yearPaper = byYear.paperValue[y]!;
    }
    const yearNet = yearRealized + yearFunding - yearCashOut;
    tco += yearCashOut;
    totalFunding += yearFunding;
    cashRealized += yearRealized;
    paperValue += yearPaper;
    cumulative += yearNet;
    npv += yearNet / discount[y + 1]!;
    out.yearlyNetCash[k * Y + y] = yearNet;
    out.yearlySpend[k * Y + y] = yearCashOut - yearFunding;
    out.budgetBreach[k * Y + y] = aiBudget[y]! - (yearCashOut - yearFunding) < -0.005 ? 1 : 0;
  }
  // As paybackMonth: paid back when the cumulative flow does not end below zero.
  const endsNegative = cumulative < -1e-6;
  out.npv[k] = npv;
  out.roi[k] = tco > 0 ? (cashRealized + totalFunding - tco) / tco : NaN;
  out.paperRoi[k] = tco > 0 ? (paperValue + totalFunding - tco) / tco : NaN;
  out.paidBack[k] = endsNegative ? 0 : 1;
  out.scaledUp[k] = outcome.pilot?.decision === 'scaleUp' ? 1 : 0;
}

/** Results with their Monte Carlo: each option gains `mc`; `evpi` and `winners` sit on top. */
export function withMonteCarlo<R extends { options: { id: string }[] }>(result: R, mc: MonteCarloResult) {
  return {
    ...result,
    options: result.options.map((o) => ({ ...o, mc: mc.options[o.id] })),
    evpi: mc.evpi,
    winners: mc.winners,
    sweeps: mc.sweeps,
  };
}

/** The results as `simulate --json` and the results API print them (monthly series optional). */
export function resultsForExport(
  result: ScenarioResult,
  options: { monthly?: boolean } = {},
): ScenarioResult | (Omit<ScenarioResult, 'options'> & { options: Omit<OptionResult, 'monthly'>[] }) {
  if (options.monthly) return result;
  return { ...result, options: result.options.map(({ monthly: _monthly, ...rest }) => rest) };
}
