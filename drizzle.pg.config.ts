import { defineConfig } from 'drizzle-kit';

/** PostgreSQL's migrations (issue 19), generated from db/schema.pg.ts: `npx drizzle-kit generate --config drizzle.pg.config.ts`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './db/migrations-pg',
});
