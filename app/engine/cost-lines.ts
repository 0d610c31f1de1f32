/**
 * Each kind of cost line, booked month by month into an option's ledger. After a track ends,
 * a line is paid only where it is committed (`committedUntilMonth`); volume-driven lines fall
 * to zero with the volume, and equipment stays on the books (idle) unless it is sold.
 */
import { EXPRESSION_BUILTINS, type ExpressionBuiltin } from './expression-variables';
import type { Arena } from './arena';
import { bookCapex, type Ledger } from './ledger';
import { F } from './line-fields';
import { CATEGORY_INDEX, type ModelCostLine } from './model';
import { read } from './params';
import { ROLE_IDS, type RoleId } from './constants';
import type { CostLineOf } from './schema';
import { HOURS_PER_MONTH, compoundFactors, yearOf } from './timeline';
import { hourlyCost, linkedTasks, monthIndex, type Track } from './track';

/** Slot of each built-in expression variable. */
const B = Object.fromEntries(EXPRESSION_BUILTINS.map((name, i) => [name, i])) as Record<
  ExpressionBuiltin,
  number
>;

const ROLE_INDEX = Object.fromEntries(ROLE_IDS.map((id, i) => [id, i])) as Record<RoleId, number>;

const COMPUTE = CATEGORY_INDEX.compute;
const MAINTENANCE = CATEGORY_INDEX.maintenance;
const COMPLIANCE = CATEGORY_INDEX.compliance;
const DATA = CATEGORY_INDEX.data;
const VENDOR = CATEGORY_INDEX.vendor;

/** One cost line of one track while it is booked (a class: no closures made per line and trial). */
class LineContext {
  /**
   * Months in which the line may be paid: from the window's opening to the end, or to the
   * end of its commitment if that is later. A loop runs over them rather than asking per month.
   */
  readonly payFrom: number;
  readonly payTo: number;
  readonly lastMonth: number;
  /**
   * What the hospital pays per unit of a price quoted on the line: 1 + VAT where the prices
   * exclude it (a public hospital cannot deduct input VAT), else 1.
   */
  readonly vat: number;

  constructor(
    readonly track: Track,
    readonly line: ModelCostLine,
    readonly ledger: Ledger,
  ) {
    this.lastMonth = track.model.months - 1;
    // Nothing is paid before the option's window opens (a pilot starting in month 7); after
    // its end only what is committed.
    this.payFrom = Math.max(track.windowStart, 0);
    this.payTo = Math.min(Math.max(track.end, this.at(F.committedUntilMonth, -1)), this.lastMonth);
    this.vat = line.line.vat && !line.line.vat.included ? 1 + this.num(F['vat.rate']) : 1;
  }

  /** Value of a numeric field of the line, F.amount (fallback where the field is absent). */
  num(field: number, fallback = 0): number {
    return read(this.track.p, this.line.slots[field]!, fallback);
  }

  /** Absolute month index of an optional month field, or the fallback index. */
  at(field: number, fallback: number): number {
    const slot = this.line.slots[field]!;
    return slot < 0 ? fallback : monthIndex(this.track, this.track.p[slot]!);
  }
}

function oneTime(c: LineContext, line: CostLineOf<'oneTime'>): void {
  // A fee dated before the option's window opens (a pilot moved to start later than its fee's
  // month) is paid when it opens, as a recurring line is: dropping it would hide a real cost.
  const t = Math.max(c.at(F.month, 0), c.payFrom);
  if (t > c.payTo) return;
  const amount = c.num(F.amount) * c.vat;
  // A licence's yearly maintenance (维保): a share of its price on each anniversary, while paid.
  const maintenance = amount * c.num(F.maintenanceSharePerYear);
  if (maintenance > 0) {
    const costs = c.ledger.costs[MAINTENANCE]!;
    for (let m = t + 12; m <= c.payTo; m += 12) costs[m]! += maintenance;
  }
  if (!line.capex) {
    c.ledger.costs[c.line.categoryIndex]![t]! += amount;
    return;
  }
  const life = Math.max(1, Math.round(c.num(F.usefulLifeYears, 5))) * 12;
  disposeOnStop(c, t, amount, life);
}

/**
 * Books a capital purchase; if the track stopped while the asset was in service, it is sold at
 * the resale share (recovery in the stop month) or left idle, and its book value is stranded.
 */
