/**
 * A reference figure's source as a page shows it: a link named by its host, a citation kept in
 * the language it was published in (marked so), or words for "derived" and "none". Pure.
 */
import type { Lang } from '~/engine/text';

import { SOURCE_LABELS } from './words';

export interface SourceShown {
  href: string | null;
  text: string;
  /** The language of a citation kept as published (`lang` on its element), else null. */
  lang: string | null;
}

export function sourceShown(source: string, lang: Lang): SourceShown {
  if (source === 'derived' || source === 'none')
    return { href: null, text: SOURCE_LABELS[source][lang], lang: null };
  if (/^https?:\/\//.test(source)) {
    try {
      return { href: source, text: new URL(source).hostname, lang: null };
    } catch {
      // Not a URL after all: shown as the citation it is.
    }
  }
  return { href: null, text: source, lang: 'en' };
}
