/**
 * Scenarios and their immutable versions. Every save writes a new version; a save based on an
 * older version than the latest is refused (the caller shows a conflict, the API answers 409).
 */
import { randomBytes } from 'node:crypto';

import { and, desc, eq, inArray } from 'drizzle-orm';

import { scenarios, scenarioVersions } from '../../db/schema';
import { validateScenario, type Scenario, type ValidationProblem } from '~/engine';
import type { LocalizedText } from '~/engine/schema';

import { dbGeneration, getDb, type Db } from '../db.server';
import { assignScenarioHospitals } from './hospitals.server';
import { parseStoredSummary, summarizeVersion, type VersionSummary } from './version-summary';

export interface ScenarioRow {
  id: string;
  name: LocalizedText;
  hospitalName: LocalizedText;
  latestVersion: number;
  /** The owning hospital (null only in a database not yet upgraded). */
  hospitalId: string | null;
  archived: boolean;
  updatedAt: string;
  createdAt: string;
}

export interface ScenarioVersion {
  id: string;
  version: number;
  latestVersion: number;
  archived: boolean;
  document: Scenario;
  savedAt: string;
  savedBy: string;
  note: string;
}

/**
 * A stored version that no longer validates (a rule made stricter since it was saved, an
 * expression refused after a restart): never a failure of the page that reads it, but a version
 * that needs attention, with the problems the validation gives and the document as stored (not
 * a Scenario: it may not even be an object) for the editor to fix.
 */
export interface InvalidVersion {
  id: string;
  version: number;
  latestVersion: number;
  archived: boolean;
  problems: ValidationProblem[];
  document: unknown;
  savedAt: string;
  savedBy: string;
  note: string;
}

/** Thrown by getScenario for a version that no longer validates; readVersion says so instead. */
export class VersionInvalidError extends Error {
  constructor(readonly invalid: InvalidVersion) {
    super(`Version ${invalid.version} of scenario ${invalid.id} no longer validates`);
    this.name = 'VersionInvalidError';
  }
}

export type ReadVersion =
  | { status: 'ok'; scenario: ScenarioVersion }
  | { status: 'invalid'; invalid: InvalidVersion }
  | { status: 'notFound' };

export interface VersionInfo {
  version: number;
  savedAt: string;
  savedBy: string;
  note: string;
}

export type SaveResult =
  | { status: 'saved'; id: string; version: number }
  | { status: 'conflict'; latestVersion: number }
  | { status: 'notFound' };

export interface SaveMeta {
  savedBy: string;
  note?: string;
}

/** A new scenario's metadata: its owning hospital too (without one, the hospital it names). */
export interface CreateMeta extends SaveMeta {
  hospitalId?: string;
}

const newId = () => randomBytes(9).toString('base64url');

/**
 * Documents are validated on every read too (an older schema version is migrated here). A
 * stored version never changes, so each is parsed and validated once per process; the object
 * is shared and must not be mutated. One that fails is kept as failing (the same code gives the
 * same answer), unless validation itself threw, which may not happen again.
 */
const DOCUMENT_CACHE_SIZE = 500;
type StoredDocument =
  { ok: true; scenario: Scenario } | { ok: false; problems: ValidationProblem[]; document: unknown };
const documents = new Map<string, StoredDocument>();
function readDocument(id: string, version: number, db: Db): StoredDocument {
  const key = `${dbGeneration()}\n${id}\n${version}`;
  const cached = documents.get(key);
  if (cached) return cached;
  // The document's text is read only when it is not already parsed (versions never change).
  const text = db
    .select({ document: scenarioVersions.document })
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, id), eq(scenarioVersions.version, version)))
    .get()!.document;
  let stored: StoredDocument;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    stored = {
      ok: false,
      problems: [{ path: '', code: 'invalidJson', params: { detail: (error as Error).message } }],
      document: null,
    };
    return remember(key, stored);
  }
  try {
    const validated = validateScenario(document);
    stored = validated.ok
      ? { ok: true, scenario: validated.scenario }
      : { ok: false, problems: validated.problems, document };
  } catch {
    return { ok: false, problems: [{ path: '', code: 'invalid', params: {} }], document };
  }
  return remember(key, stored);
}

