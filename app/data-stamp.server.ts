/**
 * The data's stamp: a value that changes whenever a stored row changes and at no other time.
 * The page cache (page-cache.js) keeps a page only while the stamp it was rendered under still
 * holds, so only a real write forgets pages: a refused post, a 404, a read changes nothing.
 *
 * The stamp is SQLite's own count, not a counter each model function must remember to bump: a
 * write path added later cannot forget it. `total_changes()` counts every row this connection
 * inserted, updated or deleted; `data_version` changes when another connection (another
 * process, a worker thread) commits to the same file; the generation changes when the database
 * is opened again (both counts start afresh).
 *
 * page-cache.js is plain JavaScript run by server.js, outside the Remix build (which bundles
 * its own copy of every app module), so the two meet on a process-wide symbol: the database
 * registers its reader under it, and the cache calls whatever is registered.
 */
import type Database from 'better-sqlite3';

/** Also spelled out in page-cache.js. */
export const DATA_STAMP_KEY = 'hospital-ai-planner.data-stamp';
const DATA_STAMP = Symbol.for(DATA_STAMP_KEY);

type StampReader = () => string;

/** Makes `sqlite` (opened as `generation`) the connection whose writes the stamp follows. */
export function registerDataStamp(sqlite: Database.Database, generation: number): void {
  const read = sqlite.prepare(
    'SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version',
  );
  (globalThis as Record<symbol, StampReader | undefined>)[DATA_STAMP] = () => {
    const { changes, version } = read.get() as { changes: number; version: number };
    return `${generation}:${changes}:${version}`;
  };
}

/** The stamp now, or null before a database is open (or once it is closed): nothing is cached then. */
export function dataStamp(): string | null {
  const read = (globalThis as Record<symbol, StampReader | undefined>)[DATA_STAMP];
  if (!read) return null;
  try {
    return read();
  } catch {
    return null;
  }
}
