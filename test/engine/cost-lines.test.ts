/**
 * One hand-worked example per cost-line kind. The base hospital (test/helpers/scenario.ts):
 * one nurse workflow of 1,000 tasks a month, 10 minutes each, fully adopted from month 1,
 * 2-year horizon, nurses at 120,000 a year for 2,000 paid hours (60 an hour).
 */
import { describe, expect, it } from 'vitest';

import { baseScenario, option, simulate, measuredEffect } from '../helpers/scenario';

const withLines = (costLines: unknown[], extra: Record<string, unknown> = {}) =>
  simulate(baseScenario({ options: [option('a', { costLines, ...extra })] as never })).options[0]!;

const name = 'line';

describe('one-time lines', () => {
  it('books an opex amount in its month', () => {
    const r = withLines([{ kind: 'oneTime', id: 'x', name, category: 'vendor', month: 14, amount: 100000 }]);
    expect(r.years[0]!.cashOut).toBe(0);
    expect(r.years[1]!.costs.vendor).toBe(100000);
    expect(r.monthly.cashOut[13]).toBe(100000);
    // 100,000 paid in year 2: NPV of the cost alone = −100,000 / 1.08².
    expect(r.years[1]!.capex).toBe(0);
  });

  it('pays capex in cash once and depreciates it over its useful life', () => {
    const r = withLines([
      {
        kind: 'oneTime',
        id: 'x',
        name,
        category: 'compute',
        month: 1,
        amount: 120000,
        capex: true,
        usefulLifeYears: 2,
      },
    ]);
    // Cash: all 120,000 in month 1. Accounting: 120,000 / 24 = 5,000 a month, 60,000 a year.
    expect(r.years[0]!.cashOut).toBe(120000);
    expect(r.years[0]!.capex).toBe(120000);
    expect(r.years[0]!.depreciation).toBeCloseTo(60000, 6);
    expect(r.years[1]!.depreciation).toBeCloseTo(60000, 6);
    expect(r.years[0]!.accountingCost).toBeCloseTo(60000, 6);
    expect(r.years[1]!.cashOut).toBe(0);
  });
});

describe('recurring lines', () => {
  it('escalates a yearly amount from its start', () => {
    const r = withLines([
      {
        kind: 'recurring',
        id: 'x',
        name,
        category: 'maintenance',
        amount: 10000,
        period: 'year',
        escalatorPerYear: 0.1,
      },
    ]);
    // Month 1: 10,000; month 13: 10,000 × 1.1 = 11,000.
    expect(r.years[0]!.costs.maintenance).toBeCloseTo(10000, 6);
    expect(r.years[1]!.costs.maintenance).toBeCloseTo(11000, 6);
    expect(r.monthly.cashOut[12]).toBeCloseTo(11000, 6);
  });

  it('pays a monthly amount between its start and end months', () => {
    const r = withLines([
      {
        kind: 'recurring',
        id: 'x',
        name,
        category: 'other',
        amount: 1000,
        period: 'month',
        startMonth: 3,
        endMonth: 14,
      },
    ]);
    // Months 3–12 = 10 months in year 1; months 13–14 = 2 months in year 2.
    expect(r.years[0]!.costs.other).toBe(10000);
    expect(r.years[1]!.costs.other).toBe(2000);
  });
});

