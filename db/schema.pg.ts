/**
 * The same database on PostgreSQL (issue 19): every table, column, key and index of
 * db/schema.ts in drizzle's PostgreSQL dialect (drizzle has no dialect-neutral builder). The row
 * types must be the SQLite schema's, column for column: db/schema-parity.ts fails to compile
 * when they drift. Times are ISO-8601 text in UTC, as SQLite keeps them, so both read the same.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';

/** Bytes as a Node Buffer, as SQLite's blob column gives them. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Now, as SQLite's default writes it: 2026-12-08T05:51:21.123Z. */
const UTC_NOW = sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

export const scenarios = pgTable(
  'scenarios',
  {
    id: text('id').primaryKey(),
    /** Name of the latest version, in the language it was written (JSON of a LocalizedText). */
    name: text('name').notNull(),
    hospitalName: text('hospital_name').notNull(),
    latestVersion: integer('latest_version').notNull(),
    /** The owning hospital (accounts); null only before an upgrade has assigned one. */
    hospitalId: text('hospital_id'),
    archived: boolean('archived').notNull().default(false),
    /** Bundled scenarios are seeded once; the key marks which bundled file a row came from. */
    bundledKey: text('bundled_key').unique(),
    createdAt: text('created_at').notNull().default(UTC_NOW),
    updatedAt: text('updated_at').notNull().default(UTC_NOW),
  },
  (t) => [index('scenarios_updated_idx').on(t.updatedAt)],
);

export const scenarioVersions = pgTable(
  'scenario_versions',
  {
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The validated scenario document, as JSON. */
    document: text('document').notNull(),
    savedAt: text('saved_at').notNull().default(UTC_NOW),
    savedBy: text('saved_by').notNull(),
    note: text('note').notNull().default(''),
    /**
     * What the scenario list shows of this version (app/models/version-summary.ts), JSON, worked
     * out when the version is written; null for a version written before it was kept (worked out
     * on the first read).
     */
    summary: text('summary'),
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.version] })],
);

export const referenceFigures = pgTable(
  'reference_figures',
  {
    id: text('id').primaryKey(),
    section: text('section').notNull(),
    topic: text('topic').notNull(),
    labelEn: text('label_en').notNull(),
    labelZh: text('label_zh').notNull(),
    value: doublePrecision('value'),
    low: doublePrecision('low'),
    high: doublePrecision('high'),
    unit: text('unit').notNull(),
    year: text('year').notNull(),
    region: text('region').notNull(),
    source: text('source').notNull(),
    grade: text('grade').notNull(),
    usableAsDefault: boolean('usable_as_default').notNull(),
    notes: text('notes'),
    /** The whole figure as seeded, JSON. */
    data: text('data').notNull(),
  },
  (t) => [index('reference_topic_idx').on(t.topic)],
);

const now = UTC_NOW;

/**
 * A file a hospital uploaded to a scenario, as committed: its original name and hash, how it
 * was read and the column mapping used. Deleting it never touches a scenario version: a
 * version calibrated from it keeps the figures (and the provenance) in its own document.
 */
export const datasets = pgTable(
  'datasets',
  {
    id: text('id').primaryKey(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    /** 'observations' (time-motion, pilot logs) or 'volumes' (HIS monthly counts). */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file as uploaded, hex. */
    fileHash: text('file_hash').notNull(),
    fileBytes: integer('file_bytes').notNull(),
    /** 'csv' or 'xlsx'; for CSV the encoding and separator it was read with. */
    format: text('format').notNull(),
    encoding: text('encoding'),
    separator: text('separator'),
    /** JSON: [{ column, header, meaning }]. */
    mapping: text('mapping').notNull(),
    rowCount: integer('row_count').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: text('uploaded_at').notNull().default(now),
    /**
     * 'storing' while its rows are written, a few thousand per transaction (so no other writer,
     * the audit log included, waits long behind a large file); 'stored' once every row is in.
     * Only stored datasets are read.
     */
    state: text('state').notNull().default('stored'),
  },
  (t) => [index('datasets_scenario_idx').on(t.scenarioId)],
);

/** One timed task: baseline or with AI. */
export const datasetObservations = pgTable(
  'dataset_observations',
  {
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    /** Row in the file (header = 1), so a flagged outlier can be found there. */
    row: integer('row').notNull(),
    workflowId: text('workflow_id').notNull(),
    role: text('role'),
    department: text('department'),
    /** YYYY-MM-DD. */
    date: text('date'),
    phase: text('phase').notNull(),
    minutes: doublePrecision('minutes').notNull(),
    verificationMinutes: doublePrecision('verification_minutes'),
  },
  (t) => [index('observations_dataset_idx').on(t.datasetId, t.workflowId, t.phase)],
);

/** One monthly count from the HIS: a volume measure or a workflow's tasks. */
export const datasetVolumes = pgTable(
  'dataset_volumes',
  {
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    /** First day of the month, YYYY-MM-01. */
    month: text('month').notNull(),
    measure: text('measure'),
    workflowId: text('workflow_id'),
    department: text('department'),
    count: doublePrecision('count').notNull(),
  },
  (t) => [index('volumes_dataset_idx').on(t.datasetId)],
);

/** The meaning a hospital gave a column header last time, offered again for its next file. */
export const columnMappings = pgTable(
  'column_mappings',
  {
    hospital: text('hospital').notNull(),
    header: text('header').notNull(),
    meaning: text('meaning').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.hospital, t.header] })],
);

