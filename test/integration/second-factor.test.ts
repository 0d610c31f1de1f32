/**
 * The second factor through the routes: a system admin is asked to set one up after logging in;
 * once set up, the password alone opens only the code page; the right code gives a new session
 * with full rights, a wrong one counts towards the lockout, a used one is never accepted again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signedIn } from '~/auth/login.server';
import { totpCode } from '~/auth/totp.server';
import { createUser } from '~/models/users.server';
import * as login from '~/routes/login';
import * as code from '~/routes/login_.code';
import * as password from '~/routes/password';
import * as totp from '~/routes/totp';

import { call, closeAndRemoveTempDatabases, makeRequest, useTempDatabase } from './helpers';

useTempDatabase('second-factor');
afterAll(() => closeAndRemoveTempDatabases());

const PASSWORD = 'Security-Admin-2026';
const CLIENT = { address: '', userAgent: 'test' };
beforeAll(async () => {
  await createUser({ username: 'sec', systemRole: 'security-admin', password: PASSWORD });
}, 30_000);

const form = (fields: Record<string, string>, cookie = '') => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Accept-Language': 'zh-CN',
    Cookie: cookie,
  },
  body: new URLSearchParams(fields).toString(),
});
const cookieFrom = (answer: { headers: Headers }) =>
  `planner_session=${/planner_session=([^;]+)/.exec(answer.headers.get('Set-Cookie') ?? '')![1]}`;

describe('the second factor', () => {
  it(
    'is asked of a system admin, set up with a code, then wanted at every login',
    { timeout: 60_000 },
    async () => {
      const first = await call(
        login.action as never,
        makeRequest('/login', form({ username: 'sec', password: PASSWORD })),
      );
      expect(first.status).toBe(302);
      expect(first.headers.get('Location')).toBe('/totp?redirectTo=%2Fscenarios');
      const cookie = cookieFrom(first);
      const page = await call<{ secret: string; uri: string; csrf: string }>(
        totp.loader as never,
        makeRequest('/totp', { headers: { Cookie: cookie } }),
      );
      expect(page.body.uri).toContain(`secret=${page.body.secret}`);
      const wrong = await call<{ error: string }>(
        totp.action as never,
        makeRequest(
          '/totp',
          form({ csrf: page.body.csrf, secret: page.body.secret, code: '000000' }, cookie),
        ),
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toBe('验证码不正确或已用过。');
      const enrolled = await call(
        totp.action as never,
        makeRequest(
          '/totp',
          form(
            { csrf: page.body.csrf, secret: page.body.secret, code: totpCode(page.body.secret, Date.now()) },
            cookie,
          ),
        ),
      );
      expect(enrolled.status).toBe(302);

      // Now the password opens only the code page.
      const again = await call(
        login.action as never,
        makeRequest('/login', form({ username: 'sec', password: PASSWORD })),
      );
      expect(again.headers.get('Location')).toBe('/login/code?redirectTo=%2Fscenarios');
      const pending = cookieFrom(again);
      expect(signedIn(makeRequest('/', { headers: { Cookie: pending } }), CLIENT, new Date())).toBeNull();
      const refused = await call<{ error: string }>(
        code.action as never,
        makeRequest('/login/code', form({ code: '123456' }, pending)),
      );
      expect(refused.status).toBe(401);
      // The code of the next step: the one used to enrol is never accepted again.
      const next = totpCode(page.body.secret, Date.now() + 30_000);
      const done = await call(
        code.action as never,
        makeRequest('/login/code', form({ code: next }, pending)),
      );
      expect(done.status).toBe(302);
      expect(done.headers.get('Location')).toBe('/scenarios');
      const full = cookieFrom(done);
      expect(full).not.toBe(pending);
      expect(
        signedIn(makeRequest('/', { headers: { Cookie: full } }), CLIENT, new Date())?.user.username,
      ).toBe('sec');
      // A session cannot replace the factor already set up.
      const { enrolSecondFactor } = await import('~/auth/login.server');
      const who = signedIn(makeRequest('/', { headers: { Cookie: full } }), CLIENT, new Date())!;
      const other = 'A'.repeat(32);
      expect(enrolSecondFactor(who, other, totpCode(other, Date.now()), CLIENT, new Date())).toBe(false);
      // The same code, on a new login, is refused.
      const third = await call(
        login.action as never,
        makeRequest('/login', form({ username: 'sec', password: PASSWORD })),
      );
      const replay = await call(
        code.action as never,
        makeRequest('/login/code', form({ code: next }, cookieFrom(third))),
      );
      expect(replay.status).toBe(401);
    },
  );
});

describe('the first admin', () => {
  it(
    'is asked for its second factor right after replacing its one-time password',
    { timeout: 60_000 },
    async () => {
      const made = await createUser({ username: 'admin', systemRole: 'system-admin' });
      if (made.status !== 'created') throw new Error(made.status);
      const otp = made.oneTimePassword!;
      const first = await call(
        login.action as never,
        makeRequest('/login', form({ username: 'admin', password: otp })),
      );
      expect(first.headers.get('Location')).toBe('/password?redirectTo=%2Fscenarios');
      const cookie = cookieFrom(first);
      const page = await call<{ csrf: string }>(
        password.loader as never,
        makeRequest('/password', { headers: { Cookie: cookie } }),
      );
      const changed = await call(
        password.action as never,
        makeRequest(
          '/password',
          form(
            {
              csrf: page.body.csrf,
              current: otp,
              next: 'Plan-Hospital-2026!',
              repeat: 'Plan-Hospital-2026!',
            },
            cookie,
          ),
        ),
      );
      expect(changed.headers.get('Location')).toBe('/totp?redirectTo=%2Fscenarios');
    },
  );
});
