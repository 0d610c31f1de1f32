/**
 * The embedded database: one SQLite file (DATABASE_URL, default data/planner.db), opened once
 * per process, migrated and seeded on open. WAL mode with synchronous=FULL: a save that has
 * been acknowledged survives the process being killed the next instant.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

import * as schema from '../db/schema';
import { seedDatabase, type Db } from '../seeds/seed';

export type { Db };

const DEFAULT_DATABASE = 'data/planner.db';
const MIGRATIONS = resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations');

interface Open {
  path: string;
  sqlite: Database.Database;
  db: Db;
}
let current: Open | null = null;
let generation = 0;

/** Changes every time a database is opened: caches of stored rows key on it. */
export const dbGeneration = (): number => generation;

export function openDatabase(path: string): Open {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  seedDatabase(db);
  return { path, sqlite, db };
}

/** The process's database, opened (and migrated and seeded) on first use. */
export function getDb(): Db {
  const path = process.env.DATABASE_URL ?? DEFAULT_DATABASE;
  if (!current || current.path !== path) {
    current?.sqlite.close();
    current = openDatabase(path);
    generation++;
  }
  return current.db;
}

/** Closes the database (tests use it to simulate a restart). */
export function closeDb(): void {
  current?.sqlite.close();
  current = null;
}
