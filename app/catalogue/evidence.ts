/** What an input's evidence says beyond its kind, as one line for a page, a report or a sheet. */
import type { Evidence } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';

/** The detail in `lang`, or in the other language when the document has only that one. */
export function evidenceDetail(e: Evidence, lang: Lang): string {
  if (e.kind === 'measured') {
    const method = localize(e.method, lang);
    return `n=${e.n}${e.from ? `, ${e.from}–${e.to ?? ''}` : ''}${method ? `, ${method}` : ''}`;
  }
  if (e.kind === 'claimed') return localize(e.source, lang);
  return localize(e.note, lang);
}

/** The note of a measured or claimed input, shown after its detail; an assumed one's note is its detail. */
export function evidenceNote(e: Evidence, lang: Lang): string {
  return e.kind === 'assumed' ? '' : localize(e.note, lang);
}

/** Detail and note together, for a report's annex or a sheet (a committee reads both). */
export function evidenceWithNote(e: Evidence, lang: Lang): string {
  return [evidenceDetail(e, lang), evidenceNote(e, lang)]
    .filter(Boolean)
    .join(lang === 'zh-CN' ? '；' : '; ');
}
