/**
 * The worked examples of docs/model.md, run through the engine. Each test builds the example's
 * case from the inputs the page states, and compares the page's tables (and the figures its
 * sentences quote) with what the engine computes, formatted as the page writes numbers: so the
 * page cannot drift from the code. Some figures are also worked out here by hand, as a
 * committee would in a spreadsheet, to check that the page's formulas are the engine's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  compileScenario,
  runModel,
  runMonteCarlo,
  validateScenario,
  withOverrides,
  type OptionResult,
  type ScenarioInput,
} from '~/engine';

import { baseScenario, measuredEffect, option, simulate } from '../helpers/scenario';

const MODEL_MD = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'model.md'), 'utf8');

/** The lines under a heading of the page, up to the next heading. */
function sectionLines(heading: string): string[] {
  const lines = MODEL_MD.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === heading);
  if (start < 0) throw new Error(`docs/model.md has no heading "${heading}"`);
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** A section's text with its line breaks and runs of spaces as single spaces. */
const sectionText = (heading: string): string => sectionLines(heading).join(' ').replace(/\s+/g, ' ');

/** The tables of a section, each a list of rows (its header first), each row its trimmed cells. */
function tables(heading: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | null = null;
  for (const raw of sectionLines(heading)) {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      current = null;
      continue;
    }
    if (!current) out.push((current = []));
    if (/^\|[\s:|-]+\|$/.test(line)) continue;
    current.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return out;
}

/** The one row of a section's tables whose first cell is `label`. */
function row(heading: string, label: string): string[] {
  const rows = tables(heading)
    .flat()
    .filter((r) => r[0] === label);
  if (rows.length !== 1) throw new Error(`"${heading}" has ${rows.length} rows labelled "${label}"`);
  return rows[0]!;
}

/** A number as the page writes it: thousands by commas, a minus sign (−) for negatives. */
function fmt(x: number, decimals = 0): string {
  const text = Math.abs(x).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return x < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}
/** Money: whole units, or with cents where it has any. */
const money = (x: number): string => fmt(x, Math.abs(x - Math.round(x)) < 0.005 ? 0 : 2);
const pct = (x: number, decimals = 2): string => `${fmt(x * 100, decimals)} %`;

/** Months m (1-based) named by a cell: "7", or a range "2–5". */
function monthsOf(cell: string): number[] {
  const [from, to] = cell.split('–').map(Number);
  return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
}

const run = (doc: ScenarioInput): OptionResult[] => simulate(doc).options;

describe('Adoption: the ramp and the S-curve', () => {
  const H = 'Adoption: the ramp and the S-curve';
  const adopted = (curve: 'linear' | 'sCurve') =>
    run(
      baseScenario({
        horizonYears: 1,
        options: [
          option('a', {
            effects: [measuredEffect({ adoption: { ceiling: 0.6, goLiveMonth: 3, rampMonths: 6, curve } })],
          }),
        ] as never,
      }),
    )[0]!.monthly.tasksWithAi;
  const linear = adopted('linear');
  const sCurve = adopted('sCurve');

  it('is the table of the page, month by month', () => {
    for (let m = 1; m <= 9; m++) {
      const k = m - 2;
      const x = Math.min(1, k / 6);
      expect(row(H, String(m))).toEqual([
        String(m),
        k >= 1 ? String(k) : '–',
        k >= 1 ? x.toFixed(4) : '–',
        pct(linear[m - 1]! / 1000),
        pct(sCurve[m - 1]! / 1000),
        sCurve[m - 1]!.toFixed(1),
      ]);
    }
  });

  it("is the page's spreadsheet formula, and its constants are the page's", () => {
    const L = (x: number) => 1 / (1 + Math.exp(-10 * (x - 0.5)));
    const sheet = (k: number) => (0.6 * (L(Math.min(1, k / 6)) - L(0))) / (L(1) - L(0));
    for (let k = 1; k <= 8; k++) expect(sCurve[k + 1]! / 1000).toBeCloseTo(sheet(k), 12);
    expect(sCurve[4]! / 1000).toBeCloseTo(0.3, 12);
    const text = sectionText(H);
    expect(text).toContain(`L(0) = ${L(0).toFixed(7)} and L(1) = ${L(1).toFixed(7)}`);
    expect(text).toContain(`L(1/3) = 1 ÷ (1 + e^(1.6667)) = ${L(1 / 3).toFixed(6)}`);
    expect(text).toContain(`= ${((L(1 / 3) - L(0)) / (L(1) - L(0))).toFixed(6)}; × 60 % = 9.25 %`);
    expect(text).toContain(`= ${fmt((sCurve[3]! * 6) / 60, 2)}.`);
  });
});