function disposeOnStop(c: LineContext, t: number, amount: number, lifeMonths: number): void {
  const { track, ledger } = c;
  const inServiceAtStop = track.stopped && t <= track.end && track.end < t + lifeMonths - 1;
  const resale = c.num(F.resaleShareOnStop);
  if (inServiceAtStop && resale > 0) {
    const bookValue = bookCapex(
      ledger,
      c.line.categoryIndex >= 0 ? c.line.categoryIndex : COMPUTE,
      t,
      amount,
      lifeMonths,
      track.end,
    );
    const recovery = amount * resale;
    ledger.recoveries[track.end]! += recovery;
    ledger.inflowsBooked = true;
    ledger.strandedBookValue += Math.max(0, bookValue - recovery);
    // The accounting view writes the loss on the sale off in the month it happens.
    ledger.depreciation[track.end]! += Math.max(0, bookValue - recovery);
    return;
  }
  bookCapex(ledger, c.line.categoryIndex >= 0 ? c.line.categoryIndex : COMPUTE, t, amount, lifeMonths);
  if (inServiceAtStop) ledger.strandedBookValue += amount * (1 - (track.end - t + 1) / lifeMonths);
}

function recurring(c: LineContext, line: CostLineOf<'recurring'>): void {
  const start = c.at(F.startMonth, 0);
  const last = Math.min(c.at(F.endMonth, c.lastMonth), c.lastMonth);
  const amount = c.num(F.amount) * c.vat;
  // Years since the line started: one factor a year, shared, not a power a month.
  const escalation = compoundFactors(c.num(F.escalatorPerYear), c.track.model.years);
  const costs = c.ledger.costs[c.line.categoryIndex]!;
  for (let t = Math.max(start, c.payFrom); t <= Math.min(last, c.payTo); t++) {
    const elapsed = t - start;
    if (line.period === 'year' && elapsed % 12 !== 0) continue;
    costs[t]! += amount * escalation[Math.floor(elapsed / 12)]!;
  }
}

/** Cost of `volume` units on graduated tiers (each unit at the price of its tier). */
export function tieredCost(volume: number, bounds: readonly number[], prices: readonly number[]): number {
  let cost = 0;
  let lower = 0;
  for (let i = 0; i < prices.length && volume > lower; i++) {
    const upper = bounds[i]!;
    cost += (Math.min(volume, upper) - lower) * prices[i]!;
    lower = upper;
  }
  return cost;
}

function perUnit(c: LineContext, line: CostLineOf<'perUnit'>): void {
  const { track } = c;
  const start = c.at(F.startMonth, 0);
  const last = Math.min(c.at(F.endMonth, c.lastMonth), c.lastMonth);
  const costs = c.ledger.costs[c.line.categoryIndex]!;
  const priceChange = c.num(F.priceChangePerYear);
  const tasks = linkedTasks(track, c.line.effectIndices);
  const units = track.arena.array();
  const beds = read(track.p, track.model.hospital.slots.beds);
  if (line.unit === 'seat') {
    // Seats follow adoption: the in-scope clinicians times the share of tasks done with AI.
    const seats = seatsAtFullAdoption(c);
    const inScope = linkedInScopeTasks(track, c.line.effectIndices);
    for (let t = 0; t < units.length; t++) {
      // After the end, a committed licence still pays for the seats it had.
      units[t] =
        t > track.end && track.end >= 0
          ? units[track.end]!
          : inScope[t]! > 0
            ? Math.ceil(seats * (tasks[t]! / inScope[t]!) - 1e-9)
            : 0;
    }
  } else {
    const perTask =
      line.unit === 'task'
        ? 1
        : line.unit === 'call'
          ? c.num(F.callsPerTask, 1)
          : c.num(F.tokensPerTask) / 1e6;
    // Beds in scope: a two-ward pilot pays for its wards' beds, not the hospital's.
    const bedsInScope = beds * maxScope(track, c.line.effectIndices);
    for (let t = 0; t < units.length; t++) units[t] = line.unit === 'bed' ? bedsInScope : tasks[t]! * perTask;
  }
  const perYear = (line.unit === 'bed' || line.unit === 'seat') && line.pricePer === 'year';
  const tiers = line.tiers;
  const tierSlots = c.line.tierSlots;
  const bounds =
    tiers && tierSlots
      ? tiers.map((tier, i) =>
          tier.upToUnits === null ? Infinity : read(c.track.p, tierSlots.upToUnits[i]!),
        )
      : [];
  const prices =
    tiers && tierSlots ? tiers.map((_, i) => read(c.track.p, tierSlots.unitPrice[i]!) * c.vat) : [];
  const unitPrice = c.num(F.unitPrice) * c.vat;
  let periodVolume = 0;
  const priceIndexByYear = compoundFactors(priceChange, track.model.years);
  for (let t = Math.max(start, c.payFrom); t <= Math.min(last, c.payTo); t++) {
    if (tiers && (line.tierPeriod === 'month' || t % 12 === 0)) periodVolume = 0;
    const priceIndex = priceIndexByYear[yearOf(t)]!;
    const volume = units[t]!;
    if (tiers) {
      costs[t]! +=
        (tieredCost(periodVolume + volume, bounds, prices) - tieredCost(periodVolume, bounds, prices)) *
        priceIndex;
      periodVolume += volume;
    } else {
      costs[t]! += volume * unitPrice * priceIndex * (perYear ? 1 / 12 : 1);
    }
  }
}

