/**
 * A portfolio request resolved against hand-made use cases: the defaults the scenarios give when
 * they agree (worked out by hand from the test hospital's budget), and a problem naming the field
 * when they do not or the request is wrong.
 */
import { describe, expect, it } from 'vitest';

import type { Scenario } from '~/engine';
import type { PortfolioRequest } from '~/portfolio/portfolio';
import { portfolioFieldName, portfolioProblemMessage } from '~/portfolio/problems';
import { parsePortfolioRequest } from '~/portfolio/request';
import { resolvePortfolio, type PinnedScenario } from '~/portfolio/resolve';

import { option } from '../helpers/scenario';
import { budget, SERVER_LINE, useCase } from './scenarios';

const pin = (...documents: [string, Scenario][]): PinnedScenario[] =>
  documents.map(([scenarioId, document], i) => ({ scenarioId, version: i + 3, document }));

const ask = (changes: Partial<PortfolioRequest> = {}): PortfolioRequest => ({
  name: '2027 年 AI 组合',
  scenarioIds: ['a', 'b'],
  ...changes,
});

function resolved(request: PortfolioRequest, pinned: PinnedScenario[]) {
  const out = resolvePortfolio(request, pinned);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.document;
}

function problemsOf(request: PortfolioRequest, pinned: PinnedScenario[]) {
  const out = resolvePortfolio(request, pinned);
  if (out.ok) throw new Error('expected problems');
  return out.problems;
}

const twoAlike = () => pin(['a', useCase('a')], ['b', useCase('b')]);

/** Options with a funding line drawn on the AI research budget. */
const drawing = (id: string) => [
  option(`${id}-buy`, {
    costLines: [],
    funding: [
      { kind: 'fixed', id: 'r', name: 'Research', source: 'researchBudget', amount: 1000, period: 'once' },
    ],
  }),
];

