/** The audit log's actions and outcomes in words. */
import type { Lang } from '~/engine/text';

const ACTIONS: Record<string, Record<Lang, string>> = {
  login: { 'zh-CN': '登录', en: 'Log in' },
  logout: { 'zh-CN': '退出', en: 'Log out' },
  lockout: { 'zh-CN': '账号锁定', en: 'Account locked' },
  'session.timeout': { 'zh-CN': '会话超时', en: 'Session timed out' },
  'password.change': { 'zh-CN': '修改密码', en: 'Password changed' },
  'totp.enrol': { 'zh-CN': '设置第二重验证', en: 'Second factor set up' },
  'account.create': { 'zh-CN': '创建账号', en: 'Account created' },
  'token.create': { 'zh-CN': '创建 API 令牌', en: 'API token created' },
  'account.lock': { 'zh-CN': '锁定账号', en: 'Account locked by an admin' },
  'account.unlock': { 'zh-CN': '解锁账号', en: 'Account unlocked' },
  'access.denied': { 'zh-CN': '越权访问', en: 'Access denied' },
  'audit.export': { 'zh-CN': '导出审计日志', en: 'Audit log exported' },
  'audit.purge': { 'zh-CN': '清理审计日志', en: 'Audit log purged' },
};

const OUTCOMES: Record<string, Record<Lang, string>> = {
  success: { 'zh-CN': '成功', en: 'Success' },
  failure: { 'zh-CN': '失败', en: 'Failure' },
  denied: { 'zh-CN': '拒绝', en: 'Denied' },
};

export const auditActionLabel = (action: string, lang: Lang): string => ACTIONS[action]?.[lang] ?? action;
export const auditOutcomeLabel = (outcome: string, lang: Lang): string =>
  OUTCOMES[outcome]?.[lang] ?? outcome;