describe('per-unit lines', () => {
  it('prices tasks done with AI', () => {
    const r = withLines([
      { kind: 'perUnit', id: 'x', name, category: 'vendor', unit: 'task', unitPrice: 0.5 },
    ]);
    // 1,000 tasks × 0.5 = 500 a month = 6,000 a year.
    expect(r.years[0]!.costs.vendor).toBeCloseTo(6000, 6);
  });

  it('prices graduated tiers over a year', () => {
    const r = withLines([
      {
        kind: 'perUnit',
        id: 'x',
        name,
        category: 'vendor',
        unit: 'task',
        tiers: [
          { upToUnits: 5000, unitPrice: 1 },
          { upToUnits: null, unitPrice: 0.5 },
        ],
        tierPeriod: 'year',
      },
    ]);
    // 12,000 tasks a year: 5,000 × 1 + 7,000 × 0.5 = 8,500; the count restarts in year 2.
    expect(r.years[0]!.costs.vendor).toBeCloseTo(8500, 6);
    expect(r.years[1]!.costs.vendor).toBeCloseTo(8500, 6);
    // Month 5 crosses the tier: tasks 4,001–5,000 at 1, then none beyond 5,000 yet → 1,000.
    expect(r.monthly.cashOut[4]).toBeCloseTo(1000, 6);
    // Month 6: all 1,000 tasks above 5,000 → 500.
    expect(r.monthly.cashOut[5]).toBeCloseTo(500, 6);
  });

  it('prices tiers per month', () => {
    const r = withLines([
      {
        kind: 'perUnit',
        id: 'x',
        name,
        category: 'vendor',
        unit: 'call',
        callsPerTask: 1,
        tiers: [
          { upToUnits: 600, unitPrice: 1 },
          { upToUnits: null, unitPrice: 0.5 },
        ],
        tierPeriod: 'month',
      },
    ]);
    // Each month: 600 × 1 + 400 × 0.5 = 800; 9,600 a year.
    expect(r.years[0]!.costs.vendor).toBeCloseTo(9600, 6);
  });

  it('prices beds per year, billed monthly', () => {
    const r = withLines([
      { kind: 'perUnit', id: 'x', name, category: 'vendor', unit: 'bed', unitPrice: 120, pricePer: 'year' },
    ]);
    // 100 beds × 120 a year = 12,000 a year.
    expect(r.years[0]!.costs.vendor).toBeCloseTo(12000, 6);
  });

  it('counts clinician seats that follow adoption, in whole seats', () => {
    const doc = baseScenario({
      options: [
        option('a', {
          effects: [measuredEffect({ adoption: { ceiling: 0.55, goLiveMonth: 1, rampMonths: 0 } })],
          costLines: [
            {
              kind: 'perUnit',
              id: 'x',
              name,
              category: 'vendor',
              unit: 'seat',
              unitPrice: 100,
              seatsAtFullAdoption: 10,
            },
          ],
        }),
      ] as never,
    });
    // 10 seats × 55 % adoption = 5.5 → 6 seats × 100 = 600 a month.
    expect(simulate(doc).options[0]!.years[0]!.costs.vendor).toBeCloseTo(7200, 6);
  });

  it('prices million tokens with a yearly price change', () => {
    const r = withLines([
      {
        kind: 'perUnit',
        id: 'x',
        name,
        category: 'compute',
        unit: 'millionTokens',
        unitPrice: 10,
        tokensPerTask: 2000,
        priceChangePerYear: -0.5,
      },
    ]);
    // 1,000 tasks × 2,000 tokens = 2 M tokens × 10 = 20 a month = 240; year 2 at half price = 120.
    expect(r.years[0]!.costs.compute).toBeCloseTo(240, 6);
    expect(r.years[1]!.costs.compute).toBeCloseTo(120, 6);
  });
});

describe('staffing lines', () => {
  it('pays from the end of the hiring delay, with wage growth by plan year', () => {
    const r = withLines([
      {
        kind: 'staffing',
        id: 'x',
        name,
        role: 'AI engineer',
        fte: 2,
        annualCostPerFte: 120000,
        startMonth: 1,
        hiringDelayMonths: 3,
        wageGrowthPerYear: 0.1,
      },
    ]);
    // 2 × 120,000 / 12 = 20,000 a month from month 4: 9 months = 180,000; year 2: 12 × 22,000.
    expect(r.years[0]!.costs.staffing).toBeCloseTo(180000, 6);
    expect(r.years[1]!.costs.staffing).toBeCloseTo(264000, 6);
  });
});

