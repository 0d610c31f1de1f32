/**
 * The saver and note of a bundled example's first version. The seed stores these two markers
 * (a user name has no spaces, so no person can be the saver); the pages show them in the
 * reader's language, as databases seeded before this still hold the same words.
 */
import type { Lang } from '~/engine/text';

export const BUNDLED_SAVED_BY = 'Hospital AI Planner';
export const BUNDLED_NOTE = 'Bundled example';

const WORDS = {
  savedBy: { 'zh-CN': '医院 AI 投入规划（系统自带）', en: 'Hospital AI Planner (bundled)' },
  note: { 'zh-CN': '系统自带的示例', en: 'Bundled example' },
} satisfies Record<string, Record<Lang, string>>;

/** Who saved a version, as shown: a person's user name, or the planner itself for an example. */
export const savedByShown = (savedBy: string, lang: Lang): string =>
  savedBy === BUNDLED_SAVED_BY ? WORDS.savedBy[lang] : savedBy;

/** A version's note, as shown. */
export const noteShown = (note: string, lang: Lang): string =>
  note === BUNDLED_NOTE ? WORDS.note[lang] : note;
