/**
 * Portfolios and their immutable versions. A version stores the request as sent and the document
 * it resolved to, pinning each scenario's latest version at the time of the save: a scenario
 * saved later changes no solved plan until the portfolio is saved again (which re-pins). A save
 * based on an older version than the latest is refused, as for scenarios (the API answers 409).
 */
import { randomBytes } from 'node:crypto';

import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';

import { portfolioPlans, portfolios, portfolioVersions } from '../../db/schema';
import {
  SOLVER_REVISION,
  type PortfolioDocument,
  type PortfolioPlan,
  type PortfolioRequest,
} from '~/portfolio/portfolio';
import type { PortfolioProblem } from '~/portfolio/problems';
import { resolvePortfolio, type PinnedScenario } from '~/portfolio/resolve';

import { getDb, type Db } from '../db.server';
import { getScenarioRow, readVersion } from './scenarios.server';

export interface PortfolioRow {
  id: string;
  hospitalId: string;
  /** The latest version's name. */
  name: string;
  latestVersion: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One version as stored: the row's fields, the request as sent and the document it resolved to. */
export interface PortfolioVersion extends PortfolioRow {
  version: number;
  request: PortfolioRequest;
  document: PortfolioDocument;
  savedBy: string;
  savedAt: string;
  note: string;
}

export interface PortfolioVersionInfo {
  version: number;
  name: string;
  savedAt: string;
  savedBy: string;
  note: string;
}

export type CreatePortfolioResult =
  { status: 'created'; id: string; version: number } | { status: 'invalid'; problems: PortfolioProblem[] };

export type SavePortfolioResult =
  | { status: 'saved'; id: string; version: number }
  | { status: 'conflict'; latestVersion: number }
  | { status: 'notFound' }
  | { status: 'invalid'; problems: PortfolioProblem[] };

const newId = () => randomBytes(9).toString('base64url');

const toRow = (r: typeof portfolios.$inferSelect): PortfolioRow => ({
  id: r.id,
  hospitalId: r.hospitalId,
  name: r.name,
  latestVersion: r.latestVersion,
  archived: r.archived,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/**
 * The latest version of each scenario of the request, which must be the hospital's, in use and
 * still valid; or a problem naming each that is not (`scenarioIds.<i>`). Another hospital's
 * scenario reads as one that does not exist.
 */
function pinLatest(
  hospitalId: string,
  scenarioIds: readonly string[],
  db: Db,
): { ok: true; pinned: PinnedScenario[] } | { ok: false; problems: PortfolioProblem[] } {
  const pinned: PinnedScenario[] = [];
  const problems: PortfolioProblem[] = [];
  scenarioIds.forEach((scenarioId, i) => {
    const path = `scenarioIds.${i}`;
    const row = getScenarioRow(scenarioId, db);
    if (!row || row.hospitalId !== hospitalId)
      return problems.push({ path, code: 'scenarioNotFound', params: {} });
    if (row.archived) return problems.push({ path, code: 'scenarioArchived', params: {} });
    const read = readVersion(scenarioId, row.latestVersion, db);
    if (read.status !== 'ok') return problems.push({ path, code: 'scenarioInvalid', params: {} });
    pinned.push({ scenarioId, version: read.scenario.version, document: read.scenario.document });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pinned };
}

/** Pins and resolves: the document to store, or the problems. */
function resolveAgainstLatest(
  hospitalId: string,
  request: PortfolioRequest,
  db: Db,
): { ok: true; document: PortfolioDocument } | { ok: false; problems: PortfolioProblem[] } {
  const pinned = pinLatest(hospitalId, request.scenarioIds, db);
  if (!pinned.ok) return pinned;
  return resolvePortfolio(request, pinned.pinned);
}

/** The hospitals' portfolios in use (or the archived ones), the latest changed first. */
export function listPortfolios(
  hospitalIds: readonly string[],
  options: { archived?: boolean } = {},
  db: Db = getDb(),
): PortfolioRow[] {
  if (hospitalIds.length === 0) return [];
  return db
    .select()
    .from(portfolios)
    .where(
      and(
        inArray(portfolios.hospitalId, [...hospitalIds]),
        eq(portfolios.archived, options.archived ?? false),
      ),
    )
    .orderBy(desc(portfolios.updatedAt), portfolios.id)
    .all()
    .map(toRow);
}

/** The portfolio's row (name, hospital, latest version), without reading any version. */
export function getPortfolioRow(id: string, db: Db = getDb()): PortfolioRow | null {
  const row = db.select().from(portfolios).where(eq(portfolios.id, id)).get();
  return row ? toRow(row) : null;
}

/** A new portfolio of the hospital, its version 1 pinning the latest version of each scenario. */
export function createPortfolio(
  input: { hospitalId: string; request: PortfolioRequest; savedBy: string; note?: string },
  db: Db = getDb(),
): CreatePortfolioResult {
  const resolved = resolveAgainstLatest(input.hospitalId, input.request, db);
  if (!resolved.ok) return { status: 'invalid', problems: resolved.problems };
  const id = newId();
  db.transaction((tx) => {
    tx.insert(portfolios)
      .values({ id, hospitalId: input.hospitalId, name: resolved.document.name, latestVersion: 1 })
      .run();
    tx.insert(portfolioVersions)
      .values({
        portfolioId: id,
        version: 1,
        request: JSON.stringify(input.request),
        document: JSON.stringify(resolved.document),
        savedBy: input.savedBy,
        note: input.note ?? '',
      })
      .run();
  });
  return { status: 'created', id, version: 1 };
}

/** A version (the latest when not given) with its request and document; null if there is none. */
export function readPortfolio(id: string, version?: number, db: Db = getDb()): PortfolioVersion | null {
  const row = db.select().from(portfolios).where(eq(portfolios.id, id)).get();
  if (!row) return null;
  const v = db
    .select()
    .from(portfolioVersions)
    .where(
      and(eq(portfolioVersions.portfolioId, id), eq(portfolioVersions.version, version ?? row.latestVersion)),
    )
    .get();
  if (!v) return null;
  return {
    ...toRow(row),
    version: v.version,
    request: JSON.parse(v.request) as PortfolioRequest,
    document: JSON.parse(v.document) as PortfolioDocument,
    savedBy: v.savedBy,
    savedAt: v.savedAt,
    note: v.note,
  };
}

/** Every version, newest first; null if there is no such portfolio. */
export function listPortfolioVersions(id: string, db: Db = getDb()): PortfolioVersionInfo[] | null {
  if (!getPortfolioRow(id, db)) return null;
  return db
    .select({
      version: portfolioVersions.version,
      document: portfolioVersions.document,
      savedAt: portfolioVersions.savedAt,
      savedBy: portfolioVersions.savedBy,
      note: portfolioVersions.note,
    })
    .from(portfolioVersions)
    .where(eq(portfolioVersions.portfolioId, id))
    .orderBy(desc(portfolioVersions.version))
    .all()
    .map(({ document, ...v }) => ({ ...v, name: (JSON.parse(document) as PortfolioDocument).name }));
}

/**
 * Saves a new version on top of `baseVersion`, re-pinning every scenario to its latest version;
 * refused if someone saved after it.
 */
export function savePortfolioVersion(
  id: string,
  input: { request: PortfolioRequest; baseVersion: number; savedBy: string; note?: string },
  db: Db = getDb(),
): SavePortfolioResult {
  const before = getPortfolioRow(id, db);
  if (!before) return { status: 'notFound' };
  if (before.latestVersion !== input.baseVersion)
    return { status: 'conflict', latestVersion: before.latestVersion };
  // Resolved before the write lock is taken: compiling the scenarios need not hold up other writers.
  const resolved = resolveAgainstLatest(before.hospitalId, input.request, db);
  if (!resolved.ok) return { status: 'invalid', problems: resolved.problems };
  // IMMEDIATE: the write lock before the latest version is read again, so two saves queue.
  return db.transaction(
    (tx): SavePortfolioResult => {
      const row = tx.select().from(portfolios).where(eq(portfolios.id, id)).get();
      if (!row) return { status: 'notFound' };
      if (row.latestVersion !== input.baseVersion)
        return { status: 'conflict', latestVersion: row.latestVersion };
      const version = row.latestVersion + 1;
      tx.insert(portfolioVersions)
        .values({
          portfolioId: id,
          version,
          request: JSON.stringify(input.request),
          document: JSON.stringify(resolved.document),
          savedBy: input.savedBy,
          note: input.note ?? '',
        })
        .run();
      tx.update(portfolios)
        .set({ latestVersion: version, name: resolved.document.name, updatedAt: new Date().toISOString() })
        .where(eq(portfolios.id, id))
        .run();
      return { status: 'saved', id, version };
    },
    { behavior: 'immediate' },
  );
}

export function setPortfolioArchived(id: string, archived: boolean, db: Db = getDb()): boolean {
  return (
    db
      .update(portfolios)
      .set({ archived, updatedAt: new Date().toISOString() })
      .where(eq(portfolios.id, id))
      .run().changes > 0
  );
}

/** A solved plan kept for a version and budget (`budgetKey` '' for the version's own). */
export function getCachedPlan(
  id: string,
  version: number,
  budgetKey: string,
  db: Db = getDb(),
): PortfolioPlan | null {
  const row = db
    .select({ plan: portfolioPlans.plan })
    .from(portfolioPlans)
    .where(
      and(
        eq(portfolioPlans.portfolioId, id),
        eq(portfolioPlans.version, version),
        eq(portfolioPlans.budgetKey, budgetKey),
      ),
    )
    .get();
  if (!row) return null;
  const stored = JSON.parse(row.plan) as PortfolioPlan & { solverRevision?: number };
  // A plan the solver of another revision made is solved again (the table keeps plans for good).
  if (stored.solverRevision !== SOLVER_REVISION) return null;
  const { solverRevision: _revision, ...plan } = stored;
  return plan;
}

export function putCachedPlan(
  id: string,
  version: number,
  budgetKey: string,
  plan: PortfolioPlan,
  db: Db = getDb(),
): void {
  const stored = JSON.stringify({ ...plan, solverRevision: SOLVER_REVISION });
  db.transaction((tx) => {
    tx.insert(portfolioPlans)
      .values({ portfolioId: id, version, budgetKey, plan: stored })
      .onConflictDoUpdate({
        target: [portfolioPlans.portfolioId, portfolioPlans.version, portfolioPlans.budgetKey],
        set: { plan: stored, solvedAt: new Date().toISOString() },
      })
      .run();
    if (budgetKey === '') return;
    // Any reader may ask for a what-if: keep the latest few, never one row per figure typed.
    const whatIfs = tx
      .select({ key: portfolioPlans.budgetKey })
      .from(portfolioPlans)
      .where(
        and(
          eq(portfolioPlans.portfolioId, id),
          eq(portfolioPlans.version, version),
          ne(portfolioPlans.budgetKey, ''),
        ),
      )
      // Ties within a millisecond: the later row first.
      .orderBy(desc(portfolioPlans.solvedAt), desc(sql`rowid`))
      .all();
    const old = whatIfs.slice(MAX_KEPT_WHAT_IFS).map((r) => r.key);
    if (old.length > 0) {
      tx.delete(portfolioPlans)
        .where(
          and(
            eq(portfolioPlans.portfolioId, id),
            eq(portfolioPlans.version, version),
            inArray(portfolioPlans.budgetKey, old),
          ),
        )
        .run();
    }
  });
}

/** What-if plans kept per portfolio version (the version's own plan is always kept). */
export const MAX_KEPT_WHAT_IFS = 20;
