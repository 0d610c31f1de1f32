/**
 * Runs a compiled model: each option month by month against the status quo, then its results.
 * Pure: the same model and inputs give the same numbers, on the server and in the browser.
 */
import { freshArena, reusableArena, type Arena } from './arena';
import {
  bookStaticLines,
  checkFixedInputs,
  createStaging,
  forgetOption,
  optionUnchanged,
  type Staging,
} from './staging';
import { bookCostLine } from './cost-lines';
import { bookFunding, capFunding } from './funding';
import { cashOutOf, mergeLedger, type EngineWarning, type Ledger } from './ledger';
import type { Model, ModelOption } from './model';
import { read } from './params';
import { realizeBenefits } from './realization';
import {
  createTrialOutcome,
  summarizeOption,
  summarizeTrial,
  type OptionOutcome,
  type PilotOutcome,
  type ScenarioResult,
  type TrialOutcome,
} from './results';
import { localize, type Lang } from './text';
import { aiBudgetByYear, buildTimeline, compoundFactors, type Timeline } from './timeline';
import {
  applyStopRule,
  bookEffects,
  measuredNetMinutes,
  openTrack,
  stopTrack,
  type StopOutcome,
  type Track,
} from './track';

export interface RunOptions {
  /** Language of option and scenario names in the results. */
  lang?: Lang;
}

/** Books a track into a new ledger, or into `into` (a compact ledger: a trial's scale-up). */
function bookTrack(track: Track, staging: Staging | null, into: Ledger | null = null): Ledger {
  const ledger = into ?? track.arena.ledger();
  bookEffects(track, ledger);
  const booked = staging ? bookStaticLines(staging, track, ledger) : null;
  const lines = track.option.costLines;
  for (let j = 0; j < lines.length; j++) if (!booked?.[j]) bookCostLine(track, lines[j]!, ledger);
  for (const funding of track.option.funding) bookFunding(track, funding, ledger);
  // Stranded cash is reported, never read by a trial (whose compact ledger may hold two tracks).
  if (track.stopped && !ledger.compact) {
    for (const costs of ledger.costSeries) {
      for (let t = track.end + 1; t < ledger.months; t++) ledger.strandedCash += costs[t]!;
    }
  }
  return ledger;
}

/** The option's whole timeline: one track, or a pilot and, if it passes, its scale-up. */
function simulateOption(
  model: Model,
  p: Float64Array,
  timeline: Timeline,
  option: ModelOption,
  arena: Arena,
  staging: Staging | null = null,
): OptionOutcome {
  const M = model.months;
  const delay = model.startDelayMonths;
  if (!option.pilot) {
    // A public tender first: the option's month 1 falls when the tender is over.
    const tender = Math.min(delay + (option.option.tenderMonths ?? 0), M);
    const track = openTrack(model, p, timeline, option, tender, tender, M - 1, arena);
    const stop = applyStopRule(track);
    const ledger = bookTrack(track, staging);
    realizeBenefits(model, p, timeline, ledger);
    const cashOut = cashOutOf(ledger, arena.array);
    if (option.funding.length > 0) {
      capFunding(ledger, cashOut, read(p, model.budget.slots.aiResearchBudgetPerYear), model.years);
    }
    return { ledger, cashOut, stop, pilot: null };
  }
  const s = option.pilot.slots;
  const start = Math.min(delay + Math.round(read(p, s.startMonth, 1)) - 1, M);
  const decisionT = Math.min(start + Math.max(1, Math.round(read(p, s.durationMonths))) - 1, M - 1);
  const track = openTrack(model, p, timeline, option, Math.min(delay, M), start, decisionT, arena);
  let stop: StopOutcome | null = applyStopRule(track);
  const measured = measuredNetMinutes(track, option.pilot.effectIndex, decisionT);
  const threshold = read(p, s.minNetMinutesPerTask);
  // Nothing measured (AI never went live in the window) is no evidence: the pilot does not pass.
  let measuredTasks = 0;
  for (let e = 0; e < track.aiTasksByEffect.length; e++) {
    if (option.pilot.effectIndex >= 0 && e !== option.pilot.effectIndex) continue;
    const tasks = track.aiTasksByEffect[e]!;
    let sum = 0;
    // The pilot's tasks end with its window, at the decision.
    for (let t = 0; t <= decisionT; t++) sum += tasks[t]!;
    measuredTasks += sum;
  }
  const pass = !track.stopped && measuredTasks > 0 && measured >= threshold;
  if (!pass && !track.stopped) {
    // The pilot's "no" is a stop like any other: what stays committed is stranded.
    stopTrack(track, decisionT);
    stop = { month: decisionT + 1, netMinutesPerTask: measured, threshold };
  }
  const ledger = bookTrack(track, staging);
  const target = model.options[option.pilot.scaleUpOptionIndex]!;
  const scaleUpT = decisionT + 1 + Math.round(read(p, s.leadMonths));
  // Buying what the pilot proved may still need its public tender after the decision.
  const scaleUpStart = scaleUpT + (target.option.tenderMonths ?? 0);
  if (pass && scaleUpStart < M) {
    const scaled = openTrack(model, p, timeline, target, scaleUpStart, scaleUpStart, M - 1, arena);
    stop = applyStopRule(scaled) ?? stop;
    // A compact ledger takes the scale-up's flows directly (a merge would add a dozen series).
    if (ledger.compact) bookTrack(scaled, staging, ledger);
    else mergeLedger(ledger, bookTrack(scaled, staging));
  }
  realizeBenefits(model, p, timeline, ledger);
  const cashOut = cashOutOf(ledger, arena.array);
  // Nothing to cap where neither track has a funding line.
  if (option.funding.length > 0 || target.funding.length > 0) {
    capFunding(ledger, cashOut, read(p, model.budget.slots.aiResearchBudgetPerYear), model.years);
  }
  const pilot: PilotOutcome = {
    decisionMonth: decisionT + 1,
    measuredNetMinutesPerTask: measured,
    threshold,
    decision: pass ? 'scaleUp' : 'stop',
    scaleUpOptionId: target.id,
    scaleUpMonth: pass && scaleUpStart < M ? scaleUpStart + 1 : null,
  };
  return { ledger, cashOut, stop, pilot };
}

