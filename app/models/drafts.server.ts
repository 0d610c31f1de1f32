/**
 * Drafts: a case as edited in the forms before it is saved (db/schema.ts). The document may
 * not validate yet (a number the user still has to give); it becomes a scenario, or a new
 * version of one, only when it does and the user saves.
 */
import { randomBytes } from 'node:crypto';

import { and, desc, eq, isNull, lt } from 'drizzle-orm';

import { drafts } from '../../db/schema';
import type { Scenario, ScenarioInput } from '~/engine';

import { getDb, type Db } from '../db.server';
import { createScenario, saveVersion, type SaveMeta, type SaveResult } from './scenarios.server';

export interface Draft {
  id: string;
  scenarioId: string | null;
  baseVersion: number | null;
  document: ScenarioInput;
  step: string;
  updatedAt: string;
  /** Whose work in progress it is: a draft is seen and saved only by its author. */
  userId: string | null;
  /** The hospital a new case will belong to (null for a draft of an existing scenario). */
  hospitalId: string | null;
}

/** A draft nobody touched for this long is removed (a new case's draft holds no saved work). */
const DRAFT_LIFETIME_DAYS = 30;
/** New cases begun and not finished that are kept (the oldest goes first). */
const MAX_NEW_CASE_DRAFTS = 50;
/** Largest document a draft keeps (as JSON): a case at every limit of the format fits well inside. */
export const MAX_DRAFT_CHARS = 1024 * 1024;

/** A draft too large to keep: the form refuses the post that would make it. */
export const isTooLarge = (document: ScenarioInput) => JSON.stringify(document).length > MAX_DRAFT_CHARS;

const newDraftId = () => randomBytes(12).toString('base64url');

function toDraft(row: typeof drafts.$inferSelect): Draft {
  return {
    id: row.id,
    scenarioId: row.scenarioId,
    baseVersion: row.baseVersion,
    document: JSON.parse(row.document) as ScenarioInput,
    step: row.step,
    updatedAt: row.updatedAt,
    userId: row.userId,
    hospitalId: row.hospitalId,
  };
}

export function createDraft(
  document: ScenarioInput,
  where: { scenarioId?: string; baseVersion?: number; step: string; userId: string; hospitalId?: string },
  db: Db = getDb(),
): Draft {
  const id = newDraftId();
  const cutoff = new Date(Date.now() - DRAFT_LIFETIME_DAYS * 86_400_000).toISOString();
  db.transaction((tx) => {
    tx.delete(drafts).where(lt(drafts.updatedAt, cutoff)).run();
    // One draft of edits per scenario and author: starting again (the editor offered the last
    // one) replaces it.
    if (where.scenarioId)
      tx.delete(drafts)
        .where(and(eq(drafts.scenarioId, where.scenarioId), eq(drafts.userId, where.userId)))
        .run();
    else {
      // New cases: each author's newest MAX_NEW_CASE_DRAFTS are kept.
      const stale = tx
        .select({ id: drafts.id })
        .from(drafts)
        .where(and(isNull(drafts.scenarioId), eq(drafts.userId, where.userId)))
        .orderBy(desc(drafts.updatedAt))
        .limit(10_000)
        .offset(MAX_NEW_CASE_DRAFTS - 1)
        .all();
      for (const { id: old } of stale) tx.delete(drafts).where(eq(drafts.id, old)).run();
    }
    tx.insert(drafts)
      .values({
        id,
        scenarioId: where.scenarioId ?? null,
        baseVersion: where.baseVersion ?? null,
        document: JSON.stringify(document),
        step: where.step,
        userId: where.userId,
        hospitalId: where.hospitalId ?? null,
      })
      .run();
  });
  return getDraft(id, db)!;
}

export function getDraft(id: string, db: Db = getDb()): Draft | null {
  const row = db.select().from(drafts).where(eq(drafts.id, id)).get();
  return row ? toDraft(row) : null;
}

export function updateDraft(id: string, document: ScenarioInput, step: string, db: Db = getDb()): boolean {
  const result = db
    .update(drafts)
    .set({ document: JSON.stringify(document), step, updatedAt: new Date().toISOString() })
    .where(eq(drafts.id, id))
    .run();
  return result.changes > 0;
}

/** The author's latest draft of edits to a scenario, to offer where the editor is opened again. */
export function latestDraftOf(scenarioId: string, userId: string, db: Db = getDb()): Draft | null {
  const row = db
    .select()
    .from(drafts)
    .where(and(eq(drafts.scenarioId, scenarioId), eq(drafts.userId, userId)))
    .orderBy(desc(drafts.updatedAt))
    .limit(1)
    .get();
  return row ? toDraft(row) : null;
}

/** The author's new cases not finished yet, newest first, for the list page to offer. */
export function newCaseDrafts(userId: string, limit = 20, db: Db = getDb()): Draft[] {
  return db
    .select()
    .from(drafts)
    .where(and(isNull(drafts.scenarioId), eq(drafts.userId, userId)))
    .orderBy(desc(drafts.updatedAt))
    .limit(limit)
    .all()
    .map(toDraft);
}

export function deleteDraft(id: string, db: Db = getDb()): void {
  db.delete(drafts).where(eq(drafts.id, id)).run();
}

/**
 * Saves a draft whose document validated: a new scenario for a new case, else a new version on
 * top of the one the edits started from (a conflict when someone saved since). The draft is
 * removed once saved, in the same transaction.
 */
export function commitDraft(draft: Draft, document: Scenario, meta: SaveMeta, db: Db = getDb()): SaveResult {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const result: SaveResult =
      draft.scenarioId === null
        ? {
            status: 'saved',
            ...createScenario(
              document,
              { ...meta, ...(draft.hospitalId ? { hospitalId: draft.hospitalId } : {}) },
              txDb,
            ),
          }
        : saveVersion(draft.scenarioId, draft.baseVersion ?? 0, document, meta, txDb);
    if (result.status === 'saved') tx.delete(drafts).where(eq(drafts.id, draft.id)).run();
    return result;
  });
}
