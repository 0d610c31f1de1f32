import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  calibrate,
  calibratedMinutes,
  calibrateVolumes,
  lastYearTotal,
  yearlyVolumes,
} from '~/datasets/calibrate';
import type { Observation } from '~/datasets/interpret';
import { workflowStats } from '~/datasets/stats';
import { compileScenario, runModel, validateScenario, type Scenario } from '~/engine';

const county = (): Scenario => {
  const v = validateScenario(
    JSON.parse(
      readFileSync(
        join(import.meta.dirname, '..', '..', 'scenarios', 'county-hospital-300-beds.json'),
        'utf8',
      ),
    ),
  );
  if (!v.ok) throw new Error('bundled scenario invalid');
  return v.scenario;
};

const obs = (
  phase: 'baseline' | 'withAi',
  minutes: number,
  row: number,
  verification: number | null = null,
): Observation => ({
  row,
  workflowId: 'chronic-followup',
  role: 'nurse',
  department: null,
  date: `2026-03-${String(row).padStart(2, '0')}`,
  phase,
  minutes,
  verificationMinutes: verification,
});

// Baseline 10, 12, 14 (mean 12, sd 2); with AI 7, 8, 9 (mean 8, sd 1) + verification 1, 1.5, 2 (mean 1.5).
const stats = workflowStats([
  obs('baseline', 10, 2),
  obs('baseline', 12, 3),
  obs('baseline', 14, 4),
  obs('withAi', 7, 5, 1),
  obs('withAi', 8, 6, 1.5),
  obs('withAi', 9, 7, 2),
])[0]!;
const source = { fileName: '随访计时.csv', fileHash: 'ab'.repeat(32) };

describe('calibration from measured timings', () => {
  it('sets the baseline and a claimed effect to the measured values, with n, dates and file as evidence', () => {
    const result = calibrate(
      county(),
      stats,
      { workflowId: 'chronic-followup', baseline: true, optionIds: ['followup-rollout', 'pilot-followup'] },
      source,
    );
    if (!result.ok) throw new Error(result.code);
    const v = validateScenario(result.document);
    expect(v.ok ? [] : v.problems).toEqual([]);
    const doc = result.document;
    const workflow = doc.workflows.find((w) => w.id === 'chronic-followup')!;
    expect(workflow.baselineMinutesPerTask).toBe(12);
    expect(workflow.baselineEvidence).toEqual({
      kind: 'measured',
      n: 3,
      from: '2026-03-02',
      to: '2026-03-07',
      method: { 'zh-CN': '计时观察，基线', en: 'time-motion observation, baseline' },
      note: '随访计时.csv (sha256 abababababab)',
    });
    const effect = doc.options.find((o) => o.id === 'followup-rollout')!.effects[0]!;
    expect(effect).toMatchObject({
      basis: 'measured',
      minutesWithAiPerTask: 8,
      verificationMinutesPerTask: 1.5,
    });
    expect(effect.evidence).toMatchObject({ kind: 'measured', n: 3 });
    // The mean's standard error, not a task's spread: 2/√3 for the baseline, so 12 ± 1.645 × 1.1547.
    expect(doc.uncertainty!.inputs['workflows.chronic-followup.baselineMinutesPerTask']).toEqual({
      kind: 'normal',
      low: 10.101,
      high: 13.899,
      min: 0,
    });
    // Nothing names the claimed inputs that are gone.
    const names = JSON.stringify(doc.uncertainty) + JSON.stringify(doc.sources ?? {});
    expect(names).not.toMatch(
      /followup-rollout\.effects\.chronic-followup\.(fit|claimedReduction|errorRate)/,
    );
    expect(names).not.toMatch(/pilot-followup\.effects\.chronic-followup\.(fit|claimedReduction|errorRate)/);
    // The engine now saves 12 − (8 + 1.5) = 2.5 minutes a task: hours freed follow.
    const before = runModel(compileScenario(county())).options.find((o) => o.id === 'followup-rollout')!;
    const after = runModel(compileScenario(v.ok ? v.scenario : doc)).options.find(
      (o) => o.id === 'followup-rollout',
    )!;
    expect(after.hoursFreed).not.toBe(before.hoursFreed);
    expect(after.tasksWithAi).toBeCloseTo(before.tasksWithAi, 6);
    expect(after.hoursFreed).toBeCloseTo((after.tasksWithAi * 2.5) / 60, 6);
  });

  it('says what it writes, so a page can tell a value already calibrated from these numbers', () => {
    expect(calibratedMinutes(stats)).toEqual({
      baselineMinutesPerTask: 12,
      minutesWithAiPerTask: 8,
      verificationMinutesPerTask: 1.5,
    });
    const result = calibrate(
      county(),
      stats,
      { workflowId: 'chronic-followup', baseline: true, optionIds: ['followup-rollout'] },
      source,
    );
    if (!result.ok) throw new Error(result.code);
    const workflow = result.document.workflows.find((w) => w.id === 'chronic-followup')!;
    const effect = result.document.options.find((o) => o.id === 'followup-rollout')!.effects[0]!;
    expect(effect.basis).toBe('measured');
    if (effect.basis !== 'measured') return;
    expect(calibratedMinutes(stats)).toEqual({
      baselineMinutesPerTask: workflow.baselineMinutesPerTask,
      minutesWithAiPerTask: effect.minutesWithAiPerTask,
      verificationMinutesPerTask: effect.verificationMinutesPerTask,
    });
    // Rounded to the thousandth as stored; a phase not measured writes nothing.
    const odd = workflowStats([obs('baseline', 10, 2), obs('baseline', 10.0004, 3)])[0]!;
    expect(calibratedMinutes(odd)).toEqual({
      baselineMinutesPerTask: 10,
      minutesWithAiPerTask: null,
      verificationMinutesPerTask: 0,
    });
  });

  it('refuses what the data cannot support, and an empty choice', () => {
    const onlyBaseline = workflowStats([obs('baseline', 10, 2), obs('baseline', 11, 3)])[0]!;
    expect(
      calibrate(
        county(),
        onlyBaseline,
        { workflowId: 'chronic-followup', baseline: false, optionIds: ['followup-rollout'] },
        source,
      ),
    ).toEqual({ ok: false, code: 'noWithAi' });
    expect(
      calibrate(county(), stats, { workflowId: 'chronic-followup', baseline: false, optionIds: [] }, source),
    ).toEqual({ ok: false, code: 'nothingChosen' });
    expect(
      calibrate(
        county(),
        stats,
        { workflowId: 'chronic-followup', baseline: false, optionIds: ['buy-speech-emr'] },
        source,
      ),
    ).toEqual({ ok: false, code: 'unknownOption' });
  });
});

