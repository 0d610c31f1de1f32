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
  'csrf.refused': { 'zh-CN': '拒绝无令牌的提交', en: 'Form without its token refused' },
  'token.refused': { 'zh-CN': '拒绝无效令牌', en: 'Invalid API token refused' },
  'token.revoke': { 'zh-CN': '撤销 API 令牌', en: 'API token revoked' },
  'password.reset': { 'zh-CN': '重置密码', en: 'Password reset by an admin' },
  'role.change': { 'zh-CN': '角色变更', en: 'Role changed' },
  'role.remove': { 'zh-CN': '移出医院', en: 'Removed from a hospital' },
  'settings.security': { 'zh-CN': '修改安全策略', en: 'Security policy changed' },
  'hospital.create': { 'zh-CN': '添加医院', en: 'Hospital added' },
  'scenario.create': { 'zh-CN': '新建规划', en: 'Case created' },
  'scenario.save': { 'zh-CN': '保存新版本', en: 'Version saved' },
  'scenario.calibrate': { 'zh-CN': '按数据校准', en: 'Calibrated from data' },
  'scenario.archive': { 'zh-CN': '归档规划', en: 'Case archived' },
  'scenario.restore': { 'zh-CN': '恢复规划', en: 'Case restored' },
  'scenario.restore-version': { 'zh-CN': '恢复旧版本', en: 'Old version restored' },
  'portfolio.create': { 'zh-CN': '新建组合规划', en: 'Portfolio created' },
  'portfolio.save': { 'zh-CN': '保存组合规划新版本', en: 'Portfolio version saved' },
  'dataset.import': { 'zh-CN': '导入数据', en: 'Data imported' },
  'dataset.delete': { 'zh-CN': '删除数据集', en: 'Dataset deleted' },
  'share.create': { 'zh-CN': '创建分享链接', en: 'Share link made' },
  'share.revoke': { 'zh-CN': '撤销分享链接', en: 'Share link revoked' },
  'version.submit': { 'zh-CN': '提交审批', en: 'Submitted for approval' },
  'version.approve': { 'zh-CN': '批准版本', en: 'Version approved' },
  'version.return': { 'zh-CN': '退回版本', en: 'Version returned' },
  export: { 'zh-CN': '导出', en: 'Export' },
};

const OUTCOMES: Record<string, Record<Lang, string>> = {
  success: { 'zh-CN': '成功', en: 'Success' },
  failure: { 'zh-CN': '失败', en: 'Failure' },
  denied: { 'zh-CN': '拒绝', en: 'Denied' },
};

export const auditActionLabel = (action: string, lang: Lang): string => ACTIONS[action]?.[lang] ?? action;
export const auditOutcomeLabel = (outcome: string, lang: Lang): string =>
  OUTCOMES[outcome]?.[lang] ?? outcome;

/** What an event was about, as the audit page names it (the id or name after it stays as stored). */
const OBJECTS: Record<string, Record<Lang, string>> = {
  scenario: { 'zh-CN': '规划', en: 'Case' },
  portfolio: { 'zh-CN': '组合规划', en: 'Portfolio' },
  dataset: { 'zh-CN': '数据集', en: 'Dataset' },
  hospital: { 'zh-CN': '医院', en: 'Hospital' },
  user: { 'zh-CN': '用户', en: 'User' },
  apiToken: { 'zh-CN': '个人令牌', en: 'Personal token' },
  api: { 'zh-CN': '接口', en: 'API' },
  page: { 'zh-CN': '页面', en: 'Page' },
  settings: { 'zh-CN': '设置', en: 'Settings' },
  auditLog: { 'zh-CN': '审计日志', en: 'Audit log' },
  share: { 'zh-CN': '分享链接', en: 'Share link' },
  version: { 'zh-CN': '版本', en: 'Version' },
  draft: { 'zh-CN': '草稿', en: 'Draft' },
};

export const auditObjectLabel = (type: string, lang: Lang): string => OBJECTS[type]?.[lang] ?? type;

/**
 * Who acted, where it was not a person's account: the server at its first start, or the users
 * script run by an operator on the server (`command line (<os user>)`, as scripts/users.ts writes it).
 */
export function auditActorLabel(username: string, lang: Lang): string {
  if (username === 'first start') return lang === 'zh-CN' ? '系统首次启动' : 'First start';
  const operator = /^command line \((.*)\)$/.exec(username);
  if (operator) return lang === 'zh-CN' ? `命令行（${operator[1]}）` : `Command line (${operator[1]})`;
  return username;
}
