/** Volume drivers, growth, seasonality and adoption ramps, by hand. */
import { describe, expect, it } from 'vitest';

import { adoptedTasks, compoundFactors } from '~/engine/timeline';

import { baseScenario, option, simulate, measuredEffect } from '../helpers/scenario';

const workflow = (volumeDriver: string, tasksPerDriverUnit = 1) => ({
  workflows: [
    {
      id: 'notes',
      name: 'notes',
      role: 'nurse',
      volumeDriver,
      tasksPerDriverUnit,
      baselineMinutesPerTask: 10,
      baselineEvidence: { kind: 'measured', n: 40 },
    },
  ],
  options: [option('a')],
});
const tasks = (doc: unknown) => simulate(doc).options[0]!.years.map((y) => y.tasksWithAi);

describe('volume drivers', () => {
  it('derives monthly tasks from each driver', () => {
    // 120,000 visits a year → 10,000 a month; 0.5 tasks a visit.
    expect(tasks(baseScenario(workflow('outpatientVisit', 0.5) as never))[0]).toBeCloseTo(60000, 6);
    // 100 beds × 0.8 × 365 inpatient days a year.
    expect(tasks(baseScenario(workflow('inpatientDay') as never))[0]).toBeCloseTo(29200, 6);
    // 3,600 discharges a year.
    expect(tasks(baseScenario(workflow('discharge') as never))[0]).toBeCloseTo(3600, 6);
    // Per bed per month: 100 × 12.
    expect(tasks(baseScenario(workflow('bed', 2) as never))[0]).toBeCloseTo(2400, 6);
    expect(tasks(baseScenario(workflow('month', 7) as never))[0]).toBeCloseTo(84, 6);
  });

  it('grows volumes by plan year, and beds not at all', () => {
    const doc = baseScenario(workflow('discharge') as never);
    doc.hospital.volumeGrowthPerYear = 0.1;
    expect(tasks(doc)).toEqual([3600, expect.closeTo(3960, 6)]);
    const beds = baseScenario(workflow('bed') as never);
    beds.hospital.volumeGrowthPerYear = 0.1;
    expect(tasks(beds)).toEqual([1200, 1200]);
  });

  it('spreads volumes over the months by seasonality without changing the year', () => {
    const doc = baseScenario(workflow('outpatientVisit') as never);
    // Relative weights: January twice the other months. Sum 13 → January 24/13 of a month.
    doc.hospital.seasonality = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const r = simulate(doc).options[0]!;
    expect(r.monthly.tasksWithAi[0]).toBeCloseTo((10000 * 24) / 13, 6);
    expect(r.monthly.tasksWithAi[1]).toBeCloseTo((10000 * 12) / 13, 6);
    expect(r.years[0]!.tasksWithAi).toBeCloseTo(120000, 6);
  });
});

/** Adoption in the k-th month after go-live (k = 0 is the go-live month), as the engine books it
 * (before go-live there is none: see 'books hours from the go-live month'). */
function adoptionAt(k: number, ceiling: number, rampMonths: number, curve: 'linear' | 'sCurve'): number {
  const out = new Float64Array(k + 1);
  adoptedTasks(out, new Float64Array(k + 1).fill(1), 1, ceiling, rampMonths, curve, 0, k, k);
  return out[k]!;
}

