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
  recoveries: number;
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

const EMPTY_MONTHLY: MonthlySeries = {
  cashOut: [],
  funding: [],
  cashRealized: [],
  netCashFlow: [],
  cumulativeNetCash: [],
  hoursFreed: [],
  tasksWithAi: [],
};

export interface OptionOutcome {
  ledger: Ledger;
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
  /** A Monte Carlo trial needs no IRR, no discounted payback and no monthly series. */
  lean = false,
): OptionResult {
  const { ledger } = outcome;
  const M = model.months;
  const rate = read(p, model.discountRateSlot, 0.08);
  const cashOut = new Float64Array(M);
  for (const c of ledger.costs) for (let t = 0; t < M; t++) cashOut[t]! += c[t]!;
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
      recoveries: sum(ledger.recoveries, from, to),
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
  const { irr, note } = lean ? { irr: null, note: null } : irrOf(years.map((y) => y.netCashFlow));
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
    discountedPaybackMonth: lean ? null : paybackMonth(net, monthlyRate(rate)),
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
    monthly: lean
      ? EMPTY_MONTHLY
      : {
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
