/**
 * NPV, IRR and payback as a committee's spreadsheet computes them. Expected values worked out
 * by hand from the spreadsheet definitions: NPV(rate, v1..vN) = Σ v_k / (1 + rate)^k and IRR
 * the rate that makes it zero.
 */
import { describe, expect, it } from 'vitest';

import { irr, npv, paybackMonth } from '~/engine';

import { baseScenario, option, simulate } from '../helpers/scenario';

describe('npv', () => {
  it('discounts year k by (1 + r)^k like NPV(rate, year1..yearN)', () => {
    // −100/1.08 + 30/1.1664 + 40/1.259712 + 50/1.36048896 + 20/1.4693280768
    // = −92.592593 + 25.720165 + 31.753290 + 36.751492 + 13.611664 = 15.244018
    expect(npv(0.08, [-100, 30, 40, 50, 20])).toBeCloseTo(15.244018, 6);
    expect(npv(0, [-100, 30, 40, 50, 20])).toBe(40);
  });
});

describe('irr', () => {
  it('finds the single root of a conventional flow', () => {
    // IRR(−100, 30, 40, 50, 20) = 15.3221 % (NPV at that rate is 0).
    const { irr: rate, note } = irr([-100, 30, 40, 50, 20]);
    expect(note).toBeNull();
    expect(rate).toBeCloseTo(0.1532214, 6);
    expect(npv(rate!, [-100, 30, 40, 50, 20])).toBeCloseTo(0, 8);
  });

  it('says why there is none', () => {
    expect(irr([-100, -20, -5])).toEqual({ irr: null, note: 'noSignChange' });
    expect(irr([0, 0, 0])).toEqual({ irr: null, note: 'noSignChange' });
    // −100, +230, −132 has roots at 10 % and 20 %: no single IRR.
    expect(irr([-100, 230, -132])).toEqual({ irr: null, note: 'multipleRoots' });
  });

  it('handles a loss that is never recovered (IRR below zero)', () => {
    // −100 then +50 +40: IRR(−100, 50, 40) = −6.39 % (x = 1 + r solves −100x² + 50x + 40 = 0).
    const x = (50 + Math.sqrt(50 * 50 + 4 * 100 * 40)) / 200;
    expect(irr([-100, 50, 40]).irr).toBeCloseTo(x - 1, 8);
  });
});

describe('payback', () => {
  it('is the month from which the cumulative flow stays at or above zero', () => {
    // −100 in month 1, +30 a month from month 2: cumulative −100, −70, −40, −10, +20 → month 5.
    expect(paybackMonth([-100, 30, 30, 30, 30, 30])).toBe(5);
    // Never negative: nothing to pay back.
    expect(paybackMonth([0, 10, 0])).toBe(0);
    // Ends below zero: never.
    expect(paybackMonth([-100, 30, 30])).toBeNull();
    // Goes positive then negative again (a refresh): counts only from the last crossing.
    expect(paybackMonth([-10, 20, -30, 40])).toBe(4);
  });

  it('discounts months at the equivalent monthly rate', () => {
    // With 1 % a month: −100 + 60/1.01... month 2 cumulative = −100/1.01 + 60/1.0201 + ... ;
    // flows −100, 60, 45: undiscounted payback month 3 (cum +5); discounted
    // −99.0099 + 58.8177 + 43.6764 = 3.4842 → still month 3.
    expect(paybackMonth([-100, 60, 45], 0.01)).toBe(3);
    // −100, 60, 41: undiscounted +1 at month 3, discounted −99.0099 + 58.8177 + 39.7941 = −0.398 → never.
    expect(paybackMonth([-100, 60, 41])).toBe(3);
    expect(paybackMonth([-100, 60, 41], 0.01)).toBeNull();
  });
});

describe('results follow the spreadsheet conventions', () => {
  it('computes npv, irr and roi from yearly net cash flows', () => {
    // Cost 100,000 in month 1; 4,000 nurse tasks × 6 min = 400 h a month with avoided staffing:
    // year 1 cash 110,000 (see realization tests), year 2 240,000.
    const doc = baseScenario({
      workflows: [
        {
          id: 'notes',
          name: 'notes',
          role: 'nurse',
          volumeDriver: 'month',
          tasksPerDriverUnit: 4000,
          baselineMinutesPerTask: 10,
          baselineEvidence: { kind: 'measured', n: 40 },
        },
      ],
      realization: { nurse: { mode: 'avoidedStaffing' } },
      options: [
        option('a', {
          costLines: [{ kind: 'oneTime', id: 'x', name: 'x', category: 'vendor', month: 1, amount: 150000 }],
        }),
      ],
    } as never);
    const r = simulate(doc).options[0]!;
    expect(r.years.map((y) => y.netCashFlow)).toEqual([-40000, 240000]);
    // NPV = −40,000/1.08 + 240,000/1.1664 = −37,037.04 + 205,761.32 = 168,724.28
    expect(r.npv).toBeCloseTo(168724.28, 2);
    // IRR: −40,000 x + 240,000 = 0 → x = 6 → 500 %.
    expect(r.irr).toBeCloseTo(5, 8);
    // Cash ROI = (350,000 − 150,000) / 150,000; paper ROI values 9,600 h at 60.
    expect(r.roi).toBeCloseTo(200000 / 150000, 12);
    expect(r.paperRoi).toBeCloseTo((9600 * 60 - 150000) / 150000, 9);
    expect(r.tco).toBe(150000);
    expect(r.costPerHourFreed).toBeCloseTo(150000 / 9600, 9);
    // Cumulative cash: −150,000 in month 1, +10,000 a month from month 5, +20,000 from month 10:
    // months 5–9 bring 50,000, months 10–12 60,000 (−40,000 at month 12), then +20,000 a month
    // → −20,000 at month 13, 0 at month 14.
    expect(r.paybackMonth).toBe(14);
  });
});
