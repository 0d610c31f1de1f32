/**
 * results.csv: one row per option and plan year with every yearly figure the engine reports,
 * and the option's NPV, IRR and payback repeated on each row so a pivot table needs nothing
 * else. Amounts in the scenario's currency (not 万元), so the file adds up in Excel.
 */
import { COST_CATEGORIES } from '~/engine/constants';
import { csvDocument } from '~/engine/csv';
import type { ScenarioResult } from '~/engine/results';
import type { Lang } from '~/engine/text';
import { CATEGORY_NAMES } from '~/i18n/terms';

const HEAD: Record<Lang, string[]> = {
  'zh-CN': [
    '方案编号',
    '方案',
    '规划年',
    '年份',
    '现金支出',
    '资金来源（含处置回收）',
    '其中处置回收',
    '实际变现收益',
    '净现金流',
    '累计净现金流',
    'AI 预算',
    '预算余量',
    '超出预算',
    '释放工时',
    '释放人力（FTE）',
    'AI 处理任务数',
    '账面价值（工时折算）',
    '净现值',
    '内部收益率',
    '回收期（月）',
  ],
  en: [
    'option id',
    'option',
    'plan year',
    'calendar year',
    'cash out',
    'funding incl. recoveries',
    'of which recoveries',
    'cash realized',
    'net cash flow',
    'cumulative net cash',
    'AI budget',
    'budget headroom',
    'over budget',
    'hours freed',
    'FTE freed',
    'tasks with AI',
    'paper value',
    'NPV',
    'IRR',
    'payback month',
  ],
};

const round2 = (x: number) => Math.round(x * 100) / 100;

export function resultsCsv(result: ScenarioResult, lang: Lang): string {
  const unit = ` (${result.currency})`;
  const money = new Set([4, 5, 6, 7, 8, 9, 10, 11, 16, 17]);
  const head = HEAD[lang].map((h, i) => (money.has(i) ? `${h}${unit}` : h));
  head.splice(5, 0, ...COST_CATEGORIES.map((c) => `${CATEGORY_NAMES[c][lang]}${unit}`));
  const yes = lang === 'zh-CN' ? '是' : 'yes';
  const no = lang === 'zh-CN' ? '否' : 'no';
  const rows = result.options.flatMap((o) =>
    o.years.map((y) => {
      const row: (string | number | null)[] = [
        o.id,
        o.name,
        y.year,
        y.calendarYear,
        round2(y.cashOut),
        round2(y.funding),
        round2(y.recoveries),
        round2(y.cashRealized),
        round2(y.netCashFlow),
        round2(y.cumulativeNetCash),
        round2(y.budget),
        round2(y.budgetHeadroom),
        y.budgetBreach ? yes : no,
        Math.round(y.hoursFreed * 10) / 10,
        Math.round(y.fteFreed * 100) / 100,
        Math.round(y.tasksWithAi),
        round2(y.paperValue),
        round2(o.npv),
        o.irr === null ? null : Math.round(o.irr * 1e6) / 1e6,
        o.paybackMonth,
      ];
      row.splice(5, 0, ...COST_CATEGORIES.map((c) => round2(y.costs[c])));
      return row;
    }),
  );
  return csvDocument([head, ...rows]);
}
