/** The reference figures (seeded from seeds/reference-figures.json), read-only. */
import { asc, inArray, like, or } from 'drizzle-orm';

import { referenceFigures } from '../../db/schema';

import { getDb, type Db } from '../db.server';

export type ReferenceRow = typeof referenceFigures.$inferSelect;

export function getFigures(ids: readonly string[], db: Db = getDb()): Map<string, ReferenceRow> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select()
    .from(referenceFigures)
    .where(inArray(referenceFigures.id, [...ids]))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Figures whose id, label, region or source contains the query (all of them for an empty one). */
export function searchFigures(query: string, db: Db = getDb()): ReferenceRow[] {
  const q = query.trim();
  const base = db.select().from(referenceFigures);
  const rows = q
    ? base
        .where(
          or(
            like(referenceFigures.id, `%${q}%`),
            like(referenceFigures.labelEn, `%${q}%`),
            like(referenceFigures.labelZh, `%${q}%`),
            like(referenceFigures.region, `%${q}%`),
            like(referenceFigures.source, `%${q}%`),
            like(referenceFigures.topic, `%${q}%`),
          ),
        )
        .orderBy(asc(referenceFigures.id))
        .all()
    : base.orderBy(asc(referenceFigures.id)).all();
  // Ids sort as numbers section by section: 1.2 before 1.10.
  const key = (id: string) =>
    id
      .split('.')
      .map((p) => (/^\d+$/.test(p) ? p.padStart(4, '0') : p))
      .join('.');
  return rows.sort((a, b) => key(a.id).localeCompare(key(b.id)));
}
