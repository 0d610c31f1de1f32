/**
 * The plain-language lines a director reads first: for each option, whether it pays back,
 * when, and whether it breaks the budget, and the gap between hours freed and cash realized.
 */
import { formatMoney, formatNumber } from '~/engine/format';
import type { OptionResult, ScenarioResult } from '~/engine/results';
import type { Lang } from '~/engine/text';

import { OPTION_KIND_NAMES } from './terms';

function yearsList(years: number[], lang: Lang): string {
  if (lang === 'zh-CN') return years.map((y) => `第 ${y} 年`).join('、');
  if (years.length === 1) return `year ${years[0]}`;
  return `years ${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}`;
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
        ? `${yearsList(option.budgetBreachYears, lang)}超出 AI 预算`
        : `breaks the AI budget in ${yearsList(option.budgetBreachYears, lang)}`,
    );
  }
  if (option.hoursFreed < 0) {
    parts.push(
      zh
        ? `反而增加工作量 ${formatNumber(-option.hoursFreed)} 小时`
        : `adds ${formatNumber(-option.hoursFreed)} hours of work`,
    );
  } else if (option.hoursFreed > 0) {
    parts.push(
      zh
        ? `释放 ${formatNumber(option.hoursFreed)} 小时，其中实际变现 ${formatMoney(option.cashRealized, currency, lang)}`
        : `frees ${formatNumber(option.hoursFreed)} hours, of which ${formatMoney(option.cashRealized, currency, lang)} becomes cash`,
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
