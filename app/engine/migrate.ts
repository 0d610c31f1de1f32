/**
 * Migration of older scenario documents to the current schema version. Each entry turns a
 * document of version N into one of version N + 1; a document is walked up one step at a
 * time, so a later version only adds the step from its predecessor.
 */
import { CURRENT_SCHEMA_VERSION } from './schema';
import type { ValidationProblem } from './problems';

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Keyed by the version a migration starts from. Version 1 is the first: nothing to migrate yet. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

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
