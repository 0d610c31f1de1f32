/**
 * Migration of older scenario documents to the current schema version. Each entry turns a
 * document of version N into one of version N + 1; a document is walked up one step at a
 * time, so a later version only adds the step from its predecessor.
 */
import { CURRENT_SCHEMA_VERSION } from './schema';
import type { ValidationProblem } from './problems';

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Version 1 → 2: the hospital's `tier` mixed what an institution is with its grade; version 2
 * keeps them apart (`type` and `grade`). Version 1's "primary" (一级) did not say which kind of
 * institution; it becomes a county-type hospital of grade 1, which the user can correct.
 */
const TIER_TO_TYPE_AND_GRADE: Readonly<Record<string, { type: string; grade: string }>> = {
  tertiary: { type: 'city', grade: 'level3' },
  secondary: { type: 'county', grade: 'level2' },
  primary: { type: 'county', grade: 'level1' },
  townshipHealthCentre: { type: 'township', grade: 'ungraded' },
  communityHealthCentre: { type: 'community', grade: 'ungraded' },
};

function splitTier(doc: Record<string, unknown>): Record<string, unknown> {
  const hospital = doc.hospital;
  if (typeof hospital !== 'object' || hospital === null || Array.isArray(hospital)) return doc;
  const { tier, ...rest } = hospital as Record<string, unknown>;
  if (!('tier' in hospital)) return doc;
  // An unknown tier is dropped: validation then asks for the type and grade by name.
  const mapped =
    typeof tier === 'string' && Object.hasOwn(TIER_TO_TYPE_AND_GRADE, tier)
      ? TIER_TO_TYPE_AND_GRADE[tier]
      : undefined;
  return { ...doc, hospital: { ...rest, ...mapped } };
}

/** Keyed by the version a migration starts from. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: splitTier };

export type MigrationResult =
  { ok: true; document: unknown; migratedFrom: number | null } | { ok: false; problems: ValidationProblem[] };

export function migrateDocument(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target: number = CURRENT_SCHEMA_VERSION,
): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: '', code: 'notAnObject', params: {} }] };
  }
  const version = (raw as Record<string, unknown>).schemaVersion;
  if (version === undefined) {
    return { ok: false, problems: [{ path: 'schemaVersion', code: 'required', params: {} }] };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problems: [{ path: 'schemaVersion', code: 'schemaVersion', params: { max: target } }],
    };
  }
  if (version > target) {
    return {
      ok: false,
      problems: [{ path: 'schemaVersion', code: 'schemaVersionTooNew', params: { version, max: target } }],
    };
  }
  let doc = raw as Record<string, unknown>;
  for (let v = version; v < target; v++) {
    const step = migrations[v];
    if (!step) {
      return {
        ok: false,
        problems: [{ path: 'schemaVersion', code: 'schemaVersion', params: { version, max: target } }],
      };
    }
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  return { ok: true, document: doc, migratedFrom: version === target ? null : version };
}
