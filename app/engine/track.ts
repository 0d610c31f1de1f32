/**
 * A track is one option's timeline inside the horizon: where its month 1 falls, the window in
 * which it is active, and whether it ended by a stop. A buy or build option is one track from
 * month 1; a pilot is its own track plus, if it passes, a track of the option it scales into.
 */
import type { Arena } from './arena';
import type { Ledger } from './ledger';
import type { Model, ModelEffect, ModelOption } from './model';
import { read } from './params';
import { adoptedTasks, yearOf, type Timeline } from './timeline';

export interface Track {
  model: Model;
  p: Float64Array;
  timeline: Timeline;
  /** Where the track's working arrays come from. */
  arena: Arena;
  option: ModelOption;
  /** Absolute month index of the option's month 1. */
  offset: number;
  /** First absolute month the option's effects may act. */
  windowStart: number;
  /** Last absolute month of the window before any stop. */
  windowEnd: number;
  /** Last absolute month the option is active (≤ windowEnd). */
  end: number;
  /** Ended by a stop (pilot said no, or the stop rule fired): exit costs and stranded value apply. */
  stopped: boolean;
  /** Net minutes saved per task, by effect. */
  netMinutes: Float64Array;
  /** Tasks done with AI per month, by effect. */
  aiTasksByEffect: Float64Array[];
}

/** Net minutes saved per task for the share of tasks done with AI (negative = added burden). */
export function netMinutesSaved(model: Model, effect: ModelEffect, p: Float64Array): number {
  const workflow = model.workflows[effect.workflowIndex]!;
  const baseline = read(p, workflow.slots.baselineMinutesPerTask);
  const s = effect.slots;
  const verification = read(p, s.verificationMinutesPerTask);
  if (effect.basis === 'measured') {
    return baseline - (read(p, s.minutesWithAiPerTask) + verification);
  }
  return (
    baseline * read(p, s.claimedReduction) * read(p, s.fit) -
    verification -
    read(p, s.errorRate) * read(p, s.correctionMinutesPerError)
  );
}

/** The absolute month index of the option's month `month` (1-based). */
export const monthIndex = (track: Track, month: number): number => track.offset + Math.round(month) - 1;

export function openTrack(
  model: Model,
  p: Float64Array,
  timeline: Timeline,
  option: ModelOption,
  offset: number,
  windowStart: number,
  windowEnd: number,
  arena: Arena,
): Track {
  const M = model.months;
  const effects = option.effects;
  const netMinutes = arena.scratch(effects.length);
  // Sized up front: a list grown by push gets room for seventeen, with every track of every trial.
  const aiTasksByEffect = new Array<Float64Array>(effects.length);
  for (let e = 0; e < effects.length; e++) {
    const effect = effects[e]!;
    netMinutes[e] = netMinutesSaved(model, effect, p);
    const s = effect.slots;
    // Adoption cannot start before the window opens: a pilot's ramp begins with the pilot.
    const goLive = Math.max(offset + Math.round(read(p, s.goLiveMonth, 1)) - 1, windowStart);
    const out = arena.scratch();
    adoptedTasks(
      out,
      timeline.workflowTasks[effect.workflowIndex]!,
      read(p, s.scopeShare, 1),
      read(p, s.ceiling),
      Math.round(read(p, s.rampMonths)),
      effect.curve,
      goLive,
      Math.max(windowStart, goLive, 0),
      Math.min(windowEnd, M - 1),
    );
    aiTasksByEffect[e] = out;
  }
  return {
    model,
    p,
    timeline,
    arena,
    option,
    offset,
    windowStart,
    windowEnd: Math.min(windowEnd, M - 1),
    end: Math.min(windowEnd, M - 1),
    stopped: false,
    netMinutes,
    aiTasksByEffect,
  };
}

/**
 * Net minutes saved per task as the hospital would measure them by month `upTo`: one
 * workflow's, or the average over the option's workflows weighted by AI tasks so far.
 */
