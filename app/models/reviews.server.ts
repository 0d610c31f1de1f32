/** The stored approval trail of versions (table version_reviews): append-only, latest wins. */
import { and, asc, eq } from 'drizzle-orm';

import { getDb, type Db } from '~/db.server';
import {
  reviewRefusal,
  type ReviewRefusal,
  type ReviewState,
  type ReviewStatus,
} from '~/versions/review-flow';

import { scenarioVersions, versionReviews } from '../../db/schema';

const toState = (row: typeof versionReviews.$inferSelect): ReviewState => ({
  status: row.status as ReviewStatus,
  comment: row.comment,
  by: row.userName,
  at: row.at,
});

/** Each reviewed version's current state (a version absent from the map is a draft). */
export function reviewStates(scenarioId: string, db: Db = getDb()): Map<number, ReviewState> {
  const states = new Map<number, ReviewState>();
  for (const row of db
    .select()
    .from(versionReviews)
    .where(eq(versionReviews.scenarioId, scenarioId))
    .orderBy(asc(versionReviews.seq))
    .all())
    states.set(row.version, toState(row));
  return states;
}

export function reviewState(scenarioId: string, version: number, db: Db = getDb()): ReviewState | null {
  return reviewStates(scenarioId, db).get(version) ?? null;
}

/** Every review of a version, oldest first (the trail shown beside it). */
export function reviewTrail(scenarioId: string, version: number, db: Db = getDb()): ReviewState[] {
  return db
    .select()
    .from(versionReviews)
    .where(and(eq(versionReviews.scenarioId, scenarioId), eq(versionReviews.version, version)))
    .orderBy(asc(versionReviews.seq))
    .all()
    .map(toState);
}

export type ReviewResult =
  | { status: 'ok'; review: ReviewState }
  | { status: 'versionNotFound' }
  | { status: 'refused'; refusal: ReviewRefusal; current: ReviewState | null };

/** Moves a version to a new state, if the flow allows it from where it is (checked under the write lock). */
export function recordReview(
  scenarioId: string,
  version: number,
  next: ReviewStatus,
  comment: string,
  who: { userId: string; name: string },
  db: Db = getDb(),
): ReviewResult {
  return db.transaction(
    (tx): ReviewResult => {
      const exists = tx
        .select({ version: scenarioVersions.version })
        .from(scenarioVersions)
        .where(and(eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.version, version)))
        .get();
      if (!exists) return { status: 'versionNotFound' };
      const current = reviewState(scenarioId, version, tx as unknown as Db);
      const refusal = reviewRefusal(current, next, comment);
      if (refusal) return { status: 'refused', refusal, current };
      const row = tx
        .insert(versionReviews)
        .values({
          scenarioId,
          version,
          status: next,
          comment: comment.trim(),
          userId: who.userId,
          userName: who.name,
        })
        .returning()
        .get();
      return { status: 'ok', review: toState(row) };
    },
    { behavior: 'immediate' },
  );
}
