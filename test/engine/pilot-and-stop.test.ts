/**
 * The pilot, both ways, and the stop rule with what it strands. Base hospital as in
 * test/helpers/scenario.ts: 1,000 nurse tasks a month, 6 minutes freed per task by the options.
 */
import { describe, expect, it } from 'vitest';

import { compileScenario, validateScenario } from '~/engine';
import { trialRunner } from '~/engine/simulate';

import { baseScenario, option, simulate, measuredEffect } from '../helpers/scenario';

const pilotDoc = (threshold: number, committedUntilMonth?: number) =>
  baseScenario({
    options: [
      option('full', {
        costLines: [
          { kind: 'oneTime', id: 'licence', name: 'licence', category: 'vendor', month: 1, amount: 50000 },
          { kind: 'recurring', id: 'run', name: 'run', category: 'vendor', amount: 2000, period: 'month' },
        ],
      }),
      option('pilot', {
        kind: 'pilot',
        effects: [measuredEffect({ scopeShare: 0.2 })],
        costLines: [
          {
            kind: 'recurring',
            id: 'pilot-fee',
            name: 'pilot fee',
            category: 'vendor',
            amount: 1000,
            period: 'month',
            ...(committedUntilMonth ? { committedUntilMonth } : {}),
          },
        ],
        pilot: {
          durationMonths: 6,
          decisionRule: { minNetMinutesPerTask: threshold },
          scaleUpOptionId: 'full',
          leadMonths: 1,
        },
      }),
    ] as never,
  });

describe('pilot', () => {
  it('scales up when the measured saving meets the rule', () => {
    const r = simulate(pilotDoc(5)).options[1]!;
    // Measured 6 ≥ 5 → scale up. Decision at the end of month 6; one month's lead → month 8.
    expect(r.pilot).toMatchObject({
      decision: 'scaleUp',
      decisionMonth: 6,
      scaleUpMonth: 8,
      measuredNetMinutesPerTask: 6,
    });
    // Pilot fee months 1–6 = 6,000. Scale-up: licence 50,000 in month 8, 2,000 a month in months 8–24.
    expect(r.tco).toBeCloseTo(6000 + 50000 + 17 * 2000, 6);
    expect(r.monthly.cashOut[6]).toBe(0);
    expect(r.monthly.cashOut[7]).toBe(52000);
    // Hours: pilot 1,000 × 20 % × 6 / 60 = 20 h a month for 6 months; then 100 h a month for 17 months.
    expect(r.hoursFreed).toBeCloseTo(120 + 1700, 9);
    expect(r.years[0]!.hoursFreed).toBeCloseTo(120 + 500, 9);
    expect(r.stop).toBeNull();
  });

  it('stops when the saving falls short: its cost is sunk and nothing more is spent', () => {
    const r = simulate(pilotDoc(7)).options[1]!;
    expect(r.pilot).toMatchObject({ decision: 'stop', decisionMonth: 6, scaleUpMonth: null });
    expect(r.tco).toBe(6000);
    expect(r.stop).toMatchObject({ month: 6, strandedCash: 0 });
    expect(r.monthly.cashOut.slice(6).every((v) => v === 0)).toBe(true);
    expect(r.hoursFreed).toBeCloseTo(120, 9);
  });

  it('keeps paying what was committed after a stop, and calls it stranded', () => {
    const r = simulate(pilotDoc(7, 9)).options[1]!;
    // The fee is committed to month 9: months 7–9 are still paid (3,000 stranded).
    expect(r.tco).toBe(9000);
    expect(r.stop).toMatchObject({ month: 6, strandedCash: 3000, strandedBookValue: 0, threshold: 7 });
  });
});

describe('a pilot that scales into an option for another role', () => {
  // The pilot frees nurse hours on the notes; the option it scales into frees physician hours
  // on orders (1,000 a month, 10 → 4 minutes). Both roles' hours must be realized.
  const doc = baseScenario({
    workflows: [
      ...baseScenario().workflows,
      {
        id: 'orders',
        name: 'Orders',
        role: 'physician',
        volumeDriver: 'month',
        tasksPerDriverUnit: 1000,
        baselineMinutesPerTask: 10,
        baselineEvidence: { kind: 'measured', n: 40 },
      },
    ],
    options: [
      option('full', {
        effects: [measuredEffect({ workflowId: 'orders' })],
        costLines: [
          { kind: 'oneTime', id: 'licence', name: 'licence', category: 'vendor', month: 1, amount: 50000 },
        ],
      }),
      option('pilot', {
        kind: 'pilot',
        effects: [measuredEffect({ scopeShare: 0.2 })],
        pilot: {
          durationMonths: 6,
          decisionRule: { minNetMinutesPerTask: 1 },
          scaleUpOptionId: 'full',
          leadMonths: 1,
        },
      }),
    ] as never,
  });

  it('values the hours of both roles, in the full run and in a trial', () => {
    const r = simulate(doc).options[1]!;
    // Nurses: 1,000 × 20 % × 6 / 60 = 20 h a month × 60 an hour for 6 months = 7,200.
    // Physicians: 100 h a month × 120 an hour in months 8–24 = 17 × 12,000 = 204,000.
    expect(r.paperValue).toBeCloseTo(7200 + 204000, 6);
    const v = validateScenario(doc);
    if (!v.ok) throw new Error('invalid');
    const model = compileScenario(v.scenario);
    const trial = trialRunner(model).run(model.params.base.slice());
    expect(r.paperRoi).toBeCloseTo((211200 - 50000) / 50000, 12);
    expect(trial.paperRoi[1]).toBeCloseTo(r.paperRoi!, 12);
  });
});

