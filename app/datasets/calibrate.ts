/**
 * Calibration: a workflow's claimed baseline, or an option's claimed effect on it, replaced by
 * what the hospital measured, with the measurement's uncertainty as a distribution for the
 * Monte Carlo and its provenance (n, dates, file) as the input's evidence. The result is a new
 * document; the caller validates and saves it as a new version.
 */
import { collectParams } from '~/engine/params';
import type { Distribution, Evidence, LocalizedNote, Scenario } from '~/engine/schema';
import { Z95 } from '~/engine/uncertainty/distributions';

import type { Measure } from './columns';
import type { Summary, VolumeStats, WorkflowStats } from './stats';

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

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** What calibration writes from a workflow's statistics: the measured minutes, as stored. */
export function calibratedMinutes(stats: WorkflowStats): {
  baselineMinutesPerTask: number | null;
  minutesWithAiPerTask: number | null;
  verificationMinutesPerTask: number;
} {
  return {
    baselineMinutesPerTask: stats.baseline ? round(stats.baseline.mean) : null,
    minutesWithAiPerTask: stats.withAi ? round(stats.withAi.mean) : null,
    // Per with-AI task, a task that recorded no verification counting none: as the saving.
    verificationMinutesPerTask: round(stats.verificationPerTask ?? 0),
  };
}

/**
 * The mean's uncertainty, not the spread of single tasks: a normal around the measured mean
 * with its standard error, never below zero.
 */
function meanDistribution(summary: Summary): Distribution {
  // One timing says nothing of its own uncertainty: the value is taken as it is.
  if (summary.n < 2) return { kind: 'fixed' };
  const se = summary.sd / Math.sqrt(summary.n);
  // The 5th and 95th percentiles, as the scenario format (and the Monte Carlo) reads low and high.
  const low = round(Math.max(0, summary.mean - Z95 * se));
  const high = round(summary.mean + Z95 * se);
  // Identical timings (or a zero mean) leave nothing to vary.
  if (low >= high) return { kind: 'fixed' };
  return { kind: 'normal', low, high, min: 0 };
}

function evidence(
  stats: WorkflowStats,
  summary: Summary,
  source: CalibrationSource,
  method: LocalizedNote,
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
  const measured = calibratedMinutes(stats);
  const idPath = (o: number, field: string) =>
    `options.${doc.options[o]!.id}.effects.${request.workflowId}.${field}`;

  if (request.baseline) {
    const b = stats.baseline!;
    workflow.baselineMinutesPerTask = measured.baselineMinutesPerTask!;
    workflow.baselineEvidence = evidence(stats, b, source, {
      'zh-CN': '计时观察，基线',
      en: 'time-motion observation, baseline',
    });
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
      evidence: evidence(stats, withAi, source, {
        'zh-CN': '计时观察，使用 AI 后',
        en: 'time-motion observation, with AI',
      }),
      minutesWithAiPerTask: measured.minutesWithAiPerTask!,
      verificationMinutesPerTask: measured.verificationMinutesPerTask,
    };
    for (const field of ['minutesWithAiPerTask', 'verificationMinutesPerTask'] as const) {
      const slot =
        before.index.get(idPath(o, field)) ?? before.index.get(`options.${o}.effects.${e}.${field}`);
      if (slot !== undefined) dropInput(uncertainty, before, slot);
    }
    uncertainty.inputs[idPath(o, 'minutesWithAiPerTask')] = meanDistribution(withAi);
    if (verification && verification.n > 1 && verification.n === withAi.n) {
      uncertainty.inputs[idPath(o, 'verificationMinutesPerTask')] = meanDistribution(verification);
    }
    changed.push(idPath(o, 'minutesWithAiPerTask'), idPath(o, 'verificationMinutesPerTask'));
  }
  for (const slot of removed) dropInput(uncertainty, before, slot);
  // A source recorded for a changed input would hide its new, measured evidence.
  for (const path of changed) {
    const slot = before.index.get(path);
    if (slot !== undefined) removed.add(slot);
  }
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

export interface VolumeCalibrationRequest {
  /** Measures whose last twelve months replace the hospital's yearly volumes. */
  measures: Measure[];
  /** Workflows whose monthly task counts set their tasks per unit of volume. */
  workflowIds: string[];
  /** Take the calendar-month profile from the measured volumes. */
  seasonality: boolean;
}

export type VolumeCalibrationResult =
  | { ok: true; document: Scenario; changed: string[] }
  | { ok: false; code: 'nothingChosen' | 'tooFewMonths' | 'unknownWorkflow' | 'noBeds' };

const monthNumber = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** The last twelve consecutive months of a series, or null when it has fewer. */
export function lastYear(months: VolumeStats['months']): VolumeStats['months'] | null {
  if (months.length < 12) return null;
  const last = months.slice(-12);
  return monthNumber(last[11]!.month) - monthNumber(last[0]!.month) === 11 ? last : null;
}

const sum = (months: VolumeStats['months']) => months.reduce((s, m) => s + m.count, 0);

/** The total of a series' last twelve consecutive months (what calibration takes), or null. */
export function lastYearTotal(months: VolumeStats['months']): number | null {
  const year = lastYear(months);
  return year ? sum(year) : null;
}

/** The hospital's yearly volume of each measure as the scenario holds it: what calibration replaces. */
export function yearlyVolumes(hospital: Scenario['hospital']): Record<Measure, number> {
  return {
    outpatientVisits: hospital.outpatientVisitsPerYear,
    discharges: hospital.dischargesPerYear,
    inpatientDays: hospital.beds * hospital.occupancy * 365,
  };
}
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * HIS monthly counts in place of the profile's volumes: yearly visits and discharges from the
 * last twelve months (growth from the twelve before, where there are 24), occupancy from
 * inpatient days, a workflow's tasks per unit of its driver, and the calendar-month profile.
 */
