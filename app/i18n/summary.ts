/**
 * The plain-language lines a director reads first: for each option, whether it pays back,
 * when, and whether it breaks the budget, and the gap between what freed hours are worth on
 * paper and the cash they realize. Each clause compares a figure with one of its own kind
 * (money with money, a year with the same year).
 */
import { formatMoney } from '~/engine/format';
import type { OptionResult, ScenarioResult } from '~/engine/results';
import type { Lang } from '~/engine/text';

import { hoursPhrase } from './hours';
import { OPTION_KIND_NAMES } from './terms';

/** Calendar years, as the dashboard's tables and charts name them ("2027 年", not "第 1 年"). */
function yearsList(option: OptionResult, planYears: number[], lang: Lang): string {
  const years = planYears.map((y) => option.years[y - 1]?.calendarYear ?? y);
  if (lang === 'zh-CN') return `${years.join('、')} 年`;
  if (years.length === 1) return `${years[0]}`;
  return `${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}`;
}

export function optionSummary(option: OptionResult, currency: string, lang: Lang): string {
  const kind = OPTION_KIND_NAMES[option.kind][lang];
  const parts: string[] = [];
  const zh = lang === 'zh-CN';
  if (option.paybackMonth === null) {
    parts.push(zh ? '规划期内无法回收投入' : 'does not pay back within the horizon');
  } else if (option.paybackMonth > 0) {
    // A payback that discounting undoes would read as a good investment beside a negative NPV.
    const discounted =
      option.discountedPaybackMonth === null
        ? zh
          ? '（按折现率计算则规划期内无法回收）'
          : ' (not within the horizon once discounted)'
        : '';
    parts.push(
      zh
        ? `第 ${option.paybackMonth} 个月回收投入${discounted}`
        : `pays back in month ${option.paybackMonth}${discounted}`,
    );
  }
  parts.push(
    zh
      ? `净现值 ${formatMoney(option.npv, currency, lang)}`
      : `NPV ${formatMoney(option.npv, currency, lang)}`,
  );
  if (option.budgetBreachYears.length > 0) {
    parts.push(
      zh
        ? `${yearsList(option, option.budgetBreachYears, lang)}超出 AI 预算`
        : `breaks the AI budget in ${yearsList(option, option.budgetBreachYears, lang)}`,
    );
  }
  // Added work is said as added ("增加工时 576 小时"). Freed hours are set beside money of two
  // kinds, their paper value and the cash realized (money with money; cash from extra visits
  // can exceed the paper value, so the one is not said to be part of the other).
  const hours = hoursPhrase(option.hoursFreed, lang);
  if (option.hoursFreed < 0) {
    parts.push(zh ? hours : `${hours} of work`);
  } else if (option.hoursFreed > 0) {
    const paper = formatMoney(option.paperValue, currency, lang);
    const cash = formatMoney(option.cashRealized, currency, lang);
    parts.push(
      zh
        ? `${hours}，账面价值 ${paper}，实际变现 ${cash}`
        : `${hours}, worth ${paper} on paper and ${cash} in cash`,
    );
  }
  if (option.pilot) {
    const p = option.pilot;
    parts.push(
      p.decision === 'scaleUp'
        ? zh
          ? `第 ${p.decisionMonth} 个月试点达标，推广`
          : `pilot passes in month ${p.decisionMonth} and scales up`
        : zh
          ? `第 ${p.decisionMonth} 个月试点未达标，停止`
          : `pilot fails in month ${p.decisionMonth} and stops`,
    );
  }
  if (option.stop) {
    const stranded = option.stop.strandedCash + option.stop.strandedBookValue;
    const money = formatMoney(stranded, currency, lang);
    if (option.pilot?.decision !== 'stop') {
      parts.push(
        zh
          ? `第 ${option.stop.month} 个月因效果不足停用，沉没 ${money}`
          : `stopped in month ${option.stop.month} for too little effect, leaving ${money} stranded`,
      );
    } else if (stranded > 0) {
      parts.push(
        zh ? `试点停止后仍需支付或闲置 ${money}` : `${money} still paid or left idle after the pilot stops`,
      );
    }
  }
  const sep = zh ? '；' : '; ';
  // "采购「采购三甲医院…」" says the kind twice: name it only when the name does not.
  const prefix = option.name.toLowerCase().includes(kind.toLowerCase()) ? '' : kind;
  return zh
    ? `${prefix}「${option.name}」：${parts.join(sep)}。`
    : `${prefix ? `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ` : ''}"${option.name}": ${parts.join(sep)}.`;
}

export function scenarioSummary(result: ScenarioResult, lang: Lang): string[] {
  return result.options.map((o) => optionSummary(o, result.currency, lang));
}