describe('on-premises compute', () => {
  const servers = {
    kind: 'onPremCompute',
    id: 'srv',
    name,
    tokensPerTask: 1000,
    workingHoursPerDay: 8,
    workingDaysPerYear: 250,
    peakFactor: 2,
    tokensPerSecondPerServer: 1,
    targetUtilization: 0.5,
    minServers: 1,
    capexPerServer: 10000,
    purchaseMonth: 1,
    usefulLifeYears: 1,
    kwPerServer: 1,
    pue: 1.5,
    electricityPricePerKwh: 0.5,
    maintenanceSharePerYear: 0.12,
  };

  it('sizes servers from the peak load, refreshes them, and pays power and upkeep', () => {
    const r = withLines([servers]);
    // Load: 1,000 tasks × 1,000 tokens = 1 M tokens a month × 12 / 250 days = 48,000 a day
    // → / (8 h × 3,600 s) = 1.667 tokens/s, × peak 2 = 3.333 tokens/s.
    // Capacity per server: 1 × 0.5 = 0.5 tokens/s → ceil(6.667) = 7 servers.
    expect(r.compute[0]!.servers).toBe(7);
    expect(r.compute[0]!.peakTokensPerSecond).toBeCloseTo(10 / 3, 9);
    // Capex 70,000 in month 1 and again at the refresh in month 13 (one-year life).
    // Power: 7 × 1 kW × 1.5 × 730 h × 0.5 = 3,832.5 a month = 45,990 a year.
    expect(r.years[0]!.costs.compute).toBeCloseTo(70000 + 45990, 6);
    expect(r.years[1]!.costs.compute).toBeCloseTo(70000 + 45990, 6);
    expect(r.compute[0]!.purchases).toBe(2);
    // Upkeep: 7 × 10,000 × 12 % = 8,400 a year.
    expect(r.years[0]!.costs.maintenance).toBeCloseTo(8400, 6);
    expect(r.years[0]!.capex).toBe(70000);
    expect(r.years[0]!.depreciation).toBeCloseTo(70000, 6);
  });

  it('takes a fixed server count when given', () => {
    const r = withLines([{ ...servers, serversOverride: 2 }]);
    expect(r.compute[0]!.servers).toBe(2);
    expect(r.years[0]!.capex).toBe(20000);
  });
});

describe('cloud tokens', () => {
  it('prices input and output tokens with a yearly decline', () => {
    const r = withLines([
      {
        kind: 'cloudTokens',
        id: 'x',
        name,
        inputTokensPerTask: 1000,
        outputTokensPerTask: 500,
        pricePerMillionInputTokens: 2,
        pricePerMillionOutputTokens: 8,
        priceDeclinePerYear: 0.5,
      },
    ]);
    // Per task: (1,000 × 2 + 500 × 8) / 1e6 = 0.006; × 1,000 tasks = 6 a month = 72 a year; 36 in year 2.
    expect(r.years[0]!.costs.compute).toBeCloseTo(72, 9);
    expect(r.years[1]!.costs.compute).toBeCloseTo(36, 9);
  });
});

describe('model lifecycle', () => {
  it('re-validates at each upgrade, monitors drift monthly, and pays exit only when due', () => {
    const r = withLines([
      {
        kind: 'modelLifecycle',
        id: 'x',
        name,
        upgradeEveryMonths: 6,
        revalidationRole: 'nurse',
        revalidationHoursPerUpgrade: 10,
        revalidationFeePerUpgrade: 400,
        retrainingCostPerUpgrade: 5000,
        driftMonitoringPerMonth: 100,
        exitCost: 9999,
      },
    ]);
    // Upgrades in months 7, 13 and 19: 10 nurse hours × 60 + 400 = 1,000 each (compliance).
    expect(r.years[0]!.costs.compliance).toBeCloseTo(1000, 6);
    expect(r.years[1]!.costs.compliance).toBeCloseTo(2000, 6);
    expect(r.years[0]!.costs.data).toBe(5000);
    expect(r.years[1]!.costs.data).toBe(10000);
    expect(r.years[0]!.costs.maintenance).toBe(1200);
    // No stop and no exit month: the exit cost is never paid.
    expect(r.years[0]!.costs.vendor + r.years[1]!.costs.vendor).toBe(0);
  });

  it('pays the exit cost in its exit month', () => {
    const r = withLines([
      {
        kind: 'modelLifecycle',
        id: 'x',
        name,
        upgradeEveryMonths: 24,
        revalidationHoursPerUpgrade: 0,
        exitCost: 9999,
        exitMonth: 24,
      },
    ]);
    expect(r.years[1]!.costs.vendor).toBe(9999);
  });
});

