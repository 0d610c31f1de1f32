/**
 * Use cases of one made-up county hospital for the portfolio bench: each a scenario with four
 * options (buy a vendor system, build on on-premises servers, pilot then buy, a cloud API),
 * their sizes and effects drawn from a seeded generator so every run solves the same program.
 * Uncertain inputs on the effects and prices, so the P10 and breach objectives have trials.
 */
import { validateScenario, type Scenario, type ScenarioInput } from '~/engine';

export function portfolioScenarios(count: number, horizonYears = 5, seed = 7): Scenario[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const between = (low: number, high: number) => low + (high - low) * next();
  return Array.from({ length: count }, (_, i) => {
    const tasks = Math.round(between(800, 6000));
    const baseline = between(4, 15);
    const withAi = baseline * between(0.35, 0.8);
    const licence = Math.round(between(2_000, 15_000));
    const setup = Math.round(between(50_000, 400_000));
    const input: ScenarioInput = {
      schemaVersion: 2,
      id: `use-case-${i + 1}`,
      name: { 'zh-CN': `用例 ${i + 1}`, en: `Use case ${i + 1}` },
      startYear: 2027,
      horizonYears,
      discountRate: 0.08,
      hospital: {
        name: { 'zh-CN': '某县人民医院', en: 'A county hospital' },
        type: 'county',
        grade: 'level2',
        beds: 300,
        occupancy: 0.85,
        outpatientVisitsPerYear: 350_000,
        dischargesPerYear: 15_000,
        volumeGrowthPerYear: 0.03,
        roles: {
          nurse: {
            headcount: 260,
            annualCostPerFte: 130_000,
            paidHoursPerYear: 2000,
            overtimeMultiplier: 1.5,
          },
          physician: { headcount: 150, annualCostPerFte: 220_000, paidHoursPerYear: 2000 },
        },
        wageGrowthPerYear: 0.04,
      },
      budget: { informatizationBaseAnnual: 8_000_000, informatizationGrowthPerYear: 0.03, aiShare: 0.25 },
      workflows: [
        {
          id: 'work',
          name: `工作 ${i + 1}`,
          role: i % 2 === 0 ? 'nurse' : 'physician',
          volumeDriver: 'month',
          tasksPerDriverUnit: tasks,
          baselineMinutesPerTask: baseline,
          baselineEvidence: { kind: 'measured', n: 60 },
        },
      ],
      realization: {
        nurse: {
          mode: 'throughput',
          redeployedShare: 0.5,
          minutesPerVisit: 20,
          contributionMarginPerVisit: 40,
        },
        physician: {
          mode: 'throughput',
          redeployedShare: 0.5,
          minutesPerVisit: 15,
          contributionMarginPerVisit: 60,
        },
      },
      options: [
        {
          id: 'buy',
          name: '采购',
          kind: 'buy',
          effects: [effect(withAi, 1)],
          costLines: [
            { kind: 'oneTime', id: 'setup', name: '部署', category: 'vendor', month: 1, amount: setup },
            {
              kind: 'recurring',
              id: 'licence',
              name: '许可',
              category: 'vendor',
              amount: licence,
              period: 'month',
            },
          ],
        },
        {
          id: 'build',
          name: '自建',
          kind: 'build',
          effects: [effect(withAi * 1.1, 4)],
          costLines: [
            {
              kind: 'staffing',
              id: 'engineer',
              name: '工程师',
              role: 'AI engineer',
              fte: 1,
              annualCostPerFte: Math.round(between(250_000, 400_000)),
            },
            {
              kind: 'onPremCompute',
              id: 'servers',
              name: '服务器',
              tokensPerTask: Math.round(between(800, 3000)),
              tokensPerSecondPerServer: 400,
              capexPerServer: 350_000,
              kwPerServer: 3,
              pue: 1.5,
              electricityPricePerKwh: 0.8,
              maintenanceSharePerYear: 0.08,
            },
          ],
        },
        {
          id: 'pilot',
          name: '试点',
          kind: 'pilot',
          effects: [effect(withAi, 1, 0.2)],
          costLines: [
            {
              kind: 'oneTime',
              id: 'pilot-setup',
              name: '试点部署',
              category: 'vendor',
              month: 1,
              amount: Math.round(setup * 0.3),
            },
          ],
          pilot: {
            durationMonths: 6,
            decisionRule: { minNetMinutesPerTask: (baseline - withAi) * 0.5 },
            scaleUpOptionId: 'buy',
          },
        },
        {
          id: 'api',
          name: '云端 API',
          kind: 'buy',
          effects: [effect(withAi * 1.05, 2)],
          costLines: [
            {
              kind: 'cloudTokens',
              id: 'tokens',
              name: '调用',
              inputTokensPerTask: 1500,
              outputTokensPerTask: 500,
              pricePerMillionInputTokens: 4,
              pricePerMillionOutputTokens: 16,
              priceDeclinePerYear: 0.2,
            },
            {
              kind: 'recurring',
              id: 'integration',
              name: '集成维护',
              category: 'maintenance',
              amount: Math.round(licence * 0.5),
              period: 'month',
            },
          ],
        },
      ],
      uncertainty: {
        seed: 100 + i,
        trials: 1000,
        inputs: {
          'options.0.effects.0.minutesWithAiPerTask': {
            kind: 'triangular',
            low: withAi * 0.7,
            high: withAi * 1.5,
          },
          'options.1.effects.0.minutesWithAiPerTask': {
            kind: 'triangular',
            low: withAi * 0.7,
            high: withAi * 1.8,
          },
          'options.2.effects.0.minutesWithAiPerTask': {
            kind: 'sameAs',
            input: 'options.0.effects.0.minutesWithAiPerTask',
          },
          'options.3.effects.0.minutesWithAiPerTask': {
            kind: 'triangular',
            low: withAi * 0.8,
            high: withAi * 1.6,
          },
          'options.0.costLines.1.amount': { kind: 'pert', low: licence * 0.9, high: licence * 1.6 },
          'options.3.costLines.0.pricePerMillionOutputTokens': { kind: 'pert', low: 12, high: 40 },
        },
        correlations: [],
      },
    };
    const validated = validateScenario(input);
    if (!validated.ok) throw new Error(JSON.stringify(validated.problems.slice(0, 3)));
    return validated.scenario;
  });
}

function effect(minutesWithAi: number, goLiveMonth: number, scopeShare = 1) {
  return {
    basis: 'measured' as const,
    workflowId: 'work',
    scopeShare,
    adoption: { ceiling: 0.8, goLiveMonth, rampMonths: 6 },
    evidence: { kind: 'measured' as const, n: 30 },
    minutesWithAiPerTask: minutesWithAi,
    verificationMinutesPerTask: 0.5,
  };
}