/**
 * A file that was previewed and not yet committed, so the page can commit it without asking
 * for the file again. Kept a day at most.
 */
export const pendingUploads = pgTable('pending_uploads', {
  id: text('id').primaryKey(),
  scenarioId: text('scenario_id')
    .notNull()
    .references(() => scenarios.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

/**
 * A what-if sharing link: one pinned version, read-only, with the what-if it was shared with.
 * Only the token's SHA-256 is stored: the link itself exists only in the URL given out.
 */
export const shareLinks = pgTable(
  'share_links',
  {
    /** For the owner's list and revoking from the page (not the token). */
    id: text('id').primaryKey(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** JSON: the what-if the link opens with (`{ fit: 0.6 }`). */
    overrides: text('overrides').notNull().default('{}'),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
    views: integer('views').notNull().default(0),
    lastViewedAt: text('last_viewed_at'),
  },
  (t) => [index('share_links_scenario_idx').on(t.scenarioId)],
);

/**
 * A case being built or edited in the forms, before it is saved: a new case from the
 * step-by-step flow (no scenario yet) or the edits to one version of a scenario. Every step
 * and every structural edit is kept here, so nothing typed is lost; saving makes a version
 * (refused when someone saved after `baseVersion`) and deletes the draft.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: text('id').primaryKey(),
    /** The scenario being edited; null for a new case. */
    scenarioId: text('scenario_id').references(() => scenarios.id, { onDelete: 'cascade' }),
    /** The version the edits started from (null for a new case). */
    baseVersion: integer('base_version'),
    /** The scenario document as edited so far, JSON; it may not validate yet. */
    document: text('document').notNull(),
    /** The step of the new-case flow the user reached ('hospital', 'budget', …). */
    step: text('step').notNull(),
    /** The hospital a new case will belong to (a draft of an existing scenario follows its scenario's). */
    hospitalId: text('hospital_id'),
    /** Who started the draft: a draft is its author's own work in progress. */
    userId: text('user_id'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('drafts_updated_idx').on(t.updatedAt)],
);

// ---------------------------------------------------------------------------------------------
// Accounts (issue 16): hospitals own scenarios; users belong to hospitals with one role in each;
// three system roles kept apart; sessions, API tokens and an append-only audit log.

/**
 * A hospital: owns scenarios, datasets and share links. Names are unique as people read them:
 * `nameKey` is the name trimmed, full-width folded (NFKC) and lower-cased.
 */
export const hospitals = pgTable('hospitals', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameKey: text('name_key').notNull().unique(),
  createdAt: text('created_at').notNull().default(now),
});

/**
 * A person who signs in: a local account (argon2id hash) or one from the directory (LDAP, no
 * hash). At most one system role; hospital roles are in memberships.
 */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull(),
  /** The user name folded as hospital names are: unique. */
  usernameKey: text('username_key').notNull().unique(),
  displayName: text('display_name').notNull().default(''),
  /** 'local' or 'ldap'. */
  source: text('source').notNull().default('local'),
  passwordHash: text('password_hash'),
  /** A one-time password given out: it must be changed at the first login. */
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  passwordChangedAt: text('password_changed_at'),
  /** 'system-admin' | 'security-admin' | 'audit-admin', or null. */
  systemRole: text('system_role'),
  /** TOTP secret (base32) once enrolled; null before. */
  totpSecret: text('totp_secret'),
  /** The last TOTP step accepted: the same code is never accepted twice. */
  totpLastStep: integer('totp_last_step'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: text('locked_until'),
  /** Locked by the security admin (not by failures): only they unlock it. */
  disabled: boolean('disabled').notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
});

/** A user's role in one hospital: 'viewer' | 'planner' | 'approver' | 'hospital-admin'. */
export const memberships = pgTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    hospitalId: text('hospital_id')
      .notNull()
      .references(() => hospitals.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.hospitalId] }),
    index('memberships_hospital_idx').on(t.hospitalId),
  ],
);