/** The option of "A stop and what it strands": 12 minutes with AI (net −2), stopped in month 6. */
const stopCase = () =>
  baseScenario({
    options: [
      option('a', {
        effects: [measuredEffect({ minutesWithAiPerTask: 12 })],
        stopRule: { checkMonth: 6, minNetMinutesPerTask: 0 },
        costLines: [
          {
            kind: 'oneTime',
            id: 'server',
            name: 'Server',
            category: 'compute',
            month: 1,
            amount: 60000,
            capex: true,
            usefulLifeYears: 5,
            resaleShareOnStop: 0.5,
          },
          {
            kind: 'recurring',
            id: 'fee',
            name: 'Vendor fee',
            category: 'vendor',
            amount: 5000,
            period: 'month',
            committedUntilMonth: 9,
          },
          {
            kind: 'modelLifecycle',
            id: 'lifecycle',
            name: 'Lifecycle',
            upgradeEveryMonths: 12,
            revalidationHoursPerUpgrade: 10,
            driftMonitoringPerMonth: 1000,
            exitCost: 20000,
          },
        ],
      }),
    ] as never,
  });

describe('Hours freed, added work and whole posts', () => {
  const H = 'Hours freed, added work and whole posts';
  const avoided = (tasksPerMonth: number) =>
    run(
      baseScenario({
        workflows: [{ ...baseScenario().workflows[0]!, tasksPerDriverUnit: tasksPerMonth }],
        realization: { nurse: { mode: 'avoidedStaffing' } },
        options: [option('a')] as never,
      }),
    )[0]!;

  it.each([
    [2000, '2,000 tasks a month'],
    [1500, '1,500 tasks a month'],
  ])('%i tasks a month: the row of the page', (tasks, label) => {
    const r = avoided(tasks);
    const cash = r.monthly.cashRealized;
    const first = cash.findIndex((c) => c > 0);
    const posts = first < 0 ? '0' : `${fmt(cash[first]! / 10000)}, from month ${first + 1}`;
    expect(row(H, label)).toEqual([
      label,
      fmt(r.monthly.hoursFreed[0]!),
      fmt(r.years[0]!.hoursFreed),
      fmt(r.fteFreed, 2),
      posts,
      money(r.years[0]!.cashRealized),
      money(r.years[1]!.cashRealized),
      money(r.years[0]!.paperValue),
    ]);
    expect(r.byRole).toEqual([{ role: 'nurse', hoursFreed: r.hoursFreed, fteFreed: r.fteFreed }]);
  });

  it('avoids a post in month 10, when the window holds 2,000 hours, and pays 10,000 a month from then', () => {
    const cash = avoided(2000).monthly.cashRealized;
    expect(cash.slice(0, 9).every((c) => c === 0)).toBe(true);
    expect(cash.slice(9).every((c) => c === 10000)).toBe(true);
    expect(avoided(1500).cashRealized).toBe(0);
  });

  it('avoids a post from 1,667 tasks a month (2,000 hours a year), not from 1,666', () => {
    expect(avoided(1667).years[1]!.cashRealized).toBe(120000);
    expect(avoided(1666).cashRealized).toBe(0);
    expect(sectionText('The headline and the simulation')).toContain(
      'from 1,667 tasks a month (2,000 hours a year) a post is avoided and 120,000 a year realized from year 2',
    );
  });

  it('shows added work as negative hours, overtime, and no FTE in the final year', () => {
    const r = run(stopCase())[0]!;
    expect(row(H, 'hours freed (`hoursFreed`)')[1]).toBe(fmt(r.hoursFreed, 2));
    expect(row(H, 'FTE freed in year 1 (`years[0].fteFreed`)')[1]).toBe(fmt(r.years[0]!.fteFreed, 2));
    expect(row(H, 'FTE freed (`fteFreed`, the final year)')[1]).toBe(fmt(r.fteFreed, 2));
    expect(row(H, 'overtime in year 1 (`years[0].burdenOvertime`)')[1]).toBe(
      money(r.years[0]!.burdenOvertime),
    );
    // 33.33 hours × 60 × 1.5 = 3,000 a month, for 6 months.
    expect(r.years[0]!.burdenOvertime).toBeCloseTo(6 * ((1000 * 2) / 60) * 60 * 1.5, 6);
  });
});

