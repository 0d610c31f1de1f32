/**
 * What the audit admin reads of the log: filtered by user, action, object and time, newest
 * first, a page at a time; and the same rows as CSV (UTF-8 with BOM, for Excel).
 */
import { beijingTime } from '~/i18n/time';
import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import { isHospitalRole, isSystemRole, ROLE_LABELS, type Role } from '~/auth/roles';
import { csvDocument } from '~/engine/csv';
import type { Lang } from '~/engine/text';
import { getDb, type Db } from '~/db.server';

import { auditLog } from '../../db/schema';
import type { AuditRow } from './audit-log.server';
import { auditActionLabel, auditOutcomeLabel } from './labels';

const day = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)
  // A day that exists: 2026-02-30 is refused, not read as 2 March.
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  });

/** The filters as the page's address carries them; each bad one is named. */
export const auditFilters = z.object({
  user: z.string().trim().max(64).optional(),
  action: z
    .string()
    .regex(/^[a-z.]{1,40}$/i)
    .optional(),
  object: z.string().trim().max(100).optional(),
  /** Days in Beijing time (the hospital's), from and to inclusive. */
  from: day.optional(),
  to: day.optional(),
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;

const isRole = (role: string): role is Role => isHospitalRole(role) || isSystemRole(role);

export const AUDIT_PAGE_SIZE = 100;
/** A CSV holds at most this many rows; narrow the filters for more. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

/** Beijing midnight of a day, as the UTC instant the log stores. */
const beijingMidnight = (d: string, plusDays = 0) =>
  new Date(new Date(`${d}T00:00:00+08:00`).getTime() + plusDays * 86_400_000).toISOString();

/** LIKE with the user's text taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: AuditFilters): SQL | undefined {
  const parts: SQL[] = [];
  if (f.user) parts.push(sql`${auditLog.username} LIKE ${contains(f.user)} ESCAPE '\\'`);
  if (f.action) parts.push(eq(auditLog.action, f.action));
  if (f.object)
    parts.push(
      or(
        sql`${auditLog.objectId} LIKE ${contains(f.object)} ESCAPE '\\'`,
        sql`${auditLog.objectType} LIKE ${contains(f.object)} ESCAPE '\\'`,
      )!,
    );
  if (f.from) parts.push(gte(auditLog.at, beijingMidnight(f.from)));
  if (f.to) parts.push(lt(auditLog.at, beijingMidnight(f.to, 1)));
  return parts.length ? and(...parts) : undefined;
}

export function queryAudit(
  f: AuditFilters,
  db: Db = getDb(),
): { rows: AuditRow[]; total: number; page: number; pages: number; actions: string[] } {
  const condition = where(f);
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(condition)
    .get()!.n;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(f.page ?? 1, pages);
  const rows = db
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.seq))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const actions = db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
  return { rows, total, page, pages, actions };
}

const HEAD = {
  'zh-CN': [
    '序号',
    '时间（北京时间）',
    '用户',
    '角色',
    '医院',
    '操作',
    '对象类型',
    '对象',
    '版本',
    '客户端地址',
    '浏览器',
    '结果',
    '详情',
    '本行哈希',
  ],
  en: [
    'No.',
    'Time (Beijing)',
    'User',
    'Role',
    'Hospital',
    'Action',
    'Object type',
    'Object',
    'Version',
    'Client address',
    'User agent',
    'Outcome',
    'Detail',
    'Row hash',
  ],
} as const;

export function auditCsv(
  f: AuditFilters,
  lang: Lang,
  db: Db = getDb(),
): { csv: string; rows: number; cut: boolean } {
  const rows = db
    .select()
    .from(auditLog)
    .where(where(f))
    .orderBy(desc(auditLog.seq))
    .limit(AUDIT_CSV_MAX_ROWS + 1)
    .all();
  const cut = rows.length > AUDIT_CSV_MAX_ROWS;
  const kept = rows.slice(0, AUDIT_CSV_MAX_ROWS);
  const csv = csvDocument([
    [...HEAD[lang]],
    ...kept.map((r) => [
      r.seq,
      beijingTime(r.at),
      r.username,
      isRole(r.role) ? ROLE_LABELS[r.role][lang] : r.role,
      r.hospitalName,
      auditActionLabel(r.action, lang),
      r.objectType,
      r.objectId,
      r.version,
      r.address,
      r.userAgent,
      auditOutcomeLabel(r.outcome, lang),
      r.detail,
      r.hash,
    ]),
  ]);
  return { csv, rows: kept.length, cut };
}
