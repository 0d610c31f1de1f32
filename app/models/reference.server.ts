/** The reference figures (seeded from seeds/reference-figures.json), read-only. */
import { inArray } from 'drizzle-orm';

import { referenceFigures } from '../../db/schema';
import referenceJson from '../../seeds/reference-figures.json';
import type { Lang } from '../engine/text';
import type { ReferenceFigure } from '../reference/figures';

import { dbGeneration, getDb, type Db } from '../db.server';

/** A figure as the pages read it: the seeded figure, and whether it may be a default. */
export type FigureRow = ReferenceFigure & { usableAsDefault: boolean };

/** The filters of the reference page; all optional. */
export interface FigureFilter {
  q?: string;
  topic?: ReferenceFigure['topic'];
  grade?: ReferenceFigure['grade'];
  usable?: boolean;
}

// The `data` column holds the whole figure as seeded (validated then): reading it back needs
// no second schema, and every language of region and notes comes with it.
function toFigure(row: typeof referenceFigures.$inferSelect): FigureRow {
  return { ...(JSON.parse(row.data) as ReferenceFigure), usableAsDefault: row.usableAsDefault };
}

// Ids sort as numbers section by section: 1.2 before 1.10.
const sortKey = (id: string) =>
  id
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? p.padStart(4, '0') : p))
    .join('.');

interface Indexed {
  figure: FigureRow;
  /** What a search looks in, lower case. */
  text: string;
}

/** Every figure, in row order; kept per opened database (they are replaced only when it is seeded). */
let cache: { generation: number; db: Db; figures: Indexed[] } | null = null;
function allFigures(db: Db): Indexed[] {
  if (cache && cache.db === db && cache.generation === dbGeneration()) return cache.figures;
  const figures = db
    .select()
    .from(referenceFigures)
    .all()
    .map(toFigure)
    .sort((a, b) => sortKey(a.id).localeCompare(sortKey(b.id)))
    .map((figure) => ({ figure, text: searchable(figure) }));
  cache = { generation: dbGeneration(), db, figures };
  return figures;
}

export function getFigures(ids: readonly string[], db: Db = getDb()): Map<string, FigureRow> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select()
    .from(referenceFigures)
    .where(inArray(referenceFigures.id, [...ids]))
    .all();
  return new Map(rows.map((r) => [r.id, toFigure(r)]));
}

/** The text a search looks in: id, label, region, notes and sources, in both languages. */
function searchable(f: FigureRow): string {
  const parts = [f.id, f.label.en, f.label['zh-CN'], f.region.en, f.region['zh-CN'], f.source, f.topic];
  if (f.notes) parts.push(f.notes.en, f.notes['zh-CN']);
  if (typeof f.year === 'string') parts.push(f.year);
  else parts.push(f.year.en, f.year['zh-CN']);
  parts.push(...(f.otherSources ?? []));
  return parts.join('\n').toLowerCase();
}

/** The figures that pass every filter given (a query matches any of searchable's text), in row order. */
export function searchFigures(filter: FigureFilter = {}, db: Db = getDb()): FigureRow[] {
  const q = filter.q?.trim().toLowerCase() ?? '';
  return allFigures(db)
    .filter(
      ({ figure: f, text }) =>
        (!filter.topic || f.topic === filter.topic) &&
        (!filter.grade || f.grade === filter.grade) &&
        (!filter.usable || f.usableAsDefault) &&
        (q === '' || text.includes(q)),
    )
    .map((i) => i.figure);
}

/** How the figures in other currencies were converted, in the page's language. */
export const currencyNote = (lang: Lang): string => referenceJson.currencyNote[lang];
