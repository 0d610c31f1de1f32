/** Text written in both product languages, and picking one: the small helpers every page shares. */
import type { Lang } from '~/engine/text';

export type Bilingual = Record<Lang, string>;

/** The same words in Chinese and English. */
export const bilingual = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

/** The words of the page's language. */
export const zhEn = (lang: Lang, zh: string, en: string): string => (lang === 'zh-CN' ? zh : en);
