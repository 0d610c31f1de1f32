/**
 * Accounts on a real SQLite file: a new account's one-time password (to be changed), the first
 * system admin of a new database (from PLANNER_ADMIN_PASSWORD, or one-time), API tokens scoped to
 * one hospital and at most the user's role there, and `npm run users` for scripts.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { verifyPassword } from '~/auth/password.server';
import { tokenHash } from '~/auth/tokens.server';
import { getDb } from '~/db.server';
import { DEMO_HOSPITAL, ensureHospital, findHospitalByName } from '~/models/hospitals.server';
import {
  createApiToken,
  createUser,
  ensureFirstAdmin,
  findUser,
  membershipsOf,
  setMembership,
} from '~/models/users.server';

import { apiTokens } from '../../db/schema';
import { closeAndRemoveTempDatabases, ROOT, sqlite, useTempDatabase } from './helpers';

useTempDatabase('users');
afterAll(() => closeAndRemoveTempDatabases());

describe('accounts', () => {
  it(
    'the first start makes admin from PLANNER_ADMIN_PASSWORD, planner of the demo hospital; once',
    { timeout: 30_000 },
    async () => {
      const made = await ensureFirstAdmin({ PLANNER_ADMIN_PASSWORD: 'Automation-Pass-2026' });
      expect(made).toEqual({ created: true, oneTimePassword: null });
      const admin = findUser(getDb(), 'ADMIN')!;
      expect(admin).toMatchObject({
        username: 'admin',
        systemRole: 'system-admin',
        mustChangePassword: false,
      });
      expect(await verifyPassword(admin.passwordHash!, 'Automation-Pass-2026')).toBe(true);
      expect(membershipsOf(getDb(), admin.id)).toEqual([
        { hospitalId: findHospitalByName(getDb(), DEMO_HOSPITAL)!.id, role: 'planner' },
      ]);
      // The audit log says the server made it, and how its password was chosen (never the password).
      const made1 = sqlite()
        .prepare(`SELECT * FROM audit_log WHERE action = 'account.create' AND object_id = 'admin'`)
        .all() as { username: string; detail: string }[];
      expect(made1).toHaveLength(1);
      expect(made1[0]!.username).toBe('first start');
      expect(made1[0]!.detail).toContain('PLANNER_ADMIN_PASSWORD');
      expect(made1[0]!.detail).not.toContain('Automation-Pass-2026');
      expect(await ensureFirstAdmin({})).toEqual({ created: false });
    },
  );

  it(
    'a new account gets a one-time password to change; names are unique as people read them',
    { timeout: 30_000 },
    async () => {
      const made = await createUser({ username: '张医生' });
      if (made.status !== 'created') throw new Error(made.status);
      expect(made.oneTimePassword).toMatch(/^\S{16}$/);
      expect(made.user.mustChangePassword).toBe(true);
      expect(made.user.passwordHash).not.toContain(made.oneTimePassword!);
      expect(await verifyPassword(made.user.passwordHash!, made.oneTimePassword!)).toBe(true);
      expect((await createUser({ username: ' 张医生' })).status).toBe('exists');
      expect((await createUser({ username: 'a b' })).status).toBe('badName');
    },
  );

  it(
    'an API token is shown once, stored as its SHA-256, for one hospital, at most the holder’s role',
    { timeout: 30_000 },
    async () => {
      const made = await createUser({ username: 'viewer1' });
      if (made.status !== 'created') throw new Error(made.status);
      const hospital = ensureHospital(getDb(), '青山县人民医院');
      expect(createApiToken(getDb(), made.user, hospital)).toEqual({ status: 'notMember' });
      setMembership(getDb(), made.user.id, hospital.id, 'viewer');
      expect(createApiToken(getDb(), made.user, hospital, { role: 'planner' })).toEqual({
        status: 'roleTooHigh',
        held: 'viewer',
      });
      const token = createApiToken(getDb(), made.user, hospital);
      if (token.status !== 'created') throw new Error(token.status);
      expect(token.token).toMatch(/^hap_[A-Za-z0-9_-]{43}$/);
      const stored = getDb().select().from(apiTokens).all();
      expect(stored.map((t) => t.tokenHash)).toContain(tokenHash(token.token));
      expect(JSON.stringify(stored)).not.toContain(token.token);
    },
  );
});

describe('npm run users', () => {
  const users = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/users.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env },
      encoding: 'utf8',
      timeout: 90_000,
    });

  it(
    'creates an account and its hospital, prints only its one-time password, and a token',
    { timeout: 180_000 },
    () => {
      const created = users('create', 'li.planner', '--hospital', '白云镇卫生院', '--role', 'planner');
      expect(created.status).toBe(0);
      expect(created.stdout).toMatch(/^\S{16}\n$/);
      const token = users('token', 'li.planner');
      expect(token.status).toBe(0);
      expect(token.stdout).toMatch(/^hap_[A-Za-z0-9_-]{43}\n$/);
      const listed = users('list');
      expect(listed.stdout).toContain('li.planner (must change password)\t白云镇卫生院: planner');
      const locked = users('lock', 'li.planner');
      expect(locked.stdout).toBe('li.planner locked\n');
      expect(users('list').stdout).toContain('li.planner (locked)');
      expect(users('unlock', 'LI.PLANNER').stdout).toBe('li.planner unlocked\n');
      // Each account, token and lock made from the command line is in the audit log, with who ran it
      // (and never the password or the token).
      const rows = (getDb() as unknown as { $client: import('better-sqlite3').Database }).$client
        .prepare(
          "SELECT action, username, object_id AS object, detail FROM audit_log WHERE (action LIKE 'account.%' OR action = 'token.create') AND username <> 'first start' ORDER BY seq",
        )
        .all() as { action: string; username: string; object: string; detail: string }[];
      expect(rows.map((r) => [r.action, r.object])).toEqual([
        ['account.create', 'li.planner'],
        ['token.create', expect.any(String)],
        ['account.lock', 'li.planner'],
        ['account.unlock', 'li.planner'],
      ]);
      expect(rows.every((r) => r.username.startsWith('command line ('))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(token.stdout.trim());
      expect(JSON.stringify(rows)).not.toContain(created.stdout.trim());
      const refused = users('create', 'x2', '--role', 'boss', '--hospital', 'h');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('--role must be one of viewer, planner, approver, hospital-admin');
    },
  );
});
