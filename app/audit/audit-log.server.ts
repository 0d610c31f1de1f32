/**
 * The audit log (等保 2.0 §8.1.4.3 security audit): every login, logout, timeout, password and
 * role change, token, write and export, appended with who, what, where from and how it went.
 * Append-only: rows are never changed (database triggers refuse it, and nothing here offers it);
 * each row carries the SHA-256 of the previous row's hash and its own fields, so a row changed
 * outside the app breaks the chain, which `verifyAuditChain` finds. Rows are kept at least 180
 * days (the Cybersecurity Law's six months); a purge of older ones is the audit admin's, and is
 * itself logged, with the hash the first kept row chains from.
 */
import { createHash } from 'node:crypto';

import { asc, desc, eq, gt, lt, sql } from 'drizzle-orm';

import { getDb, type Db } from '~/db.server';

import { auditLog } from '../../db/schema';

/** The hash the first row of a new log chains from. */
export const GENESIS_HASH = '0'.repeat(64);
/** Rows younger than this are never removed. */
export const AUDIT_RETENTION_DAYS = 180;

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  action: string;
  outcome: AuditOutcome;
  userId?: string | null;
  username?: string;
  role?: string;
  hospitalId?: string | null;
  hospitalName?: string;
  objectType?: string;
  objectId?: string;
  version?: number | null;
  address?: string;
  userAgent?: string;
  /** Anything else worth keeping; never a password, a token or a session id. */
  detail?: Record<string, unknown>;
}

export type AuditRow = typeof auditLog.$inferSelect;

/** The fields a row's hash covers, in a fixed order. */
function hashedFields(row: Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>): string {
  return JSON.stringify([
    row.at,
    row.userId,
    row.username,
    row.role,
    row.hospitalId,
    row.hospitalName,
    row.action,
    row.objectType,
    row.objectId,
    row.version,
    row.address,
    row.userAgent,
    row.outcome,
    row.detail,
  ]);
}

export function rowHash(prevHash: string, row: Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(`${prevHash}\n${hashedFields(row)}`)
    .digest('hex');
}

/**
 * Appends one event, chained to the last row, in one immediate transaction (no other writer
 * can slip a row in between reading the last hash and writing this one).
 */
export function appendAudit(event: AuditEvent, now: Date = new Date(), db: Db = getDb()): AuditRow {
  return db.transaction(
    (tx) => {
      const last = tx
        .select({ hash: auditLog.hash })
        .from(auditLog)
        .orderBy(desc(auditLog.seq))
        .limit(1)
        .get();
      const fields = {
        at: now.toISOString(),
        userId: event.userId ?? null,
        username: event.username ?? '',
        role: event.role ?? '',
        hospitalId: event.hospitalId ?? null,
        hospitalName: event.hospitalName ?? '',
        action: event.action,
        objectType: event.objectType ?? '',
        objectId: event.objectId ?? '',
        version: event.version ?? null,
        address: event.address ?? '',
        userAgent: (event.userAgent ?? '').slice(0, 500),
        outcome: event.outcome,
        detail: JSON.stringify(event.detail ?? {}),
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      return tx
        .insert(auditLog)
        .values({ ...fields, prevHash, hash: rowHash(prevHash, fields) })
        .returning()
        .get();
    },
    { behavior: 'immediate' },
  );
}

export type ChainCheck =
  { ok: true; rows: number } | { ok: false; rows: number; seq: number; reason: 'hash' | 'link' | 'start' };

/**
 * Walks the chain in order: the first row whose own hash does not match its fields ('hash'), or
 * whose link does not match the row before ('link'), or a first row that chains from neither
 * the start nor a logged purge ('start').
 */
export function verifyAuditChain(db: Db = getDb()): ChainCheck {
  const anchors = new Set([GENESIS_HASH]);
  for (const purge of db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(eq(auditLog.action, 'audit.purge'))
    .all()) {
    const anchor = (JSON.parse(purge.detail) as { anchor?: unknown }).anchor;
    if (typeof anchor === 'string') anchors.add(anchor);
  }
  let previous: string | null = null;
  let rows = 0;
  // In pages, so a long log never has to fit in memory at once.
  for (let after = 0; ;) {
    const page = db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(5000)
      .all();
    if (page.length === 0) break;
    for (const row of page) {
      rows++;
      const { seq, hash, prevHash, ...fields } = row;
      if (previous === null ? !anchors.has(prevHash) : prevHash !== previous)
        return { ok: false, rows, seq, reason: previous === null ? 'start' : 'link' };
      if (rowHash(prevHash, fields) !== hash) return { ok: false, rows, seq, reason: 'hash' };
      previous = hash;
    }
    after = page[page.length - 1]!.seq;
  }
  return { ok: true, rows };
}

/**
 * Removes the rows older than `before` (at least 180 days ago: the database refuses younger),
 * and logs the purge with the hash the first kept row chains from.
 */
export function purgeAudit(
  before: Date,
  actor: Pick<AuditEvent, 'userId' | 'username' | 'role' | 'address' | 'userAgent'>,
  now: Date = new Date(),
  db: Db = getDb(),
): { removed: number } | { refused: 'tooRecent' } {
  const limit = new Date(now.getTime() - AUDIT_RETENTION_DAYS * 24 * 3600 * 1000);
  if (before > limit) return { refused: 'tooRecent' };
  const cutoff = before.toISOString();
  const removed = db.transaction(
    (tx) => {
      const doomed = tx
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(lt(auditLog.at, cutoff))
        .get()!.n;
      tx.delete(auditLog).where(lt(auditLog.at, cutoff)).run();
      return doomed;
    },
    { behavior: 'immediate' },
  );
  const firstKept = db
    .select({ prevHash: auditLog.prevHash })
    .from(auditLog)
    .orderBy(asc(auditLog.seq))
    .limit(1)
    .get();
  appendAudit(
    {
      ...actor,
      action: 'audit.purge',
      outcome: 'success',
      detail: { before: cutoff, removed, anchor: firstKept?.prevHash ?? GENESIS_HASH },
    },
    now,
    db,
  );
  return { removed };
}
