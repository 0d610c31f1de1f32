/**
 * Calibration: a workflow's claimed baseline, or an option's claimed effect on it, replaced by
 * what the hospital measured, with the measurement's uncertainty as a distribution for the
 * Monte Carlo and its provenance (n, dates, file) as the input's evidence. The result is a new
 * document; the caller validates and saves it as a new version.
 */
import { collectParams } from '~/engine/params';
import type { Distribution, Evidence, Scenario } from '~/engine/schema';

import type { Summary, WorkflowStats } from './stats';

export interface CalibrationRequest {
  workflowId: string;
  /** Replace the workflow's baseline minutes with the measured baseline. */
  baseline: boolean;
  /** Options whose effect on this workflow becomes the measured one. */
  optionIds: string[];
}

export interface CalibrationSource {
  fileName: string;
  fileHash: string;
}

export type CalibrationResult =
  | { ok: true; document: Scenario; changed: string[] }
  | { ok: false; code: 'noBaseline' | 'noWithAi' | 'unknownWorkflow' | 'unknownOption' | 'nothingChosen' };

/** z for the 5th and 95th percentiles: the normal's low and high in the scenario format. */
const Z90 = 1.6448536269514722;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The mean's uncertainty, not the spread of single tasks: a normal around the measured mean
 * with its standard error, never below zero.
 */
function meanDistribution(summary: Summary): Distribution {
  const se = summary.n > 1 ? summary.sd / Math.sqrt(summary.n) : summary.mean * 0.25;
  // Identical timings (or a zero mean) leave nothing to vary.
  if (round(Math.max(0, summary.mean - Z90 * se)) >= round(summary.mean + Z90 * se)) return { kind: 'fixed' };
  return {
    kind: 'normal',
    low: round(Math.max(0, summary.mean - Z90 * se)),
    high: round(summary.mean + Z90 * se),
    min: 0,
  };
}

function evidence(
  stats: WorkflowStats,
  summary: Summary,
  source: CalibrationSource,
  method: string,
): Evidence {
  return {
    kind: 'measured',
    n: summary.n,
    ...(stats.from ? { from: stats.from } : {}),
    ...(stats.to ? { to: stats.to } : {}),
    method,
    note: `${source.fileName} (sha256 ${source.fileHash.slice(0, 12)})`,
  };
}

export function calibrate(
  document: Scenario,
  stats: WorkflowStats,
  request: CalibrationRequest,
  source: CalibrationSource,
): CalibrationResult {
  const workflowIndex = document.workflows.findIndex((w) => w.id === request.workflowId);
  if (workflowIndex < 0 || stats.workflowId !== request.workflowId)
    return { ok: false, code: 'unknownWorkflow' };
  if (!request.baseline && request.optionIds.length === 0) return { ok: false, code: 'nothingChosen' };
  if (request.baseline && !stats.baseline) return { ok: false, code: 'noBaseline' };
  if (request.optionIds.length > 0 && !stats.withAi) return { ok: false, code: 'noWithAi' };
  const targets = request.optionIds.map((id) => {
    const o = document.options.findIndex((opt) => opt.id === id);
    const e =
      o < 0 ? -1 : document.options[o]!.effects.findIndex((eff) => eff.workflowId === request.workflowId);
    return { o, e };
  });
  if (targets.some((t) => t.o < 0 || t.e < 0)) return { ok: false, code: 'unknownOption' };

  const doc = structuredClone(document) as Scenario;
  const uncertainty = doc.uncertainty ?? { seed: 1, trials: 5000, inputs: {}, correlations: [] };
  const changed: string[] = [];
  // Inputs that no longer exist once an effect is measured (fit, claimed reduction…): every
  // distribution, correlation and source naming them goes, by index or id path alike.
  const before = collectParams(document);
  const removed = new Set<number>();
  const workflow = doc.workflows[workflowIndex]!;
  const idPath = (o: number, field: string) =>
    `options.${doc.options[o]!.id}.effects.${request.workflowId}.${field}`;

  if (request.baseline) {
    const b = stats.baseline!;
    workflow.baselineMinutesPerTask = round(b.mean);
    workflow.baselineEvidence = evidence(stats, b, source, 'time-motion observation, baseline');
    const path = `workflows.${workflow.id}.baselineMinutesPerTask`;
    dropInput(uncertainty, before, before.index.get(path));
    uncertainty.inputs[path] = meanDistribution(b);
    changed.push(path);
  }
  for (const { o, e } of targets) {
    const option = doc.options[o]!;
    const old = option.effects[e]!;
    if (old.basis === 'claimed') {
      for (const field of ['claimedReduction', 'fit', 'errorRate', 'correctionMinutesPerError']) {
        const slot = before.index.get(`options.${o}.effects.${e}.${field}`);
        if (slot !== undefined) removed.add(slot);
      }
    }
    const withAi = stats.withAi!;
    const verification = stats.verification;
    option.effects[e] = {
      basis: 'measured',
      workflowId: old.workflowId,
      scopeShare: old.scopeShare,
      adoption: old.adoption,
      evidence: evidence(stats, withAi, source, 'time-motion observation, with AI'),
      minutesWithAiPerTask: round(withAi.mean),
      verificationMinutesPerTask: round(verification?.mean ?? 0),
    };
    for (const field of ['minutesWithAiPerTask', 'verificationMinutesPerTask'] as const) {
      const slot =
        before.index.get(idPath(o, field)) ?? before.index.get(`options.${o}.effects.${e}.${field}`);
      if (slot !== undefined) dropInput(uncertainty, before, slot);
    }
    uncertainty.inputs[idPath(o, 'minutesWithAiPerTask')] = meanDistribution(withAi);
    if (verification && verification.n > 1) {
      uncertainty.inputs[idPath(o, 'verificationMinutesPerTask')] = meanDistribution(verification);
    }
    changed.push(idPath(o, 'minutesWithAiPerTask'), idPath(o, 'verificationMinutesPerTask'));
  }
  for (const slot of removed) dropInput(uncertainty, before, slot);
  if (doc.sources) {
    for (const key of Object.keys(doc.sources)) {
      const slot = before.index.get(key);
      if (slot !== undefined && removed.has(slot)) delete doc.sources[key];
    }
  }
  doc.uncertainty = uncertainty;
  return { ok: true, document: doc, changed };
}

/** Removes every distribution, `sameAs` and correlation that names the input at `slot`. */
function dropInput(
  uncertainty: NonNullable<Scenario['uncertainty']>,
  table: ReturnType<typeof collectParams>,
  slot: number | undefined,
): void {
  if (slot === undefined) return;
  const names = (path: string) => table.index.get(path) === slot;
  for (const [key, d] of Object.entries(uncertainty.inputs)) {
    if (names(key) || (d.kind === 'sameAs' && names(d.input))) delete uncertainty.inputs[key];
  }
  uncertainty.correlations = uncertainty.correlations.filter((c) => !names(c.a) && !names(c.b));
}