describe('On-premises servers: sizing and refresh', () => {
  const H = 'On-premises servers: sizing and refresh';
  const servers = (horizonYears: number) =>
    run(
      baseScenario({
        horizonYears,
        hospital: { ...baseScenario().hospital, volumeGrowthPerYear: 0.2 },
        workflows: [
          {
            id: 'notes',
            name: 'Notes',
            role: 'nurse',
            volumeDriver: 'outpatientVisit',
            tasksPerDriverUnit: 0.1,
            baselineMinutesPerTask: 10,
            baselineEvidence: { kind: 'measured', n: 40 },
          },
        ],
        options: [
          option('a', {
            effects: [measuredEffect({ adoption: { ceiling: 0.5, goLiveMonth: 1, rampMonths: 6 } })],
            costLines: [
              {
                kind: 'onPremCompute',
                id: 'gpu',
                name: 'Servers',
                tokensPerTask: 2000,
                tokensPerSecondPerServer: 1.5,
                capexPerServer: 100000,
                usefulLifeYears: 2,
                kwPerServer: 1,
                pue: 1.5,
                electricityPricePerKwh: 1,
                maintenanceSharePerYear: 0.1,
              },
            ],
          }),
        ] as never,
      }),
    )[0]!;

  /** The page's row for a purchase: sizing worked out by its formula from the engine's AI tasks. */
  const purchaseRow = (r: OptionResult, label: string, from: number, to: number, price: number) => {
    const peakTasks = Math.max(...r.monthly.tasksWithAi.slice(from - 1, to));
    const tokensPerDay = (peakTasks * 2000 * 12) / 250;
    const peak = (tokensPerDay / (8 * 3600)) * 2;
    const count = price / 100000;
    expect(count).toBe(Math.ceil(peak / (1.5 * 0.6)));
    return [
      label,
      `${from}–${to}`,
      fmt(peakTasks),
      fmt(tokensPerDay),
      fmt(peak, 2),
      String(count),
      money(price),
    ];
  };

  it('sizes the first purchase on the busiest month of its life at the ceiling', () => {
    const r = servers(3);
    expect(row(H, 'first, month 1')).toEqual(purchaseRow(r, 'first, month 1', 1, 24, r.years[0]!.capex));
    expect(r.compute).toEqual([{ lineId: 'gpu', servers: 5, peakTokensPerSecond: 4, purchases: 2 }]);
    // Year by year, the same formula on each year's busiest month at the ceiling: the first
    // purchase's life is years 1–2, so their larger peak is the purchase's.
    expect(Math.max(r.years[0]!.peakServerLoad, r.years[1]!.peakServerLoad)).toBeCloseTo(4, 9);
    r.years.forEach((year, y) => {
      const ceilingTasks = Math.max(...r.monthly.tasksWithAi.slice(y * 12, y * 12 + 12)) / 0.5;
      expect(year.peakServerLoad).toBeCloseTo(((ceilingTasks * 0.5 * 2000 * 12) / 250 / (8 * 3600)) * 2, 9);
    });
    expect(servers(4).compute).toEqual(r.compute);
    expect(sectionText(H)).toContain(`only ${fmt(r.monthly.tasksWithAi[0]!)} tasks use AI in month 1`);
    expect(sectionText(H)).toContain(
      `so year 1's cash out is 500,000 + 12 × 9,641.67 = ${money(r.years[0]!.cashOut)}`,
    );
  });

  it('sizes each refresh again on the months it serves inside the horizon', () => {
    const three = servers(3);
    const four = servers(4);
    expect(row(H, 'refresh, month 25, 3-year plan')).toEqual(
      purchaseRow(three, 'refresh, month 25, 3-year plan', 25, 36, three.years[2]!.capex),
    );
    expect(row(H, 'refresh, month 25, 4-year plan')).toEqual(
      purchaseRow(four, 'refresh, month 25, 4-year plan', 25, 48, four.years[2]!.capex),
    );
  });
});

