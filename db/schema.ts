/**
 * The database: scenarios with immutable versions, and the reference figures they cite.
 * A scenario row holds what changes (name, archive flag, latest version number); every save
 * is a new row in scenario_versions, never an update of an old one.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const scenarios = sqliteTable(
  'scenarios',
  {
    id: text('id').primaryKey(),
    /** Name of the latest version, in the language it was written (JSON of a LocalizedText). */
    name: text('name').notNull(),
    hospitalName: text('hospital_name').notNull(),
    latestVersion: integer('latest_version').notNull(),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    /** Bundled scenarios are seeded once; the key marks which bundled file a row came from. */
    bundledKey: text('bundled_key').unique(),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    updatedAt: text('updated_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [index('scenarios_updated_idx').on(t.updatedAt)],
);

export const scenarioVersions = sqliteTable(
  'scenario_versions',
  {
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The validated scenario document, as JSON. */
    document: text('document').notNull(),
    savedAt: text('saved_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    savedBy: text('saved_by').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.version] })],
);

export const referenceFigures = sqliteTable(
  'reference_figures',
  {
    id: text('id').primaryKey(),
    section: text('section').notNull(),
    topic: text('topic').notNull(),
    labelEn: text('label_en').notNull(),
    labelZh: text('label_zh').notNull(),
    value: real('value'),
    low: real('low'),
    high: real('high'),
    unit: text('unit').notNull(),
    year: text('year').notNull(),
    region: text('region').notNull(),
    source: text('source').notNull(),
    grade: text('grade').notNull(),
    usableAsDefault: integer('usable_as_default', { mode: 'boolean' }).notNull(),
    notes: text('notes'),
    /** The whole figure as seeded, JSON. */
    data: text('data').notNull(),
  },
  (t) => [index('reference_topic_idx').on(t.topic)],
);
