/**
 * From hours to money, by hand. Base hospital: 1,000 nurse tasks a month; the option's
 * measured effect leaves 4 of 10 minutes, so 6 minutes are freed per task.
 */
import { describe, expect, it } from 'vitest';

import { baseScenario, option, simulate, measuredEffect } from '../helpers/scenario';

const measured = (minutesWithAi: number, tasks = 1000) => ({
  workflows: [
    {
      id: 'notes',
      name: 'notes',
      role: 'nurse',
      volumeDriver: 'month',
      tasksPerDriverUnit: tasks,
      baselineMinutesPerTask: 10,
      baselineEvidence: { kind: 'measured', n: 40 },
    },
  ],
  options: [
    option('a', {
      effects: [measuredEffect({ minutesWithAiPerTask: minutesWithAi })],
    }),
  ],
});

describe('avoided staffing', () => {
  it('turns freed hours into cash only in whole FTE steps', () => {
    // 4,000 tasks × 6 min / 60 = 400 h a month. A post (2,000 paid h) is saved once the last
    // twelve months' hours reach 2,000: month 5 → 1 FTE, month 10 → 2 FTE (4,000 h); the
    // twelve-month sum then stays at 4,800 h → 2 FTE. One FTE = 120,000 / 12 = 10,000 a month.
    const r = simulate(
      baseScenario({ ...measured(4, 4000), realization: { nurse: { mode: 'avoidedStaffing' } } } as never),
    ).options[0]!;
    const cash = r.monthly.cashRealized;
    expect(cash.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(cash.slice(4, 9)).toEqual([10000, 10000, 10000, 10000, 10000]);
    expect(cash.slice(9, 12)).toEqual([20000, 20000, 20000]);
    expect(r.years[0]!.cashRealized).toBe(110000);
    expect(r.years[1]!.cashRealized).toBe(240000);
    // Hours and FTE-equivalents are reported alongside, never instead.
    expect(r.years[0]!.hoursFreed).toBeCloseTo(4800, 9);
    expect(r.years[0]!.fteFreed).toBeCloseTo(2.4, 9);
  });

  it('never avoids more posts than the hospital can', () => {
    const r = simulate(
      baseScenario({
        ...measured(4, 4000),
        realization: { nurse: { mode: 'avoidedStaffing', maxFte: 1 } },
      } as never),
    ).options[0]!;
    // 1 FTE from month 5: 8 months × 10,000 in year 1, 12 in year 2.
    expect(r.years[0]!.cashRealized).toBe(80000);
    expect(r.years[1]!.cashRealized).toBe(120000);
  });

  it('realizes nothing while the hours add up to less than one post', () => {
    // 1,000 tasks × 6 min = 100 h a month = 1,200 h a year < 2,000.
    const r = simulate(
      baseScenario({ ...measured(4), realization: { nurse: { mode: 'avoidedStaffing' } } } as never),
    ).options[0]!;
    expect(r.cashRealized).toBe(0);
    expect(r.hoursFreed).toBeCloseTo(2400, 9);
    // The paper value still counts every hour at 60: 2,400 × 60.
    expect(r.paperValue).toBeCloseTo(144000, 6);
  });
});

describe('throughput', () => {
  it('turns redeployed hours into extra visits at a contribution margin', () => {
    const r = simulate(
      baseScenario({
        ...measured(4),
        realization: {
          nurse: {
            mode: 'throughput',
            redeployedShare: 0.5,
            minutesPerVisit: 15,
            contributionMarginPerVisit: 30,
          },
        },
      } as never),
    ).options[0]!;
    // 100 h × 60 × 0.5 / 15 = 200 extra visits a month × 30 = 6,000 a month.
    expect(r.years[0]!.cashRealized).toBeCloseTo(72000, 6);
  });

  it('stops at the demand ceiling each year', () => {
    const r = simulate(
      baseScenario({
        ...measured(4),
        realization: {
          nurse: {
            mode: 'throughput',
            redeployedShare: 0.5,
            minutesPerVisit: 15,
            contributionMarginPerVisit: 30,
            maxExtraVisitsPerYear: 1000,
          },
        },
      } as never),
    ).options[0]!;
    // 200 visits a month reach 1,000 after five months: 30,000 a year.
    expect(r.years[0]!.cashRealized).toBeCloseTo(30000, 6);
    expect(r.years[1]!.cashRealized).toBeCloseTo(30000, 6);
  });
});

describe('not realized and added burden', () => {
  it('keeps freed hours as capacity worth nothing in cash', () => {
    const r = simulate(
      baseScenario({ ...measured(4), realization: { nurse: { mode: 'notRealized' } } } as never),
    ).options[0]!;
    expect(r.cashRealized).toBe(0);
    expect(r.hoursFreed).toBeCloseTo(2400, 9);
  });

  it('costs added burden as overtime and shows the negative hours', () => {
    // 12 minutes with AI against a 10-minute baseline: −2 min × 1,000 = −33.33 h a month,
    // paid at 60 × 1.5 = 90 an hour = 3,000 a month = 36,000 a year in staffing.
    const r = simulate(
      baseScenario({ ...measured(12), realization: { nurse: { mode: 'avoidedStaffing' } } } as never),
    ).options[0]!;
    expect(r.hoursFreed).toBeCloseTo(-800, 9);
    expect(r.years[0]!.costs.staffing).toBeCloseTo(36000, 6);
    expect(r.years[0]!.burdenOvertime).toBeCloseTo(36000, 6);
    expect(r.cashRealized).toBe(0);
    expect(r.npv).toBeCloseTo(-36000 / 1.08 - 36000 / 1.08 ** 2, 6);
  });

  it('grows the value of a post with wages', () => {
    const doc = baseScenario({
      ...measured(4, 4000),
      realization: { nurse: { mode: 'avoidedStaffing', maxFte: 1 } },
    } as never);
    doc.hospital.wageGrowthPerYear = 0.1;
    const r = simulate(doc).options[0]!;
    // Year 2: 1 FTE × 120,000 × 1.1 = 132,000.
    expect(r.years[1]!.cashRealized).toBeCloseTo(132000, 6);
  });
});

describe('claimed effects', () => {
  it('degrades the claim by fit and adds the error burden', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          effects: [
            {
              basis: 'claimed',
              workflowId: 'notes',
              adoption: { ceiling: 1, goLiveMonth: 1, rampMonths: 0 },
              evidence: { kind: 'claimed', source: 'vendor' },
              claimedReduction: 0.5,
              fit: 0.6,
              verificationMinutesPerTask: 0.5,
              errorRate: 0.2,
              correctionMinutesPerError: 5,
            },
          ],
        }),
      ] as never,
    });
    // 10 × 0.5 × 0.6 − 0.5 − 0.2 × 5 = 1.5 minutes a task → 25 h a month.
    expect(simulate(doc).options[0]!.years[0]!.hoursFreed).toBeCloseTo(300, 9);
  });

  it('lets the net effect go negative instead of clipping it', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          effects: [
            {
              basis: 'claimed',
              workflowId: 'notes',
              adoption: { ceiling: 1, goLiveMonth: 1, rampMonths: 0 },
              evidence: { kind: 'claimed', source: 'vendor' },
              claimedReduction: 0.3,
              fit: 0.5,
              errorRate: 0.4,
              correctionMinutesPerError: 5,
            },
          ],
        }),
      ] as never,
    });
    // 10 × 0.3 × 0.5 − 0.4 × 5 = −0.5 minutes a task → −8.33 h a month.
    expect(simulate(doc).options[0]!.years[0]!.hoursFreed).toBeCloseTo(-100, 9);
  });
});

describe('avoided staffing after a stop', () => {
  it('gives the post back as soon as the hours stop', () => {
    // 400 h a month (2 FTE after ten months) until a stop rule ends the option in month 15
    // (net effect 6 < 7): from month 16 nothing is freed, so nothing is realized.
    const doc = baseScenario({
      ...measured(4, 4000),
      realization: { nurse: { mode: 'avoidedStaffing' } },
    } as never) as unknown as { options: Record<string, unknown>[] };
    doc.options[0]!.stopRule = { checkMonth: 15, minNetMinutesPerTask: 7 };
    const r = simulate(doc).options[0]!;
    expect(r.stop?.month).toBe(15);
    expect(r.monthly.cashRealized[14]).toBe(20000);
    expect(r.monthly.cashRealized.slice(15).every((v) => v === 0)).toBe(true);
  });
});
