import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { calibrate } from '~/datasets/calibrate';
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
      method: 'time-motion observation, baseline',
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
