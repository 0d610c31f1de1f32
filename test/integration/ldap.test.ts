/**
 * Signing in against a real OpenLDAP directory (Debian's slapd, started and stopped here):
 * a directory user gets a local row and the roles its groups map to, and the directory's
 * changes at the next login; wrong passwords, unknown names and users in no mapped group are
 * refused as a local login refuses them, counted towards the same lockout, in the audit log; an
 * empty password never reaches the directory; a name with filter syntax finds no one; a system
 * role needs the second factor; a directory that is slow or down answers "unavailable" and local
 * accounts still sign in. Skipped, saying why, where slapd is not installed.
 */
import { createServer, type Server, type Socket } from 'node:net';

import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { authenticateWithDirectory, ldapSettings } from '~/auth/ldap.server';
import { attemptLogin } from '~/auth/login.server';
import { totpCode } from '~/auth/totp.server';
import { getDb } from '~/db.server';
import { findHospitalByName } from '~/models/hospitals.server';
import { createUser, findUser, membershipsOf } from '~/models/users.server';
import * as login from '~/routes/login';
import * as code from '~/routes/login_.code';
import * as password from '~/routes/password';
import { action as accountsAction, loader as accountsLoader } from '~/routes/admin.accounts';

import { slapdMissing, sshaPassword, startSlapd, type Slapd } from '../helpers/slapd';
import { call, closeAndRemoveTempDatabases, makeRequest, signInAs, sqlite, useTempDatabase } from './helpers';

const missing = slapdMissing();
if (missing) console.warn(`LDAP tests skipped: ${missing}`);

useTempDatabase('ldap');
afterAll(() => closeAndRemoveTempDatabases(), 60_000);

const SUFFIX = 'dc=example,dc=org';
const PEOPLE = `ou=people,${SUFFIX}`;
const GROUPS = `ou=groups,${SUFFIX}`;
const SERVICE_PASSWORD = 'Service-Account-2026';
const PASSWORDS = {
  zhang: 'Zhang-Directory-2026',
  li: 'Li-Directory-2026',
  chen: 'Chen-Directory-2026',
  wu: 'Wu-Directory-2026',
  lock: 'Lock-Directory-2026',
  zhao: 'Zhao-Directory-2026',
} as const;
const LOCAL_PASSWORD = 'Local-Account-2026';
const CLIENT = { address: '10.9.8.7', userAgent: 'ldap test' };
const COUNTY = '县人民医院';
const TOWNSHIP = '城关镇卫生院';

const person = (uid: keyof typeof PASSWORDS, cn: string, displayName?: string) => `
dn: uid=${uid},${PEOPLE}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${cn}
sn: ${cn}
${displayName ? `displayName: ${displayName}\n` : ''}userPassword: ${sshaPassword(PASSWORDS[uid])}
`;
const userDn = (uid: string) => `uid=${uid},${PEOPLE}`;

const DIRECTORY = `
dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
dc: example
o: Example Hospital Group

dn: cn=service,${SUFFIX}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: service
userPassword: ${sshaPassword(SERVICE_PASSWORD)}

dn: ${PEOPLE}
objectClass: organizationalUnit
ou: people

dn: ${GROUPS}
objectClass: organizationalUnit
ou: groups
${person('zhang', 'Zhang San', '张医生')}${person('li', 'Li Si')}${person('chen', 'Chen Wu')}${person('wu', 'Wu Liu', '吴审计')}${person('lock', 'Lock Me')}${person('zhao', 'Zhao Local')}
dn: cn=planners,${GROUPS}
objectClass: groupOfNames
cn: planners
member: ${userDn('zhang')}
member: ${userDn('chen')}
member: ${userDn('lock')}

dn: cn=county-approvers,${GROUPS}
objectClass: groupOfUniqueNames
cn: county-approvers
uniqueMember: ${userDn('zhang')}

dn: cn=township-viewers,${GROUPS}
objectClass: groupOfNames
cn: township-viewers
member: cn=service,${SUFFIX}

dn: cn=auditors,${GROUPS}
objectClass: groupOfNames
cn: auditors
member: ${userDn('wu')}

dn: cn=others,${GROUPS}
objectClass: groupOfNames
cn: others
member: ${userDn('li')}
member: ${userDn('zhao')}
`;