describe('defaults from scenarios that agree', () => {
  it('takes the calendar, the budget (1,000,000 × 0.5), no commitments and every start year', () => {
    const doc = resolved(ask(), twoAlike());
    expect(doc).toEqual({
      name: '2027 年 AI 组合',
      members: [
        { scenarioId: 'a', version: 3 },
        { scenarioId: 'b', version: 4 },
      ],
      startYear: 2027,
      horizonYears: 2,
      discountRate: 0.08,
      startOffsets: [0, 1],
      budgetByYear: [500_000, 500_000],
      committedByYear: [0, 0],
      researchBudgetByYear: [0, 0],
      forced: [],
      dependencies: [],
      objective: 'npv',
      breachProbability: 0.1,
      resources: { sharedServers: null, hiresPerYear: null },
    });
  });

  it('grows the budget by the engine rule: 500,000, then +10 % a year', () => {
    const grown = { horizonYears: 3, budget: budget({ informatizationGrowthPerYear: 0.1 }) };
    const doc = resolved(ask(), pin(['a', useCase('a', grown)], ['b', useCase('b', grown)]));
    expect(doc.budgetByYear.map((v) => Math.round(v * 100) / 100)).toEqual([500_000, 550_000, 605_000]);
  });

  it('follows a budget given year by year, the year after the last one grown from it', () => {
    const byYear = {
      horizonYears: 3,
      budget: budget({ informatizationByYear: [800_000, 900_000], informatizationGrowthPerYear: 0.1 }),
    };
    const doc = resolved(ask(), pin(['a', useCase('a', byYear)], ['b', useCase('b', byYear)]));
    // 800,000 × 0.5; 900,000 × 0.5; 900,000 × 1.1 × 0.5.
    expect(doc.budgetByYear.map((v) => Math.round(v * 100) / 100)).toEqual([400_000, 450_000, 495_000]);
  });

  it('reads a later start past the scenarios’ own horizon by the same rule', () => {
    const grown = { budget: budget({ informatizationGrowthPerYear: 0.1 }) };
    // The scenarios plan 2027–2028; the portfolio 2028–2029: their years 2 and 3.
    const doc = resolved(
      ask({ startYear: 2028 }),
      pin(['a', useCase('a', grown)], ['b', useCase('b', grown)]),
    );
    expect(doc.startYear).toBe(2028);
    expect(doc.budgetByYear.map((v) => Math.round(v * 100) / 100)).toEqual([550_000, 605_000]);
  });

  it('takes the research budget the scenarios share, every year', () => {
    const research = (id: string) => ({
      budget: budget({ aiResearchBudgetPerYear: 120_000 }),
      options: drawing(id),
    });
    const doc = resolved(ask(), pin(['a', useCase('a', research('a'))], ['b', useCase('b', research('b'))]));
    expect(doc.researchBudgetByYear).toEqual([120_000, 120_000]);
  });

  it('reads the research budget only from use cases that draw on it', () => {
    // b's 0 is the schema's default, read by nothing: a's 120,000 is the pot.
    const a = useCase('a', { budget: budget({ aiResearchBudgetPerYear: 120_000 }), options: drawing('a') });
    expect(resolved(ask(), pin(['a', a], ['b', useCase('b')])).researchBudgetByYear).toEqual([
      120_000, 120_000,
    ]);
    // Nobody draws on it: no question to ask.
    const c = useCase('c', { budget: budget({ aiResearchBudgetPerYear: 1 }) });
    expect(resolved(ask(), pin(['c', c], ['b', useCase('b')])).researchBudgetByYear).toEqual([0, 0]);
  });

  it('keeps the request’s own figures over the scenarios’', () => {
    const doc = resolved(
      ask({
        startYear: 2027,
        horizonYears: 2,
        discountRate: 0.05,
        budgetByYear: [300_000, 350_000],
        committedByYear: [50_000, 0],
        researchBudgetByYear: [10_000, 20_000],
        startOffsets: [1, 0, 1],
        objective: 'p10',
        breachProbability: 0.2,
        resources: { hiresPerYear: 2 },
      }),
      twoAlike(),
    );
    expect(doc).toMatchObject({
      discountRate: 0.05,
      budgetByYear: [300_000, 350_000],
      committedByYear: [50_000, 0],
      researchBudgetByYear: [10_000, 20_000],
      // A set: order and repeats say nothing.
      startOffsets: [0, 1],
      objective: 'p10',
      breachProbability: 0.2,
      resources: { sharedServers: null, hiresPerYear: 2 },
    });
  });
});

describe('scenarios that disagree', () => {
  it('asks for the start year, the horizon and the discount rate, naming each', () => {
    const problems = problemsOf(
      ask(),
      pin(['a', useCase('a')], ['b', useCase('b', { startYear: 2028, horizonYears: 3, discountRate: 0.1 })]),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ['startYear', 'scenariosDisagree'],
        ['horizonYears', 'scenariosDisagree'],
        ['discountRate', 'scenariosDisagree'],
      ]),
    );
    const rate = problems.find((p) => p.path === 'discountRate')!;
    expect(portfolioProblemMessage(rate, 'zh-CN')).toBe(
      '折现率：所选用例在这一项上不一致（8 %、10 %），请为组合填写',
    );
    expect(portfolioProblemMessage(rate, 'en')).toBe(
      'Discount rate: the use cases chosen differ here (8 %, 10 %); give it for the portfolio',
    );
  });

  it('asks for the budget when the AI shares differ, in 万元', () => {
    const problems = problemsOf(
      ask(),
      pin(['a', useCase('a')], ['b', useCase('b', { budget: budget({ aiShare: 0.4 }) })]),
    );
    expect(problems).toEqual([
      { path: 'budgetByYear', code: 'scenariosDisagree', params: { values: [500_000, 400_000], year: 2027 } },
    ]);
    expect(portfolioProblemMessage(problems[0]!, 'zh-CN')).toBe(
      '逐年 AI 预算：所选用例在这一项上不一致（50 万元、40 万元），请为组合填写',
    );
  });

  it('asks for the budget of a year before a scenario starts', () => {
    const problems = problemsOf(
      ask({ startYear: 2027 }),
      pin(['a', useCase('a')], ['b', useCase('b', { startYear: 2028 })]),
    );
    expect(problems).toEqual([{ path: 'budgetByYear', code: 'budgetUnknown', params: { year: 2027 } }]);
    expect(portfolioProblemMessage(problems[0]!, 'en')).toBe(
      'AI budget by year: the use cases chosen do not give a budget for 2027; give the budget year by year',
    );
    // Given, the portfolio resolves.
    expect(
      resolved(
        ask({ startYear: 2027, budgetByYear: [1, 2] }),
        pin(['a', useCase('a')], ['b', useCase('b', { startYear: 2028 })]),
      ).budgetByYear,
    ).toEqual([1, 2]);
  });

  it('asks for the research budget when the scenarios’ differ', () => {
    const problems = problemsOf(
      ask(),
      pin(
        ['a', useCase('a', { budget: budget({ aiResearchBudgetPerYear: 1 }), options: drawing('a') })],
        ['b', useCase('b', { options: drawing('b') })],
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['researchBudgetByYear']);
  });
});