export function calibrateVolumes(
  document: Scenario,
  volumes: readonly VolumeStats[],
  request: VolumeCalibrationRequest,
  source: CalibrationSource,
): VolumeCalibrationResult {
  if (request.measures.length === 0 && request.workflowIds.length === 0 && !request.seasonality)
    return { ok: false, code: 'nothingChosen' };
  const doc = structuredClone(document) as Scenario;
  const uncertainty = doc.uncertainty ?? { seed: 1, trials: 5000, inputs: {}, correlations: [] };
  const before = collectParams(document);
  const sources = { ...(doc.sources ?? {}) };
  const changed: string[] = [];
  const series = (key: string) => volumes.find((v) => v.key === key);
  const measured = (months: VolumeStats['months'], method: LocalizedNote): Evidence => ({
    kind: 'measured',
    n: months.length,
    from: months[0]!.month,
    to: monthEnd(months[months.length - 1]!.month),
    method,
    note: `${source.fileName} (sha256 ${source.fileHash.slice(0, 12)})`,
  });
  const set = (path: string, value: number, evidence: Evidence) => {
    dropInput(uncertainty, before, before.index.get(path));
    sources[path] = evidence;
    changed.push(path);
    return value;
  };
  const h = doc.hospital;
  const yearly: Partial<Record<Measure, number>> = {};

  for (const measure of request.measures) {
    const all = series(measure)?.months ?? [];
    const year = lastYear(all);
    if (!year) return { ok: false, code: 'tooFewMonths' };
    const total = sum(year);
    yearly[measure] = total;
    const evidence = measured(year, {
      'zh-CN': 'HIS 月度统计，最近 12 个月',
      en: 'HIS monthly counts, last 12 months',
    });
    if (measure === 'outpatientVisits') {
      h.outpatientVisitsPerYear = set('hospital.outpatientVisitsPerYear', Math.round(total), evidence);
      const previous = lastYear(all.slice(0, -12));
      // Growth only from the twelve months right before the last twelve, not across a gap.
      if (
        previous &&
        sum(previous) > 0 &&
        monthNumber(year[0]!.month) - monthNumber(previous[11]!.month) === 1
      ) {
        h.volumeGrowthPerYear = set(
          'hospital.volumeGrowthPerYear',
          round(total / sum(previous) - 1, 4),
          measured([...previous, ...year], {
            'zh-CN': 'HIS 月度统计，最近 24 个月',
            en: 'HIS monthly counts, last 24 months',
          }),
        );
      }
    } else if (measure === 'discharges') {
      h.dischargesPerYear = set('hospital.dischargesPerYear', Math.round(total), evidence);
    } else {
      if (h.beds <= 0) return { ok: false, code: 'noBeds' };
      const occupancy = round(total / (h.beds * 365), 4);
      // Wards with beds in the corridor run above 100 %: the model holds at most 100 %, and
      // the evidence says what was measured and what was taken.
      h.occupancy = set(
        'hospital.occupancy',
        Math.min(1, occupancy),
        occupancy > 1
          ? measured(year, {
              'zh-CN': `HIS 月度统计，最近 12 个月：按住院床日折算床位使用率为 ${(occupancy * 100).toFixed(1)} %，按 100 % 计（模型允许的最大值）`,
              en: `HIS monthly counts, last 12 months: inpatient days give ${(occupancy * 100).toFixed(1)} % occupancy, taken as 100 % (the most the model holds)`,
            })
          : evidence,
      );
    }
  }

  for (const workflowId of request.workflowIds) {
    const workflow = doc.workflows.find((w) => w.id === workflowId);
    const year = lastYear(series(workflowId)?.months ?? []);
    if (!workflow) return { ok: false, code: 'unknownWorkflow' };
    if (!year) return { ok: false, code: 'tooFewMonths' };
    const driverPerYear: Record<typeof workflow.volumeDriver, number> = {
      outpatientVisit: h.outpatientVisitsPerYear,
      discharge: h.dischargesPerYear,
      inpatientDay: yearlyVolumes(h).inpatientDays,
      bed: h.beds * 12,
      month: 12,
    };
    const driver = driverPerYear[workflow.volumeDriver];
    if (driver > 0) {
      workflow.tasksPerDriverUnit = set(
        `workflows.${workflowId}.tasksPerDriverUnit`,
        round(sum(year) / driver, 4),
        measured(year, {
          'zh-CN': 'HIS 月度任务量统计，最近 12 个月',
          en: 'HIS monthly task counts, last 12 months',
        }),
      );
    }
  }

  if (request.seasonality) {
    const year =
      lastYear(series('outpatientVisits')?.months ?? []) ?? lastYear(series('discharges')?.months ?? []);
    if (!year) return { ok: false, code: 'tooFewMonths' };
    const mean = sum(year) / 12;
    const weights = new Array<number>(12).fill(1);
    for (const m of year) weights[Number(m.month.slice(5, 7)) - 1] = mean > 0 ? round(m.count / mean, 3) : 1;
    h.seasonality = weights;
    const evidence = measured(year, {
      'zh-CN': 'HIS 月度统计：各月季节性分布',
      en: 'HIS monthly counts: calendar-month profile',
    });
    weights.forEach((_, i) => set(`hospital.seasonality.${i}`, weights[i]!, evidence));
  }
  doc.sources = sources;
  doc.uncertainty = uncertainty;
  return { ok: true, document: doc, changed };
}
