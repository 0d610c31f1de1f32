/**
 * The new-portfolio form read into a request: money typed in 万元 the way people type it, the
 * calendar years turned into the plan's offsets, and every refusal beside its field in the page's
 * language with what was typed kept. Expected requests are worked out by hand.
 */
import { describe, expect, it } from 'vitest';

import { parseWan } from '~/portfolio/wan';

import {
  blankFormState,
  fieldOfPath,
  formSetup,
  readPortfolioForm,
  withProblems,
  type UseCaseChoice,
} from '~/portfolio/form.server';

/** Two use cases from 2027: five years at 60.75 万元 a year, three years at 60.75 then 80 万元. */
const FOLLOW_UP: UseCaseChoice = {
  id: 'follow-up',
  name: '慢病随访',
  startYear: 2027,
  horizonYears: 5,
  discountRate: 0.08,
  options: [
    { id: 'buy-followup', name: '采购随访助手', kind: 'buy' },
    { id: 'pilot-followup', name: '两科室试点', kind: 'pilot' },
  ],
  aiBudgetByYear: [607_500, 607_500, 607_500, 607_500, 607_500],
  broken: false,
};
const SPEECH: UseCaseChoice = {
  id: 'speech-emr',
  name: '语音病历',
  startYear: 2027,
  horizonYears: 3,
  discountRate: 0.08,
  options: [{ id: 'buy-speech', name: '采购语音病历', kind: 'buy' }],
  aiBudgetByYear: [607_500, 800_000, 800_000],
  broken: false,
};
const setup = formSetup([FOLLOW_UP, SPEECH]);

function post(fields: [string, string][]): FormData {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  return form;
}

const budgets = (text: string) =>
  [2027, 2028, 2029, 2030, 2031].map((y): [string, string] => [`budget:${y}`, text]);

describe('money typed in a 万元 box', () => {
  it('reads a bare number as 万元 and a number with its unit as it says', () => {
    const value = (t: string) => {
      const read = parseWan(t);
      return read.ok ? read.value : read.code;
    };
    expect(value('120')).toBe(1_200_000);
    expect(value('800万')).toBe(8_000_000);
    expect(value('300万')).toBe(3_000_000);
    expect(value('1.2亿')).toBe(120_000_000);
    expect(value('3,000元')).toBe(3000);
    expect(value('0.15')).toBe(1500);
    expect(value('60.75')).toBe(607_500);
    expect(value('１２０')).toBe(1_200_000);
    expect(value('abc')).toBe('notANumber');
    expect(value('-5')).toBe('negative');
  });
});

describe('the blank form', () => {
  it('covers the years of every use case and prefills the budget only where they agree', () => {
    expect(setup.years).toEqual([2027, 2028, 2029, 2030, 2031]);
    const state = blankFormState(setup, 'zh-CN');
    // 2027: both 607,500 CNY = 60.75 万元; 2028–2029: 60.75 against 80, no prefill; then one alone.
    expect(state.values['budget:2027']).toBe('60.75');
    expect(state.values['budget:2028']).toBeUndefined();
    expect(state.values['budget:2029']).toBeUndefined();
    expect(state.values['budget:2030']).toBe('60.75');
    expect(state.startYears).toEqual([2027, 2028, 2029, 2030, 2031]);
    expect(state.values.breach).toBe('10%');
  });
});

