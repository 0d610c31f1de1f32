/**
 * Scenarios and their immutable versions. Every save writes a new version; a save based on an
 * older version than the latest is refused (the caller shows a conflict, the API answers 409).
 */
import { randomBytes } from 'node:crypto';

import { and, desc, eq } from 'drizzle-orm';

import { scenarios, scenarioVersions } from '../../db/schema';
import { validateScenario, type Scenario } from '~/engine';
import type { LocalizedText } from '~/engine/schema';

import { dbGeneration, getDb, type Db } from '../db.server';

export interface ScenarioRow {
  id: string;
  name: LocalizedText;
  hospitalName: LocalizedText;
  latestVersion: number;
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

const newId = () => randomBytes(9).toString('base64url');

/**
 * Documents are validated on every read too (an older schema version is migrated here). A
 * stored version never changes, so each is parsed and validated once per process; the object
 * is shared and must not be mutated.
 */
const DOCUMENT_CACHE_SIZE = 500;
const documents = new Map<string, Scenario>();
function readDocument(id: string, version: number, db: Db): Scenario {
  const key = `${dbGeneration()}\n${id}\n${version}`;
  const cached = documents.get(key);
  if (cached) return cached;
  // The document's text is read only when it is not already parsed (versions never change).
  const text = db
    .select({ document: scenarioVersions.document })
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, id), eq(scenarioVersions.version, version)))
    .get()!.document;
  const validated = validateScenario(JSON.parse(text));
  if (!validated.ok) throw new Error('A stored scenario version does not validate');
  documents.set(key, validated.scenario);
  if (documents.size > DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
  return validated.scenario;
}

function toRow(r: typeof scenarios.$inferSelect): ScenarioRow {
  return {
    id: r.id,
    name: JSON.parse(r.name) as LocalizedText,
    hospitalName: JSON.parse(r.hospitalName) as LocalizedText,
    latestVersion: r.latestVersion,
    archived: r.archived,
    updatedAt: r.updatedAt,
    createdAt: r.createdAt,
  };
}

export function listScenarios(options: { archived?: boolean } = {}, db: Db = getDb()): ScenarioRow[] {
  return db
    .select()
    .from(scenarios)
    .where(eq(scenarios.archived, options.archived ?? false))
    .orderBy(desc(scenarios.updatedAt))
    .all()
    .map(toRow);
}

export function getScenario(id: string, version?: number, db: Db = getDb()): ScenarioVersion | null {
  const row = db.select().from(scenarios).where(eq(scenarios.id, id)).get();
  if (!row) return null;
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
  if (!v) return null;
  return {
    id,
    version: v.version,
    latestVersion: row.latestVersion,
    archived: row.archived,
    document: readDocument(id, v.version, db),
    savedAt: v.savedAt,
    savedBy: v.savedBy,
    note: v.note,
  };
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
  meta: SaveMeta,
  db: Db = getDb(),
): { id: string; version: number } {
  const id = newId();
  db.transaction((tx) => {
    tx.insert(scenarios)
      .values({
        id,
        name: JSON.stringify(document.name),
        hospitalName: JSON.stringify(document.hospital.name),
        latestVersion: 1,
      })
      .run();
    tx.insert(scenarioVersions)
      .values({
        scenarioId: id,
        version: 1,
        document: JSON.stringify(document),
        savedBy: meta.savedBy,
        note: meta.note ?? '',
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
export function restoreVersion(id: string, version: number, meta: SaveMeta, db: Db = getDb()): SaveResult {
  const old = getScenario(id, version, db);
  if (!old) return { status: 'notFound' };
  return saveVersion(id, old.latestVersion, old.document, meta, db);
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
  meta: SaveMeta,
  db: Db = getDb(),
): { id: string; version: number } | null {
  const source = getScenario(id, undefined, db);
  if (!source) return null;
  return createScenario(source.document, meta, db);
}