/** Written as an admin would, in another case and with spaces: DNs compare as DNs. */
const GROUP_MAP = [
  { group: `CN=Planners, OU=Groups, DC=example, DC=org`, hospital: '示例医院', role: 'planner' },
  { group: `cn=county-approvers,${GROUPS}`, hospital: COUNTY, role: 'approver' },
  { group: `cn=township-viewers,${GROUPS}`, hospital: TOWNSHIP, role: 'viewer' },
  { group: `cn=auditors,${GROUPS}`, systemRole: 'audit-admin' },
];

const LDAP_VARIABLES = [
  'PLANNER_LDAP_URL',
  'PLANNER_LDAP_BIND_DN',
  'PLANNER_LDAP_BIND_PASSWORD',
  'PLANNER_LDAP_BASE_DN',
  'PLANNER_LDAP_GROUP_BASE_DN',
  'PLANNER_LDAP_GROUP_MAP',
  'PLANNER_LDAP_TIMEOUT_S',
];

interface AuditRow {
  action: string;
  outcome: string;
  username: string;
  hospitalName: string;
  objectId: string;
  detail: Record<string, unknown>;
}
const audit = (): AuditRow[] =>
  (
    sqlite()
      .prepare(
        'SELECT action, outcome, username, hospital_name AS hospitalName, object_id AS objectId, detail FROM audit_log ORDER BY seq',
      )
      .all() as (Omit<AuditRow, 'detail'> & { detail: string })[]
  ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
const auditSince = (seq: number) => audit().slice(seq);

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'zh-CN', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const postLogin = (username: string, pass: string, headers: Record<string, string> = {}) =>
  call<{ error?: string }>(
    login.action as never,
    makeRequest('/login', form({ username, password: pass }, headers)),
  );
const cookieFrom = (answer: { headers: Headers }) =>
  `planner_session=${/planner_session=([^;]+)/.exec(answer.headers.get('Set-Cookie') ?? '')![1]}`;
const rolesOf = (username: string) => {
  const user = findUser(getDb(), username)!;
  const db = getDb();
  return Object.fromEntries(
    membershipsOf(db, user.id).map((m) => [
      sqlite().prepare('SELECT name FROM hospitals WHERE id = ?').pluck().get(m.hospitalId) as string,
      m.role,
    ]),
  );
};
/** Counts binds made through ldapts while `fn` runs. */
async function countBinds<T>(fn: () => Promise<T>): Promise<{ result: T; binds: number }> {
  const spy = vi.spyOn(Client.prototype, 'bind');
  try {
    const result = await fn();
    return { result, binds: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

(missing ? describe.skip : describe)('LDAP sign-in against a real slapd', () => {
  let slapd: Slapd;
  const saved = Object.fromEntries(LDAP_VARIABLES.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    slapd = await startSlapd({ suffix: SUFFIX });
    slapd.add(DIRECTORY);
    Object.assign(process.env, {
      PLANNER_LDAP_URL: slapd.url,
      PLANNER_LDAP_BIND_DN: `cn=service,${SUFFIX}`,
      PLANNER_LDAP_BIND_PASSWORD: SERVICE_PASSWORD,
      PLANNER_LDAP_BASE_DN: PEOPLE,
      PLANNER_LDAP_GROUP_BASE_DN: GROUPS,
      PLANNER_LDAP_GROUP_MAP: JSON.stringify(GROUP_MAP),
      PLANNER_LDAP_TIMEOUT_S: '5',
    });
    for (const [username, pass] of [
      ['local.admin', LOCAL_PASSWORD],
      ['zhao', LOCAL_PASSWORD],
    ] as const) {
      const made = await createUser({ username, password: pass });
      if (made.status !== 'created') throw new Error(made.status);
    }
  }, 60_000);

  afterAll(async () => {
    await slapd?.remove();
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }, 60_000);

  it(
    'signs a directory user in: a session, an ldap account with its display name and the roles its groups map to',
    { timeout: 60_000 },
    async () => {
      const seq = audit().length;
      const answer = await postLogin('zhang', PASSWORDS.zhang);
      expect(answer.status).toBe(302);
      expect(answer.headers.get('Location')).toBe('/scenarios');
      const user = findUser(getDb(), 'zhang')!;
      expect(user).toMatchObject({
        source: 'ldap',
        passwordHash: null,
        mustChangePassword: false,
        displayName: '张医生',
        systemRole: null,
        failedLogins: 0,
      });
      // groupOfNames and groupOfUniqueNames alike; a hospital the map names is made if new.
      expect(rolesOf('zhang')).toEqual({ 示例医院: 'planner', [COUNTY]: 'approver' });
      expect(findHospitalByName(getDb(), TOWNSHIP)).toBeNull();
      const rows = auditSince(seq);
      expect(rows.map((r) => [r.action, r.outcome])).toEqual([
        ['account.create', 'success'],
        ['hospital.create', 'success'],
        ['role.change', 'success'],
        ['role.change', 'success'],
        ['login', 'success'],
      ]);
      expect(rows.every((r) => r.detail.via === 'ldap' && r.username === 'zhang')).toBe(true);
      expect(rows.filter((r) => r.action === 'role.change').map((r) => [r.hospitalName, r.detail])).toEqual([
        ['示例医院', { scope: 'hospital', before: null, after: 'planner', via: 'ldap' }],
        [COUNTY, { scope: 'hospital', before: null, after: 'approver', via: 'ldap' }],
      ]);
      // The next login changes nothing: only the login is logged.
      const again = audit().length;
      expect((await postLogin('ZHANG', PASSWORDS.zhang)).status).toBe(302);
      expect(auditSince(again).map((r) => r.action)).toEqual(['login']);
    },
  );

  it(
    'refuses a wrong password in the words of a local one, logs it, and counts it towards the same lockout',
    { timeout: 60_000 },
    async () => {
      const local = await postLogin('local.admin', 'not it');
      const seq = audit().length;
      const wrong = await postLogin('zhang', 'not it');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe(local.body.error);
      expect(wrong.body.error).toBe('用户名或密码不正确。');
      expect(auditSince(seq)).toMatchObject([
        {
          action: 'login',
          outcome: 'failure',
          username: 'zhang',
          detail: { reason: 'wrongPassword', failures: 1, via: 'ldap' },
        },
      ]);
      expect(findUser(getDb(), 'zhang')!.failedLogins).toBe(1);
      // A right password clears the count, as locally.
      expect((await postLogin('zhang', PASSWORDS.zhang)).status).toBe(302);
      expect(findUser(getDb(), 'zhang')!.failedLogins).toBe(0);

      // Five wrong ones lock the account; locked, even the right password is refused, and the
      // directory is not asked at all (guessing here must not lock the account there).
      expect((await postLogin('lock', PASSWORDS.lock)).status).toBe(302);
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) statuses.push((await postLogin('lock', `wrong ${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const { result: locked, binds } = await countBinds(() =>
        attemptLogin({ username: 'lock', password: PASSWORDS.lock }, CLIENT, new Date()),
      );
      expect(locked).toMatchObject({ status: 'locked' });
      expect(binds).toBe(0);
      expect(
        audit()
          .slice(-3)
          .map((r) => [r.action, r.detail.reason ?? null]),
      ).toEqual([
        ['login', 'wrongPassword'],
        ['lockout', null],
        ['login', 'locked'],
      ]);
      // Fifteen minutes on, the right password works again.
      const later = new Date(Date.now() + 15 * 60_000 + 1000);
      expect(await attemptLogin({ username: 'lock', password: PASSWORDS.lock }, CLIENT, later)).toMatchObject(
        {
          status: 'ok',
        },
      );
    },
  );

  it(
    'refuses a name the directory does not know as it refuses an unknown local name',
    { timeout: 60_000 },
    async () => {
      const seq = audit().length;
      const unknown = await postLogin('nobody.here', 'whatever it is');
      expect(unknown.status).toBe(401);
      expect(unknown.body.error).toBe('用户名或密码不正确。');
      expect(findUser(getDb(), 'nobody.here')).toBeNull();
      expect(auditSince(seq)).toMatchObject([
        {
          action: 'login',
          outcome: 'failure',
          username: 'nobody.here',
          detail: { reason: 'unknownUser', via: 'ldap' },
        },
      ]);
      // Locked out in memory as an account would be, so the answers do not tell which names exist.
      const answers: number[] = [];
      for (let i = 0; i < 5; i++) answers.push((await postLogin('nobody.here', `x${i}`)).status);
      expect(answers).toEqual([401, 401, 401, 429, 429]);
    },
  );

  it('refuses a directory user in no mapped group, and says so in the log', { timeout: 60_000 }, async () => {
    const seq = audit().length;
    const refused = await postLogin('li', PASSWORDS.li);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('用户名或密码不正确。');
    expect(findUser(getDb(), 'li')).toBeNull();
    expect(auditSince(seq)).toMatchObject([
      {
        action: 'login',
        outcome: 'failure',
        username: 'li',
        detail: { reason: 'noMappedGroup', via: 'ldap' },
      },
    ]);
  });

  it(
    "applies the directory's group changes at the next login: roles added and removed, each logged",
    { timeout: 60_000 },
    async () => {
      expect((await postLogin('chen', PASSWORDS.chen)).status).toBe(302);
      expect(rolesOf('chen')).toEqual({ 示例医院: 'planner' });
      slapd.modify(`
dn: cn=planners,${GROUPS}
changetype: modify
delete: member
member: ${userDn('chen')}

dn: cn=township-viewers,${GROUPS}
changetype: modify
add: member
member: ${userDn('chen')}
`);
      const seq = audit().length;
      expect((await postLogin('chen', PASSWORDS.chen)).status).toBe(302);
      expect(rolesOf('chen')).toEqual({ [TOWNSHIP]: 'viewer' });
      expect(
        auditSince(seq)
          .filter((r) => r.action === 'role.change')
          .map((r) => [r.hospitalName, r.objectId, r.detail]),
      ).toEqual(
        expect.arrayContaining([
          ['示例医院', 'chen', { scope: 'hospital', before: 'planner', after: null, via: 'ldap' }],
          [TOWNSHIP, 'chen', { scope: 'hospital', before: null, after: 'viewer', via: 'ldap' }],
        ]),
      );
      // Out of every mapped group: refused, and the roles it had are gone too.
      slapd.modify(`
dn: cn=township-viewers,${GROUPS}
changetype: modify
delete: member
member: ${userDn('chen')}
`);
      const before = audit().length;
      expect((await postLogin('chen', PASSWORDS.chen)).status).toBe(401);
      expect(rolesOf('chen')).toEqual({});
      expect(auditSince(before)).toMatchObject([
        {
          action: 'role.change',
          hospitalName: TOWNSHIP,
          detail: { before: 'viewer', after: null, via: 'ldap' },
        },
        { action: 'login', outcome: 'failure', detail: { reason: 'noMappedGroup', via: 'ldap' } },
      ]);
    },
  );

  it('refuses an empty password before any bind (to LDAP an empty password is an anonymous bind)', async () => {
    const direct = await countBinds(() => authenticateWithDirectory('zhang', ''));
    expect(direct).toEqual({ result: { status: 'refused', reason: 'emptyPassword' }, binds: 0 });
    const viaLogin = await countBinds(() =>
      attemptLogin({ username: 'zhang', password: '' }, CLIENT, new Date()),
    );
    expect(viaLogin.result).toEqual({ status: 'refused' });
    expect(viaLogin.binds).toBe(0);
    expect(audit().at(-1)).toMatchObject({ detail: { reason: 'emptyPassword', via: 'ldap' } });
  });

  it('escapes the name into the search filter: filter syntax finds no one', { timeout: 60_000 }, async () => {
    for (const name of ['*)(uid=*', '*', 'zha*', 'zhang)(|(uid=*', 'zhang\\2a', '(uid=zhang)'])
      expect(await authenticateWithDirectory(name, PASSWORDS.zhang)).toEqual({
        status: 'refused',
        reason: 'unknownUser',
      });
    // Through the login form too (such names are no user names there either).
    for (const name of ['*)(uid=*', 'zha*'])
      expect((await postLogin(name, PASSWORDS.zhang)).status).toBe(401);
    // The same search finds the user by the plain name.
    expect(await authenticateWithDirectory('zhang', PASSWORDS.zhang)).toMatchObject({
      status: 'ok',
      dn: userDn('zhang'),
      displayName: '张医生',
    });
  });

  it(
    'asks a user with a system role from a group for the second factor, as any system account',
    { timeout: 60_000 },
    async () => {
      const first = await postLogin('wu', PASSWORDS.wu);
      expect(first.status).toBe(302);
      expect(first.headers.get('Location')).toBe('/totp?redirectTo=%2Fscenarios');
      expect(findUser(getDb(), 'wu')).toMatchObject({ source: 'ldap', systemRole: 'audit-admin' });
      expect(audit().find((r) => r.action === 'role.change' && r.username === 'wu')?.detail).toEqual({
        scope: 'system',
        before: null,
        after: 'audit-admin',
        via: 'ldap',
      });
      // With its second factor set up, the password opens only the code page; the code signs in.
      const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      sqlite().prepare('UPDATE users SET totp_secret = ? WHERE username = ?').run(secret, 'wu');
      const second = await postLogin('wu', PASSWORDS.wu);
      expect(second.headers.get('Location')).toBe('/login/code?redirectTo=%2Fscenarios');
      const done = await call(
        code.action as never,
        makeRequest(
          '/login/code',
          form({ code: totpCode(secret, Date.now()) }, { Cookie: cookieFrom(second) }),
        ),
      );
      expect(done.status).toBe(302);
      expect(done.headers.get('Location')).toBe('/scenarios');
      expect(audit().at(-1)).toMatchObject({
        action: 'login',
        outcome: 'success',
        username: 'wu',
        detail: { factors: 'password+totp', via: 'ldap' },
      });
    },
  );

  it(
    "leaves a local account's name to the local account: the directory is not asked",
    { timeout: 60_000 },
    async () => {
      const directoryPassword = await countBinds(() =>
        attemptLogin({ username: 'zhao', password: PASSWORDS.zhao }, CLIENT, new Date()),
      );
      expect(directoryPassword).toEqual({ result: { status: 'refused' }, binds: 0 });
      const localPassword = await attemptLogin(
        { username: 'zhao', password: LOCAL_PASSWORD },
        CLIENT,
        new Date(),
      );
      expect(localPassword.status).toBe('ok');
      expect(findUser(getDb(), 'zhao')!.source).toBe('local');
    },
  );

  it(
    'tells a directory user that their password is changed in the directory, in both languages',
    { timeout: 60_000 },
    async () => {
      const cookie = cookieFrom(await postLogin('zhang', PASSWORDS.zhang));
      const page = await call<{ fromDirectory: boolean; csrf: string }>(
        password.loader as never,
        makeRequest('/password', { headers: { Cookie: cookie } }),
      );
      expect(page.body.fromDirectory).toBe(true);
      for (const [lang, words] of [
        ['zh-CN', '密码不能在本系统修改'],
        ['en', 'cannot be changed here'],
      ] as const) {
        const answer = await call<{ errors: string[] }>(
          password.action as never,
          makeRequest(
            '/password',
            form(
              {
                csrf: page.body.csrf,
                current: PASSWORDS.zhang,
                next: 'New-Password-2026!',
                repeat: 'New-Password-2026!',
              },
              { Cookie: cookie, 'Accept-Language': lang },
            ),
          ),
        );
        expect(answer.status).toBe(400);
        expect(answer.body.errors[0]).toContain(words);
      }
      expect(audit().at(-1)).toMatchObject({
        action: 'password.change',
        outcome: 'failure',
        detail: { reason: 'directoryAccount' },
      });
      expect(findUser(getDb(), 'zhang')!.passwordHash).toBeNull();
    },
  );

  it(
    "is the security admin's to lock, not to give a password: a locked directory account does not reach the directory",
    { timeout: 60_000 },
    async () => {
      const security = signInAs('安全员', { systemRole: 'security-admin' });
      const zhang = findUser(getDb(), 'zhang')!;
      const adminPost = (fields: Record<string, string>) =>
        call<{ error: string | null }>(
          accountsAction as never,
          makeRequest('/admin/accounts', { as: security, ...form(fields) }),
        );
      const page = await call<{ accounts: { username: string; fromDirectory: boolean }[] }>(
        accountsLoader as never,
        makeRequest('/admin/accounts', { as: security }),
      );
      expect(page.body.accounts.find((a) => a.username === 'zhang')?.fromDirectory).toBe(true);
      expect(page.body.accounts.find((a) => a.username === 'local.admin')?.fromDirectory).toBe(false);
      const reset = await adminPost({ intent: 'resetPassword', userId: zhang.id });
      expect(reset.status).toBe(400);
      expect(reset.body.error).toContain('LDAP');
      expect(findUser(getDb(), 'zhang')!.passwordHash).toBeNull();
      expect((await adminPost({ intent: 'lock', userId: zhang.id })).status).toBe(200);
      const refused = await countBinds(() => postLogin('zhang', PASSWORDS.zhang));
      expect(refused.result.status).toBe(401);
      expect(refused.binds).toBe(0);
      expect(audit().at(-1)).toMatchObject({
        username: 'zhang',
        detail: { reason: 'disabled', via: 'ldap' },
      });
      expect((await adminPost({ intent: 'unlock', userId: zhang.id })).status).toBe(200);
      expect((await postLogin('zhang', PASSWORDS.zhang)).status).toBe(302);
    },
  );

  it('gives up on a directory that does not answer, within its time limit', { timeout: 60_000 }, async () => {
    // A server that takes the connection and never says a word.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const url = process.env.PLANNER_LDAP_URL;
    process.env.PLANNER_LDAP_URL = `ldap://127.0.0.1:${port}`;
    process.env.PLANNER_LDAP_TIMEOUT_S = '1';
    try {
      const started = Date.now();
      expect(await authenticateWithDirectory('zhang', PASSWORDS.zhang)).toMatchObject({
        status: 'unavailable',
      });
      const outcome = await attemptLogin(
        { username: 'zhang', password: PASSWORDS.zhang },
        CLIENT,
        new Date(),
      );
      expect(outcome).toEqual({ status: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(audit().at(-1)).toMatchObject({ detail: { reason: 'directoryUnavailable', via: 'ldap' } });
    } finally {
      process.env.PLANNER_LDAP_URL = url;
      process.env.PLANNER_LDAP_TIMEOUT_S = '5';
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it(
    'answers "unavailable" to misconfigured settings, naming the variable on the console',
    { timeout: 60_000 },
    async () => {
      const map = process.env.PLANNER_LDAP_GROUP_MAP;
      process.env.PLANNER_LDAP_GROUP_MAP = '{"cn=planners": "示例医院"}';
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        expect(() => ldapSettings()).toThrow(/PLANNER_LDAP_GROUP_MAP/);
        const answer = await postLogin('zhang', PASSWORDS.zhang);
        expect(answer.status).toBe(503);
        expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('PLANNER_LDAP_GROUP_MAP'));
        expect(audit().at(-1)).toMatchObject({ detail: { reason: 'directoryMisconfigured', via: 'ldap' } });
        expect(
          (await attemptLogin({ username: 'local.admin', password: LOCAL_PASSWORD }, CLIENT, new Date()))
            .status,
        ).toBe('ok');
      } finally {
        consoleError.mockRestore();
        process.env.PLANNER_LDAP_GROUP_MAP = map;
      }
    },
  );

  // Last: the directory is stopped for good.
  it(
    'answers a login clearly when the directory is down, logs it, and still signs local accounts in',
    { timeout: 60_000 },
    async () => {
      await slapd.stop();
      const seq = audit().length;
      const zh = await postLogin('zhang', PASSWORDS.zhang);
      const en = await postLogin('zhang', PASSWORDS.zhang, { 'Accept-Language': 'en' });
      expect([zh.status, en.status]).toEqual([503, 503]);
      expect(zh.body.error).toContain('LDAP');
      expect(zh.body.error).toContain('稍后再试');
      expect(en.body.error).toContain('cannot be reached');
      const rows = auditSince(seq);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        action: 'login',
        outcome: 'failure',
        username: 'zhang',
        detail: { reason: 'directoryUnavailable', via: 'ldap' },
      });
      expect(String(rows[0]!.detail.error)).toMatch(/ECONNREFUSED/);
      // Not the user's fault: nothing counted.
      expect(findUser(getDb(), 'zhang')!.failedLogins).toBe(0);
      const local = await postLogin('local.admin', LOCAL_PASSWORD);
      expect(local.status).toBe(302);
    },
  );
});
