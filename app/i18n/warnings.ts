/**
 * The engine's warnings as a director reads them: which option, which cost line (by its name)
 * and from when, and what the planner did about it — never an id or a path. A warning the
 * dashboard left out would let a figure look sound that is not.
 */
import type { EngineWarning } from '~/engine/ledger';
import type { ScenarioResult } from '~/engine/results';
import type { Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';

const WORDS: Record<EngineWarning['code'], Record<Lang, string>> = {
  expressionNotFinite: {
    'zh-CN':
      '「{option}」的成本项「{line}」自第 {month} 个月起有 {count} 个月算不出有限的金额（除以零或数值过大），这些月份按 0 计入，结果偏低。',
    en: '“{option}”: the cost line “{line}” gives no finite amount in {count} month(s) from month {month} (a division by zero, or a number too large); those months count as 0, so the costs shown are too low.',
  },
  expressionNegative: {
    'zh-CN': '「{option}」的成本项「{line}」自第 {month} 个月起有 {count} 个月算出负数，负的金额按 0 计入。',
    en: '“{option}”: the cost line “{line}” gives a negative amount in {count} month(s) from month {month}; those months count as 0.',
  },
  researchBudgetExceeded: {
    'zh-CN': '「{option}」在{years}的科研经费超出了每年可用的科研预算，超出部分未计入资金来源。',
    en: '“{option}”: research funding in {years} is more than the yearly research budget; the excess is not counted as funding.',
  },
  fundingCapped: {
    'zh-CN': '「{option}」在{years}的资金来源多于当年的支出，多出的部分未计入。',
    en: '“{option}”: funding in {years} is more than that year’s spending; the surplus is not counted.',
  },
};

function yearsText(years: number[], lang: Lang): string {
  if (lang === 'zh-CN') return years.map((y) => `第 ${y} 年`).join('、');
  if (years.length === 1) return `year ${years[0]}`;
  return `years ${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}`;
}

/** The name of a cost line an option's run booked: its own, or that of the option its pilot scales into. */
function lineName(scenario: Scenario, optionId: string, lineId: string, lang: Lang): string {
  const option = scenario.options.find((o) => o.id === optionId);
  const target = option?.pilot && scenario.options.find((o) => o.id === option.pilot!.scaleUpOptionId);
  const line = [option, target].flatMap((o) => o?.costLines ?? []).find((l) => l.id === lineId);
  return line ? localize(line.name, lang) : '';
}

/**
 * One sentence per option, kind of warning and cost line, in the page's language. A line's
 * warnings (one a month) become one sentence with the first month and how many months.
 */
export function warningNotices(result: ScenarioResult, scenario: Scenario, lang: Lang): string[] {
  const out: string[] = [];
  for (const option of result.options) {
    const groups = new Map<string, EngineWarning[]>();
    for (const warning of option.warnings) {
      const key = `${warning.code}|${warning.lineId}`;
      groups.set(key, [...(groups.get(key) ?? []), warning]);
    }
    for (const warnings of groups.values()) {
      const { code, lineId } = warnings[0]!;
      const months = [...new Set(warnings.map((w) => w.month))].sort((a, b) => a - b);
      const years = [...new Set(months.map((m) => Math.ceil(m / 12)))];
      const params: Record<string, string | number> = {
        option: option.name,
        line: lineName(scenario, option.id, lineId, lang),
        month: months[0]!,
        count: months.length,
        years: yearsText(years, lang),
      };
      out.push(WORDS[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')));
    }
  }
  return out;
}