describe('Model lifecycle: upgrades, drift and exit', () => {
  const H = 'Model lifecycle: upgrades, drift and exit';
  const r = run(
    baseScenario({
      horizonYears: 3,
      options: [
        option('a', {
          costLines: [
            {
              kind: 'modelLifecycle',
              id: 'a',
              name: 'Line A',
              upgradeEveryMonths: 12,
              revalidationHoursPerUpgrade: 20,
              revalidationFeePerUpgrade: 1000,
              retrainingCostPerUpgrade: 5000,
              driftMonitoringPerMonth: 500,
              exitCost: 20000,
              exitMonth: 36,
            },
            {
              kind: 'modelLifecycle',
              id: 'b',
              name: 'Line B',
              upgradeEveryMonths: 12,
              startMonth: 7,
              revalidationHoursPerUpgrade: 0,
              revalidationFeePerUpgrade: 100,
            },
          ],
        }),
      ] as never,
    }),
  )[0]!;
  const listed = ['1–12', '13', '19', '25', '31', '36'];

  it("pays each row's cash out in its months, and 500 in every other month", () => {
    const months = new Set(listed.flatMap(monthsOf));
    for (const label of listed) {
      const cells = row(H, label);
      for (const m of monthsOf(label)) expect(money(r.monthly.cashOut[m - 1]!), `month ${m}`).toBe(cells[6]);
      // The categories add up to the cash out.
      const parts = cells.slice(2, 6).map((c) => Number(c.replace(/,/g, '')));
      expect(money(parts.reduce((a, b) => a + b, 0))).toBe(cells[6]);
    }
    r.monthly.cashOut.forEach((c, t) => {
      if (!months.has(t + 1)) expect(c, `month ${t + 1}`).toBe(500);
    });
  });

  it("books the rows' categories: the years' sums are the engine's", () => {
    const number = (cell: string) => Number(cell.replace(/,/g, ''));
    const categories = ['compliance', 'data', 'maintenance', 'vendor'] as const;
    for (let y = 1; y <= 3; y++) {
      categories.forEach((category, i) => {
        let sum = 0;
        for (const label of listed) {
          const inYear = monthsOf(label).filter((m) => Math.ceil(m / 12) === y).length;
          sum += inYear * number(row(H, label)[2 + i]!);
        }
        // Months not listed carry 500 of drift monitoring (maintenance).
        if (category === 'maintenance') sum = 12 * 500;
        expect(r.years[y - 1]!.costs[category], `year ${y} ${category}`).toBeCloseTo(sum, 6);
      });
    }
    // Re-validation: 20 physician hours × 240,000 ÷ 2,000 + 1,000.
    expect(row(H, '13')[2]).toBe(money(20 * (240000 / 2000) + 1000));
    expect(r.stop).toBeNull();
  });
});

