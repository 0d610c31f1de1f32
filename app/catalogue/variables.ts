/**
 * Formula variables in words. A custom cost line's formula reads the case's own named numbers
 * (`variables`) and the planner's built-in names; a page names them as a director reads them,
 * never by the identifier alone. A variable a user named themselves keeps their name (their
 * words), shown as a formula variable.
 */
import type { ExpressionBuiltin } from '~/engine/expression-variables';
import type { Lang } from '~/engine/text';

type Words = Readonly<Record<Lang, string>>;

/** The built-in names a formula may read, as the formula help and messages describe them. */
export const BUILTIN_VARIABLE_NAMES: Readonly<Record<ExpressionBuiltin, Words>> = {
  month: { 'zh-CN': '方案的第几个月', en: 'month of the option' },
  year: { 'zh-CN': '方案的第几年', en: 'year of the option' },
  monthOfYear: { 'zh-CN': '日历月份（1–12）', en: 'calendar month (1–12)' },
  calendarYear: { 'zh-CN': '日历年份', en: 'calendar year' },
  beds: { 'zh-CN': '床位数', en: 'beds' },
  occupancy: { 'zh-CN': '床位使用率', en: 'bed occupancy' },
  outpatientVisitsPerYear: { 'zh-CN': '年门诊人次', en: 'outpatient visits a year' },
  dischargesPerYear: { 'zh-CN': '年出院人次', en: 'discharges a year' },
  visits: { 'zh-CN': '本月门诊人次', en: 'outpatient visits this month' },
  inpatientDays: { 'zh-CN': '本月住院床日', en: 'inpatient days this month' },
  discharges: { 'zh-CN': '本月出院人次', en: 'discharges this month' },
  tasks: { 'zh-CN': '本月用 AI 完成的任务数', en: 'tasks done with AI this month' },
  adoption: { 'zh-CN': '本月 AI 使用率', en: 'share of tasks done with AI this month' },
  hoursFreed: { 'zh-CN': '本月释放的工时', en: 'hours freed this month' },
  physicians: { 'zh-CN': '医师人数', en: 'physicians' },
  nurses: { 'zh-CN': '护士人数', en: 'nurses' },
};

/** The variables the bundled examples define, named in both languages. */
export const EXAMPLE_VARIABLE_NAMES: Readonly<Record<string, Words>> = {
  smsPerFollowUp: { 'zh-CN': '每次随访发送的短信条数', en: 'Text messages per follow-up' },
  smsPrice: { 'zh-CN': '每条短信价格（元）', en: 'Price of one text message (CNY)' },
  smsShare: { 'zh-CN': '发送短信的随访比例', en: 'Share of follow-ups sent a text message' },
};

/** A formula variable as a page names it: in words where the planner knows it, else as the user named it. */
export function variableLabel(name: string, lang: Lang): string {
  const known = EXAMPLE_VARIABLE_NAMES[name] ?? BUILTIN_VARIABLE_NAMES[name as ExpressionBuiltin];
  if (known) return known[lang];
  return lang === 'zh-CN' ? `公式变量「${name}」` : `formula variable “${name}”`;
}
