/**
 * Monthly money and hours of one option against the status quo. Every flow an option causes
 * is booked here; the results are sums over it.
 */
import { COST_CATEGORIES, ROLE_IDS } from './constants';

export interface EngineWarning {
  code: 'expressionNotFinite' | 'expressionNegative' | 'researchBudgetExceeded' | 'fundingCapped';
  lineId: string;
  month: number;
}

export interface ComputeSizing {
  lineId: string;
  servers: number;
  peakTokensPerSecond: number;
  purchases: number;
}

export interface Ledger {
  months: number;
  /** Every cost category in one array, unread series in a sink (see emptyLedger). */
  compact: boolean;
  /** The distinct arrays behind `costs`: one per category, or the one total of a compact ledger. */
  costSeries: Float64Array[];
  /** Every distinct array of the ledger (what a merge adds up). */
  series: Float64Array[];
  /**
   * Cash out by category (COST_CATEGORIES order), per month. In a compact ledger, the part of
   * cash out booked month by month; the rest is in `byYear.cashOut`.
   */
  costs: Float64Array[];
  /** The part of cash out that buys capital goods. */
  capex: Float64Array;
  /** Straight-line depreciation of capital goods, for the accounting view. */
  depreciation: Float64Array;
  /** Funding lines: grants, research budget, compute vouchers. */
  funding: Float64Array;
  /** The part of funding drawn from the hospital's AI research budget. */
  researchFunding: Float64Array;
  /** Cash recovered by selling equipment of a stopped option. */
  recoveries: Float64Array;
  /** Some funding or recovery was booked (else a trial's summary need not read those two series). */
  inflowsBooked: boolean;
  /** Net hours freed by role (ROLE_IDS order); negative = added burden. */
  hoursByRole: Float64Array[];
  /** Bit r set when role r has hours booked (the others are all zero: nothing to realize). */
  rolesWithHours: number;
  /** Tasks done with AI. */
  aiTasks: Float64Array;
  /** FTE of new posts in their first paid month (staffing lines); a sink in a compact ledger. */
  newHires: Float64Array;
  /**
   * Load on on-premises servers in each month they are in use (tokens/s at the adoption ceiling,
   * summed over the lines; a pilot's and its scale-up's never overlap): what a portfolio's
   * shared servers must serve. A sink in a compact ledger.
   */
  serverLoad: Float64Array;
  /** Overtime paid for added burden (also in costs.staffing; a compact ledger's is in byYear). */
  burden: Float64Array;
  cashRealized: Float64Array;
  /** Freed hours valued at the loaded wage: the vendor's "paper" benefit. */
  paperValue: Float64Array;
  /**
   * A compact ledger's money that a trial reads only as yearly sums, by plan year: cash out
   * of static lines and overtime (the rest of cash out is `costs`, by month), cash realized
   * and paper value (its monthly series are then the sink). Null in a full ledger.
   */
  byYear: YearlyTotals | null;
  /** Undepreciated value of equipment left idle by a stop and not sold. */
  strandedBookValue: number;
  /** Cash still paid after a stop: commitments, idle upkeep, exit. */
  strandedCash: number;
  compute: ComputeSizing[];
  warnings: EngineWarning[];
}

export interface YearlyTotals {
  cashOut: Float64Array;
  cashRealized: Float64Array;
  paperValue: Float64Array;
}

/** Series in a ledger: 8 categories, 5 roles and 11 others. */
const SERIES = COST_CATEGORIES.length + ROLE_IDS.length + 11;
/** Series in a compact ledger: all costs in one, 5 roles, 3 others read by a trial, one sink. */
const COMPACT_SERIES = 1 + ROLE_IDS.length + 3 + 1;

/** The one buffer behind each ledger's series, so that a reset is one fill. */
const buffers = new WeakMap<Ledger, Float64Array>();

/**
 * An empty ledger. A compact one is for Monte Carlo trials, which read only totals: every
 * cost category is one and the same array (so it is cash out already), static lines' cash out,
 * overtime, cash realized and paper value are yearly sums (`byYear`), and the series no trial
 * reads month by month (capex, depreciation, AI tasks, overtime, cash realized, paper value)
 * share one write-only sink, which the month-by-month loops that would fill it skip
 * (`compact`); stranded cash is not kept either, and a pilot's scale-up books into the pilot's
 * ledger. Only for models whose funding never reads a category's cost (no share-of-cost lines).
 */
