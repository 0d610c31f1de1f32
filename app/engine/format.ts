/**
 * Money and numbers the way the planner's users write them: 万元 with two decimals in Chinese,
 * thousands separators in English.
 */
import type { Lang } from './text';

const TEN_THOUSAND = 10000;

// Building an Intl.NumberFormat is slow and a dashboard formats thousands of numbers: one
// formatter per set of digits, made once.
const formatters = new Map<string, Intl.NumberFormat>();
function fixed(value: number, minDigits: number, maxDigits: number): string {
  const key = `${minDigits}/${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
    });
    formatters.set(key, f);
  }
  return f.format(value);
}

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  if (lang === 'zh-CN') {
    const wan = fixed(amount / TEN_THOUSAND, 2, 2);
    return currency === 'CNY' ? `${wan} 万元` : `${wan} 万 ${currency}`;
  }
  const whole = fixed(Math.round(amount), 0, 0);
  return `${currency} ${whole}`;
}

/** The money unit of a table whose cells are plain numbers. */
export function moneyUnit(currency: string, lang: Lang): string {
  if (lang === 'zh-CN') return currency === 'CNY' ? '万元' : `万 ${currency}`;
  return currency;
}

/** A bare amount in the table unit (万 in Chinese, whole units in English). */
export function formatAmount(amount: number, lang: Lang): string {
  return lang === 'zh-CN' ? fixed(amount / TEN_THOUSAND, 2, 2) : fixed(Math.round(amount), 0, 0);
}

export function formatPercent(share: number | null, lang: Lang, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return lang === 'zh-CN' ? '无' : 'n/a';
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number, digits = 0): string {
  return fixed(value, digits, digits);
}

/** A small amount per unit (per hour, per task): whole 元 in Chinese rather than 万元. */
export function formatUnitPrice(amount: number, currency: string, lang: Lang): string {
  const value = fixed(amount, 0, amount < 10 ? 2 : 0);
  if (lang === 'zh-CN') return currency === 'CNY' ? `${value} 元` : `${value} ${currency}`;
  return `${currency} ${value}`;
}

/** An input's value as a person reads it: three significant digits, thousands grouped (1.23e+5 reads as 123,000). */
export function formatInputValue(value: number, lang: Lang): string {
  let f = inputFormatters.get(lang);
  if (!f) inputFormatters.set(lang, (f = new Intl.NumberFormat(lang, { maximumSignificantDigits: 3 })));
  return f.format(value);
}
const inputFormatters = new Map<Lang, Intl.NumberFormat>();