describe('How a yearly cap is spread over the months', () => {
  const H = 'How a yearly cap is spread over the months';
  const fee = {
    kind: 'recurring',
    id: 'fee',
    name: 'Fee',
    category: 'vendor',
    amount: 10000,
    period: 'month',
  };
  const funded = (funding: unknown[], budget: Partial<ScenarioInput['budget']> = {}) =>
    run(
      baseScenario({
        horizonYears: 1,
        budget: { informatizationBaseAnnual: 1000000, aiShare: 0.5, ...budget },
        options: [option('a', { effects: [], costLines: [fee], funding })] as never,
      }),
    )[0]!;
  const yearRow = (label: string, months: number[]) => [
    label,
    ...months.slice(0, 12).map(money),
    money(months.slice(0, 12).reduce((a, b) => a + b, 0)),
  ];

  it('throughput: the demand ceiling takes the first months of each plan year', () => {
    const r = run(
      baseScenario({
        realization: {
          nurse: {
            mode: 'throughput',
            redeployedShare: 0.5,
            minutesPerVisit: 30,
            contributionMarginPerVisit: 50,
            maxExtraVisitsPerYear: 1000,
          },
        },
        options: [option('a')] as never,
      }),
    )[0]!;
    expect(row(H, 'throughput: cash realized')).toEqual(
      yearRow('throughput: cash realized', r.monthly.cashRealized),
    );
    // It starts again in the next plan year.
    expect(r.monthly.cashRealized.slice(12)).toEqual(r.monthly.cashRealized.slice(0, 12));
  });

  it('a share-of-cost cap pays the first months until it is used up', () => {
    const r = funded([
      {
        kind: 'shareOfCost',
        id: 'voucher',
        name: 'Voucher',
        source: 'computeVoucher',
        category: 'vendor',
        share: 0.5,
        capPerYear: 40000,
      },
    ]);
    expect(row(H, 'voucher: funding')).toEqual(yearRow('voucher: funding', r.monthly.funding));
    expect(r.warnings).toEqual([]);
  });

  it('research-budget draws above the research budget are cut from the last months', () => {
    const r = funded(
      [
        {
          kind: 'fixed',
          id: 'r',
          name: 'Research',
          source: 'researchBudget',
          amount: 10000,
          period: 'month',
        },
      ],
      { aiResearchBudgetPerYear: 90000 },
    );
    expect(row(H, 'research budget: funding')).toEqual(
      yearRow('research budget: funding', r.monthly.funding),
    );
    expect(r.warnings.map((w) => w.code)).toEqual(['researchBudgetExceeded']);
  });

  it('funding above the cash out is cut from the last months: no year makes a profit', () => {
    const r = funded([
      { kind: 'fixed', id: 'g', name: 'Grant', source: 'grant', amount: 12000, period: 'month' },
    ]);
    expect(row(H, 'grant: funding')).toEqual(yearRow('grant: funding', r.monthly.funding));
    expect(row(H, 'grant: net cash flow')).toEqual(yearRow('grant: net cash flow', r.monthly.netCashFlow));
    expect(r.years[0]!.netCashFlow).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['fundingCapped']);
  });
});

