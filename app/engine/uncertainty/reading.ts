/**
 * How to read an option's headline beside its Monte Carlo. The headline (the base case) is one
 * run with every input at its most likely value; the simulated median and mean come from the
 * trials. They differ for reasons a committee should be told, not left to guess at:
 *
 * - lopsided ranges: an input whose median is not its most likely value (a range that reaches
 *   further on one side) moves the typical trial away from the base case;
 * - a pilot's stop rule: trials whose measured effect misses the threshold stop after the pilot,
 *   so they lose only the pilot's cost, whatever the base case decided;
 * - whole posts: freed hours turn into cash only in whole avoided posts, so a base case just
 *   over a post's worth of hours loses that post in every trial with a little less;
 * - a long tail: a few very good (or very bad) trials pull the mean away from the median.
 *
 * Pure: what it finds is stated as numbers; ../../i18n/reading.ts writes the sentences.
 */
import type { RoleId } from '../constants';
import { ROLE_IDS } from '../constants';
import type { Model } from '../model';
import type { OptionResult } from '../results';

import type { MedianShift, OptionMonteCarlo } from './monte-carlo';

/**
 * A gap reads as "the same" below the largest of: this share of the P10–P90 spread, this share
 * of the headline itself, and MATERIAL_MONEY (a few thousand yuan is not worth a sentence).
 * A gap that crosses zero is worth one whenever it passes MATERIAL_MONEY: it changes the answer.
 */
const MATERIAL_SHARE_OF_SPREAD = 0.1;
const MATERIAL_SHARE_OF_BASE = 0.02;
const MATERIAL_MONEY = 10000;
/** An input named as a cause moves the NPV by at least this share of the gap it explains. */
const CAUSE_SHARE_OF_GAP = 0.1;
/** Whole-post steps are worth naming when the base case is this close (as a share of hours) to one. */
const NEAR_STEP = 0.25;

export interface LopsidedInput {
  input: string;
  baseValue: number;
  medianValue: number;
  /** NPV change with this input alone at its median instead of its most likely value. */
  npvEffect: number;
}

export interface WholePostStep {
  role: RoleId;
  /** FTE-equivalents freed in the final year, at base. */
  fte: number;
  /** Whole posts those hours cover. */
  posts: number;
  /**
   * Share fewer hours that would lose one post (when posts ≥ 1), or share more hours that
   * would gain the first one (when posts = 0).
   */
  hoursToStep: number;
  direction: 'loseOne' | 'gainFirst';
}

export type ReadingReason =
  | { kind: 'lopsidedInputs'; inputs: LopsidedInput[] }
  | { kind: 'pilotStopRule'; baseDecision: 'scaleUp' | 'stop'; probScaleUp: number; targetId: string }
  | { kind: 'wholePosts'; steps: WholePostStep[] }
  | { kind: 'longTail'; side: 'high' | 'low' }
  | { kind: 'thresholds' };

export interface NumbersReading {
  optionId: string;
  base: number;
  mean: number;
  median: number;
  p10: number;
  p90: number;
  /** The base case lies outside the simulated P10–P90: a headline most trials do not reach. */
  outsideBand: 'belowP10' | 'aboveP90' | null;
  /** The simulated median differs materially from the base case. */
  medianDiffers: boolean;
  /** The mean differs materially from the median. */
  meanDiffers: boolean;
  reasons: ReadingReason[];
}

function material(from: number, to: number, spread: number): boolean {
  const gap = Math.abs(to - from);
  if (gap < MATERIAL_MONEY) return false;
  if (Math.sign(from) !== Math.sign(to)) return true;
  return gap >= Math.max(MATERIAL_SHARE_OF_SPREAD * spread, MATERIAL_SHARE_OF_BASE * Math.abs(from));
}