/**
 * A signed-in browser. Only the SHA-256 of the cookie's value is stored; a new one is made at
 * every login. Idle and absolute timeouts are checked against `lastSeenAt` and `createdAt`.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** Signed in with a password only: the second factor is still to come (or to enrol). */
    pendingSecondFactor: boolean('pending_second_factor').notNull().default(false),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    address: text('address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * A personal API token: shown once, stored as its SHA-256, scoped to one hospital and at most
 * the user's role there; revocable; its last use shown.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    hospitalId: text('hospital_id')
      .notNull()
      .references(() => hospitals.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    name: text('name').notNull().default(''),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull().default(now),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/**
 * The audit log: append-only (no update or delete through the app), each row carrying the
 * SHA-256 of the previous row's hash and its own fields, so a row changed outside the app breaks
 * the chain (`npm run audit -- verify`). Names are copied, not referenced: a row outlives its user.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey().generatedByDefaultAsIdentity(),
    at: text('at').notNull(),
    userId: text('user_id'),
    username: text('username').notNull().default(''),
    role: text('role').notNull().default(''),
    hospitalId: text('hospital_id'),
    hospitalName: text('hospital_name').notNull().default(''),
    action: text('action').notNull(),
    objectType: text('object_type').notNull().default(''),
    objectId: text('object_id').notNull().default(''),
    version: integer('version'),
    address: text('address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    /** 'success' | 'failure' | 'denied'. */
    outcome: text('outcome').notNull(),
    /** JSON of anything else worth keeping (never a password or a token). */
    detail: text('detail').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_user_idx').on(t.userId),
    index('audit_action_idx').on(t.action),
  ],
);

/** Settings the system and security admins change (password and lockout policy…), JSON values. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

/**
 * The approval trail of a version for the budget committee: each submission, approval or return,
 * with its comment, who and when. A version's state is its latest row (none: a draft); an
 * approved version takes no further change of state — a change to it is a new version.
 */
export const versionReviews = pgTable(
  'version_reviews',
  {
    seq: integer('seq').primaryKey().generatedByDefaultAsIdentity(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** 'submitted' | 'approved' | 'returned' */
    status: text('status').notNull(),
    comment: text('comment').notNull().default(''),
    userId: text('user_id'),
    /** The reviewer's name as shown then (kept if the account is later removed). */
    userName: text('user_name').notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('version_reviews_version_idx').on(t.scenarioId, t.version)],
);

// ---------------------------------------------------------------------------------------------
// Portfolios (issue 18): several of a hospital's scenarios planned together inside one budget.

/**
 * A hospital's portfolio: what changes (name, archive flag, latest version number). Every save is
 * a new row in portfolio_versions, never an update of an old one, as for scenarios.
 */
export const portfolios = pgTable(
  'portfolios',
  {
    id: text('id').primaryKey(),
    hospitalId: text('hospital_id')
      .notNull()
      .references(() => hospitals.id, { onDelete: 'cascade' }),
    /** The latest version's name. */
    name: text('name').notNull(),
    latestVersion: integer('latest_version').notNull(),
    archived: boolean('archived').notNull().default(false),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('portfolios_hospital_idx').on(t.hospitalId, t.updatedAt)],
);

/**
 * One saved version of a portfolio: the request as sent and the document it resolved to, which
 * pins each scenario's version (a later save of a scenario does not change a solved plan).
 */
export const portfolioVersions = pgTable(
  'portfolio_versions',
  {
    portfolioId: text('portfolio_id')
      .notNull()
      .references(() => portfolios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** JSON: the PortfolioRequest as sent. */
    request: text('request').notNull(),
    /** JSON: the PortfolioDocument resolved from it. */
    document: text('document').notNull(),
    savedBy: text('saved_by').notNull(),
    savedAt: text('saved_at').notNull().default(now),
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.portfolioId, t.version] })],
);

/**
 * Solved plans, kept: a version's pinned scenarios never change, so its plan (or a what-if on its
 * budget, keyed by the budget's hash) is solved once.
 */
export const portfolioPlans = pgTable(
  'portfolio_plans',
  {
    portfolioId: text('portfolio_id')
      .notNull()
      .references(() => portfolios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** SHA-256 of the what-if budget; '' for the version's own budget. */
    budgetKey: text('budget_key').notNull(),
    /** JSON: the PortfolioPlan. */
    plan: text('plan').notNull(),
    solvedAt: text('solved_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.portfolioId, t.version, t.budgetKey] })],
);

/** A link to one pinned portfolio version, as share_links are to a scenario's: only the token's hash. */
export const portfolioShareLinks = pgTable(
  'portfolio_share_links',
  {
    id: text('id').primaryKey(),
    portfolioId: text('portfolio_id')
      .notNull()
      .references(() => portfolios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
    views: integer('views').notNull().default(0),
    lastViewedAt: text('last_viewed_at'),
  },
  (t) => [index('portfolio_share_links_portfolio_idx').on(t.portfolioId)],
);