describe("A pilot's months", () => {
  const H = "A pilot's months";
  const pilotCase = (threshold: number) =>
    run(
      baseScenario({
        options: [
          option('full', {
            costLines: [
              {
                kind: 'oneTime',
                id: 'licence',
                name: 'Licence',
                category: 'vendor',
                month: 1,
                amount: 50000,
              },
              {
                kind: 'recurring',
                id: 'run',
                name: 'Running',
                category: 'vendor',
                amount: 2000,
                period: 'month',
              },
            ],
          }),
          option('pilot', {
            kind: 'pilot',
            effects: [measuredEffect({ scopeShare: 0.2 })],
            costLines: [
              { kind: 'oneTime', id: 'early', name: 'Early', category: 'vendor', month: 2, amount: 7000 },
              { kind: 'oneTime', id: 'setup', name: 'Set-up', category: 'vendor', month: 4, amount: 10000 },
              {
                kind: 'recurring',
                id: 'fee',
                name: 'Pilot fee',
                category: 'vendor',
                amount: 1000,
                period: 'month',
              },
            ],
            pilot: {
              startMonth: 4,
              durationMonths: 6,
              decisionRule: { minNetMinutesPerTask: threshold },
              scaleUpOptionId: 'full',
              leadMonths: 2,
            },
          }),
        ] as never,
      }),
    )[1]!;
  const ranges = ['1–3', '4', '5–9', '10–11', '12', '13–24'];

  /** Checks every month of each range of the row against the engine's monthly series. */
  const expectRow = (label: string, series: number[], format: (x: number) => string) => {
    const cells = row(H, label);
    ranges.forEach((range, i) => {
      for (const m of monthsOf(range))
        expect(format(series[m - 1]!), `${label}, month ${m}`).toBe(cells[i + 1]);
    });
  };

  it('scales up at threshold 5: the table, the decision and the scale-up month', () => {
    expect(tables(H)[0]![0]).toEqual(['month', ...ranges]);
    const r = pilotCase(5);
    expectRow('threshold 5: cash out', r.monthly.cashOut, money);
    expectRow('threshold 5: hours freed', r.monthly.hoursFreed, (x) => fmt(x));
    expect(r.pilot).toEqual({
      decisionMonth: 9,
      measuredNetMinutesPerTask: 6,
      threshold: 5,
      decision: 'scaleUp',
      scaleUpOptionId: 'full',
      scaleUpMonth: 12,
    });
    expect(r.stop).toBeNull();
    const text = sectionText('The result objects `stop`, `pilot`, `compute`, `byRole`');
    expect(text).toContain(
      `(\`decisionMonth\` ${r.pilot!.decisionMonth}, \`measuredNetMinutesPerTask\` ${r.pilot!.measuredNetMinutesPerTask}, \`threshold\` ${r.pilot!.threshold}, \`decision\` \`${r.pilot!.decision}\`, \`scaleUpOptionId\` \`${r.pilot!.scaleUpOptionId}\`, \`scaleUpMonth\` ${r.pilot!.scaleUpMonth})`,
    );
  });

  it('stops at threshold 7 in its decision month, having paid only its own months', () => {
    const r = pilotCase(7);
    expectRow('threshold 7: cash out', r.monthly.cashOut, money);
    expect(r.pilot).toMatchObject({ decision: 'stop', decisionMonth: 9, scaleUpMonth: null });
    expect(r.stop).toEqual({
      month: 9,
      netMinutesPerTask: 6,
      threshold: 7,
      strandedCash: 0,
      strandedBookValue: 0,
    });
    expect(sectionText(H)).toContain(
      `it stops in month 9 having cost 7,000 + 10,000 + 6 × 1,000 = ${money(r.tco)}`,
    );
  });
});

describe('A stop and what it strands', () => {
  const H = 'A stop and what it strands';
  const r = run(stopCase())[0]!;
  const columns = ['1', '2–5', '6', '7–9', '10–24'];

  it("is the page's table, month by month", () => {
    expect(tables(H)[0]![0]).toEqual(['month', ...columns]);
    const series: [string, number[], (x: number) => string][] = [
      ['cash out', r.monthly.cashOut, money],
      ['funding (resale)', r.monthly.funding, money],
      ['hours freed', r.monthly.hoursFreed, (x) => fmt(x, 2)],
    ];
    for (const [label, values, format] of series) {
      const cells = row(H, label);
      columns.forEach((range, i) => {
        for (const m of monthsOf(range))
          expect(format(values[m - 1]!), `${label}, month ${m}`).toBe(cells[i + 1]);
      });
    }
  });

  it("reports the page's `stop`, stranded cash and book value, depreciation and NPV", () => {
    const stop = r.stop!;
    expect(tables(H)[1]!.slice(1)).toEqual([
      ['`month`', String(stop.month)],
      ['`netMinutesPerTask`', fmt(stop.netMinutesPerTask)],
      ['`threshold`', fmt(stop.threshold)],
      ['`strandedCash`', money(stop.strandedCash)],
      ['`strandedBookValue`', money(stop.strandedBookValue)],
    ]);
    // 3 months of committed fee + the exit; 60,000 less 6 months' depreciation, less the resale.
    expect(stop.strandedCash).toBe(3 * 5000 + 20000);
    expect(stop.strandedBookValue).toBeCloseTo(60000 - 6 * 1000 - 30000, 6);
    expect(r.years[0]!.depreciation).toBeCloseTo(6 * 1000 + 24000, 6);
    const text = sectionText(H);
    expect(text).toContain(`The option's NPV is (30,000 − 149,000) ÷ 1.08 = ${money(r.npv)}.`);
    expect(r.tco).toBe(149000);
    expect(r.funding).toBe(30000);
  });
});