describe('adoption', () => {
  it('writes every month: the tasks in the window, zero outside it (a trial reuses old arrays)', () => {
    for (const rampMonths of [0, 3]) {
      const out = new Float64Array(8).fill(7);
      adoptedTasks(out, new Float64Array(8).fill(10), 1, 0.5, rampMonths, 'linear', 2, 3, 5);
      expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 0]);
      expect(Array.from(out.subarray(6))).toEqual([0, 0]);
      expect(out[5]).toBeCloseTo(5, 12);
      expect(out[3]).toBeCloseTo(rampMonths === 0 ? 5 : 10 * 0.5 * (2 / 3), 12);
    }
    // An empty window (go-live after it closed) leaves no month untouched.
    const empty = new Float64Array(4).fill(7);
    adoptedTasks(empty, new Float64Array(4).fill(1), 1, 1, 0, 'linear', 3, 3, 1);
    expect(Array.from(empty)).toEqual([0, 0, 0, 0]);
  });

  it('ramps linearly from go-live to the ceiling', () => {
    // Ceiling 0.8, 4-month ramp: 0.2, 0.4, 0.6, 0.8, 0.8 …
    expect([0, 1, 2, 3, 4].map((k) => adoptionAt(k, 0.8, 4, 'linear'))).toEqual([
      expect.closeTo(0.2, 12),
      expect.closeTo(0.4, 12),
      expect.closeTo(0.6, 12),
      expect.closeTo(0.8, 12),
      expect.closeTo(0.8, 12),
    ]);
    expect(adoptionAt(0, 0.8, 0, 'linear')).toBe(0.8);
  });

  it('follows an S-curve that is symmetric, rising, and reaches the ceiling', () => {
    const curve = Array.from({ length: 12 }, (_, k) => adoptionAt(k, 1, 10, 'sCurve'));
    for (let k = 1; k < curve.length; k++) expect(curve[k]!).toBeGreaterThanOrEqual(curve[k - 1]!);
    // Halfway through the ramp (k + 1 = 5 of 10) it is at half the ceiling.
    expect(curve[4]).toBeCloseTo(0.5, 12);
    expect(curve[9]).toBeCloseTo(1, 12);
    // Slow start: below the linear ramp early on.
    expect(curve[1]!).toBeLessThan(0.2);
  });

  it('books hours from the go-live month', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          effects: [measuredEffect({ adoption: { ceiling: 0.8, goLiveMonth: 3, rampMonths: 4 } })],
        }),
      ] as never,
    });
    // 100 h a month at full adoption: months 3–6 give 20, 40, 60, 80; months 7–12 80 each.
    expect(simulate(doc).options[0]!.years[0]!.hoursFreed).toBeCloseTo(20 + 40 + 60 + 80 * 7, 9);
  });
});

describe('budget', () => {
  it('sets each year against the AI share of the informatization budget', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          costLines: [{ kind: 'oneTime', id: 'x', name: 'x', category: 'compute', month: 1, amount: 600000 }],
        }),
      ],
    } as never);
    const r = simulate(doc).options[0]!;
    // Budget 1,000,000 × 0.5 = 500,000; year 1 spends 600,000 → headroom −100,000, a breach.
    expect(r.years[0]!.budget).toBe(500000);
    expect(r.years[0]!.budgetHeadroom).toBe(-100000);
    expect(r.years[0]!.budgetShareUsed).toBeCloseTo(1.2, 12);
    expect(r.budgetBreachYears).toEqual([1]);
    expect(r.years[1]!.budgetHeadroom).toBe(500000);
  });

  it('counts funding against the cost, and grows or lists budgets by year', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          costLines: [{ kind: 'oneTime', id: 'x', name: 'x', category: 'compute', month: 1, amount: 600000 }],
          funding: [
            { kind: 'fixed', id: 'g', name: 'grant', source: 'grant', amount: 150000, period: 'once' },
          ],
        }),
      ],
    } as never);
    doc.budget.informatizationGrowthPerYear = 0.1;
    const r = simulate(doc).options[0]!;
    // Headroom = 500,000 − (600,000 − 150,000) = 50,000; year 2 budget 1,100,000 × 0.5.
    expect(r.years[0]!.budgetHeadroom).toBe(50000);
    expect(r.budgetBreachYears).toEqual([]);
    expect(r.years[1]!.budget).toBeCloseTo(550000, 6);
    doc.budget.informatizationByYear = [200000, 900000];
    expect(simulate(doc).options[0]!.years.map((y) => y.budget)).toEqual([100000, 450000]);
  });
});

describe('compound factors', () => {
  it('are (1 + r)^y, and a rate asked for after many others is kept again (shared, read-only)', () => {
    expect(Array.from(compoundFactors(0.1, 3))).toEqual([1, 1.1, 1.1 ** 2]);
    // A run of uncertain rates (one per trial) fills the cache several times over…
    for (let i = 0; i < 1000; i++) compoundFactors(0.01 + i * 1e-6, 7);
    // …and a fixed rate met afterwards is worked out once, then shared.
    const first = compoundFactors(0.05, 7);
    expect(compoundFactors(0.05, 7)).toBe(first);
    expect(first[6]).toBeCloseTo(1.05 ** 6, 12);
  });
});
