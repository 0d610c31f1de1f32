/**
 * Who may do what. Hospital roles are per hospital; the three system roles are kept apart, as
 * 等保 2.0 asks (§8.1.4.2: the least privilege each needs; system, security and audit
 * administration separated).
 */
import type { Lang } from '~/engine/text';

export const HOSPITAL_ROLES = ['viewer', 'planner', 'approver', 'hospital-admin'] as const;
export type HospitalRole = (typeof HOSPITAL_ROLES)[number];
export const SYSTEM_ROLES = ['system-admin', 'security-admin', 'audit-admin'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];
export type Role = HospitalRole | SystemRole;

export const isHospitalRole = (value: unknown): value is HospitalRole =>
  (HOSPITAL_ROLES as readonly unknown[]).includes(value);
export const isSystemRole = (value: unknown): value is SystemRole =>
  (SYSTEM_ROLES as readonly unknown[]).includes(value);

export const ROLE_LABELS: Record<Role, Record<Lang, string>> = {
  viewer: { 'zh-CN': '查看者', en: 'Viewer' },
  planner: { 'zh-CN': '规划者', en: 'Planner' },
  approver: { 'zh-CN': '审批者', en: 'Approver' },
  'hospital-admin': { 'zh-CN': '医院管理员', en: 'Hospital admin' },
  'system-admin': { 'zh-CN': '系统管理员', en: 'System admin' },
  'security-admin': { 'zh-CN': '安全管理员', en: 'Security admin' },
  'audit-admin': { 'zh-CN': '审计管理员', en: 'Audit admin' },
};

export type Action =
  | 'read'
  | 'export'
  | 'runWhatIf'
  | 'save'
  | 'import'
  | 'share'
  | 'manageShares'
  | 'submit'
  | 'approve'
  | 'manageHospitalUsers'
  | 'manageSettings'
  | 'manageHospitals'
  | 'manageAccounts'
  | 'readAudit'
  | 'exportAudit'
  | 'purgeAudit';

const READING: Action[] = ['read', 'export', 'runWhatIf'];

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(READING),
  planner: new Set([...READING, 'save', 'import', 'share', 'manageShares', 'submit']),
  approver: new Set([...READING, 'approve']),
  'hospital-admin': new Set([...READING, 'manageShares', 'manageHospitalUsers']),
  'system-admin': new Set(['manageSettings', 'manageHospitals']),
  'security-admin': new Set(['manageAccounts']),
  'audit-admin': new Set(['readAudit', 'exportAudit', 'purgeAudit']),
};

export const can = (role: Role, action: Action): boolean => ALLOWED[role].has(action);

/** Roles ordered by what they may do in a hospital, for "at most the user's role" (API tokens). */
export function roleCovers(held: HospitalRole, asked: HospitalRole): boolean {
  return [...ALLOWED[asked]].every((action) => ALLOWED[held].has(action));
}
