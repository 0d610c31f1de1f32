/** Cases a review found mis-modelled, pinned by hand-worked numbers. */
import { describe, expect, it } from 'vitest';

import { irr, validateScenario } from '~/engine';

import { baseScenario, option, simulate, measuredEffect } from '../helpers/scenario';

describe('a pilot that starts later', () => {
  it('pays and acts only from its start month', () => {
    const doc = baseScenario({
      options: [
        option('full'),
        option('pilot', {
          kind: 'pilot',
          costLines: [
            { kind: 'recurring', id: 'fee', name: 'fee', category: 'vendor', amount: 11000, period: 'month' },
          ],
          pilot: {
            startMonth: 7,
            durationMonths: 3,
            decisionRule: { minNetMinutesPerTask: 99 },
            scaleUpOptionId: 'full',
          },
        }),
      ] as never,
    });
    const r = simulate(doc).options[1]!;
    // Months 7–9 only: 3 × 11,000; hours 100 a month in those months.
    expect(r.tco).toBe(33000);
    expect(r.monthly.cashOut.slice(0, 6).every((v) => v === 0)).toBe(true);
    expect(r.hoursFreed).toBeCloseTo(300, 9);
  });

  it('does not pass on a claim it never measured', () => {
    const doc = baseScenario({
      options: [
        option('full'),
        option('pilot', {
          kind: 'pilot',
          effects: [measuredEffect({ adoption: { ceiling: 1, goLiveMonth: 20, rampMonths: 0 } })],
          pilot: { durationMonths: 6, decisionRule: { minNetMinutesPerTask: 1 }, scaleUpOptionId: 'full' },
        }),
      ] as never,
    });
    expect(simulate(doc).options[1]!.pilot!.decision).toBe('stop');
  });
});

describe('validation of cross-references', () => {
  it('refuses a workflow listed twice on a line, and a re-validation role the hospital lacks', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          costLines: [
            {
              kind: 'perUnit',
              id: 'x',
              name: 'x',
              category: 'vendor',
              unit: 'task',
              unitPrice: 1,
              workflowIds: ['notes', 'notes'],
            },
            {
              kind: 'modelLifecycle',
              id: 'y',
              name: 'y',
              upgradeEveryMonths: 6,
              revalidationRole: 'technician',
              revalidationHoursPerUpgrade: 10,
            },
          ],
        }),
      ] as never,
    });
    const result = validateScenario(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'options.0.costLines.0.workflowIds.1', code: 'duplicateId' }),
        expect.objectContaining({ path: 'options.0.costLines.1.revalidationRole', code: 'roleMissing' }),
      ]),
    );
  });

  it('refuses variable names that reach object machinery', () => {
    const doc = JSON.parse(
      JSON.stringify(baseScenario()).replace(
        '"realization":{}',
        '"realization":{},"variables":{"__proto__":5}',
      ),
    );
    expect(validateScenario(doc).ok).toBe(false);
  });
});

describe('scope and commitments', () => {
  it('prices beds in scope only', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          effects: [measuredEffect({ scopeShare: 0.1 })],
          costLines: [
            { kind: 'perUnit', id: 'b', name: 'b', category: 'vendor', unit: 'bed', unitPrice: 10 },
          ],
        }),
      ] as never,
    });
    // 100 beds × 10 % in scope × 10 a month = 100 a month.
    expect(simulate(doc).options[0]!.years[0]!.costs.vendor).toBeCloseTo(1200, 9);
  });

  it('keeps paying committed seats after a stop, at the seat count it had', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          effects: [measuredEffect({ minutesWithAiPerTask: 12 })],
          costLines: [
            {
              kind: 'perUnit',
              id: 's',
              name: 's',
              category: 'vendor',
              unit: 'seat',
              unitPrice: 100,
              seatsAtFullAdoption: 10,
              committedUntilMonth: 12,
            },
          ],
          stopRule: { checkMonth: 6, minNetMinutesPerTask: 0 },
        }),
      ] as never,
    });
    const r = simulate(doc).options[0]!;
    // 10 seats × 100 for months 1–12 (6 running, 6 committed after the stop).
    expect(r.years[0]!.costs.vendor).toBe(12000);
    expect(r.stop!.strandedCash).toBe(6000);
  });
});

describe('avoided staffing with seasonality', () => {
  it('does not switch a post on and off with the seasons', () => {
    // 4,000 tasks a month × 6 min = 400 h on average, ±10 % by season: the twelve-month sum
    // stays 4,800 h → 2 posts every month of year 2.
    const doc = baseScenario({
      workflows: [
        {
          id: 'notes',
          name: 'n',
          role: 'nurse',
          volumeDriver: 'outpatientVisit',
          tasksPerDriverUnit: 0.4,
          baselineMinutesPerTask: 10,
          baselineEvidence: { kind: 'measured', n: 40 },
        },
      ],
      realization: { nurse: { mode: 'avoidedStaffing' } },
      options: [option('a')],
    } as never);
    doc.hospital.seasonality = [1.1, 1.1, 1.1, 0.9, 0.9, 0.9, 1.1, 1.1, 1.1, 0.9, 0.9, 0.9];
    const r = simulate(doc).options[0]!;
    expect(r.monthly.cashRealized.slice(12)).toEqual(Array(12).fill(20000));
  });
});

describe('irr of a funded flow', () => {
  it('gives no IRR when money comes in before it goes out', () => {
    expect(irr([700000, -300000, -300000, -300000, -300000])).toEqual({ irr: null, note: 'financingFlow' });
  });
});

describe('inputs by id path', () => {
  it('knows every input by its index path and by its ids, which survive reordering', async () => {
    const { collectParams, withOverrides } = await import('~/engine');
    const doc = baseScenario({
      options: [
        option('a', {
          costLines: [{ kind: 'oneTime', id: 'licence', name: 'x', category: 'vendor', month: 1, amount: 5 }],
        }),
      ],
    } as never);
    const table = collectParams(doc);
    const slot = table.index.get('options.0.costLines.0.amount');
    expect(slot).toBeDefined();
    expect(table.index.get('options.a.costLines.licence.amount')).toBe(slot);
    expect(table.index.get('options.a.effects.notes.minutesWithAiPerTask')).toBe(
      table.index.get('options.0.effects.0.minutesWithAiPerTask'),
    );
    expect(table.paths).toContain('options.0.costLines.0.amount');
    expect(table.paths).not.toContain('options.a.costLines.licence.amount');
    expect(withOverrides(table, { 'options.a.costLines.licence.amount': 9 })[slot!]).toBe(9);
  });
});
