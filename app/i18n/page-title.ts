/**
 * The browser tab's title in the page's language: what the page is (or the case's own name),
 * then the product's name. Meta functions run outside React, so the language comes from the
 * root route's data among the matches.
 */
import type { Lang } from '~/engine/text';

import { translate } from './ui';

interface Match {
  id: string;
  data: unknown;
}

export function langOf(matches: readonly Match[]): Lang {
  const root = matches.find((m) => m.id === 'root')?.data as { lang?: Lang } | undefined;
  return root?.lang ?? 'zh-CN';
}

/** `what` in both languages, or a name the user gave (a case's title), or nothing for the product alone. */
export function pageTitle(
  matches: readonly Match[],
  what?: Record<Lang, string> | string | null,
): { title: string } {
  const lang = langOf(matches);
  const app = translate(lang, 'appName');
  const head = what == null ? null : typeof what === 'string' ? what : what[lang];
  return { title: head ? `${head} · ${app}` : app };
}
