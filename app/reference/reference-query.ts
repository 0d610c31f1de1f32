/**
 * The reference page's address: a search, a topic, a grade, "usable only" and a page number,
 * each checked on its own (zod). A value that is not valid is dropped and named in words, so a
 * mistyped or stale link shows every figure and says why, instead of failing.
 */
import { z } from 'zod';

import type { Lang } from '~/engine/text';

import { GRADES, TOPICS, type Grade, type Topic } from './figures';
import { referenceWord } from './words';

/** Rows on one page: a screen or two, and a small page on a phone's connection. */
export const PAGE_SIZE = 50;
export const MAX_QUERY = 100;

export interface ReferenceQuery {
  q: string;
  topic: Topic | null;
  grade: Grade | null;
  usable: boolean;
  page: number;
}

const FIELDS = {
  q: z.string().max(MAX_QUERY),
  topic: z.enum(TOPICS),
  grade: z.enum(GRADES),
  usable: z.literal('1'),
  page: z.string().regex(/^[1-9][0-9]{0,5}$/),
} as const;

type Field = keyof typeof FIELDS;

/** The query read from the address, and the fields that were not valid (dropped). */
export function readReferenceQuery(params: URLSearchParams): { query: ReferenceQuery; bad: Field[] } {
  const bad: Field[] = [];
  const read = <K extends Field>(key: K): z.infer<(typeof FIELDS)[K]> | null => {
    const raw = params.get(key);
    // An empty value is what a form's "all" choice sends: no filter.
    if (raw === null || raw === '') return null;
    const parsed = FIELDS[key].safeParse(raw);
    if (parsed.success) return parsed.data as z.infer<(typeof FIELDS)[K]>;
    bad.push(key);
    return null;
  };
  const query: ReferenceQuery = {
    q: (read('q') ?? '').trim(),
    topic: read('topic'),
    grade: read('grade'),
    usable: read('usable') === '1',
    page: Number(read('page') ?? '1'),
  };
  return { query, bad };
}

/** The number of pages for this many rows (one, when there are none). */
export const pageCount = (rows: number): number => Math.max(1, Math.ceil(rows / PAGE_SIZE));

/** One sentence naming every field that was dropped, in the page's language. */
export function badQueryMessage(bad: readonly Field[], pages: number, lang: Lang): string {
  const why: Record<Field, string> = {
    q: referenceWord(lang, 'badQ'),
    topic: referenceWord(lang, 'badTopic'),
    grade: referenceWord(lang, 'badGrade'),
    usable: referenceWord(lang, 'badUsable'),
    page: referenceWord(lang, 'badPage', { pages }),
  };
  return referenceWord(lang, 'badQuery', {
    fields: bad.map((f) => why[f]).join(lang === 'zh-CN' ? '；' : '; '),
  });
}

/** The address of a page of these results (only the filters that are set). */
export function referenceHref(query: ReferenceQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.topic) params.set('topic', query.topic);
  if (query.grade) params.set('grade', query.grade);
  if (query.usable) params.set('usable', '1');
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/reference?${search}` : '/reference';
}
