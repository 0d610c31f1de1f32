/**
 * Money and numbers the way the planner's users write them: 万元 with two decimals in Chinese,
 * thousands separators in English.
 */
import type { Lang } from './text';

const TEN_THOUSAND = 10000;

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  if (lang === 'zh-CN') {
    const wan = (amount / TEN_THOUSAND).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return currency === 'CNY' ? `${wan} 万元` : `${wan} 万 ${currency}`;
  }
  const whole = Math.round(amount).toLocaleString('en-US');
  return `${currency} ${whole}`;
}

/** The money unit of a table whose cells are plain numbers. */
export function moneyUnit(currency: string, lang: Lang): string {
  if (lang === 'zh-CN') return currency === 'CNY' ? '万元' : `万 ${currency}`;
  return currency;
}

/** A bare amount in the table unit (万 in Chinese, whole units in English). */
export function formatAmount(amount: number, lang: Lang): string {
  return lang === 'zh-CN'
    ? (amount / TEN_THOUSAND).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : Math.round(amount).toLocaleString('en-US');
}

export function formatPercent(share: number | null, lang: Lang, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return lang === 'zh-CN' ? '无' : 'n/a';
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A small amount per unit (per hour, per task): whole 元 in Chinese rather than 万元. */
export function formatUnitPrice(amount: number, currency: string, lang: Lang): string {
  const value = amount.toLocaleString('en-US', { maximumFractionDigits: amount < 10 ? 2 : 0 });
  if (lang === 'zh-CN') return currency === 'CNY' ? `${value} 元` : `${value} ${currency}`;
  return `${currency} ${value}`;
}
