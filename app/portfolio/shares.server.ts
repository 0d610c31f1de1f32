/**
 * Links to a pinned portfolio version, as app/models/shares.server.ts makes them for a scenario:
 * a token of 32 random bytes, only its SHA-256 stored (the database cannot give a link back, and
 * a lookup says nothing of which portfolios exist); a link may expire and may be revoked.
 */
import { createHash, randomBytes } from 'node:crypto';

import { and, desc, eq, sql } from 'drizzle-orm';

import { portfolioShareLinks } from '../../db/schema';
import { getDb, type Db } from '~/db.server';
import { getPortfolioRow, readPortfolio, type PortfolioVersion } from '~/models/portfolios.server';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const isPast = (iso: string | null) => iso !== null && iso <= new Date().toISOString();
const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Where a shared portfolio opens (the page that shows it). */
export const sharedPortfolioPath = (token: string): string => `/p/${token}`;

export interface PortfolioShareLink {
  id: string;
  portfolioId: string;
  version: number;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  views: number;
  lastViewedAt: string | null;
  /** As of reading it (the server's clock). */
  status: 'active' | 'revoked' | 'expired';
}

function toLink(row: typeof portfolioShareLinks.$inferSelect): PortfolioShareLink {
  const { tokenHash: _hash, ...rest } = row;
  const status = row.revokedAt !== null ? 'revoked' : isPast(row.expiresAt) ? 'expired' : 'active';
  return { ...rest, status };
}

export type CreatePortfolioShareResult =
  | { status: 'created'; token: string; link: PortfolioShareLink }
  | { status: 'notFound' }
  | { status: 'versionNotFound' };

/** A link to a version (the latest when not given), made by `createdBy`. */
export function createPortfolioShare(
  portfolioId: string,
  options: { version?: number; expiresInDays?: number; createdBy: string },
  db: Db = getDb(),
): CreatePortfolioShareResult {
  const row = getPortfolioRow(portfolioId, db);
  if (!row) return { status: 'notFound' };
  const version = options.version ?? row.latestVersion;
  if (version < 1 || version > row.latestVersion || !Number.isInteger(version))
    return { status: 'versionNotFound' };
  const token = randomBytes(32).toString('base64url');
  const link = db
    .insert(portfolioShareLinks)
    .values({
      id: randomBytes(9).toString('base64url'),
      portfolioId,
      version,
      tokenHash: hashToken(token),
      createdBy: options.createdBy,
      expiresAt:
        options.expiresInDays === undefined
          ? null
          : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${options.expiresInDays} days`}))`,
    })
    .returning()
    .get();
  return { status: 'created', token, link: toLink(link) };
}

/** The hospital's links to the portfolio, newest first (revoked and expired too). */
export function listPortfolioShares(portfolioId: string, db: Db = getDb()): PortfolioShareLink[] {
  return db
    .select()
    .from(portfolioShareLinks)
    .where(eq(portfolioShareLinks.portfolioId, portfolioId))
    .orderBy(desc(portfolioShareLinks.createdAt), desc(portfolioShareLinks.id))
    .all()
    .map(toLink);
}

/** Revokes a link by its id within its portfolio: false if there is none or it already was. */
export function revokePortfolioShare(portfolioId: string, linkId: string, db: Db = getDb()): boolean {
  // The update itself says whether it was still unrevoked: no window between reading and writing.
  return (
    db
      .update(portfolioShareLinks)
      .set({ revokedAt: NOW })
      .where(
        and(
          eq(portfolioShareLinks.id, linkId),
          eq(portfolioShareLinks.portfolioId, portfolioId),
          sql`${portfolioShareLinks.revokedAt} IS NULL`,
        ),
      )
      .run().changes > 0
  );
}

export type ResolvedPortfolioShare =
  | { status: 'ok'; link: PortfolioShareLink; portfolio: PortfolioVersion }
  /** Revoked or expired: 410, saying nothing of the portfolio. */
  | { status: 'gone' }
  /** No such token (or not a token at all): 404. */
  | { status: 'unknown' };

/** The link a token opens, revoked or expired too; none for anything that is not a token. */
export function findPortfolioShareByToken(token: string, db: Db = getDb()): PortfolioShareLink | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = db
    .select()
    .from(portfolioShareLinks)
    .where(eq(portfolioShareLinks.tokenHash, hashToken(token)))
    .get();
  return row ? toLink(row) : null;
}

/** The pinned version a token opens; counts a view when asked (a page view). */
export function resolvePortfolioShare(
  token: string,
  options: { countView?: boolean } = {},
  db: Db = getDb(),
): ResolvedPortfolioShare {
  const link = findPortfolioShareByToken(token, db);
  if (!link) return { status: 'unknown' };
  if (link.status !== 'active') return { status: 'gone' };
  const portfolio = readPortfolio(link.portfolioId, link.version, db);
  if (!portfolio) return { status: 'gone' };
  if (options.countView)
    db.update(portfolioShareLinks)
      .set({ views: sql`${portfolioShareLinks.views} + 1`, lastViewedAt: NOW })
      .where(eq(portfolioShareLinks.id, link.id))
      .run();
  return { status: 'ok', link, portfolio };
}
