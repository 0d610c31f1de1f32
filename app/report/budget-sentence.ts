/**
 * The summary's sentence on the budget, each figure compared with one of its own kind: the
 * peak year's spend with that same year's funding, budget and share (never the peak with the
 * first year's share), then the tightest year by its own share.
 */
import { formatPercent } from '~/engine/format';
import type { OptionResult, YearResult } from '~/engine/results';
import type { Lang } from '~/engine/text';

import { REPORT_TEXT, type ReportKey } from './text';

/**
 * The chosen option's budget use in figures of one year each: its peak year's spend, and that
 * year's share of that year's budget (net of that year's funding, as the share is defined);
 * then the tightest year, when another year takes a larger share.
 */
export function budgetSentence(option: OptionResult, lang: Lang, money: (v: number) => string): string {
  const t = (key: ReportKey, params: Record<string, string | number>) =>
    REPORT_TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  const pct = (v: number | null) => formatPercent(v, lang);
  const peak = option.years.reduce((a, y) => (y.cashOut > a.cashOut ? y : a), option.years[0]!);
  let line = t('costPeak', { option: option.name, year: peak.calendarYear, spend: money(peak.cashOut) });
  if (peak.budgetShareUsed === null) line += t('costNoBudget', {});
  else {
    const share = { budget: money(peak.budget), share: pct(peak.budgetShareUsed) };
    line +=
      Math.abs(peak.funding) > 0.005
        ? t('costShareNet', { ...share, funding: money(peak.funding) })
        : t('costShare', share);
  }
  const tightest = option.years.reduce<YearResult | null>(
    (a, y) => (y.budgetShareUsed !== null && y.budgetShareUsed > (a?.budgetShareUsed ?? -Infinity) ? y : a),
    null,
  );
  if (
    tightest &&
    tightest !== peak &&
    tightest.budgetShareUsed! > (peak.budgetShareUsed ?? -Infinity) + 0.0005
  )
    line += t('costTightest', {
      year: tightest.calendarYear,
      budget: money(tightest.budget),
      share: pct(tightest.budgetShareUsed),
    });
  return line;
}