describe('custom expressions', () => {
  it('evaluates the expression for each month over the scenario variables', () => {
    const doc = baseScenario({
      variables: { perTask: 0.1 },
      options: [
        option('a', {
          costLines: [
            {
              kind: 'custom',
              id: 'x',
              name,
              category: 'other',
              expression: 'tasks * perTask + (month > 12 ? 100 : 0)',
            },
          ],
        }),
      ] as never,
    });
    const r = simulate(doc).options[0]!;
    // 1,000 tasks × 0.1 = 100 a month; +100 a month from month 13.
    expect(r.years[0]!.costs.other).toBeCloseTo(1200, 9);
    expect(r.years[1]!.costs.other).toBeCloseTo(2400, 9);
  });

  it('reads month series from the first month of the line, whether it starts at month 1 or later', () => {
    // A 12-month linear ramp: month m does 1,000 × m/12 tasks with AI in year 1, 1,000 after.
    const r = withLines(
      [
        { kind: 'custom', id: 'all', name, category: 'other', expression: 'tasks' },
        { kind: 'custom', id: 'late', name, category: 'data', expression: 'tasks', startMonth: 7 },
      ],
      { effects: [measuredEffect({ adoption: { ceiling: 1, goLiveMonth: 1, rampMonths: 12 } })] },
    );
    // Year 1: 1,000 × (1 + … + 12)/12 = 6,500; from month 7 only: 1,000 × (7 + … + 12)/12 = 4,750.
    expect(r.years[0]!.costs.other).toBeCloseTo(6500, 9);
    expect(r.years[0]!.costs.data).toBeCloseTo(4750, 9);
    expect(r.years[1]!.costs.data).toBeCloseTo(12000, 9);
  });

  it('never books a negative amount, and warns', () => {
    const r = withLines([{ kind: 'custom', id: 'x', name, category: 'other', expression: 'month - 13' }]);
    // Months 1–12 give −12…−1 (refused, warned); month 13 gives 0; months 14–24 give 1…11.
    expect(r.years[0]!.costs.other).toBe(0);
    expect(r.years[1]!.costs.other).toBe(66);
    expect(r.warnings.filter((w) => w.code === 'expressionNegative')).toHaveLength(12);
  });
});

describe('funding lines', () => {
  const fundedDoc = (costLines: unknown[], funding: unknown[], researchBudget = 1000) => {
    const doc = baseScenario({ options: [option('a', { costLines, funding })] as never });
    doc.budget.aiResearchBudgetPerYear = researchBudget;
    return simulate(doc).options[0]!;
  };

  it("caps funding at the year's cost: it offsets cost, never makes profit", () => {
    // A 500,000 grant against 36,000 a year of cost pays 36,000 in each year, no more.
    const r = fundedDoc(
      [{ kind: 'recurring', id: 'api', name, category: 'compute', amount: 3000, period: 'month' }],
      [{ kind: 'fixed', id: 'g', name, source: 'grant', amount: 500000, period: 'year' }],
    );
    expect(r.years.map((y) => y.funding)).toEqual([36000, 36000]);
    expect(r.npv).toBe(0);
    expect(r.warnings.filter((w) => w.code === 'fundingCapped')).toHaveLength(2);
  });

  it('draws on the research budget at most as much as the hospital has', () => {
    const r = fundedDoc(
      [{ kind: 'recurring', id: 'api', name, category: 'compute', amount: 30000, period: 'month' }],
      [{ kind: 'fixed', id: 'r', name, source: 'researchBudget', amount: 5000, period: 'month' }],
      24000,
    );
    // 60,000 a year asked of a 24,000 research budget: 24,000.
    expect(r.years[0]!.funding).toBeCloseTo(24000, 6);
    expect(r.warnings.some((w) => w.code === 'researchBudgetExceeded')).toBe(true);
  });

  it('adds grants and caps a compute voucher per year', () => {
    const r = fundedDoc(
      [{ kind: 'recurring', id: 'api', name, category: 'compute', amount: 3000, period: 'month' }],
      [
        { kind: 'fixed', id: 'g', name, source: 'grant', amount: 5000, period: 'once', startMonth: 2 },
        { kind: 'fixed', id: 'r', name, source: 'researchBudget', amount: 1000, period: 'year' },
        {
          kind: 'shareOfCost',
          id: 'v',
          name,
          source: 'computeVoucher',
          category: 'compute',
          share: 0.5,
          capPerYear: 10000,
        },
      ],
    );
    // Grant 5,000 + research 1,000 + voucher min(0.5 × 36,000, 10,000) = 16,000 in year 1.
    expect(r.years[0]!.funding).toBeCloseTo(16000, 6);
    expect(r.years[1]!.funding).toBeCloseTo(11000, 6);
    // The cost stays visible at its gross amount.
    expect(r.years[0]!.cashOut).toBe(36000);
    expect(r.years[0]!.netCashFlow).toBeCloseTo(-20000, 6);
  });
});