describe('calibration from HIS volumes', () => {
  // 24 months of visits: 2,000 a month in 2024, then 2,200 a month in 2025 with January doubled.
  const visits = [
    ...Array.from({ length: 12 }, (_, i) => ({
      month: `2024-${String(i + 1).padStart(2, '0')}-01`,
      count: 2000,
    })),
    ...Array.from({ length: 12 }, (_, i) => ({
      month: `2025-${String(i + 1).padStart(2, '0')}-01`,
      count: i === 0 ? 4400 : 2200,
    })),
  ];
  const discharges = Array.from({ length: 12 }, (_, i) => ({
    month: `2025-${String(i + 1).padStart(2, '0')}-01`,
    count: 100,
  }));
  const days = Array.from({ length: 12 }, (_, i) => ({
    month: `2025-${String(i + 1).padStart(2, '0')}-01`,
    count: 7300,
  }));
  const volumes = [
    { key: 'outpatientVisits', months: visits },
    { key: 'discharges', months: discharges },
    { key: 'inpatientDays', months: days },
    { key: 'outpatient-notes', months: discharges.map((m) => ({ ...m, count: 5000 })) },
  ];

  it('sets yearly volumes, growth, occupancy, tasks per unit and the monthly profile, each marked measured', () => {
    const doc = county();
    const result = calibrateVolumes(
      doc,
      volumes,
      {
        measures: ['outpatientVisits', 'discharges', 'inpatientDays'],
        workflowIds: ['outpatient-notes'],
        seasonality: true,
      },
      source,
    );
    if (!result.ok) throw new Error(result.code);
    const v = validateScenario(result.document);
    expect(v.ok ? [] : v.problems).toEqual([]);
    const h = result.document.hospital;
    // 4,400 + 11 × 2,200 = 28,600 visits; 28,600 / 24,000 − 1 = 19.17 % growth.
    expect(h.outpatientVisitsPerYear).toBe(28_600);
    expect(h.volumeGrowthPerYear).toBe(0.1917);
    expect(h.dischargesPerYear).toBe(1200);
    // 87,600 inpatient days over 300 beds × 365 = 0.8.
    expect(h.occupancy).toBe(0.8);
    // 60,000 notes over 28,600 visits.
    expect(result.document.workflows.find((w) => w.id === 'outpatient-notes')!.tasksPerDriverUnit).toBe(
      2.0979,
    );
    // January twice the other months: 4,400 / (28,600 / 12) = 1.846, the rest 0.923.
    expect(h.seasonality![0]).toBe(1.846);
    expect(h.seasonality![5]).toBe(0.923);
    expect(result.document.sources!['hospital.outpatientVisitsPerYear']).toMatchObject({
      kind: 'measured',
      n: 12,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(result.document.sources!['hospital.seasonality.0']).toMatchObject({ kind: 'measured', n: 12 });
  });

  it('takes an occupancy above 100 % as 100 % and says so in the evidence', () => {
    // 120,000 inpatient days over 300 beds × 365 = 109.6 %.
    const crowded = [{ key: 'inpatientDays', months: days.map((m) => ({ ...m, count: 10_000 })) }];
    const result = calibrateVolumes(
      county(),
      crowded,
      { measures: ['inpatientDays'], workflowIds: [], seasonality: false },
      source,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.document.hospital.occupancy).toBe(1);
    expect(result.document.sources!['hospital.occupancy']).toMatchObject({
      kind: 'measured',
      method: {
        'zh-CN': expect.stringContaining('床位使用率为 109.6 %，按 100 % 计'),
        en: expect.stringContaining('109.6 % occupancy, taken as 100 %'),
      },
    });
  });

  it('totals the last twelve consecutive months as calibration takes them, against the profile’s volumes', () => {
    expect(lastYearTotal(visits)).toBe(4400 + 11 * 2200);
    expect(lastYearTotal(discharges)).toBe(1200);
    expect(lastYearTotal(discharges.slice(1))).toBeNull();
    const doc = county();
    const h = doc.hospital;
    expect(yearlyVolumes(h)).toEqual({
      outpatientVisits: h.outpatientVisitsPerYear,
      discharges: h.dischargesPerYear,
      inpatientDays: h.beds * h.occupancy * 365,
    });
    const result = calibrateVolumes(
      doc,
      volumes,
      { measures: ['outpatientVisits', 'discharges'], workflowIds: [], seasonality: false },
      source,
    );
    if (!result.ok) throw new Error(result.code);
    const after = yearlyVolumes(result.document.hospital);
    expect(after.outpatientVisits).toBe(lastYearTotal(visits));
    expect(after.discharges).toBe(lastYearTotal(discharges));
  });

  it('needs twelve consecutive months', () => {
    const short = [{ key: 'discharges', months: discharges.slice(0, 11) }];
    expect(
      calibrateVolumes(
        county(),
        short,
        { measures: ['discharges'], workflowIds: [], seasonality: false },
        source,
      ),
    ).toEqual({
      ok: false,
      code: 'tooFewMonths',
    });
    const gap = [
      {
        key: 'discharges',
        months: [...discharges.slice(0, 6), ...discharges.slice(7), { month: '2026-01-01', count: 1 }],
      },
    ];
    expect(
      calibrateVolumes(
        county(),
        gap,
        { measures: ['discharges'], workflowIds: [], seasonality: false },
        source,
      ).ok,
    ).toBe(false);
    expect(
      calibrateVolumes(county(), volumes, { measures: [], workflowIds: [], seasonality: false }, source),
    ).toEqual({
      ok: false,
      code: 'nothingChosen',
    });
  });
});

describe('calibration leaves nothing that contradicts it', () => {
  it('drops an older source of a calibrated input, so its measured evidence shows', () => {
    const doc = county();
    doc.sources = {
      ...(doc.sources ?? {}),
      'workflows.chronic-followup.baselineMinutesPerTask': { kind: 'assumed', note: 'guess' },
    };
    const result = calibrate(
      doc,
      stats,
      { workflowId: 'chronic-followup', baseline: true, optionIds: [] },
      source,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.document.sources!['workflows.chronic-followup.baselineMinutesPerTask']).toBeUndefined();
  });

  it('takes no growth across a gap in the months', () => {
    const months = (year: number, count: number) =>
      Array.from({ length: 12 }, (_, i) => ({
        month: `${year}-${String(i + 1).padStart(2, '0')}-01`,
        count,
      }));
    const gap = [{ key: 'outpatientVisits', months: [...months(2022, 1000), ...months(2024, 2000)] }];
    const result = calibrateVolumes(
      county(),
      gap,
      { measures: ['outpatientVisits'], workflowIds: [], seasonality: false },
      source,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.document.hospital.outpatientVisitsPerYear).toBe(24_000);
    expect(result.document.hospital.volumeGrowthPerYear).toBe(county().hospital.volumeGrowthPerYear);
  });
});
