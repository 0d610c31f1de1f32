/** The dashboard charts' own words, in both languages (kept apart from the shared ui.ts). */
import type { Lang } from '~/engine/text';

const WORDS = {
  histogramSpike: {
    'zh-CN': '{share} 的模拟结果落在 {from} 至 {to} 之间（图中最高的柱）。',
    en: '{share} of the trials fall between {from} and {to} (the tallest bar).',
  },
  inUnit: { 'zh-CN': '单位：{unit}', en: 'In {unit}' },
  npvChangeAtP10: { 'zh-CN': '取 P10 时净现值的变化', en: 'NPV change at its P10' },
  npvChangeAtP90: { 'zh-CN': '取 P90 时净现值的变化', en: 'NPV change at its P90' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ChartWord = keyof typeof WORDS;

export function chartWord(lang: Lang, key: ChartWord, params: Record<string, string> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}