describe('a post of the form', () => {
  it('is read into the request, the money in CNY and the years as offsets from the first', () => {
    const read = readPortfolioForm(
      post([
        ['name', ' 院级 AI 规划 '],
        ['useCase', 'follow-up'],
        ['useCase', 'speech-emr'],
        ...budgets('300万'),
        ['committed:2027', '20'],
        ['start', '2027'],
        ['start', '2028'],
        ['objective', 'npvWithBreachLimit'],
        ['breach', '5%'],
        ['forced:speech-emr', 'buy-speech'],
        ['needs:follow-up', 'speech-emr'],
        ['sharedServers', 'on'],
        ['hires', '2'],
      ]),
      setup,
      'zh-CN',
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.startYear).toBe(2027);
    expect(read.request).toEqual({
      name: '院级 AI 规划',
      scenarioIds: ['follow-up', 'speech-emr'],
      // Five years and three: the years they cover together, said for the portfolio.
      startYear: 2027,
      horizonYears: 5,
      budgetByYear: [3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000],
      committedByYear: [200_000, 0, 0, 0, 0],
      startOffsets: [0, 1],
      forced: [{ scenarioId: 'speech-emr', optionId: 'buy-speech' }],
      dependencies: [{ scenarioId: 'follow-up', needsScenarioId: 'speech-emr' }],
      objective: 'npvWithBreachLimit',
      breachProbability: 0.05,
      resources: { sharedServers: true, hiresPerYear: 2 },
    });
  });

  it('leaves to the use cases what they agree on, and asks only for the years of those chosen', () => {
    const read = readPortfolioForm(
      post([
        ['name', '语音'],
        ['useCase', 'speech-emr'],
        ['budget:2027', '120'],
        ['budget:2028', '120'],
        ['budget:2029', '1.2亿'],
        ...[2027, 2028, 2029, 2030, 2031].map((y): [string, string] => ['start', String(y)]),
        ['objective', 'npv'],
        ['breach', 'not read: the objective does not use it'],
      ]),
      setup,
      'en',
    );
    expect(read.ok && read.request).toEqual({
      name: '语音',
      scenarioIds: ['speech-emr'],
      budgetByYear: [1_200_000, 1_200_000, 120_000_000],
      objective: 'npv',
    });
  });

  it('refuses a budget it cannot read beside that year’s box, keeping what was typed', () => {
    const read = readPortfolioForm(
      post([
        ['name', '院级 AI 规划'],
        ['useCase', 'follow-up'],
        ...budgets('300万').slice(1),
        ['budget:2027', 'abc'],
        ['start', '2027'],
        ['objective', 'npv'],
      ]),
      setup,
      'zh-CN',
    );
    expect(read.ok).toBe(false);
    expect(read.state.errors).toEqual({
      'budget:2027': '2027 年的 AI 预算：请填写数字，如 800万、15%、3,000',
    });
    expect(read.state.values['budget:2027']).toBe('abc');
    expect(read.state.values['budget:2028']).toBe('300万');
    expect(read.state.useCases).toEqual(['follow-up']);
    expect(read.state.startYears).toEqual([2027]);
  });

  it('names each field a person sees, in English too', () => {
    const read = readPortfolioForm(
      post([
        ['name', '  '],
        ['budget:2030', '5e3'],
        ['forced:follow-up', 'buy-followup'],
        ['objective', 'npvWithBreachLimit'],
        ['breach', '120%'],
        ['hires', '1.5 people'],
      ]),
      setup,
      'en',
    );
    expect(read.ok).toBe(false);
    expect(read.state.errors).toEqual({
      name: 'Portfolio name: give it a name',
      useCase: 'Use cases to include: tick at least one',
      'budget:2030': 'AI budget for 2030: Scientific notation such as 1e3 is not accepted; write 1000',
      start: "Years a use case may start: tick at least one of the chosen use cases' years (2027–2031)",
      breach: 'Largest chance of breaking the budget: between 0% and 100%',
      hires: 'Most new hires a year: Enter a number, such as 3,000 or 15%',
      'forced:follow-up': 'Option contracted for “慢病随访”: tick this use case first',
    });
  });

  it('refuses a dependency on a use case not chosen, and one on itself', () => {
    const read = readPortfolioForm(
      post([
        ['name', 'x'],
        ['useCase', 'follow-up'],
        ...budgets('1'),
        ['start', '2027'],
        ['objective', 'npv'],
        ['needs:follow-up', 'speech-emr'],
      ]),
      setup,
      'zh-CN',
    );
    expect(!read.ok && read.state.errors).toEqual({
      'needs:follow-up': '“慢病随访”需要先有的平台：所需的平台“语音病历”也要勾选',
    });
  });

  it('says use cases with different discount rates cannot be planned together', () => {
    const other = formSetup([FOLLOW_UP, { ...SPEECH, discountRate: 0.06 }]);
    const read = readPortfolioForm(
      post([
        ['name', 'x'],
        ['useCase', 'follow-up'],
        ['useCase', 'speech-emr'],
        ...budgets('1'),
        ['start', '2027'],
        ['objective', 'npv'],
      ]),
      other,
      'zh-CN',
    );
    expect(!read.ok && read.state.errors.useCase).toBe(
      '纳入哪些用例：所选用例的折现率不同（8%、6%），请选折现率相同的用例，或先在用例中统一',
    );
  });
});

describe("the model's problems on the form", () => {
  const request = {
    name: 'x',
    scenarioIds: ['follow-up', 'speech-emr'],
    forced: [{ scenarioId: 'speech-emr', optionId: 'buy-speech' }],
    dependencies: [{ scenarioId: 'follow-up', needsScenarioId: 'speech-emr' }],
  };

  it('go beside the field the path is about', () => {
    expect(fieldOfPath('budgetByYear.2', request, 2027)).toBe('budget:2029');
    expect(fieldOfPath('committedByYear.0', request, 2027)).toBe('committed:2027');
    expect(fieldOfPath('scenarioIds.1', request, 2027)).toBe('useCase');
    expect(fieldOfPath('discountRate', request, 2027)).toBe('useCase');
    expect(fieldOfPath('forced.0.optionId', request, 2027)).toBe('forced:speech-emr');
    expect(fieldOfPath('dependencies.0.needsScenarioId', request, 2027)).toBe('needs:follow-up');
    expect(fieldOfPath('resources.hiresPerYear', request, 2027)).toBe('hires');
    expect(fieldOfPath('', request, 2027)).toBe('');
  });

  it('are added to what the form found, and a year without a box goes above the form', () => {
    const state = withProblems(
      { ...blankFormState(setup, 'zh-CN'), errors: { name: '组合名称：请填写名称' } },
      [
        { path: 'budgetByYear.1', message: '2028 年的 AI 预算：不能为负数' },
        { path: 'budgetByYear.9', message: '2036 年的 AI 预算：必填' },
      ],
      request,
      2027,
      setup.years,
    );
    expect(state.errors).toEqual({
      name: '组合名称：请填写名称',
      'budget:2028': '2028 年的 AI 预算：不能为负数',
      '': '2036 年的 AI 预算：必填',
    });
  });
});