describe('The informatization budget by year', () => {
  const H = 'The informatization budget by year';
  const budgets = (budget: ScenarioInput['budget']) =>
    run(baseScenario({ horizonYears: 5, budget, options: [option('a')] as never }))[0]!.years.map(
      (y) => y.budget,
    );
  const byYear = budgets({
    informatizationBaseAnnual: 1_000_000,
    informatizationGrowthPerYear: 0.04,
    informatizationByYear: [1_200_000, 1_500_000],
    aiShare: 0.5,
  });
  const grown = budgets({
    informatizationBaseAnnual: 1_000_000,
    informatizationGrowthPerYear: 0.04,
    aiShare: 0.5,
  });

  it('takes the years given, then grows the last of them (the first-year figure unused)', () => {
    // By hand: 1,500,000 × 1.04^(y − 2) after year 2, × 50 %.
    const hand = [1_200_000, 1_500_000, 1_560_000, 1_622_400, 1_687_296].map((b) => b * 0.5);
    byYear.forEach((b, y) => expect(b).toBeCloseTo(hand[y]!, 6));
    expect(row(H, 'AI budget')).toEqual(['AI budget', ...byYear.map(money)]);
    expect(row(H, 'informatization budget')).toEqual([
      'informatization budget',
      ...byYear.map((b) => money(b / 0.5)),
    ]);
    expect(row(H, 'given')).toEqual(['given', '1,200,000', '1,500,000', '–', '–', '–']);
  });

  it('without a list, grows the first-year figure', () => {
    grown.forEach((b, y) => expect(b).toBeCloseTo(1_000_000 * 1.04 ** y * 0.5, 6));
    expect(row(H, 'AI budget without the list')).toEqual(['AI budget without the list', ...grown.map(money)]);
  });

  it('gives the same budgets for a list of every year as for the years it implies', () => {
    const full = budgets({
      informatizationBaseAnnual: 0,
      informatizationGrowthPerYear: 0.04,
      informatizationByYear: byYear.map((b) => b / 0.5),
      aiShare: 0.5,
    });
    full.forEach((b, y) => expect(b).toBeCloseTo(byYear[y]!, 6));
  });
});