function maxScope(track: Track, effectIndices: readonly number[]): number {
  let scope = 0;
  for (const e of effectIndices)
    scope = Math.max(scope, read(track.p, track.option.effects[e]!.slots.scopeShare, 1));
  return effectIndices.length === 0 ? 1 : scope;
}

function linkedInScopeTasks(track: Track, effectIndices: readonly number[]): Float64Array {
  const out = track.arena.array();
  for (const e of effectIndices) {
    const effect = track.option.effects[e]!;
    const scope = read(track.p, effect.slots.scopeShare, 1);
    const tasks = track.timeline.workflowTasks[effect.workflowIndex]!;
    for (let t = 0; t < out.length; t++) out[t]! += tasks[t]! * scope;
  }
  return out;
}

/** Seats at full adoption: as given, or the in-scope headcount of the roles doing the tasks. */
function seatsAtFullAdoption(c: LineContext): number {
  const given = c.line.slots[F.seatsAtFullAdoption]!;
  if (given >= 0) return c.track.p[given]!;
  const { track } = c;
  const scopeByRole = new Map<number, number>();
  for (const e of c.line.effectIndices) {
    const effect = track.option.effects[e]!;
    const role = track.model.workflows[effect.workflowIndex]!.roleIndex;
    scopeByRole.set(role, Math.max(scopeByRole.get(role) ?? 0, read(track.p, effect.slots.scopeShare, 1)));
  }
  let seats = 0;
  for (const [role, scope] of scopeByRole) {
    const profile = track.model.roles[role];
    if (profile) seats += read(track.p, profile.slots.headcount) * scope;
  }
  return seats;
}

function staffing(c: LineContext): void {
  const { track } = c;
  const first = c.at(F.startMonth, 0) + Math.round(c.num(F.hiringDelayMonths));
  const last = Math.min(c.at(F.endMonth, c.lastMonth), c.lastMonth);
  const wageGrowth = c.num(F.wageGrowthPerYear, read(track.p, track.model.hospital.slots.wageGrowthPerYear));
  const monthly = (c.num(F.fte) * c.num(F.annualCostPerFte)) / 12;
  const costs = c.ledger.costs[c.line.categoryIndex]!;
  const wageIndex = compoundFactors(wageGrowth, track.model.years);
  const firstPaid = Math.max(first, c.payFrom);
  for (let t = firstPaid; t <= Math.min(last, c.payTo); t++) {
    costs[t]! += monthly * wageIndex[yearOf(t)]!;
  }
  // A post counts as a hire in its first paid month (a portfolio caps hires a year).
  if (!c.ledger.compact && firstPaid <= Math.min(last, c.payTo))
    c.ledger.newHires[firstPaid]! += c.num(F.fte);
}