describe('yearly figures', () => {
  it('refuses a negative budget naming its calendar year, in both languages', () => {
    const problems = problemsOf(ask({ budgetByYear: [500_000, -1] }), twoAlike());
    expect(problems).toEqual([{ path: 'budgetByYear.1', code: 'negative', params: { year: 2028 } }]);
    expect(portfolioProblemMessage(problems[0]!, 'zh-CN')).toBe('2028 年的 AI 预算：不能为负数');
    expect(portfolioProblemMessage(problems[0]!, 'en')).toBe('AI budget for 2028: must not be negative');
  });

  it('asks for one figure a year', () => {
    const problems = problemsOf(ask({ budgetByYear: [1, 2, 3], committedByYear: [0] }), twoAlike());
    expect(problems).toEqual([
      { path: 'budgetByYear', code: 'lengthMismatch', params: { expected: 2, given: 3 } },
      { path: 'committedByYear', code: 'lengthMismatch', params: { expected: 2, given: 1 } },
    ]);
    expect(portfolioProblemMessage(problems[0]!, 'zh-CN')).toBe(
      '逐年 AI 预算：请为规划的 2 年每年填一个数（现有 3 个）',
    );
  });

  it('refuses a start year past the horizon', () => {
    const problems = problemsOf(ask({ startOffsets: [0, 2] }), twoAlike());
    expect(problems).toEqual([
      { path: 'startOffsets.1', code: 'offsetBeyondHorizon', params: { horizon: 2 } },
    ]);
    expect(portfolioProblemMessage(problems[0]!, 'zh-CN')).toBe(
      '第 2 个允许的开始年份：必须在规划的 2 年之内开始',
    );
  });
});

