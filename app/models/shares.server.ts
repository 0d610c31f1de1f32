/**
 * What-if sharing links. A token is 32 random bytes, URL-safe; only its SHA-256 is stored, so
 * the database cannot give a link back, and a lookup never says which scenarios exist. A link
 * pins one version; it may expire and may be revoked.
 */
import { createHash, randomBytes } from 'node:crypto';

import { and, desc, eq, sql } from 'drizzle-orm';

import { shareLinks } from '../../db/schema';
import type { WhatIf } from '~/engine';

import { getDb, type Db } from '../db.server';
import { listVersions, readVersion, type ScenarioVersion } from './scenarios.server';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const isPast = (iso: string | null) => iso !== null && iso <= new Date().toISOString();

export interface ShareLink {
  id: string;
  scenarioId: string;
  version: number;
  overrides: WhatIf;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  views: number;
  lastViewedAt: string | null;
  /** As of reading it (the server's clock: the page must not work it out while hydrating). */
  status: 'active' | 'revoked' | 'expired';
}

function toLink(row: typeof shareLinks.$inferSelect): ShareLink {
  const { tokenHash: _hash, overrides, ...rest } = row;
  const status = row.revokedAt !== null ? 'revoked' : isPast(row.expiresAt) ? 'expired' : 'active';
  return { ...rest, overrides: JSON.parse(overrides) as WhatIf, status };
}

export type CreateShareResult =
  | { status: 'created'; token: string; link: ShareLink }
  | { status: 'notFound' }
  | { status: 'versionNotFound' };

export function createShare(
  scenarioId: string,
  options: { version?: number; expiresInDays?: number; overrides?: WhatIf },
  db: Db = getDb(),
): CreateShareResult {
  // One read of the scenario's versions (newest first), and none of its documents.
  const versions = listVersions(scenarioId, db);
  if (!versions?.[0]) return { status: 'notFound' };
  const version = options.version ?? versions[0].version;
  if (!versions.some((v) => v.version === version)) return { status: 'versionNotFound' };
  const token = randomBytes(32).toString('base64url');
  const id = randomBytes(9).toString('base64url');
  const row = db
    .insert(shareLinks)
    .values({
      id,
      scenarioId,
      version,
      tokenHash: hashToken(token),
      overrides: JSON.stringify(options.overrides ?? {}),
      expiresAt:
        options.expiresInDays === undefined
          ? null
          : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${options.expiresInDays} days`}))`,
    })
    .returning()
    .get();
  return { status: 'created', token, link: toLink(row) };
}

export type ResolvedShare =
  | { status: 'ok'; link: ShareLink; scenario: ScenarioVersion }
  /** Revoked or expired: 410, saying nothing of the scenario. */
  | { status: 'gone' }
  /** No such token (or not a token at all): 404. */
  | { status: 'unknown' }
  /** The pinned version no longer validates (it needs its owner's attention): 422. */
  | { status: 'invalid' };

/** The link a token opens, revoked or expired too; none for anything that is not a token. */
export function findShareByToken(token: string, db: Db = getDb()): ShareLink | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = db
    .select()
    .from(shareLinks)
    .where(eq(shareLinks.tokenHash, hashToken(token)))
    .get();
  return row ? toLink(row) : null;
}

/** Finds the link a token opens; counts a view when asked (a page view, not a fork). */
export function resolveShare(
  token: string,
  options: { countView?: boolean } = {},
  db: Db = getDb(),
): ResolvedShare {
  const link = findShareByToken(token, db);
  if (!link) return { status: 'unknown' };
  if (link.status !== 'active') return { status: 'gone' };
  const read = readVersion(link.scenarioId, link.version, db);
  if (read.status === 'notFound') return { status: 'gone' };
  if (read.status === 'invalid') return { status: 'invalid' };
  const scenario = read.scenario;
  if (options.countView) {
    db.update(shareLinks)
      .set({
        views: sql`${shareLinks.views} + 1`,
        lastViewedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      })
      .where(eq(shareLinks.id, link.id))
      .run();
  }
  return { status: 'ok', link, scenario };
}

/** Revokes by token (the API): 'revoked', or 'gone' if it already was, or 'unknown'. */
export function revokeShare(token: string, db: Db = getDb()): 'revoked' | 'gone' | 'unknown' {
  const link = findShareByToken(token, db);
  if (!link) return 'unknown';
  // The update itself says whether it was still unrevoked: no window between reading and writing.
  return revokeById(link.scenarioId, link.id, db) ? 'revoked' : 'gone';
}

/** Revokes by the link's id within its scenario (the owner's page, which never sees tokens). */
export function revokeById(scenarioId: string, id: string, db: Db = getDb()): boolean {
  return (
    db
      .update(shareLinks)
      .set({ revokedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
      .where(
        and(
          eq(shareLinks.id, id),
          eq(shareLinks.scenarioId, scenarioId),
          sql`${shareLinks.revokedAt} IS NULL`,
        ),
      )
      .run().changes > 0
  );
}

export function listShares(scenarioId: string, db: Db = getDb()): ShareLink[] {
  return db
    .select()
    .from(shareLinks)
    .where(eq(shareLinks.scenarioId, scenarioId))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id))
    .all()
    .map(toLink);
}
