/** What an input's evidence says beyond its kind, as one line for a page, a report or a sheet. */
import type { Evidence, LocalizedNote } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';

/**
 * A note as shown: the product's notes are written in both languages; one in plain text is what
 * a user typed, and says so, so no reader takes it for the planner's own (it may quote numbers
 * the planner does not keep up to date).
 */
export function noteText(note: LocalizedNote | undefined, lang: Lang): string {
  const text = localize(note, lang);
  if (!text || typeof note !== 'string') return text;
  return lang === 'zh-CN' ? `${text}（用户填写）` : `${text} (user's note)`;
}

/** The detail in `lang`, or in the other language when the document has only that one. */
export function evidenceDetail(e: Evidence, lang: Lang): string {
  if (e.kind === 'measured') {
    const method = localize(e.method, lang);
    return `n=${e.n}${e.from ? `, ${e.from}–${e.to ?? ''}` : ''}${method ? `, ${method}` : ''}`;
  }
  if (e.kind === 'claimed') return localize(e.source, lang);
  return noteText(e.note, lang);
}

/** The note of a measured or claimed input, shown after its detail; an assumed one's note is its detail. */
export function evidenceNote(e: Evidence, lang: Lang): string {
  return e.kind === 'assumed' ? '' : noteText(e.note, lang);
}

/** Detail and note together, for a report's annex or a sheet (a committee reads both). */
export function evidenceWithNote(e: Evidence, lang: Lang): string {
  return [evidenceDetail(e, lang), evidenceNote(e, lang)]
    .filter(Boolean)
    .join(lang === 'zh-CN' ? '；' : '; ');
}