function onPremCompute(c: LineContext): void {
  const { track, ledger } = c;
  const M = track.model.months;
  const life = Math.max(1, Math.round(c.num(F.usefulLifeYears, 5))) * 12;
  const tokensPerTask = c.num(F.tokensPerTask);
  // Servers are sized for the load at the adoption ceiling, the plan's target state: tasks a
  // month × share, which for the usual line of one effect needs no array of its own.
  const effects = c.line.effectIndices;
  let load: Float64Array;
  let loadShare = 1;
  if (effects.length === 1) {
    load = track.timeline.workflowTasks[track.option.effects[effects[0]!]!.workflowIndex]!;
    loadShare = shareAtCeiling(track, effects[0]!);
  } else {
    load = track.arena.array();
    for (const e of effects) {
      const share = shareAtCeiling(track, e);
      const tasks = track.timeline.workflowTasks[track.option.effects[e]!.workflowIndex]!;
      for (let t = 0; t < M; t++) load[t]! += tasks[t]! * share;
    }
  }
  const perServer = c.num(F.tokensPerSecondPerServer) * c.num(F.targetUtilization, 0.6);
  const override = c.line.slots[F.serversOverride]!;
  const capexPerServer = c.num(F.capexPerServer) * c.vat;
  const powerPerMonth =
    c.num(F.kwPerServer) * c.num(F.pue, 1) * HOURS_PER_MONTH * c.num(F.electricityPricePerKwh);
  const maintenancePerServerMonth = (capexPerServer * c.num(F.maintenanceSharePerYear)) / 12;
  const resale = c.num(F.resaleShareOnStop);
  const compute = ledger.costs[COMPUTE]!;
  const maintenance = ledger.costs[MAINTENANCE]!;

  let purchases = 0;
  let firstServers = 0;
  let firstPeak = 0;
  for (
    let t0 = Math.max(c.at(F.purchaseMonth, 0), track.windowStart);
    t0 >= 0 && t0 <= Math.min(track.end, M - 1);
    t0 += life
  ) {
    let peakTasks = 0;
    for (let t = t0; t < Math.min(t0 + life, M); t++) peakTasks = Math.max(peakTasks, load[t]! * loadShare);
    const peakTokensPerSecond = peakTokensPerSecondOf(c, peakTasks, tokensPerTask);
    const servers =
      override >= 0
        ? Math.round(track.p[override]!)
        : Math.max(
            Math.round(c.num(F.minServers, 1)),
            perServer > 0 ? Math.ceil(peakTokensPerSecond / perServer - 1e-9) : 0,
          );
    if (purchases++ === 0) {
      firstServers = servers;
      firstPeak = peakTokensPerSecond;
    }
    const lastHeld = Math.min(t0 + life - 1, M - 1);
    const soldAt = track.stopped && resale > 0 && track.end < lastHeld ? track.end : Infinity;
    disposeOnStop(c, t0, servers * capexPerServer, life);
    for (let t = t0; t <= Math.min(lastHeld, soldAt); t++) {
      // Idle servers still need upkeep; only running ones draw power.
      maintenance[t]! += servers * maintenancePerServerMonth;
      if (t <= track.end) compute[t]! += servers * powerPerMonth;
    }
  }
  // The sizing is reported; a trial's compact ledger is never read for it.
  if (purchases > 0 && !ledger.compact) {
    ledger.compute.push({
      lineId: c.line.id,
      servers: firstServers,
      peakTokensPerSecond: firstPeak,
      purchases,
    });
    const from = Math.max(c.at(F.purchaseMonth, 0), track.windowStart, 0);
    for (let t = from; t <= Math.min(track.end, M - 1); t++) {
      ledger.serverLoad[t]! += peakTokensPerSecondOf(c, load[t]! * loadShare, tokensPerTask);
    }
  }
}

/** Tokens per second at the peak of a month with `tasksPerMonth` AI tasks, over working hours. */
function peakTokensPerSecondOf(c: LineContext, tasksPerMonth: number, tokensPerTask: number): number {
  const tokensPerWorkingDay = (tasksPerMonth * tokensPerTask * 12) / c.num(F.workingDaysPerYear, 250);
  return (tokensPerWorkingDay / (c.num(F.workingHoursPerDay, 8) * 3600)) * c.num(F.peakFactor, 2);
}

/** The share of an effect's workflow tasks done with AI at its adoption ceiling. */
function shareAtCeiling(track: Track, e: number): number {
  const effect = track.option.effects[e]!;
  return read(track.p, effect.slots.scopeShare, 1) * read(track.p, effect.slots.ceiling);
}

function cloudTokens(c: LineContext): void {
  const start = Math.max(c.at(F.startMonth, 0), 0);
  const last = Math.min(c.at(F.endMonth, c.lastMonth), c.lastMonth);
  const tasks = linkedTasks(c.track, c.line.effectIndices);
  const perTask =
    ((c.num(F.inputTokensPerTask) * c.num(F.pricePerMillionInputTokens) +
      c.num(F.outputTokensPerTask) * c.num(F.pricePerMillionOutputTokens)) /
      1e6) *
    c.vat;
  const decline = c.num(F.priceDeclinePerYear);
  const costs = c.ledger.costs[c.line.categoryIndex]!;
  const priceIndex = compoundFactors(-decline, c.track.model.years);
  const to = Math.min(last, c.payTo);
  // Year by year: one price a year, no division a month.
  for (let t = Math.max(start, c.payFrom); t <= to;) {
    const price = priceIndex[yearOf(t)]!;
    for (const yearEnd = Math.min(to, yearOf(t) * 12 + 11); t <= yearEnd; t++)
      costs[t]! += tasks[t]! * perTask * price;
  }
}