describe('use cases, fixed choices and dependencies', () => {
  it('refuses a use case chosen twice', () => {
    expect(problemsOf(ask({ scenarioIds: ['a', 'b', 'a'] }), twoAlike()).map((p) => p.path)).toEqual([
      'scenarioIds.2',
    ]);
  });

  it('checks each fixed choice against the portfolio and its pinned options', () => {
    const problems = problemsOf(
      ask({
        forced: [
          { scenarioId: 'a', optionId: 'a-buy' },
          { scenarioId: 'c', optionId: 'c-buy' },
          { scenarioId: 'b', optionId: 'b-rent' },
          { scenarioId: 'a', optionId: 'a-build' },
          { scenarioId: 'b', optionId: 'b-build', startOffsetYears: 1 },
        ],
        startOffsets: [0],
      }),
      twoAlike(),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['forced.1.scenarioId', 'notInPortfolio'],
      ['forced.2.optionId', 'unknownOption'],
      ['forced.3.scenarioId', 'forcedTwice'],
      ['forced.4.startOffsetYears', 'offsetNotAllowed'],
    ]);
    expect(portfolioProblemMessage(problems[1]!, 'zh-CN')).toBe(
      '第 3 个指定的选择：方案：这个用例没有这个方案',
    );
    expect(portfolioProblemMessage(problems[1]!, 'en')).toBe(
      'Fixed choice 3: option: this use case has no such option',
    );
  });

  it('keeps a fixed choice with its start year, or none', () => {
    const doc = resolved(
      ask({
        forced: [
          { scenarioId: 'a', optionId: 'a-build', startOffsetYears: 1 },
          { scenarioId: 'b', optionId: 'b-buy' },
        ],
      }),
      twoAlike(),
    );
    expect(doc.forced).toEqual([
      { scenarioId: 'a', optionId: 'a-build', startOffsetYears: 1 },
      { scenarioId: 'b', optionId: 'b-buy', startOffsetYears: null },
    ]);
  });

  it('refuses a dependency outside the portfolio, on itself, or in a circle', () => {
    const three = pin(['a', useCase('a')], ['b', useCase('b')], ['c', useCase('c')]);
    const ids = { scenarioIds: ['a', 'b', 'c'] };
    expect(
      problemsOf(ask({ ...ids, dependencies: [{ scenarioId: 'a', needsScenarioId: 'z' }] }), three),
    ).toEqual([{ path: 'dependencies.0.needsScenarioId', code: 'notInPortfolio', params: {} }]);
    expect(
      problemsOf(ask({ ...ids, dependencies: [{ scenarioId: 'b', needsScenarioId: 'b' }] }), three),
    ).toEqual([{ path: 'dependencies.0.needsScenarioId', code: 'dependsOnItself', params: {} }]);
    // a needs b, b needs c, c needs a: the edge that closes the circle is named.
    const circle = problemsOf(
      ask({
        ...ids,
        dependencies: [
          { scenarioId: 'a', needsScenarioId: 'b' },
          { scenarioId: 'b', needsScenarioId: 'c' },
          { scenarioId: 'c', needsScenarioId: 'a' },
        ],
      }),
      three,
    );
    expect(circle).toEqual([{ path: 'dependencies.2', code: 'dependencyCycle', params: {} }]);
    expect(portfolioProblemMessage(circle[0]!, 'zh-CN')).toBe(
      '第 3 个依赖关系：这些用例相互依赖成环，哪个都无法开始',
    );
    // A chain is fine, and a repeated edge is kept once.
    const chain = resolved(
      ask({
        ...ids,
        dependencies: [
          { scenarioId: 'a', needsScenarioId: 'b' },
          { scenarioId: 'b', needsScenarioId: 'c' },
          { scenarioId: 'a', needsScenarioId: 'b' },
        ],
      }),
      three,
    );
    expect(chain.dependencies).toEqual([
      { scenarioId: 'a', needsScenarioId: 'b' },
      { scenarioId: 'b', needsScenarioId: 'c' },
    ]);
  });
});