export function emptyLedger(months: number, compact = false): Ledger {
  const years = Math.ceil(months / 12);
  const buffer = new Float64Array(compact ? COMPACT_SERIES * months + 3 * years : SERIES * months);
  let next = 0;
  const arr = () => buffer.subarray(next, (next += months));
  const yearly = () => buffer.subarray(next, (next += years));
  let costs: Float64Array[];
  let capex: Float64Array, depreciation: Float64Array, aiTasks: Float64Array, burden: Float64Array;
  let newHires: Float64Array, serverLoad: Float64Array;
  let cashRealized: Float64Array, paperValue: Float64Array;
  let byYear: YearlyTotals | null = null;
  if (compact) {
    const cashOut = arr();
    costs = COST_CATEGORIES.map(() => cashOut);
    capex = depreciation = aiTasks = burden = cashRealized = paperValue = newHires = serverLoad = arr();
    byYear = { cashOut: yearly(), cashRealized: yearly(), paperValue: yearly() };
  } else {
    costs = COST_CATEGORIES.map(arr);
    capex = arr();
    depreciation = arr();
    aiTasks = arr();
    newHires = arr();
    serverLoad = arr();
    burden = arr();
    cashRealized = arr();
    paperValue = arr();
  }
  const ledger: Ledger = {
    months,
    compact,
    costSeries: [...new Set(costs)],
    series: [],
    costs,
    capex,
    depreciation,
    funding: arr(),
    researchFunding: arr(),
    recoveries: arr(),
    inflowsBooked: false,
    hoursByRole: ROLE_IDS.map(arr),
    rolesWithHours: 0,
    aiTasks,
    newHires,
    serverLoad,
    burden,
    cashRealized,
    paperValue,
    byYear,
    strandedBookValue: 0,
    strandedCash: 0,
    compute: [],
    warnings: [],
  };
  ledger.series = [
    ...new Set([
      ...ledger.costSeries,
      ledger.capex,
      ledger.depreciation,
      ledger.funding,
      ledger.researchFunding,
      ledger.recoveries,
      ...ledger.hoursByRole,
      ledger.aiTasks,
      ledger.newHires,
      ledger.serverLoad,
      ledger.burden,
      ledger.cashRealized,
      ledger.paperValue,
    ]),
    ...(byYear ? [byYear.cashOut, byYear.cashRealized, byYear.paperValue] : []),
  ];
  buffers.set(ledger, buffer);
  return ledger;
}

/** Empties a ledger for reuse (Monte Carlo trials). */
export function resetLedger(ledger: Ledger): void {
  buffers.get(ledger)!.fill(0);
  ledger.strandedBookValue = 0;
  ledger.strandedCash = 0;
  ledger.rolesWithHours = 0;
  ledger.inflowsBooked = false;
  // Setting an array's length is not free, and a trial's ledger is reset four times a trial.
  if (ledger.compute.length > 0) ledger.compute.length = 0;
  if (ledger.warnings.length > 0) ledger.warnings.length = 0;
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let t = 0; t < target.length; t++) target[t]! += source[t]!;
}

/** Adds `source` into `target` (a pilot and the option it scales up into make one option). */
export function mergeLedger(target: Ledger, source: Ledger): void {
  if (target.compact !== source.compact) throw new Error('Ledgers of two layouts cannot be merged');
  source.series.forEach((series, i) => addInto(target.series[i]!, series));
  target.strandedBookValue += source.strandedBookValue;
  target.strandedCash += source.strandedCash;
  target.rolesWithHours |= source.rolesWithHours;
  target.inflowsBooked ||= source.inflowsBooked;
  target.compute.push(...source.compute);
  target.warnings.push(...source.warnings);
}

/**
 * Cash out per month, every category added up: the one total itself in a compact ledger (whose
 * yearly part, `byYear.cashOut`, comes on top).
 */
export function cashOutOf(ledger: Ledger, scratch: () => Float64Array): Float64Array {
  const categories = ledger.costSeries;
  if (categories.length === 1) return categories[0]!;
  const out = scratch();
  for (let t = 0; t < ledger.months; t++) {
    let sum = 0;
    for (let c = 0; c < categories.length; c++) sum += categories[c]![t]!;
    out[t] = sum;
  }
  return out;
}

/**
 * Books a capital purchase: cash in month t, depreciation over its useful life. If the asset is
 * disposed of (sold or written off) at `disposedAt`, depreciation stops there and the remaining
 * book value is returned.
 */
export function bookCapex(
  ledger: Ledger,
  categoryIndex: number,
  t: number,
  amount: number,
  lifeMonths: number,
  disposedAt = Infinity,
): number {
  if (t < 0 || t >= ledger.months || amount <= 0) return 0;
  ledger.costs[categoryIndex]![t]! += amount;
  const perMonth = amount / lifeMonths;
  // A compact ledger (a trial) keeps no capex or depreciation: its sink need not be written.
  if (!ledger.compact) {
    ledger.capex[t]! += amount;
    const last = Math.min(t + lifeMonths - 1, ledger.months - 1, disposedAt);
    for (let s = t; s <= last; s++) ledger.depreciation[s]! += perMonth;
  }
  const depreciatedMonths = Math.max(0, Math.min(lifeMonths, disposedAt - t + 1));
  return disposedAt === Infinity ? 0 : amount - perMonth * depreciatedMonths;
}