function remember(key: string, stored: StoredDocument): StoredDocument {
  documents.set(key, stored);
  if (documents.size > DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
  return stored;
}

function toRow(r: typeof scenarios.$inferSelect): ScenarioRow {
  return {
    id: r.id,
    name: JSON.parse(r.name) as LocalizedText,
    hospitalName: JSON.parse(r.hospitalName) as LocalizedText,
    latestVersion: r.latestVersion,
    hospitalId: r.hospitalId,
    archived: r.archived,
    updatedAt: r.updatedAt,
    createdAt: r.createdAt,
  };
}

/** A scenario in the list: its row and what its latest version shows, or why it needs attention. */
export type ScenarioListRow = ScenarioRow &
  (
    | { status: 'ok'; summary: VersionSummary }
    | { status: 'invalid'; problems: ValidationProblem[]; document: unknown }
  );

/**
 * The list, with each latest version's stored summary (no model run). A version written before
 * summaries were kept gets its summary worked out and stored once, here. A latest version that
 * no longer validates is listed as needing attention (validation is once per version and process,
 * see readDocument), whatever its stored summary says.
 */
export function listScenarios(
  options: { archived?: boolean; hospitalIds?: readonly string[] } = {},
  db: Db = getDb(),
): ScenarioListRow[] {
  if (options.hospitalIds && options.hospitalIds.length === 0) return [];
  return db
    .select({ row: scenarios, summary: scenarioVersions.summary })
    .from(scenarios)
    .innerJoin(
      scenarioVersions,
      and(
        eq(scenarioVersions.scenarioId, scenarios.id),
        eq(scenarioVersions.version, scenarios.latestVersion),
      ),
    )
    .where(
      and(
        eq(scenarios.archived, options.archived ?? false),
        options.hospitalIds ? inArray(scenarios.hospitalId, [...options.hospitalIds]) : undefined,
      ),
    )
    .orderBy(desc(scenarios.updatedAt))
    .all()
    .map(({ row, summary }): ScenarioListRow => {
      const stored = readDocument(row.id, row.latestVersion, db);
      if (!stored.ok)
        return { ...toRow(row), status: 'invalid', problems: stored.problems, document: stored.document };
      const known =
        parseStoredSummary(summary) ?? backfillSummary(row.id, row.latestVersion, stored.scenario, db);
      if (!known)
        return { ...toRow(row), status: 'invalid', problems: [MODEL_FAILED], document: stored.scenario };
      return { ...toRow(row), status: 'ok', summary: known };
    });
}

/** A validated document the model cannot run (it should not happen): said as an invalid value. */
const MODEL_FAILED: ValidationProblem = { path: '', code: 'invalid', params: {} };

/** The summary to store with a version; null if the model fails on it (the list then says so). */
function summaryText(document: Scenario): string | null {
  try {
    return JSON.stringify(summarizeVersion(document));
  } catch {
    return null;
  }
}

/** Works out and stores the summary of a version that has none (or one this code cannot read). */
function backfillSummary(id: string, version: number, document: Scenario, db: Db): VersionSummary | null {
  const text = summaryText(document);
  const summary = parseStoredSummary(text);
  if (!summary) return null;
  db.update(scenarioVersions)
    .set({ summary: text })
    .where(and(eq(scenarioVersions.scenarioId, id), eq(scenarioVersions.version, version)))
    .run();
  return summary;
}

/**
 * A version (the latest when not given) as stored: validated, or needing attention with its
 * problems, or not found. Pages that must answer whatever is stored read through this.
 */
export function readVersion(id: string, version?: number, db: Db = getDb()): ReadVersion {
  const row = db.select().from(scenarios).where(eq(scenarios.id, id)).get();
  if (!row) return { status: 'notFound' };
  const v = db
    .select({
      version: scenarioVersions.version,
      savedAt: scenarioVersions.savedAt,
      savedBy: scenarioVersions.savedBy,
      note: scenarioVersions.note,
    })
    .from(scenarioVersions)
    .where(
      and(eq(scenarioVersions.scenarioId, id), eq(scenarioVersions.version, version ?? row.latestVersion)),
    )
    .get();
  if (!v) return { status: 'notFound' };
  const common = { id, latestVersion: row.latestVersion, archived: row.archived, ...v };
  const stored = readDocument(id, v.version, db);
  if (!stored.ok)
    return {
      status: 'invalid',
      invalid: { ...common, problems: stored.problems, document: stored.document },
    };
  return { status: 'ok', scenario: { ...common, document: stored.scenario } };
}

/** A version as the editor starts from it: its document validated, or as stored when it needs attention. */
export type EditableVersion = Omit<ScenarioVersion, 'document'> & { document: unknown };

/**
 * A version (the latest when not given) for the editor, whose forms take a document that may
 * not validate (as a draft's may not): one that needs attention opens there to be fixed.
 */
export function getVersionForEditing(id: string, version?: number, db: Db = getDb()): EditableVersion | null {
  const read = readVersion(id, version, db);
  if (read.status === 'notFound') return null;
  if (read.status === 'ok') return read.scenario;
  const { problems: _problems, document, ...rest } = read.invalid;
  // Text that is not even an object (it never is, as saved) opens as an empty case.
  return { ...rest, document: typeof document === 'object' && document !== null ? document : {} };
}

/** The scenario's row (name, latest version), without reading any document. */
export function getScenarioRow(id: string, db: Db = getDb()): ScenarioRow | null {
  const row = db.select().from(scenarios).where(eq(scenarios.id, id)).get();
  return row ? toRow(row) : null;
}

/**
 * A validated version (the latest when not given), or null; throws VersionInvalidError for one
 * that no longer validates (callers that must answer it read through readVersion).
 */
export function getScenario(id: string, version?: number, db: Db = getDb()): ScenarioVersion | null {
  const read = readVersion(id, version, db);
  if (read.status === 'invalid') throw new VersionInvalidError(read.invalid);
  return read.status === 'ok' ? read.scenario : null;
}

export function listVersions(id: string, db: Db = getDb()): VersionInfo[] | null {
  const row = db.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, id)).get();
  if (!row) return null;
  return db
    .select({
      version: scenarioVersions.version,
      savedAt: scenarioVersions.savedAt,
      savedBy: scenarioVersions.savedBy,
      note: scenarioVersions.note,
    })
    .from(scenarioVersions)
    .where(eq(scenarioVersions.scenarioId, id))
    .orderBy(desc(scenarioVersions.version))
    .all();
}

