/** What an input's evidence says beyond its kind, as one line for a page, a report or a sheet. */
import type { Evidence } from '~/engine/schema';

export function evidenceDetail(e: Evidence): string {
  if (e.kind === 'measured')
    return `n=${e.n}${e.from ? `, ${e.from}–${e.to ?? ''}` : ''}${e.method ? `, ${e.method}` : ''}`;
  if (e.kind === 'claimed') return e.source ?? '';
  return e.note ?? '';
}
