/**
 * The administration pages, each its role's alone (等保 2.0: system, security and audit
 * administration apart, hospital admins for their own hospital): the security admin's accounts
 * and policy, the hospital admin's members and roles, the system admin's hospitals, and every
 * user's own API tokens. Every change is audited; anyone else gets "no such page".
 */
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { attemptLogin } from '~/auth/login.server';
import { securityPolicy } from '~/auth/security-policy.server';
import { getDb } from '~/db.server';
import { ensureHospital, findHospitalByName } from '~/models/hospitals.server';
import { findUser, roleIn } from '~/models/users.server';
import { action as accountAction, loader as accountLoader } from '~/routes/account';
import { action as accountsAction, loader as accountsLoader } from '~/routes/admin.accounts';
import { action as hospitalsAction, loader as hospitalsLoader } from '~/routes/admin.hospitals';
import { action as membersAction, loader as membersLoader } from '~/routes/admin.members';
import { loader as listScenarios } from '~/routes/api.scenarios';

import { auditLog } from '../../db/schema';
import {
  call,
  callThrowing,
  closeAndRemoveTempDatabases,
  countRows,
  makeRequest,
  signInAs,
  useTempDatabase,
  type TestIdentity,
} from './helpers';

useTempDatabase('admin-pages');
afterAll(() => closeAndRemoveTempDatabases());

let security: TestIdentity;
let system: TestIdentity;
let auditor: TestIdentity;
let hospitalAdmin: TestIdentity;
let planner: TestIdentity;

beforeAll(() => {
  security = signInAs('安全员', { systemRole: 'security-admin' });
  system = signInAs('系统员', { systemRole: 'system-admin' });
  auditor = signInAs('审计员', { systemRole: 'audit-admin' });
  hospitalAdmin = signInAs('院管', { hospital: '示例医院', role: 'hospital-admin' });
  planner = signInAs('规划员', { hospital: '示例医院', role: 'planner' });
});

const post = (path: string, as: TestIdentity, fields: Record<string, string>) =>
  makeRequest(path, {
    as,
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'zh-CN' },
  });
const lastAudit = () => getDb().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get()!;

type Reply = { error: string | null; done: string | null; oneTimePassword?: string | null };

describe('each administration page is its role’s alone', () => {
  it('anyone else gets no such page (logged); someone not signed in is sent to log in', async () => {
    const pages = [
      { loader: accountsLoader, path: '/admin/accounts', allowed: () => security },
      { loader: hospitalsLoader, path: '/admin/hospitals', allowed: () => system },
      { loader: membersLoader, path: '/admin/members', allowed: () => hospitalAdmin },
    ];
    for (const page of pages) {
      expect((await call(page.loader as never, makeRequest(page.path, { as: page.allowed() }))).status).toBe(
        200,
      );
      for (const other of [security, system, auditor, hospitalAdmin, planner].filter(
        (x) => x !== page.allowed(),
      )) {
        const denied = await callThrowing(page.loader as never, makeRequest(page.path, { as: other }));
        expect(denied.status, `${page.path} as ${other.username}`).toBe(404);
        expect(lastAudit()).toMatchObject({ action: 'access.denied', username: other.username });
      }
      const anonymous = await callThrowing(page.loader as never, makeRequest(page.path, { as: 'anonymous' }));
      expect(anonymous.status).toBe(302);
    }
  });
});

