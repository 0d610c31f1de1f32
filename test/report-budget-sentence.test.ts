/**
 * The report's budget sentence compares like with like: the peak year's spend with that same
 * year's funding, budget and share, never with the first year's share. Figures worked by hand.
 */
import { describe, expect, it } from 'vitest';

import { formatMoney } from '~/engine/format';
import type { OptionResult, YearResult } from '~/engine/results';
import type { Lang } from '~/engine/text';
import { budgetSentence } from '~/report/budget-sentence';

const year = (calendarYear: number, cashOut: number, funding: number, budget: number): YearResult =>
  ({
    calendarYear,
    cashOut,
    funding,
    budget,
    budgetShareUsed: budget === 0 ? null : (cashOut - funding) / budget,
  }) as YearResult;

const option = (name: string, years: YearResult[]) => ({ name, years }) as OptionResult;
const money = (lang: Lang) => (v: number) => formatMoney(v, 'CNY', lang);

describe('the budget sentence', () => {
  // 2027 spends 12万 of a 100万 budget (12 %); 2028 is the peak, 24万 less 4万 of funding in a
  // 100万 budget: (24 − 4) ÷ 100 = 20 %; 2029 spends 15万 of a 50万 budget, the tightest, 30 %.
  const pilot = option('试点', [
    year(2027, 120_000, 0, 1_000_000),
    year(2028, 240_000, 40_000, 1_000_000),
    year(2029, 150_000, 0, 500_000),
  ]);

  it('says the peak year with its own funding, budget and share, then the tightest year', () => {
    const zh = budgetSentence(pilot, 'zh-CN', money('zh-CN'));
    expect(zh).toBe(
      '“试点”年度支出最高为 2028 年的 24.00 万元；扣除当年资金来源 4.00 万元后，占当年 AI 预算 100.00 万元的 20.0%。' +
        '预算占用最高的年份是 2029 年，占当年 AI 预算 50.00 万元的 30.0%。',
    );
    // The mismatch the committee saw: the peak (24万) beside the first year's share (12 %).
    expect(zh).not.toContain('12.0%');
    const en = budgetSentence({ ...pilot, name: 'Pilot' }, 'en', money('en'));
    expect(en).toBe(
      '"Pilot" spends most in 2028: CNY 240,000; net of that year\'s funding (CNY 40,000) it uses 20.0% of ' +
        "that year's AI budget of CNY 1,000,000. The budget is tightest in 2029, at 30.0% of that year's AI " +
        'budget of CNY 500,000.',
    );
  });

  it('leaves out funding a year has not, and the tightest year when it is the peak', () => {
    const flat = option('采购', [year(2027, 80_000, 0, 400_000), year(2028, 60_000, 0, 400_000)]);
    // 8万 ÷ 40万 = 20 %.
    expect(budgetSentence(flat, 'zh-CN', money('zh-CN'))).toBe(
      '“采购”年度支出最高为 2027 年的 8.00 万元，占当年 AI 预算 40.00 万元的 20.0%。',
    );
  });

  it('says when the peak year has no AI budget rather than a share of nothing', () => {
    const none = option('Build', [year(2027, 50_000, 0, 0)]);
    expect(budgetSentence(none, 'en', money('en'))).toBe(
      '"Build" spends most in 2027: CNY 50,000; there is no AI budget that year.',
    );
  });
});