/** The inputs whose lopsided range moves this option's NPV, largest effect first. */
function lopsidedInputs(shifts: MedianShift[], baseNpv: number, gap: number): LopsidedInput[] {
  return shifts
    .map((s) => ({
      input: s.input,
      baseValue: s.baseValue,
      medianValue: s.medianValue,
      npvEffect: s.npv - baseNpv,
    }))
    .filter(
      (s) =>
        // Only inputs that push the same way as the gap explain it.
        Math.sign(s.npvEffect) === Math.sign(gap) &&
        Math.abs(s.npvEffect) >= Math.max(MATERIAL_MONEY / 5, CAUSE_SHARE_OF_GAP * Math.abs(gap)),
    )
    .sort((a, b) => Math.abs(b.npvEffect) - Math.abs(a.npvEffect))
    .slice(0, 3);
}

/** Roles whose freed hours become cash in whole avoided posts, near enough to a step to matter. */
function wholePostSteps(model: Pick<Model, 'realization'>, option: OptionResult): WholePostStep[] {
  const steps: WholePostStep[] = [];
  option.byRole.forEach((r) => {
    const index = ROLE_IDS.indexOf(r.role);
    if (model.realization[index]?.mode !== 'avoidedStaffing' || !(r.fteFreed > 0)) return;
    const posts = Math.floor(r.fteFreed + 1e-9);
    if (posts >= 1) {
      const hoursToStep = (r.fteFreed - posts) / r.fteFreed;
      if (hoursToStep <= NEAR_STEP)
        steps.push({ role: r.role, fte: r.fteFreed, posts, hoursToStep, direction: 'loseOne' });
    } else {
      const hoursToStep = (1 - r.fteFreed) / r.fteFreed;
      if (hoursToStep <= NEAR_STEP)
        steps.push({ role: r.role, fte: r.fteFreed, posts, hoursToStep, direction: 'gainFirst' });
    }
  });
  return steps;
}

export function readNumbers(
  model: Pick<Model, 'realization'>,
  option: OptionResult,
  mc: OptionMonteCarlo,
): NumbersReading {
  const base = mc.baseNpv;
  const { mean, p50: median, p10, p90 } = mc.npv;
  const spread = Math.max(0, p90 - p10);
  const gap = median - base;
  const medianDiffers = material(base, median, spread);
  const meanDiffers = material(median, mean, spread);
  const outsideBand = base < p10 ? 'belowP10' : base > p90 ? 'aboveP90' : null;
  const reasons: ReadingReason[] = [];
  let inputs: LopsidedInput[] = [];
  let towards = 0;
  if (medianDiffers || outsideBand) {
    towards = medianDiffers ? gap : (outsideBand === 'belowP10' ? p10 : p90) - base;
    inputs = lopsidedInputs(mc.medianShifts, base, towards);
    if (inputs.length) reasons.push({ kind: 'lopsidedInputs', inputs });
  }
  // A pilot's stop rule splits the trials into those that stop and those that scale up: it
  // explains a median away from the base case and a mean away from the median alike.
  if ((medianDiffers || outsideBand || meanDiffers) && mc.pilot && option.pilot)
    reasons.push({
      kind: 'pilotStopRule',
      baseDecision: option.pilot.decision,
      probScaleUp: mc.pilot.probScaleUp,
      targetId: mc.pilot.targetId,
    });
  if (medianDiffers || outsideBand) {
    const steps = wholePostSteps(model, option);
    if (steps.length) reasons.push({ kind: 'wholePosts', steps });
    // Nothing above accounts for most of the gap: say that caps and thresholds in the model do.
    const explained = inputs.reduce((s, i) => s + i.npvEffect, 0);
    if (!reasons.some((r) => r.kind !== 'lopsidedInputs') && Math.abs(explained) < Math.abs(towards) / 2)
      reasons.push({ kind: 'thresholds' });
  }
  if (meanDiffers) reasons.push({ kind: 'longTail', side: mean > median ? 'high' : 'low' });
  return {
    optionId: option.id,
    base,
    mean,
    median,
    p10,
    p90,
    outsideBand,
    medianDiffers,
    meanDiffers,
    reasons,
  };
}
