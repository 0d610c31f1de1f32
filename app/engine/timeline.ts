/**
 * What changes month by month regardless of any option: volumes, wage and budget indices,
 * and adoption curves. Month index t is 0-based over the horizon; plan year y = floor(t / 12).
 */
import { exp, pow } from './math';
import { freshArena, type Arena } from './arena';
import type { Model } from './model';
import { read } from './params';

/** Days in an average month: inpatient days per month = beds × occupancy × 365 / 12. */
export const DAYS_PER_MONTH = 365 / 12;
/** Hours in an average month, for equipment that runs around the clock. */
export const HOURS_PER_MONTH = (24 * 365) / 12;

export interface Timeline {
  months: number;
  /** Tasks per month of each workflow (index as model.workflows). */
  workflowTasks: Float64Array[];
  visits: Float64Array;
  inpatientDays: Float64Array;
  discharges: Float64Array;
  /** (1 + wage growth)^y, by plan year. */
  wageIndex: Float64Array;
}

export const yearOf = (t: number): number => Math.floor(t / 12);

/** Compound factors by count and rate: most rates are the same in every trial. */
const factorCache = new Map<number, Map<number, Float64Array>>();
const FACTOR_CACHE_SIZE = 256;

/**
 * (1 + rate)^k for k = 0 … count − 1: a yearly escalator or decline by plan year (one power a
 * year, not one a month), or discount factors by year or, with a monthly rate, by month.
 * Worked out once per rate and shared: read it, never write it.
 */
export function compoundFactors(rate: number, count: number): Float64Array {
  let byRate = factorCache.get(count);
  if (!byRate) factorCache.set(count, (byRate = new Map()));
  let out = byRate.get(rate);
  if (!out) {
    out = new Float64Array(count);
    for (let k = 0; k < count; k++) out[k] = pow(1 + rate, k);
    // A full cache drops its oldest rate, not all of them: an uncertain rate (new in every
    // trial) then costs the fixed rates one recomputation per 256 trials, and a later scenario
    // still finds room for its own.
    if (byRate.size >= FACTOR_CACHE_SIZE) byRate.delete(byRate.keys().next().value!);
    byRate.set(rate, out);
  }
  return out;
}

export function buildTimeline(
  model: Model,
  p: Float64Array,
  arena: Arena = freshArena(model.months),
): Timeline {
  const M = model.months;
  const h = model.hospital.slots;
  const beds = read(p, h.beds);
  const occupancy = read(p, h.occupancy);
  const growth = read(p, h.volumeGrowthPerYear);
  const season = arena.array(12).fill(1);
  if (model.hospital.seasonalitySlots) {
    let sum = 0;
    model.hospital.seasonalitySlots.forEach((slot, i) => {
      season[i] = read(p, slot);
      sum += season[i]!;
    });
    // Weights are relative: rescale to an average of 1 so yearly totals stay as given.
    if (sum > 0) for (let i = 0; i < 12; i++) season[i] = (season[i]! * 12) / sum;
    else season.fill(1);
  }
  const visits = arena.array();
  const inpatientDays = arena.array();
  const discharges = arena.array();
  const visitsPerMonth = read(p, h.outpatientVisitsPerYear) / 12;
  const dischargesPerMonth = read(p, h.dischargesPerYear) / 12;
  const daysPerMonth = beds * occupancy * DAYS_PER_MONTH;
  const growthIndex = compoundFactors(growth, model.years);
  for (let t = 0; t < M; t++) {
    const f = growthIndex[yearOf(t)]! * season[t % 12]!;
    visits[t] = visitsPerMonth * f;
    inpatientDays[t] = daysPerMonth * f;
    discharges[t] = dischargesPerMonth * f;
  }
  const workflowTasks = model.workflows.map((w) => {
    const perUnit = read(p, w.slots.tasksPerDriverUnit);
    const tasks = arena.array();
    for (let t = 0; t < M; t++) {
      let volume: number;
      switch (w.driver) {
        case 'outpatientVisit':
          volume = visits[t]!;
          break;
        case 'inpatientDay':
          volume = inpatientDays[t]!;
          break;
        case 'discharge':
          volume = discharges[t]!;
          break;
        case 'bed':
          volume = beds;
          break;
        case 'month':
          volume = 1;
          break;
      }
      tasks[t] = volume * perUnit;
    }
    return tasks;
  });
  const wageGrowth = read(p, h.wageGrowthPerYear);
  const wageIndex = compoundFactors(wageGrowth, model.years);
  return { months: M, workflowTasks, visits, inpatientDays, discharges, wageIndex };
}

