/**
 * The two schemas hold the same rows: for every table of db/schema.ts (SQLite), the table of
 * the same name in db/schema.pg.ts (PostgreSQL) reads and writes the same TypeScript row, column
 * for column. Nothing runs here: a table missing or a column whose type differs fails
 * `npm run typecheck`, naming the table.
 */
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';

import type * as pg from './schema.pg';
import type * as sqlite from './schema';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type SqliteTables = {
  [K in keyof typeof sqlite as (typeof sqlite)[K] extends Table ? K : never]: (typeof sqlite)[K];
};
type PgTables = {
  [K in keyof typeof pg as (typeof pg)[K] extends Table ? K : never]: (typeof pg)[K];
};

/** The tables whose rows differ between the dialects (never, when they agree). */
type Drifted = {
  [K in keyof SqliteTables]: K extends keyof PgTables
    ? SqliteTables[K] extends Table
      ? PgTables[K] extends Table
        ? Same<InferSelectModel<SqliteTables[K]>, InferSelectModel<PgTables[K]>> extends true
          ? Same<InferInsertModel<SqliteTables[K]>, InferInsertModel<PgTables[K]>> extends true
            ? never
            : K
          : K
        : K
      : K
    : K;
}[keyof SqliteTables];

/** PostgreSQL tables with no SQLite twin. */
type Extra = Exclude<keyof PgTables, keyof SqliteTables>;

/** `true` only when both lists are empty; otherwise the error names the tables. */
export const schemasAgree: [Drifted | Extra] extends [never] ? true : Drifted | Extra = true;