describe('VAT on prices quoted before tax', () => {
  it('adds the VAT a public hospital cannot deduct to a one-time price, and nothing to a price that includes it', () => {
    const line = { kind: 'oneTime', id: 'x', name, category: 'vendor', month: 1, amount: 100000 };
    // 100,000 before 6 % VAT costs 106,000; "included" leaves 100,000 as quoted.
    expect(withLines([{ ...line, vat: { included: false, rate: 0.06 } }]).years[0]!.cashOut).toBeCloseTo(
      106000,
      6,
    );
    expect(withLines([{ ...line, vat: { included: true, rate: 0.06 } }]).years[0]!.cashOut).toBe(100000);
  });

  it('taxes a per-seat price and a cloud token price, not the electricity of servers nor staff', () => {
    const seats = withLines([
      {
        kind: 'perUnit',
        id: 's',
        name,
        category: 'vendor',
        unit: 'seat',
        unitPrice: 100,
        seatsAtFullAdoption: 10,
        vat: { included: false, rate: 0.13 },
      },
    ]);
    // 10 seats × 100 a month × 1.13 = 1,130 a month, 13,560 a year.
    expect(seats.years[0]!.costs.vendor).toBeCloseTo(13560, 6);
    const tokens = withLines([
      {
        kind: 'cloudTokens',
        id: 't',
        name,
        inputTokensPerTask: 1000,
        outputTokensPerTask: 0,
        pricePerMillionInputTokens: 2,
        pricePerMillionOutputTokens: 8,
        vat: { included: false, rate: 0.06 },
      },
    ]);
    // 1,000 tasks × 1,000 tokens = 1 M tokens a month × 2 × 1.06 = 2.12 a month.
    expect(tokens.monthly.cashOut[0]).toBeCloseTo(2.12, 9);
    const servers = withLines([
      {
        kind: 'onPremCompute',
        id: 'c',
        name,
        tokensPerTask: 1000,
        tokensPerSecondPerServer: 1000,
        serversOverride: 1,
        capexPerServer: 100000,
        kwPerServer: 1,
        pue: 1,
        electricityPricePerKwh: 1,
        maintenanceSharePerYear: 0.12,
        vat: { included: false, rate: 0.13 },
      },
    ]);
    // Capex 113,000 in month 1; upkeep 12 % of 113,000 = 1,130 a month; power 1 kW × 730 h × 1 = 730, untaxed.
    expect(servers.monthly.cashOut[0]).toBeCloseTo(113000 + 1130 + 730, 6);
    expect(servers.monthly.cashOut[1]).toBeCloseTo(1130 + 730, 6);
  });
});

describe('a one-time licence with yearly maintenance', () => {
  it('pays the maintenance share of the price on each anniversary of the purchase, as maintenance', () => {
    const r = withLines([
      {
        kind: 'oneTime',
        id: 'x',
        name,
        category: 'vendor',
        month: 3,
        amount: 500000,
        maintenanceSharePerYear: 0.12,
      },
    ]);
    // Bought in month 3: 500,000 then; 12 % = 60,000 in month 15 (the first anniversary), none in month 27 (beyond 24).
    expect(r.monthly.cashOut[2]).toBe(500000);
    expect(r.monthly.cashOut[14]).toBeCloseTo(60000, 6);
    expect(r.years[0]!.costs.maintenance).toBe(0);
    expect(r.years[1]!.costs.maintenance).toBeCloseTo(60000, 6);
    expect(r.years[1]!.cashOut).toBeCloseTo(60000, 6);
  });
});