function modelLifecycle(c: LineContext, line: CostLineOf<'modelLifecycle'>): void {
  const { track, ledger } = c;
  const start = Math.max(c.at(F.startMonth, 0), 0);
  const every = Math.max(1, Math.round(c.num(F.upgradeEveryMonths, 12)));
  const roleIndex = ROLE_IDS.indexOf(line.revalidationRole);
  const revalidationHours = c.num(F.revalidationHoursPerUpgrade);
  const fee = c.num(F.revalidationFeePerUpgrade) * c.vat;
  const retraining = c.num(F.retrainingCostPerUpgrade) * c.vat;
  for (let t = c.at(F.firstUpgradeMonth, start + every); t <= track.end; t += every) {
    if (t < Math.max(0, track.windowStart)) continue;
    ledger.costs[COMPLIANCE]![t]! += revalidationHours * hourlyCost(track, roleIndex, t) + fee;
    ledger.costs[DATA]![t]! += retraining;
  }
  const drift = c.num(F.driftMonitoringPerMonth) * c.vat;
  for (let t = Math.max(start, c.payFrom); t <= c.payTo; t++) ledger.costs[MAINTENANCE]![t]! += drift;
  const exitCost = c.num(F.exitCost) * c.vat;
  const exitAt = c.at(F.exitMonth, -1);
  if (exitAt >= 0 && exitAt <= track.end) ledger.costs[VENDOR]![exitAt]! += exitCost;
  else if (track.stopped) {
    ledger.costs[VENDOR]![track.end]! += exitCost;
    ledger.strandedCash += exitCost;
  }
}

function custom(c: LineContext): void {
  const { track, ledger } = c;
  const evaluate = c.line.expression!;
  const model = track.model;
  const p = track.p;
  const h = model.hospital.slots;
  const start = Math.max(c.at(F.startMonth, 0), 0);
  const last = Math.min(c.at(F.endMonth, c.lastMonth), c.lastMonth);
  const from = Math.max(start, c.payFrom);
  const to = Math.min(last, c.payTo);
  if (to < from) return;
  // The months [from, to] at once, one column per variable that changes by month.
  const n = to - from + 1;
  // Which built-ins the expression reads (all when not known): only those are worked out, and
  // by slot (B.beds), not by name. Plain tests, no helper closures: this runs in every trial.
  const reads = c.line.expressionReads ?? ALL_BUILTINS;
  const userSlots = model.userVariableSlots;
  const { arena } = track;
  const scalars = arena.scratch(EXPRESSION_BUILTINS.length + userSlots.length);
  // A variable's column, or null for its number: only month-by-month built-ins get columns,
  // below, in a list the arena reuses (cleared first of an earlier line's).
  const columns = arena.columnList(scalars.length);
  for (let b = 0; b < EXPRESSION_BUILTINS.length; b++) columns[b] = null;
  for (let i = 0; i < userSlots.length; i++) scalars[EXPRESSION_BUILTINS.length + i] = read(p, userSlots[i]!);
  if (reads[B.beds]) scalars[B.beds] = read(p, h.beds);
  if (reads[B.occupancy]) scalars[B.occupancy] = read(p, h.occupancy);
  if (reads[B.outpatientVisitsPerYear])
    scalars[B.outpatientVisitsPerYear] = read(p, h.outpatientVisitsPerYear);
  if (reads[B.dischargesPerYear]) scalars[B.dischargesPerYear] = read(p, h.dischargesPerYear);
  if (reads[B.physicians]) scalars[B.physicians] = headcount(track, 'physician');
  if (reads[B.nurses]) scalars[B.nurses] = headcount(track, 'nurse');
  const { offset, timeline } = track;
  let m: Float64Array;
  if (reads[B.month]) {
    columns[B.month] = m = arena.scratch(n);
    for (let t = from; t <= to; t++) m[t - from] = t - offset + 1;
  }
  if (reads[B.year]) {
    columns[B.year] = m = arena.scratch(n);
    for (let t = from; t <= to; t++) m[t - from] = Math.floor((t - offset) / 12) + 1;
  }
  if (reads[B.monthOfYear]) {
    columns[B.monthOfYear] = m = arena.scratch(n);
    for (let t = from; t <= to; t++) m[t - from] = (t % 12) + 1;
  }
  if (reads[B.calendarYear]) {
    columns[B.calendarYear] = m = arena.scratch(n);
    for (let t = from; t <= to; t++) m[t - from] = model.scenario.startYear + yearOf(t);
  }
  if (reads[B.visits]) columns[B.visits] = monthsOf(arena, timeline.visits, from, n);
  if (reads[B.inpatientDays]) columns[B.inpatientDays] = monthsOf(arena, timeline.inpatientDays, from, n);
  if (reads[B.discharges]) columns[B.discharges] = monthsOf(arena, timeline.discharges, from, n);
  if (reads[B.tasks] || reads[B.adoption]) {
    const tasks = linkedTasks(track, c.line.effectIndices);
    if (reads[B.tasks]) columns[B.tasks] = monthsOf(arena, tasks, from, n);
    if (reads[B.adoption]) {
      columns[B.adoption] = m = arena.scratch(n);
      const inScope = linkedInScopeTasks(track, c.line.effectIndices);
      for (let t = from; t <= to; t++) m[t - from] = inScope[t]! > 0 ? tasks[t]! / inScope[t]! : 0;
    }
  }
  if (reads[B.hoursFreed]) {
    columns[B.hoursFreed] = m = arena.array(n);
    for (const e of c.line.effectIndices) {
      const aiTasks = track.aiTasksByEffect[e]!;
      const net = track.netMinutes[e]!;
      for (let t = from; t <= to; t++) m[t - from]! += (aiTasks[t]! * net) / 60;
    }
  }
  const amounts = evaluate({ scalars, columns, length: n, arena });
  const costs = ledger.costs[c.line.categoryIndex]!;
  const vat = c.vat;
  if (typeof amounts === 'number') {
    for (let t = from; t <= to; t++) bookAmount(c, costs, t, amounts * vat);
    return;
  }
  for (let t = from; t <= to; t++) {
    const amount = amounts[t - from]! * vat;
    // The usual case inline; a warning is the exception.
    if (amount >= 0 && amount < Infinity) costs[t]! += amount;
    else bookAmount(c, costs, t, amount);
  }
}