/** Creates a scenario with its first version (the document must already be validated). */
export function createScenario(
  document: Scenario,
  meta: CreateMeta,
  db: Db = getDb(),
): { id: string; version: number } {
  const id = newId();
  const summary = summaryText(document);
  db.transaction((tx) => {
    tx.insert(scenarios)
      .values({
        id,
        name: JSON.stringify(document.name),
        hospitalName: JSON.stringify(document.hospital.name),
        latestVersion: 1,
        hospitalId: meta.hospitalId ?? null,
      })
      .run();
    // Made without a caller's hospital (the seed, a script): it belongs to the hospital it names.
    if (!meta.hospitalId) assignScenarioHospitals(tx);
    tx.insert(scenarioVersions)
      .values({
        scenarioId: id,
        version: 1,
        document: JSON.stringify(document),
        savedBy: meta.savedBy,
        note: meta.note ?? '',
        summary,
      })
      .run();
  });
  return { id, version: 1 };
}

/** Saves a new version on top of `baseVersion`; refused if someone saved after it. */
export function saveVersion(
  id: string,
  baseVersion: number,
  document: Scenario,
  meta: SaveMeta,
  db: Db = getDb(),
): SaveResult {
  // Worked out before the write lock is taken: the model run need not hold up other writers.
  const summary = summaryText(document);
  // IMMEDIATE: take the write lock before reading the latest version, so two processes
  // saving at once queue on busy_timeout instead of failing.
  return db.transaction(
    (tx): SaveResult => {
      const row = tx.select().from(scenarios).where(eq(scenarios.id, id)).get();
      if (!row) return { status: 'notFound' };
      if (row.latestVersion !== baseVersion) return { status: 'conflict', latestVersion: row.latestVersion };
      const version = row.latestVersion + 1;
      tx.insert(scenarioVersions)
        .values({
          scenarioId: id,
          version,
          document: JSON.stringify(document),
          savedBy: meta.savedBy,
          note: meta.note ?? '',
          summary,
        })
        .run();
      tx.update(scenarios)
        .set({
          latestVersion: version,
          name: JSON.stringify(document.name),
          hospitalName: JSON.stringify(document.hospital.name),
          updatedAt: new Date().toISOString(),
        })
        .where(eq(scenarios.id, id))
        .run();
      return { status: 'saved', id, version };
    },
    { behavior: 'immediate' },
  );
}

/** Restores an old version as a new one (the old stays as it was). */
export function restoreVersion(
  id: string,
  version: number,
  meta: SaveMeta,
  db: Db = getDb(),
): SaveResult | { status: 'invalid' } {
  const old = readVersion(id, version, db);
  if (old.status !== 'ok') return old.status === 'invalid' ? { status: 'invalid' } : { status: 'notFound' };
  return saveVersion(id, old.scenario.latestVersion, old.scenario.document, meta, db);
}

export function setArchived(id: string, archived: boolean, db: Db = getDb()): boolean {
  const result = db
    .update(scenarios)
    .set({ archived, updatedAt: new Date().toISOString() })
    .where(eq(scenarios.id, id))
    .run();
  return result.changes > 0;
}

/** A new scenario whose first version is the latest version of another. */
export function duplicateScenario(
  id: string,
  meta: CreateMeta,
  db: Db = getDb(),
): { id: string; version: number } | null {
  const source = getScenario(id, undefined, db);
  if (!source) return null;
  // A copy stays in the source's hospital unless the caller names another.
  const owner = getScenarioRow(id, db)?.hospitalId ?? undefined;
  return createScenario(source.document, { hospitalId: owner, ...meta }, db);
}