export function measuredNetMinutes(track: Track, effectIndex: number, upTo: number): number {
  if (effectIndex >= 0) return track.netMinutes[effectIndex]!;
  let weighted = 0;
  let weights = 0;
  // A loop, not forEach: sums a callback updates are numbers allocated on every add (a trial).
  for (let e = 0; e < track.aiTasksByEffect.length; e++) {
    const tasks = track.aiTasksByEffect[e]!;
    let w = 0;
    for (let t = 0; t <= Math.min(upTo, tasks.length - 1); t++) w += tasks[t]!;
    weighted += w * track.netMinutes[e]!;
    weights += w;
  }
  if (weights > 0) return weighted / weights;
  // Nothing measured yet (adoption not started): fall back to the plain average.
  const n = track.netMinutes.length;
  return n === 0 ? 0 : track.netMinutes.reduce((a, b) => a + b, 0) / n;
}

export interface StopOutcome {
  month: number;
  netMinutesPerTask: number;
  threshold: number;
}

/** Applies the option's stop rule, if any: ends the track at the check month when the effect is too small. */
export function applyStopRule(track: Track): StopOutcome | null {
  const rule = track.option.stopRule;
  if (!rule) return null;
  const checkT = monthIndex(track, read(track.p, rule.slots.checkMonth));
  if (checkT < track.windowStart || checkT > track.end) return null;
  const net = measuredNetMinutes(track, rule.effectIndex, checkT);
  const threshold = read(track.p, rule.slots.minNetMinutesPerTask);
  if (net >= threshold) return null;
  stopTrack(track, checkT);
  return { month: checkT + 1, netMinutesPerTask: net, threshold };
}

/** Ends the track after month `t` as a stop. */
export function stopTrack(track: Track, t: number): void {
  track.end = Math.min(track.end, t);
  track.stopped = true;
}

/** Zeroes effects after the end and books hours freed and AI tasks. */
export function bookEffects(track: Track, ledger: Ledger): void {
  const { model, option } = track;
  for (let e = 0; e < option.effects.length; e++) {
    const tasks = track.aiTasksByEffect[e]!;
    for (let t = track.end + 1; t < tasks.length; t++) tasks[t] = 0;
    const role = model.workflows[option.effects[e]!.workflowIndex]!.roleIndex;
    const hours = ledger.hoursByRole[role]!;
    ledger.rolesWithHours |= 1 << role;
    const perTask = track.netMinutes[e]! / 60;
    // No tasks before the window opens (a pilot's scale-up starts late in the horizon).
    const from = Math.max(0, track.windowStart);
    for (let t = from; t <= track.end; t++) hours[t]! += tasks[t]! * perTask;
    // A compact ledger's AI tasks are a sink nobody reads (a trial's tasks are the track's).
    if (!ledger.compact) for (let t = from; t <= track.end; t++) ledger.aiTasks[t]! += tasks[t]!;
  }
}

/** Sum of AI tasks per month over some of the option's effects (read it, never write it). */
export function linkedTasks(track: Track, effectIndices: readonly number[]): Float64Array {
  // One effect: its own series, not a copy (this runs in every Monte Carlo trial).
  if (effectIndices.length === 1) return track.aiTasksByEffect[effectIndices[0]!]!;
  const out = track.arena.array();
  for (const e of effectIndices) {
    const tasks = track.aiTasksByEffect[e]!;
    for (let t = 0; t < out.length; t++) out[t]! += tasks[t]!;
  }
  return out;
}

/** Loaded hourly cost of a hospital role in the plan year of month t (0 if the hospital has none). */
export function hourlyCost(track: Track, roleIndex: number, t: number): number {
  const role = track.model.roles[roleIndex];
  if (!role) return 0;
  const p = track.p;
  const wage = track.timeline.wageIndex[Math.min(yearOf(t), track.model.years - 1)]!;
  return (read(p, role.slots.annualCostPerFte) * wage) / read(p, role.slots.paidHoursPerYear, 1);
}