/** Every built-in read: for an expression whose variables are not known. */
const ALL_BUILTINS = new Uint8Array(EXPRESSION_BUILTINS.length).fill(1);

/** Headcount of a hospital role (0 if the hospital has none). */
function headcount(track: Track, role: RoleId): number {
  const profile = track.model.roles[ROLE_INDEX[role]];
  return profile ? read(track.p, profile.slots.headcount) : 0;
}

/**
 * A month series as a column of the months from `from` on: the series itself when they start
 * at 0 (nothing writes a column), else a copy (a subarray would be an object a trial).
 */
function monthsOf(arena: Arena, series: Float64Array, from: number, n: number): Float64Array {
  if (from === 0) return series;
  const out = arena.scratch(n);
  for (let i = 0; i < n; i++) out[i] = series[from + i]!;
  return out;
}

/** Books an expression's amount for month t, or warns that it is not finite or negative. */
function bookAmount(c: LineContext, costs: Float64Array, t: number, amount: number): void {
  if (!Number.isFinite(amount)) {
    c.ledger.warnings.push({ code: 'expressionNotFinite', lineId: c.line.id, month: t + 1 });
  } else if (amount < 0) {
    c.ledger.warnings.push({ code: 'expressionNegative', lineId: c.line.id, month: t + 1 });
  } else {
    costs[t]! += amount;
  }
}

/** Books one cost line of a track. */
export function bookCostLine(track: Track, line: ModelCostLine, ledger: Ledger): void {
  const c = new LineContext(track, line, ledger);
  // The kind from the model's line (one shape), not from the document's (a shape per kind):
  // a read that sees many shapes is slow, and this runs for every line of every trial.
  switch (line.kind) {
    case 'oneTime':
      return oneTime(c, line.line as CostLineOf<'oneTime'>);
    case 'recurring':
      return recurring(c, line.line as CostLineOf<'recurring'>);
    case 'perUnit':
      return perUnit(c, line.line as CostLineOf<'perUnit'>);
    case 'staffing':
      return staffing(c);
    case 'onPremCompute':
      return onPremCompute(c);
    case 'cloudTokens':
      return cloudTokens(c);
    case 'modelLifecycle':
      return modelLifecycle(c, line.line as CostLineOf<'modelLifecycle'>);
    case 'custom':
      return custom(c);
  }
}
