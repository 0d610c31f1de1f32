/** The administration pages' words, in both languages (kept apart from the planner's own). */
import type { Lang } from '~/engine/text';
import { useLang } from '~/i18n/ui';

const WORDS = {
  accountsTitle: { 'zh-CN': '账号管理', en: 'Accounts' },
  accountsIntro: {
    'zh-CN': '新建账号、锁定和解锁、重置密码，以及全系统的密码和锁定策略。所有操作都记入审计日志。',
    en: 'Make accounts, lock and unlock them, reset passwords, and set the password and lockout policy. Every change goes to the audit log.',
  },
  policyTitle: { 'zh-CN': '密码与锁定策略', en: 'Password and lockout policy' },
  minLength: { 'zh-CN': '密码最短长度', en: 'Shortest password' },
  minKinds: { 'zh-CN': '至少包含的字符种类（共 4 种）', en: 'Kinds of character needed (of 4)' },
  maxFailures: { 'zh-CN': '连续失败几次后锁定', en: 'Failures before a lock' },
  lockMinutes: { 'zh-CN': '锁定时长（分钟）', en: 'Lock length (minutes)' },
  savePolicy: { 'zh-CN': '保存策略', en: 'Save the policy' },
  policySaved: { 'zh-CN': '策略已保存，立即生效。', en: 'The policy is saved and applies at once.' },
  policyOutOfRange: {
    'zh-CN': '策略超出允许范围：密码至少 8 位、至少 2 种字符；失败 3–10 次锁定；锁定 5–1440 分钟。',
    en: 'Out of range: passwords of at least 8 characters and 2 kinds; 3–10 failures; a lock of 5–1440 minutes.',
  },
  newAccount: { 'zh-CN': '新建账号', en: 'New account' },
  fullName: { 'zh-CN': '姓名（记在保存和审批上）', en: 'Full name (shown on saves and approvals)' },
  kindHospital: { 'zh-CN': '医院用户', en: 'Hospital user' },
  kindSystem: { 'zh-CN': '系统管理角色', en: 'System role' },
  hospitalRole: { 'zh-CN': '医院角色', en: 'Role in the hospital' },
  systemRole: { 'zh-CN': '系统角色', en: 'System role' },
  create: { 'zh-CN': '新建', en: 'Create' },
  accountNeedsRole: {
    'zh-CN': '请为医院用户选择医院和角色，或为系统账号选择系统角色。',
    en: 'Choose a hospital and a role for a hospital user, or a system role.',
  },
  accountBadName: {
    'zh-CN': '用户名须为 2–64 个字母、数字或 . _ @ - 字符。',
    en: 'A user name is 2 to 64 letters, digits or . _ @ -.',
  },
  accountExists: { 'zh-CN': '已有名为“{name}”的账号。', en: 'There is already an account called “{name}”.' },
  fromDirectory: { 'zh-CN': '统一身份认证（LDAP）', en: 'directory (LDAP)' },
  accountFromDirectory: {
    'zh-CN': '“{name}”是统一身份认证（LDAP 目录）账号，密码只能在目录中重置。',
    en: '“{name}” is a directory (LDAP) account: its password is reset in the directory.',
  },
  accountNotYourself: {
    'zh-CN': '不能锁定自己的账号或重置自己的密码。',
    en: 'You cannot lock your own account or reset your own password.',
  },
  accountLocked: { 'zh-CN': '已锁定 {name}，其会话已结束。', en: '{name} is locked and signed out.' },
  accountUnlocked: { 'zh-CN': '已解锁 {name}。', en: '{name} is unlocked.' },
  oneTimePassword: {
    'zh-CN': '{name} 的一次性密码（只显示这一次，请当面或通过安全渠道交给本人；首次登录须修改）：',
    en: 'One-time password for {name} (shown this once; hand it over in person or by a safe channel; it must be changed at first login):',
  },
  roles: { 'zh-CN': '角色', en: 'Roles' },
  state: { 'zh-CN': '状态', en: 'State' },
  stateOk: { 'zh-CN': '正常', en: 'active' },
  stateDisabled: { 'zh-CN': '已锁定（管理员）', en: 'locked by an admin' },
  stateLockedUntil: { 'zh-CN': '失败过多，锁定至 {time}', en: 'too many failures: locked until {time}' },
  stateMustChange: { 'zh-CN': '待修改一次性密码', en: 'one-time password to change' },
  twoFactor: { 'zh-CN': '第二因素', en: '2nd factor' },
  yes: { 'zh-CN': '已设置', en: 'yes' },
  no: { 'zh-CN': '未设置', en: 'no' },
  lock: { 'zh-CN': '锁定', en: 'Lock' },
  unlock: { 'zh-CN': '解锁', en: 'Unlock' },
  resetPassword: { 'zh-CN': '重置密码', en: 'Reset password' },
  membersTitle: { 'zh-CN': '本院成员与角色', en: 'Members and roles' },
  membersIntro: {
    'zh-CN':
      '为本院已有账号分配角色：查看者只读；规划者编辑方案、导入数据、创建分享链接；审批者批准或退回版本；医院管理员管理本院成员。新账号由安全管理员创建。',
    en: 'Give existing accounts a role in this hospital: viewers read; planners edit cases, import data and share; approvers approve or return versions; hospital admins manage members. The security admin makes new accounts.',
  },
  addMember: { 'zh-CN': '添加成员', en: 'Add a member' },
  saveRole: { 'zh-CN': '保存角色', en: 'Save the role' },
  removeMember: { 'zh-CN': '移出本院', en: 'Remove' },
  memberSaved: { 'zh-CN': '{name} 现为本院{role}。', en: '{name} is now {role} here.' },
  memberRemoved: { 'zh-CN': '{name} 已移出本院。', en: '{name} no longer belongs to this hospital.' },
  noSuchUser: {
    'zh-CN': '没有名为“{name}”的账号；请先请安全管理员创建。',
    en: 'No account is called “{name}”; ask the security admin to make it first.',
  },
  notYourOwnRole: { 'zh-CN': '不能更改自己的角色。', en: 'You cannot change your own role.' },
  systemAccountNoHospital: {
    'zh-CN': '系统管理账号不能在医院中担任角色（三类管理员与业务用户分离）。',
    en: 'A system account takes no role in a hospital (administration is kept apart from the work).',
  },
  hospitalsTitle: { 'zh-CN': '医院', en: 'Hospitals' },
  hospitalsIntro: {
    'zh-CN': '使用本系统的医院。每家医院拥有自己的规划方案、数据和分享链接，彼此不可见。',
    en: 'The hospitals using this app. Each owns its cases, data and share links, unseen by the others.',
  },
  hospitalName: { 'zh-CN': '医院名称', en: 'Hospital name' },
  addHospital: { 'zh-CN': '添加医院', en: 'Add a hospital' },
  hospitalAdded: { 'zh-CN': '已添加 {name}。', en: '{name} is added.' },
  hospitalExists: { 'zh-CN': '已有同名医院：{name}。', en: 'There is already a hospital called {name}.' },
  hospitalNameBad: { 'zh-CN': '请填写 1–100 个字符的医院名称。', en: 'Give a name of 1 to 100 characters.' },
  scenarioCount: { 'zh-CN': '规划方案', en: 'Cases' },
  memberCount: { 'zh-CN': '成员', en: 'Members' },
} as const satisfies Record<string, Record<Lang, string>>;

export type AdminWord = keyof typeof WORDS;

export function adminText(lang: Lang, key: AdminWord, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function useAdminText() {
  const lang = useLang();
  return (key: AdminWord, params?: Record<string, string | number>) => adminText(lang, key, params);
}
