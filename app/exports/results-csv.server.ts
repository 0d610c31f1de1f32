/**
 * results.csv: one row per option and plan year with every yearly figure the engine reports,
 * and the option's NPV, IRR and payback repeated on each row so a pivot table needs nothing
 * else. Amounts in the scenario's currency (not 万元), so the file adds up in Excel.
 */
import { COST_CATEGORIES } from '~/engine/constants';
import { csvDocument } from '~/engine/csv';
import type { OptionResult, ScenarioResult, YearResult } from '~/engine/results';
import type { Lang } from '~/engine/text';
import { CATEGORY_NAMES } from '~/i18n/terms';

type Cell = string | number | null;

interface Column {
  head: Record<Lang, string>;
  /** An amount: its head names the currency, its value is rounded to the cent. */
  money?: true;
  value: (o: OptionResult, y: YearResult, lang: Lang) => Cell;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** An amount column. */
const money = (zh: string, en: string, value: (o: OptionResult, y: YearResult) => number): Column => ({
  head: { 'zh-CN': zh, en },
  money: true,
  value: (o, y) => round(value(o, y), 2),
});

const COLUMNS: Column[] = [
  { head: { 'zh-CN': '方案', en: 'option' }, value: (o) => o.name },
  { head: { 'zh-CN': '规划年', en: 'plan year' }, value: (_, y) => y.year },
  { head: { 'zh-CN': '年份', en: 'calendar year' }, value: (_, y) => y.calendarYear },
  money('现金支出', 'cash out', (_, y) => y.cashOut),
  // Cash out by category, in the engine's order, right after their total.
  ...COST_CATEGORIES.map((c): Column => ({
    head: CATEGORY_NAMES[c],
    money: true,
    value: (_, y) => round(y.costs[c], 2),
  })),
  money('资金来源（含处置回收）', 'funding incl. recoveries', (_, y) => y.funding),
  money('其中处置回收', 'of which recoveries', (_, y) => y.recoveries),
  money('实际变现收益', 'cash realized', (_, y) => y.cashRealized),
  money('净现金流', 'net cash flow', (_, y) => y.netCashFlow),
  money('累计净现金流', 'cumulative net cash', (_, y) => y.cumulativeNetCash),
  money('AI 预算', 'AI budget', (_, y) => y.budget),
  money('预算余量', 'budget headroom', (_, y) => y.budgetHeadroom),
  {
    head: { 'zh-CN': '超出预算', en: 'over budget' },
    value: (_, y, lang) =>
      y.budgetBreach ? (lang === 'zh-CN' ? '是' : 'yes') : lang === 'zh-CN' ? '否' : 'no',
  },
  // Signed, so the file adds up; the head says what a negative number means (work added).
  {
    head: { 'zh-CN': '释放工时（负数为增加）', en: 'hours freed (negative: added)' },
    value: (_, y) => round(y.hoursFreed, 1),
  },
  {
    head: { 'zh-CN': '释放人力（FTE，负数为增加）', en: 'FTE freed (negative: added)' },
    value: (_, y) => round(y.fteFreed, 2),
  },
  { head: { 'zh-CN': 'AI 处理任务数', en: 'tasks with AI' }, value: (_, y) => Math.round(y.tasksWithAi) },
  money('账面价值（工时折算）', 'paper value', (_, y) => y.paperValue),
  money('净现值', 'NPV', (o) => o.npv),
  { head: { 'zh-CN': '内部收益率', en: 'IRR' }, value: (o) => (o.irr === null ? null : round(o.irr, 6)) },
  { head: { 'zh-CN': '回收期（月）', en: 'payback month' }, value: (o) => o.paybackMonth },
];

export function resultsCsv(result: ScenarioResult, lang: Lang): string {
  const head = COLUMNS.map((c) => (c.money ? `${c.head[lang]} (${result.currency})` : c.head[lang]));
  const rows = result.options.flatMap((o) => o.years.map((y) => COLUMNS.map((c) => c.value(o, y, lang))));
  return csvDocument([head, ...rows]);
}