/**
 * The model with every option started `months` later (a portfolio's later start year): the
 * engine's own run from there, not a shifted copy of the flows.
 */
export function withStartDelay(model: Model, months: number): Model {
  return { ...model, startDelayMonths: Math.max(0, Math.round(months)) };
}

/** Simulates every option of the model with the given inputs (default: the document's own). */
export function runModel(
  model: Model,
  p: Float64Array = model.params.base,
  options: RunOptions = {},
): ScenarioResult {
  const lang = options.lang ?? 'zh-CN';
  const arena = freshArena(model.months);
  const timeline = buildTimeline(model, p, arena);
  const aiBudget = aiBudgetByYear(model, p, arena);
  return {
    scenario: localize(model.scenario.name, lang),
    currency: model.scenario.currency,
    discountRate: read(p, model.discountRateSlot, 0.08),
    startYear: model.scenario.startYear,
    horizonYears: model.years,
    options: model.options.map((option) =>
      summarizeOption(model, p, option, simulateOption(model, p, timeline, option, arena), aiBudget, lang),
    ),
  };
}

/**
 * The warnings of the chosen options (by index) in a run with the given inputs, without
 * working out their results: what validation reads, at a fraction of `runModel`'s cost.
 */
export function runWarnings(
  model: Model,
  optionIndices: readonly number[],
  p: Float64Array = model.params.base,
): EngineWarning[][] {
  const arena = freshArena(model.months);
  const timeline = buildTimeline(model, p, arena);
  return optionIndices.map(
    (k) => simulateOption(model, p, timeline, model.options[k]!, arena).ledger.warnings,
  );
}

export interface TrialRunner {
  /**
   * Runs one trial; the outcome's arrays are reused by the next run (read them first). An
   * option none of whose inputs moved since the last run keeps its outcome, unless `reuse` is
   * false (Monte Carlo draws move every input: comparing them first is wasted).
   */
  run: (p: Float64Array, reuse?: boolean) => TrialOutcome;
}

/**
 * Runs trial after trial into one outcome and one arena. Trials may change only the inputs
 * in `varying` (every input when not given; another changed input is an error): what reads
 * none of them is worked out once (see staging.ts). `checkFixed: false` skips that check for
 * a caller that writes only the varying inputs into a copy of the base (the Monte Carlo).
 */
export function trialRunner(
  model: Model,
  varying?: Iterable<number>,
  options: { checkFixed?: boolean } = {},
): TrialRunner {
  const checkFixed = options.checkFixed ?? true;
  const staging = createStaging(model, varying);
  const arena = reusableArena(model.months, staging.compact);
  const out = createTrialOutcome(model);
  const base = model.params.base;
  const fixedTimeline = staging.timelineVaries ? null : buildTimeline(model, base);
  const fixedBudget = staging.budgetVaries ? null : aiBudgetByYear(model, base);
  return {
    run: (p, reuse = true) => {
      if (checkFixed) checkFixedInputs(staging, model, p);
      arena.reset();
      const timeline = fixedTimeline ?? buildTimeline(model, p, arena);
      const aiBudget = fixedBudget ?? aiBudgetByYear(model, p, arena);
      const discount = compoundFactors(read(p, model.discountRateSlot, 0.08), model.years + 1);
      for (let k = 0; k < model.options.length; k++) {
        // An option whose inputs did not move keeps what it wrote into `out` last time.
        if (!reuse) forgetOption(staging, k);
        else if (optionUnchanged(staging, k, p)) continue;
        try {
          const outcome = simulateOption(model, p, timeline, model.options[k]!, arena, staging);
          summarizeTrial(model, outcome, aiBudget, out, k, discount);
        } catch (error) {
          forgetOption(staging, k);
          throw error;
        }
      }
      return out;
    },
  };
}
