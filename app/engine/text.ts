import type { LocalizedText } from './schema';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'en';
}

/** The text in the wanted language, falling back to the other one. */
export function localize(text: LocalizedText | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  return text[lang] ?? text[other] ?? '';
}
