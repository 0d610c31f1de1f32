/** How the list says a portfolio's plan came out: each status in words, the gap and the years that cannot fit. */
import { describe, expect, it } from 'vitest';

import { planStatusText } from '~/portfolio/list-table';

describe("the list's plan status", () => {
  it('says each status in both languages', () => {
    const plan = (
      status: 'optimal' | 'feasible' | 'infeasible' | 'timeLimit',
      gap: number | null,
      years: number[] = [],
    ) => ({
      status,
      gap,
      infeasibleYears: years,
    });
    expect(planStatusText(null, 'zh-CN')).toBe('尚未求解');
    expect(planStatusText(plan('optimal', 0), 'zh-CN')).toBe('已求出最优方案');
    // A relative gap of 0.012 is 1.2 %.
    expect(planStatusText(plan('feasible', 0.012), 'zh-CN')).toBe('可行方案（与最优相差不超过 1.2%）');
    expect(planStatusText(plan('feasible', 0.012), 'en')).toBe('A workable plan (within 1.2% of the best)');
    expect(planStatusText(plan('infeasible', null, [2028, 2029]), 'zh-CN')).toBe(
      '预算内无法满足（2028、2029 年）',
    );
    expect(planStatusText(plan('infeasible', null, [2028, 2029]), 'en')).toBe(
      'Cannot fit the budget (2028, 2029)',
    );
    expect(planStatusText(plan('infeasible', null), 'en')).toBe('Cannot fit the budget');
    expect(planStatusText(plan('timeLimit', 0.05), 'en')).toBe('Out of time: the best plan found so far');
  });
});