describe('stop rule (abandonment)', () => {
  const doc = baseScenario({
    options: [
      option('a', {
        effects: [measuredEffect({ minutesWithAiPerTask: 12 })],
        costLines: [
          {
            kind: 'oneTime',
            id: 'server',
            name: 'server',
            category: 'compute',
            month: 1,
            amount: 120000,
            capex: true,
            usefulLifeYears: 2,
            resaleShareOnStop: 0.25,
          },
          {
            kind: 'recurring',
            id: 'licence',
            name: 'licence',
            category: 'vendor',
            amount: 1000,
            period: 'month',
            committedUntilMonth: 12,
          },
          {
            kind: 'modelLifecycle',
            id: 'life',
            name: 'life',
            upgradeEveryMonths: 24,
            revalidationHoursPerUpgrade: 0,
            exitCost: 20000,
          },
        ],
        stopRule: { checkMonth: 6, minNetMinutesPerTask: 0 },
      }),
    ] as never,
  });

  it('stops at the check month, keeps commitments, sells what it can and reports the rest as stranded', () => {
    const r = simulate(doc).options[0]!;
    // Net −2 minutes < 0 → stop in month 6.
    expect(r.stop).toMatchObject({ month: 6, netMinutesPerTask: -2, threshold: 0 });
    // Licence months 7–12 committed: 6,000 paid after the stop, plus the 20,000 exit.
    expect(r.stop!.strandedCash).toBe(26000);
    // Server: book value at the stop 120,000 − 6 × 5,000 = 90,000; sold for 25 % = 30,000.
    expect(r.years[0]!.recoveries).toBe(30000);
    expect(r.stop!.strandedBookValue).toBeCloseTo(60000, 6);
    // Exit cost paid in the stop month.
    expect(r.monthly.cashOut[5]).toBeCloseTo(1000 + 20000 + (2 / 60) * 1000 * 60 * 1.5, 6);
    // Burden only while running: −33.33 h × 6 months.
    expect(r.hoursFreed).toBeCloseTo(-200, 9);
    // Year 1 cash out: server 120,000 + licence 12,000 + exit 20,000 + overtime 6 × 3,000.
    expect(r.years[0]!.cashOut).toBeCloseTo(120000 + 12000 + 20000 + 18000, 6);
    expect(r.years[1]!.cashOut).toBe(0);
    // Depreciation stops when the server is sold, and the loss on the sale (90,000 book −
    // 30,000 price) is written off in the same month: 30,000 + 60,000.
    expect(r.years[0]!.depreciation).toBeCloseTo(90000, 6);
  });
});

describe('a public tender before an option', () => {
  it('moves everything the option has by the tender’s months: its month 1 falls after the tender', () => {
    const line = { kind: 'oneTime', id: 'x', name: 'licence', category: 'vendor', month: 1, amount: 100000 };
    const plain = simulate(baseScenario({ options: [option('a', { costLines: [line] })] as never }))
      .options[0]!;
    const tendered = simulate(
      baseScenario({ options: [option('a', { costLines: [line], tenderMonths: 3 })] as never }),
    ).options[0]!;
    expect(plain.monthly.cashOut[0]).toBe(100000);
    // Month 1 of the option is month 4 of the plan.
    expect(tendered.monthly.cashOut.slice(0, 3)).toEqual([0, 0, 0]);
    expect(tendered.monthly.cashOut[3]).toBe(100000);
    // Hours are freed later too: three months fewer of AI use.
    expect(tendered.hoursFreed).toBeLessThan(plain.hoursFreed);
  });

  it('is refused on a pilot (the option it scales into carries it)', () => {
    const doc = baseScenario({
      options: [
        option('target'),
        option('p', {
          kind: 'pilot',
          tenderMonths: 2,
          pilot: { durationMonths: 3, decisionRule: { minNetMinutesPerTask: 1 }, scaleUpOptionId: 'target' },
        }),
      ] as never,
    });
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.problems).toContainEqual(
        expect.objectContaining({ path: 'options.1.tenderMonths', code: 'tenderNotForPilot' }),
      );
  });
});

describe('tender months are not an input', () => {
  it('is not in the table of inputs, so no what-if, share link or distribution can move it', () => {
    const doc = baseScenario({ options: [option('a', { tenderMonths: 3 })] as never });
    const v = validateScenario(doc);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const { params } = compileScenario(v.scenario);
    expect(params.paths.filter((p) => p.endsWith('tenderMonths'))).toEqual([]);
    const withRange = validateScenario({
      ...doc,
      uncertainty: { inputs: { 'options.a.tenderMonths': { kind: 'uniform', low: 0, high: 6 } } },
    });
    expect(withRange.ok).toBe(false);
  });
});