const S_CURVE_STEEPNESS = 10;
const logistic = (x: number) => 1 / (1 + exp(-S_CURVE_STEEPNESS * (x - 0.5)));
const S0 = logistic(0);
const S1 = logistic(1);

/** How far along the ramp adoption is in the k-th month after go-live (k ≥ 0), before scaling by the ceiling. */
function riseAt(k: number, rampMonths: number, curve: 'linear' | 'sCurve'): number {
  const x = Math.min(1, (k + 1) / rampMonths);
  return curve === 'linear' ? x : logistic(x) - S0;
}

/** Adoption from the ceiling and the rise (the S-curve rescaled to run from 0 to the ceiling). */
const scaleRise = (ceiling: number, rise: number, curve: 'linear' | 'sCurve'): number =>
  curve === 'linear' ? ceiling * rise : (ceiling * rise) / (S1 - S0);

/** Rises by ramp and curve, worked out once: trials draw the ceiling far more often than the ramp. */
const rises = new Map<number, Float64Array>();
const MAX_RISES = 256;

/**
 * Writes out[t] = tasks[t] × scope × adoption in month t for t in [from, to], and 0 in every
 * other month (out may hold an earlier trial's numbers), with go-live in month `goLive`
 * (from ≥ goLive): adoption reaches the ceiling after `rampMonths`, linearly or along an
 * S-curve, the ramp's curve looked up.
 */
export function adoptedTasks(
  out: Float64Array,
  tasks: Float64Array,
  scope: number,
  ceiling: number,
  rampMonths: number,
  curve: 'linear' | 'sCurve',
  goLive: number,
  from: number,
  to: number,
): void {
  // Loops, not fill(): a call to fill costs more than the few months before and after.
  for (let t = 0; t < Math.min(from, out.length); t++) out[t] = 0;
  for (let t = Math.max(0, to + 1); t < out.length; t++) out[t] = 0;
  if (rampMonths <= 0) {
    for (let t = from; t <= to; t++) out[t] = tasks[t]! * scope * ceiling;
    return;
  }
  const key = rampMonths * 2 + (curve === 'linear' ? 0 : 1);
  let rise = rises.get(key);
  if (!rise) {
    if (rises.size >= MAX_RISES) rises.clear();
    rise = Float64Array.from({ length: rampMonths }, (_, k) => riseAt(k, rampMonths, curve));
    rises.set(key, rise);
  }
  // The ramp's months, then the plateau at one adoption (two loops: no clamp or curve per month).
  const rampEnd = Math.min(to, goLive + rampMonths - 1);
  if (curve === 'linear')
    for (let t = from; t <= rampEnd; t++) out[t] = tasks[t]! * scope * (ceiling * rise[t - goLive]!);
  else
    for (let t = from; t <= rampEnd; t++)
      out[t] = tasks[t]! * scope * scaleRise(ceiling, rise[t - goLive]!, curve);
  const plateau = scaleRise(ceiling, rise[rampMonths - 1]!, curve);
  for (let t = Math.max(from, rampEnd + 1); t <= to; t++) out[t] = tasks[t]! * scope * plateau;
}

/**
 * The budget AI may spend in each plan year: informatization budget × AI share. The
 * informatization budget is the first year's grown each year; or, given year by year, the
 * years given, and after the last of them that year's grown each year (a director who knows
 * the next two budgets expects the third to follow the second, not to fall back to the first).
 */
export function aiBudgetByYear(
  model: Model,
  p: Float64Array,
  arena: Arena = freshArena(model.months),
): Float64Array {
  const b = model.budget.slots;
  const byYear = model.budget.byYearSlots;
  const given = byYear ? byYear.length : 1;
  const last = byYear ? read(p, byYear[given - 1]!) : read(p, b.informatizationBaseAnnual);
  const growth = read(p, b.informatizationGrowthPerYear);
  const share = read(p, b.aiShare);
  const out = arena.array(model.years);
  for (let y = 0; y < model.years; y++) {
    const informatization = byYear && y < given ? read(p, byYear[y]!) : last * pow(1 + growth, y - given + 1);
    out[y] = informatization * share;
  }
  return out;
}
