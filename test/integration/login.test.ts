/**
 * Logging in, out and changing a password through the routes, on a real SQLite file, with the
 * audit log checked: lockout after five failures (and its end, with an injected clock), a new
 * session id at every login, the cookie's flags, idle and absolute timeouts, CSRF on the forms.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { attemptLogin, signedIn } from '~/auth/login.server';
import { sessionIdOf } from '~/auth/sessions.server';
import { getDb } from '~/db.server';
import { createUser, setAccountLocked } from '~/models/users.server';
import * as login from '~/routes/login';
import * as logout from '~/routes/logout';
import * as password from '~/routes/password';

import { call, callThrowing, closeAndRemoveTempDatabases, makeRequest, useTempDatabase } from './helpers';

useTempDatabase('login');
afterAll(() => closeAndRemoveTempDatabases());

const sqlite = () => (getDb() as unknown as { $client: Database.Database }).$client;
const audit = () =>
  sqlite().prepare('SELECT action, outcome, username, detail FROM audit_log ORDER BY seq').all() as {
    action: string;
    outcome: string;
    username: string;
    detail: string;
  }[];
const CLIENT = { address: '10.1.2.3', userAgent: 'test' };
let oneTime = '';

beforeAll(async () => {
  const made = await createUser({ username: 'wang' });
  if (made.status !== 'created') throw new Error(made.status);
  oneTime = made.oneTimePassword!;
}, 30_000);

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'zh-CN', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const post = (route: { action: unknown }, path: string, fields: Record<string, string>, headers = {}) =>
  call<{ error?: string; errors?: string[] }>(
    route.action as never,
    makeRequest(path, form(fields, headers)),
  );
const cookieOf = (answer: { headers: Headers }) => answer.headers.get('Set-Cookie') ?? '';
const sessionFrom = (setCookie: string) => /planner_session=([^;]+)/.exec(setCookie)![1]!;

describe('logging in', () => {
  it(
    'refuses a wrong password or an unknown name with the same words, and logs both',
    { timeout: 30_000 },
    async () => {
      const wrong = await post(login, '/login', { username: 'wang', password: 'not it' });
      const unknown = await post(login, '/login', { username: 'nobody', password: 'not it' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error).toBe('用户名或密码不正确。');
      expect(unknown.body.error).toBe(wrong.body.error);
      expect(audit().slice(-2)).toEqual([
        {
          action: 'login',
          outcome: 'failure',
          username: 'wang',
          detail: '{"reason":"wrongPassword","failures":1}',
        },
        { action: 'login', outcome: 'failure', username: 'nobody', detail: '{"reason":"unknownUser"}' },
      ]);
    },
  );

  it('locks the account on the fifth failure in a row for fifteen minutes', { timeout: 60_000 }, async () => {
    for (let i = 2; i <= 4; i++)
      expect((await post(login, '/login', { username: 'wang', password: `wrong ${i}` })).status).toBe(401);
    const fifth = await post(
      login,
      '/login',
      { username: 'wang', password: 'wrong 5' },
      { 'Accept-Language': 'en' },
    );
    expect(fifth.status).toBe(429);
    expect(fifth.body.error).toBe(
      'Too many wrong passwords in a row: the account is locked; try again in 15 minutes.',
    );
    // Even the right password is refused while locked.
    expect((await post(login, '/login', { username: 'wang', password: oneTime })).status).toBe(429);
    expect(
      audit()
        .slice(-3)
        .map((r) => [r.action, r.outcome]),
    ).toEqual([
      ['login', 'failure'],
      ['lockout', 'success'],
      ['login', 'failure'],
    ]);
    // Fifteen minutes on (an injected clock), the right password works.
    const later = new Date(Date.now() + 15 * 60_000 + 1000);
    const ok = await attemptLogin({ username: 'wang', password: oneTime }, CLIENT, later);
    expect(ok).toMatchObject({ status: 'ok', mustChangePassword: true });
  });

  it(
    'sets an HttpOnly, SameSite=Lax session cookie (Secure over HTTPS) and sends a first login to change its password',
    { timeout: 30_000 },
    async () => {
      const answer = await post(login, '/login', {
        username: 'WANG',
        password: oneTime,
        redirectTo: '/reference',
      });
      expect(answer.status).toBe(302);
      expect(answer.headers.get('Location')).toBe('/password?redirectTo=%2Freference');
      const cookie = cookieOf(answer);
      expect(cookie).toMatch(
        /^planner_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/,
      );
      const https = await call(
        login.action as never,
        new Request('https://planner.example/login', form({ username: 'wang', password: oneTime })),
      );
      expect(cookieOf(https)).toContain('; Secure');
      // A login from a browser that had a session gives it a new id and ends the old one.
      const old = sessionFrom(cookie);
      const again = await post(
        login,
        '/login',
        { username: 'wang', password: oneTime },
        { Cookie: `planner_session=${old}` },
      );
      const renewed = sessionFrom(cookieOf(again));
      expect(renewed).not.toBe(old);
      const withOld = makeRequest('/', { headers: { Cookie: `planner_session=${old}` } });
      expect(signedIn(withOld, CLIENT, new Date())).toBeNull();
    },
  );
});

describe('a name that is no account', () => {
  it(
    'is locked out as an account would be, so the answers do not tell which names exist',
    { timeout: 30_000 },
    async () => {
      const answers: number[] = [];
      for (let i = 0; i < 6; i++)
        answers.push((await post(login, '/login', { username: 'ghost', password: `x${i}` })).status);
      expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
    },
  );
});

describe('an account locked by the security admin', () => {
  it(
    'cannot log in, with the same words as a wrong password, and its sessions end at once',
    { timeout: 30_000 },
    async () => {
      const made = await createUser({ username: 'locked.one', password: 'Locked-Account-2026' });
      if (made.status !== 'created') throw new Error(made.status);
      const before = await attemptLogin(
        { username: 'locked.one', password: 'Locked-Account-2026' },
        CLIENT,
        new Date(),
      );
      if (before.status !== 'ok') throw new Error(before.status);
      setAccountLocked(getDb(), made.user.id, true);
      const request = makeRequest('/', { headers: { Cookie: `planner_session=${before.sessionId}` } });
      expect(signedIn(request, CLIENT, new Date())).toBeNull();
      const refused = await post(login, '/login', {
        username: 'locked.one',
        password: 'Locked-Account-2026',
      });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toBe('用户名或密码不正确。');
      setAccountLocked(getDb(), made.user.id, false);
      expect(
        (await attemptLogin({ username: 'locked.one', password: 'Locked-Account-2026' }, CLIENT, new Date()))
          .status,
      ).toBe('ok');
    },
  );
});

describe('a session', () => {
  it(
    'ends after 30 idle minutes, and after 12 hours whatever its use; each timeout is logged',
    { timeout: 30_000 },
    async () => {
      const t0 = new Date();
      const ok = await attemptLogin({ username: 'wang', password: oneTime }, CLIENT, t0);
      if (ok.status !== 'ok') throw new Error(ok.status);
      const request = makeRequest('/', { headers: { Cookie: `planner_session=${ok.sessionId}` } });
      const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
      expect(signedIn(request, CLIENT, plus(29))?.user.username).toBe('wang');
      expect(signedIn(request, CLIENT, plus(58))?.user.username).toBe('wang');
      expect(signedIn(request, CLIENT, plus(58 + 30))).toBeNull();
      expect(audit().at(-1)).toMatchObject({ action: 'session.timeout', detail: '{"kind":"idle"}' });
      // Kept busy, it still ends at 12 hours.
      const busy = await attemptLogin({ username: 'wang', password: oneTime }, CLIENT, t0);
      if (busy.status !== 'ok') throw new Error(busy.status);
      const busyRequest = makeRequest('/', { headers: { Cookie: `planner_session=${busy.sessionId}` } });
      for (let m = 20; m < 720; m += 20) expect(signedIn(busyRequest, CLIENT, plus(m))).not.toBeNull();
      expect(signedIn(busyRequest, CLIENT, plus(720))).toBeNull();
      expect(audit().at(-1)).toMatchObject({ action: 'session.timeout', detail: '{"kind":"expired"}' });
    },
  );
});

describe('changing the password, and logging out', () => {
  it(
    'wants the CSRF token and the current password, follows the policy, then ends the other sessions',
    { timeout: 60_000 },
    async () => {
      const first = await attemptLogin({ username: 'wang', password: oneTime }, CLIENT, new Date());
      const second = await attemptLogin({ username: 'wang', password: oneTime }, CLIENT, new Date());
      if (first.status !== 'ok' || second.status !== 'ok') throw new Error('login');
      const cookie = { Cookie: `planner_session=${first.sessionId}` };
      const page = await call<{ csrf: string; mustChange: boolean }>(
        password.loader as never,
        makeRequest('/password', { headers: cookie }),
      );
      expect(page.body.mustChange).toBe(true);
      const csrf = page.body.csrf;
      const change = (fields: Record<string, string>) =>
        post(password, '/password', { csrf, ...fields }, cookie);
      expect(
        (
          await post(
            password,
            '/password',
            { csrf: 'forged', current: oneTime, next: 'x', repeat: 'x' },
            cookie,
          )
        ).status,
      ).toBe(403);
      expect(
        (await change({ current: 'wrong', next: 'Qingshan-2026!', repeat: 'Qingshan-2026!' })).body.errors,
      ).toEqual(['当前密码不正确。']);
      expect((await change({ current: oneTime, next: 'short', repeat: 'short' })).body.errors).toEqual([
        '新密码不符合要求：',
        '至少 10 个字符',
        '需包含以下四类中的至少 3 类：小写字母、大写字母、数字、其他符号',
      ]);
      const done = await change({ current: oneTime, next: 'Qingshan-2026!', repeat: 'Qingshan-2026!' });
      expect(done.status).toBe(302);
      expect(
        sqlite().prepare("SELECT must_change_password FROM users WHERE username = 'wang'").pluck().get(),
      ).toBe(0);
      // The other browser's session is over; this one goes on.
      const other = makeRequest('/', { headers: { Cookie: `planner_session=${second.sessionId}` } });
      expect(signedIn(other, CLIENT, new Date())).toBeNull();
      const mine = makeRequest('/', { headers: cookie });
      expect(signedIn(mine, CLIENT, new Date())).not.toBeNull();
      expect(
        audit()
          .filter((r) => r.action === 'password.change')
          .map((r) => [r.outcome, r.detail]),
      ).toEqual([
        ['failure', '{"reason":"wrongCurrent"}'],
        ['failure', '{"reason":"weak"}'],
        ['success', '{}'],
      ]);
      // Logging out wants the token too, then ends the session.
      expect(
        (await callThrowing(logout.action as never, makeRequest('/logout', form({ csrf: 'forged' }, cookie))))
          .status,
      ).toBe(403);
      const out = await call(logout.action as never, makeRequest('/logout', form({ csrf }, cookie)));
      expect(out.status).toBe(302);
      expect(cookieOf(out)).toContain('planner_session=; ');
      expect(signedIn(mine, CLIENT, new Date())).toBeNull();
      expect(audit().at(-1)).toMatchObject({ action: 'logout', outcome: 'success', username: 'wang' });
      expect(sessionIdOf(makeRequest('/', { headers: cookie }))).toBe(first.sessionId);
    },
  );

  it('keeps the whole audit chain intact through all of it', async () => {
    const { verifyAuditChain } = await import('~/audit/audit-log.server');
    expect(verifyAuditChain()).toMatchObject({ ok: true });
  });
});

describe('first steps', () => {
  it('a one-time password is replaced first, and a system account sets up its second factor next', async () => {
    const { firstStep } = await import('~/auth/first-steps');
    const user = {
      username: 'audit1',
      systemRole: 'audit-admin',
      mustChangePassword: true,
      totpSecret: null,
    };
    expect(firstStep(user, '/audit', '/audit?user=x')).toBe('/password?redirectTo=%2Faudit%3Fuser%3Dx');
    expect(firstStep(user, '/password', '/password')).toBeNull();
    expect(firstStep({ ...user, mustChangePassword: false }, '/audit', '/audit')).toBe(
      '/totp?redirectTo=%2Faudit',
    );
    expect(firstStep({ ...user, mustChangePassword: false, totpSecret: 'X' }, '/audit', '/audit')).toBeNull();
    // The automation's first account may put its second factor off; a planner needs none.
    expect(
      firstStep({ ...user, username: 'admin', mustChangePassword: false }, '/scenarios', '/'),
    ).toBeNull();
    expect(firstStep({ ...user, systemRole: null, mustChangePassword: false }, '/scenarios', '/')).toBeNull();
  });
});

describe('the password form', () => {
  it(
    'counts wrong current passwords towards the lockout, and a lock ends the session',
    { timeout: 60_000 },
    async () => {
      const made = await createUser({ username: 'guesser', password: 'Guesser-Pass-2026' });
      if (made.status !== 'created') throw new Error(made.status);
      const ok = await attemptLogin(
        { username: 'guesser', password: 'Guesser-Pass-2026' },
        CLIENT,
        new Date(),
      );
      if (ok.status !== 'ok') throw new Error(ok.status);
      const cookie = { Cookie: `planner_session=${ok.sessionId}` };
      const page = await call<{ csrf: string }>(
        password.loader as never,
        makeRequest('/password', { headers: cookie }),
      );
      for (let i = 0; i < 5; i++) {
        const answer = await post(
          password,
          '/password',
          { csrf: page.body.csrf, current: `guess ${i}`, next: 'x', repeat: 'x' },
          cookie,
        );
        expect(answer.status).toBe(400);
      }
      expect(signedIn(makeRequest('/', { headers: cookie }), CLIENT, new Date())).toBeNull();
      expect(
        (await attemptLogin({ username: 'guesser', password: 'Guesser-Pass-2026' }, CLIENT, new Date()))
          .status,
      ).toBe('locked');
    },
  );
});

describe('guesses sent at the same time', () => {
  it(
    'each count towards the lockout, and a right one among them is refused once locked',
    { timeout: 60_000 },
    async () => {
      const made = await createUser({ username: 'burst', password: 'Burst-Target-2026' });
      if (made.status !== 'created') throw new Error(made.status);
      const now = new Date();
      const guesses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          attemptLogin({ username: 'burst', password: `guess ${i}` }, CLIENT, now),
        ),
      );
      expect(guesses.filter((g) => g.status === 'locked').length).toBeGreaterThanOrEqual(4);
      const right = await attemptLogin({ username: 'burst', password: 'Burst-Target-2026' }, CLIENT, now);
      expect(right.status).toBe('locked');
    },
  );
});