describe('the security admin', () => {
  it('makes an account with a one-time password shown once, which must be changed', async () => {
    const made = await call<Reply>(
      accountsAction,
      post('/admin/accounts', security, {
        intent: 'create',
        username: '新医生',
        displayName: '李医生',
        kind: 'hospital',
        hospitalId: findHospitalByName(getDb(), '示例医院')!.id,
        role: 'viewer',
      }),
    );
    expect(made.status).toBe(200);
    expect(made.body.oneTimePassword).toMatch(/^\S{12,}$/);
    const user = findUser(getDb(), '新医生')!;
    expect(user.mustChangePassword).toBe(true);
    // The name saves and approvals are recorded under.
    expect(user.displayName).toBe('李医生');
    expect(roleIn(getDb(), user.id, findHospitalByName(getDb(), '示例医院')!.id)).toBe('viewer');
    expect(lastAudit()).toMatchObject({ action: 'account.create', username: '安全员', objectId: '新医生' });
    expect(JSON.stringify(lastAudit())).not.toContain(made.body.oneTimePassword!);
    const again = await call<Reply>(
      accountsAction,
      post('/admin/accounts', security, {
        intent: 'create',
        username: '新医生',
        kind: 'system',
        systemRole: 'audit-admin',
      }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('已有名为“新医生”的账号。');
  });

  it('locks and unlocks an account (a lock ends its sessions), resets a password, never their own', async () => {
    const user = findUser(getDb(), '规划员')!;
    const locked = await call<Reply>(
      accountsAction,
      post('/admin/accounts', security, { intent: 'lock', userId: user.id }),
    );
    expect(locked.status).toBe(200);
    // The planner's session is gone: the API no longer knows them.
    expect((await call(listScenarios, makeRequest('/api/scenarios', { as: planner }))).status).toBe(401);
    await call(accountsAction, post('/admin/accounts', security, { intent: 'unlock', userId: user.id }));
    expect(findUser(getDb(), '规划员')!.disabled).toBe(false);
    const reset = await call<Reply>(
      accountsAction,
      post('/admin/accounts', security, { intent: 'resetPassword', userId: user.id }),
    );
    expect(reset.body.oneTimePassword).toBeTruthy();
    expect(findUser(getDb(), '规划员')!.mustChangePassword).toBe(true);
    expect(lastAudit()).toMatchObject({ action: 'password.reset', objectId: '规划员' });
    const self = await call<Reply>(
      accountsAction,
      post('/admin/accounts', security, { intent: 'lock', userId: findUser(getDb(), '安全员')!.id }),
    );
    expect(self.status).toBe(400);
    expect(findUser(getDb(), '安全员')!.disabled).toBe(false);
  });

  it('sets the lockout policy, which the next login obeys; a policy out of range is refused, storing nothing', async () => {
    const out = await call<Reply>(
      accountsAction,
      post('/admin/accounts', security, {
        intent: 'policy',
        minLength: '6',
        minKinds: '3',
        maxFailures: '5',
        lockMinutes: '15',
      }),
    );
    expect(out.status).toBe(400);
    expect(countRows('settings')).toBe(0);
    const saved = await call<Reply>(
      accountsAction,
      post('/admin/accounts', security, {
        intent: 'policy',
        minLength: '12',
        minKinds: '3',
        maxFailures: '3',
        lockMinutes: '30',
      }),
    );
    expect(saved.status).toBe(200);
    expect(securityPolicy()).toEqual({ minLength: 12, minKinds: 3, maxFailures: 3, lockMinutes: 30 });
    expect(lastAudit()).toMatchObject({ action: 'settings.security' });
    const client = { address: '', userAgent: 'test' };
    const now = new Date();
    let outcome = await attemptLogin({ username: '新医生', password: 'wrong' }, client, now);
    outcome = await attemptLogin({ username: '新医生', password: 'wrong' }, client, now);
    expect(outcome.status).toBe('refused');
    outcome = await attemptLogin({ username: '新医生', password: 'wrong' }, client, now);
    expect(outcome).toEqual({ status: 'locked', minutes: 30 });
  }, 30_000);
});

describe('the hospital admin', () => {
  it('gives an existing account a role in their hospital, changes and removes it; never a system account’s', async () => {
    const demo = findHospitalByName(getDb(), '示例医院')!;
    const given = await call<Reply>(
      membersAction,
      post('/admin/members', hospitalAdmin, {
        intent: 'setRole',
        hospitalId: demo.id,
        username: '新医生',
        role: 'approver',
      }),
    );
    expect(given.body.done).toBe('新医生 现为本院审批者。');
    expect(roleIn(getDb(), findUser(getDb(), '新医生')!.id, demo.id)).toBe('approver');
    expect(lastAudit()).toMatchObject({ action: 'role.change', objectId: '新医生' });
    const system = await call<Reply>(
      membersAction,
      post('/admin/members', hospitalAdmin, {
        intent: 'setRole',
        hospitalId: demo.id,
        username: '审计员',
        role: 'viewer',
      }),
    );
    expect(system.status).toBe(400);
    const unknown = await call<Reply>(
      membersAction,
      post('/admin/members', hospitalAdmin, {
        intent: 'setRole',
        hospitalId: demo.id,
        username: '无此人',
        role: 'viewer',
      }),
    );
    expect(unknown.status).toBe(404);
    const removed = await call<Reply>(
      membersAction,
      post('/admin/members', hospitalAdmin, { intent: 'remove', hospitalId: demo.id, username: '新医生' }),
    );
    expect(removed.status).toBe(200);
    expect(roleIn(getDb(), findUser(getDb(), '新医生')!.id, demo.id)).toBeNull();
    // Another hospital is not theirs: no such page.
    const other = await callThrowing(
      membersAction,
      post('/admin/members', hospitalAdmin, {
        intent: 'setRole',
        hospitalId: ensureHospital(getDb(), '别院').id,
        username: '新医生',
        role: 'planner',
      }),
    );
    expect(other.status).toBe(404);
  });
});

describe('the system admin', () => {
  it('adds a hospital, once', async () => {
    const added = await call<Reply>(
      hospitalsAction,
      post('/admin/hospitals', system, { intent: 'add', name: '青山县人民医院' }),
    );
    expect(added.body.done).toBe('已添加 青山县人民医院。');
    const again = await call<Reply>(
      hospitalsAction,
      post('/admin/hospitals', system, { intent: 'add', name: ' 青山县人民医院 ' }),
    );
    expect(again.status).toBe(409);
    const list = await call<{ hospitals: { name: string; cases: number }[] }>(
      hospitalsLoader,
      makeRequest('/admin/hospitals', { as: system }),
    );
    expect(list.body.hospitals.find((h) => h.name === '示例医院')!.cases).toBe(5);
  });
});

describe('a user’s own API tokens', () => {
  it('made with at most their role, shown once, listed with their last use, revoked', async () => {
    planner = signInAs('令牌用户', { hospital: '示例医院', role: 'planner' });
    const demo = findHospitalByName(getDb(), '示例医院')!;
    const tooHigh = await call<{ error: string | null; token: string | null }>(
      accountAction,
      post('/account', planner, { intent: 'createToken', hospitalId: demo.id, role: 'approver', name: 'x' }),
    );
    expect(tooHigh.status).toBe(403);
    const made = await call<{ error: string | null; token: string | null }>(
      accountAction,
      post('/account', planner, {
        intent: 'createToken',
        hospitalId: demo.id,
        role: 'viewer',
        name: '统计脚本',
      }),
    );
    expect(made.body.token).toMatch(/^hap_/);
    expect(JSON.stringify(lastAudit())).not.toContain(made.body.token!);
    const used = await call(
      listScenarios,
      makeRequest('/api/scenarios', { headers: { Authorization: `Bearer ${made.body.token}` } }),
    );
    expect(used.status).toBe(200);
    const page = await call<{
      tokens: { id: string; name: string; lastUsedAt: string | null; revoked: boolean }[];
    }>(accountLoader, makeRequest('/account', { as: planner }));
    const listed = page.body.tokens.find((t) => t.name === '统计脚本')!;
    expect(listed.lastUsedAt).not.toBeNull();
    expect(page.text).not.toContain(made.body.token!);
    await call(accountAction, post('/account', planner, { intent: 'revokeToken', tokenId: listed.id }));
    const after = await call(
      listScenarios,
      makeRequest('/api/scenarios', { headers: { Authorization: `Bearer ${made.body.token}` } }),
    );
    expect(after.status).toBe(401);
    // Someone else's token is not theirs to revoke.
    const other = await call(
      accountAction,
      post('/account', hospitalAdmin, { intent: 'revokeToken', tokenId: listed.id }),
    );
    expect(other.status).toBe(404);
  });
});