describe('shared servers', () => {
  const withServers = useCase('s', {
    options: [option('s-build', { kind: 'build', costLines: [SERVER_LINE] })],
  });

  it('reads the pool from the first on-premises line, its price with VAT (200,000 × 1.13)', () => {
    const doc = resolved(
      ask({ scenarioIds: ['a', 's'], resources: { sharedServers: true } }),
      pin(['a', useCase('a')], ['s', withServers]),
    );
    expect(doc.resources.sharedServers).toEqual({
      tokensPerSecondPerServer: 1500,
      targetUtilization: 0.5,
      // The engine's own arithmetic (price × 1.13), not a rounded figure.
      capexPerServer: expect.closeTo(226_000, 6),
      usefulLifeYears: 4,
      kwPerServer: 3,
      pue: 1.5,
      electricityPricePerKwh: 0.8,
      maintenanceSharePerYear: 0.1,
      maxServers: null,
    });
  });

  it('lets the request’s own figures override the line’s', () => {
    const doc = resolved(
      ask({ scenarioIds: ['a', 's'], resources: { sharedServers: { pue: 1.2, maxServers: 4 } } }),
      pin(['a', useCase('a')], ['s', withServers]),
    );
    expect(doc.resources.sharedServers).toMatchObject({
      pue: 1.2,
      capexPerServer: expect.closeTo(226_000, 6),
      maxServers: 4,
    });
  });

  it('asks for the specification when no use case has servers', () => {
    const problems = problemsOf(ask({ resources: { sharedServers: { pue: 1.2 } } }), twoAlike());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'resources.sharedServers', code: 'serverSpecMissing' });
    expect(problems[0]!.params.fields).not.toContain('pue');
    expect(portfolioProblemMessage(problems[0]!, 'zh-CN')).toMatch(
      /^共享本地服务器：没有用例含本地服务器可供参照，请填写每台服务器吞吐量、/,
    );
    const full = {
      tokensPerSecondPerServer: 1000,
      targetUtilization: 0.6,
      capexPerServer: 300_000,
      usefulLifeYears: 5,
      kwPerServer: 2,
      pue: 1.4,
      electricityPricePerKwh: 0.7,
      maintenanceSharePerYear: 0.08,
    };
    expect(resolved(ask({ resources: { sharedServers: full } }), twoAlike()).resources.sharedServers).toEqual(
      {
        ...full,
        maxServers: null,
      },
    );
  });

  it('has no pool when none is asked for', () => {
    expect(
      resolved(ask({ resources: { sharedServers: false } }), twoAlike()).resources.sharedServers,
    ).toBeNull();
  });
});

describe('the request as sent', () => {
  it('takes scenario ids as the app makes them (base64url: may begin with - or _), not others', () => {
    expect(parsePortfolioRequest({ name: 'x', scenarioIds: ['-Ab3_x', '_9zQ'] }).ok).toBe(true);
    expect(parsePortfolioRequest({ name: 'x', scenarioIds: ['a b'] }).ok).toBe(false);
    expect(parsePortfolioRequest({ name: 'x', scenarioIds: ['a/../b'] }).ok).toBe(false);
  });

  it('lets a negative yearly figure through to the resolver, which names its year', () => {
    const parsed = parsePortfolioRequest({ name: 'x', scenarioIds: ['a', 'b'], budgetByYear: [1, -5] });
    expect(parsed.ok).toBe(true);
  });

  it('names what the schema refuses, field by field', () => {
    const parsed = parsePortfolioRequest({ scenarioIds: [], objective: 'most', colour: 'red' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ['name', 'required'],
        ['scenarioIds', 'minItems'],
        ['objective', 'enum'],
        ['', 'unknownKey'],
      ]),
    );
    const name = parsed.problems.find((p) => p.path === 'name')!;
    expect(portfolioProblemMessage(name, 'zh-CN')).toBe('名称：必填');
    expect(parsePortfolioRequest([1, 2])).toEqual({
      ok: false,
      problems: [{ path: '', code: 'notAnObject', params: {} }],
    });
  });

  it('names a yearly figure without a known year by its place in the plan', () => {
    expect(portfolioFieldName('budgetByYear.2', 'zh-CN')).toBe('第 3 年的 AI 预算');
    expect(portfolioFieldName('budgetByYear.2', 'en')).toBe('AI budget for plan year 3');
    expect(portfolioFieldName('committedByYear.0', 'zh-CN', { year: 2027 })).toBe('2027 年的已有承诺支出');
    expect(portfolioFieldName('scenarioIds.1', 'en')).toBe('Use case 2');
    expect(portfolioFieldName('resources.sharedServers.pue', 'zh-CN')).toBe('共享本地服务器：PUE');
  });
});