describe('The result objects `stop`, `pilot`, `compute`, `byRole`', () => {
  const H = 'The result objects `stop`, `pilot`, `compute`, `byRole`';

  it('documents every field of each object, and no other', () => {
    const [stop, pilot, compute, byRole] = tables(H);
    const fields = (table: string[][] | undefined) => table!.slice(1).map((r) => r[0]!.replace(/`/g, ''));
    const stopped = run(stopCase())[0]!;
    expect(fields(stop).sort()).toEqual(Object.keys(stopped.stop!).sort());
    expect(fields(byRole).sort()).toEqual(Object.keys(stopped.byRole[0]!).sort());
    const pilotDoc = baseScenario({
      options: [
        option('full'),
        option('pilot', {
          kind: 'pilot',
          pilot: { durationMonths: 6, decisionRule: { minNetMinutesPerTask: 5 }, scaleUpOptionId: 'full' },
        }),
      ] as never,
    });
    expect(fields(pilot).sort()).toEqual(Object.keys(run(pilotDoc)[1]!.pilot!).sort());
    expect(fields(compute).sort()).toEqual(['lineId', 'peakTokensPerSecond', 'purchases', 'servers']);
  });

  it("quotes the whole-posts example's `byRole`", () => {
    const r = run(
      baseScenario({
        workflows: [{ ...baseScenario().workflows[0]!, tasksPerDriverUnit: 2000 }],
        realization: { nurse: { mode: 'avoidedStaffing' } },
        options: [option('a')] as never,
      }),
    )[0]!;
    const [nurse] = r.byRole;
    expect(sectionText(H)).toContain(
      `(\`${nurse!.role}\`, \`hoursFreed\` ${fmt(nurse!.hoursFreed)}, \`fteFreed\` ${fmt(nurse!.fteFreed, 1)} for 2,000 tasks a month)`,
    );
  });
});

describe('The headline and the simulation', () => {
  const H = 'The headline and the simulation';
  const claimed = (extra: Record<string, unknown> = {}) => ({
    basis: 'claimed',
    workflowId: 'notes',
    adoption: { ceiling: 1, goLiveMonth: 1, rampMonths: 0 },
    evidence: { kind: 'claimed' },
    claimedReduction: 0.5,
    fit: 0.8,
    errorRate: 0.1,
    correctionMinutesPerError: 10,
    ...extra,
  });
  const doc = baseScenario({
    realization: {
      nurse: { mode: 'throughput', redeployedShare: 1, minutesPerVisit: 30, contributionMarginPerVisit: 100 },
    },
    options: [
      option('buy', {
        effects: [claimed()],
        costLines: [
          { kind: 'recurring', id: 'fee', name: 'Fee', category: 'vendor', amount: 11000, period: 'month' },
        ],
      }),
      option('pilot', {
        kind: 'pilot',
        effects: [claimed({ scopeShare: 0.2 })],
        costLines: [
          { kind: 'recurring', id: 'fee', name: 'Fee', category: 'vendor', amount: 2000, period: 'month' },
        ],
        pilot: { durationMonths: 6, decisionRule: { minNetMinutesPerTask: 3 }, scaleUpOptionId: 'buy' },
      }),
    ] as never,
    uncertainty: {
      seed: 1,
      trials: 2000,
      inputs: {
        'options.0.effects.0.fit': { kind: 'pert', low: 0.3, high: 0.9 },
        'options.1.effects.0.fit': { kind: 'sameAs', input: 'options.0.effects.0.fit' },
      },
    },
  });
  const validated = validateScenario(doc);
  if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
  const model = compileScenario(validated.scenario);
  const atFit = (fit: number) =>
    runModel(
      model,
      withOverrides(model.params, { 'options.0.effects.0.fit': fit, 'options.1.effects.0.fit': fit }),
    ).options;

  it.each([0.3, 0.5, 0.7, 0.8, 0.9])('fit %s: the row of the page', (fit) => {
    const [buy, pilot] = atFit(fit);
    const yearly = buy!.years[0]!.netCashFlow;
    expect(buy!.years[1]!.netCashFlow).toBeCloseTo(yearly, 6);
    // By hand: 5 × fit − 1 minutes per task, and 200,000 × fit − 172,000 a year.
    expect(pilot!.pilot!.measuredNetMinutesPerTask).toBeCloseTo(5 * fit - 1, 12);
    expect(yearly).toBeCloseTo(200000 * fit - 172000, 6);
    expect(row(H, String(fit))).toEqual([
      String(fit),
      fmt(pilot!.pilot!.measuredNetMinutesPerTask, 2),
      money(yearly),
      money(buy!.npv),
      pilot!.pilot!.decision === 'scaleUp' ? 'scale up' : 'stop',
      money(pilot!.npv),
    ]);
  });

  it('the buy is linear in the fit: its mean NPV is its NPV at the mean fit', () => {
    const meanFit = (0.3 + 4 * 0.8 + 0.9) / 6;
    expect(sectionText(H)).toContain(`0.9) ÷ 6 = ${meanFit.toFixed(4)}: ${money(atFit(meanFit)[0]!.npv)}`);
  });

  it("is the page's Monte Carlo: the buy's mean below its headline, the pilot's headline below its P10", () => {
    const mc = runMonteCarlo(model, validated.scenario.uncertainty!);
    const [buy, pilot] = runModel(model).options;
    for (const [id, base] of [
      ['buy', buy!],
      ['pilot', pilot!],
    ] as const) {
      const o = mc.options[id]!;
      expect(o.baseNpv).toBe(base.npv);
      expect(row(H, id)).toEqual([
        id,
        fmt(base.npv),
        fmt(o.npv.p10),
        fmt(o.npv.p50),
        fmt(o.npv.mean),
        fmt(o.npv.p90),
        pct(o.probNpvPositive, 1),
      ]);
    }
    expect(mc.options.buy!.npv.mean).toBeLessThan(buy!.npv);
    expect(pilot!.npv).toBeLessThan(mc.options.pilot!.npv.p10);
  }, 60_000);
});
