/**
 * LDAP sign-in's settings and the pure parts of the exchange: every variable checked with an
 * error naming it, RFC 4515 escaping of what goes into a filter, DNs compared as DNs, and the
 * group map read into roles. (The exchange itself: test/integration/ldap.test.ts.)
 */
import { describe, expect, it } from 'vitest';

import { firstStep, mayPostponeSecondFactor } from '~/auth/first-steps';
import {
  DEFAULT_GROUP_FILTER,
  DEFAULT_USER_FILTER,
  authenticateWithDirectory,
  dnKey,
  escapeFilterValue,
  fillFilter,
  parseLdapSettings,
  rolesFromGroups,
  type GroupRule,
} from '~/auth/ldap.server';

const MAP = JSON.stringify([
  { group: 'cn=planners,ou=groups,dc=example,dc=org', hospital: '示例医院', role: 'planner' },
  { group: 'cn=auditors,ou=groups,dc=example,dc=org', systemRole: 'audit-admin' },
]);
const MINIMAL = {
  PLANNER_LDAP_URL: 'ldaps://ldap.example.org',
  PLANNER_LDAP_BASE_DN: 'ou=people,dc=example,dc=org',
  PLANNER_LDAP_GROUP_MAP: MAP,
};
const problem = (env: Record<string, string | undefined>) => {
  try {
    parseLdapSettings(env);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe('the LDAP settings', () => {
  it('are off without PLANNER_LDAP_URL, whatever else is set', () => {
    expect(parseLdapSettings({})).toBeNull();
    expect(parseLdapSettings({ PLANNER_LDAP_URL: '  ', PLANNER_LDAP_GROUP_MAP: 'not json' })).toBeNull();
  });

  it('take defaults for everything but the URL, the base DN and the group map', () => {
    expect(parseLdapSettings(MINIMAL)).toEqual({
      url: 'ldaps://ldap.example.org',
      bindDn: null,
      bindPassword: '',
      baseDn: 'ou=people,dc=example,dc=org',
      userFilter: DEFAULT_USER_FILTER,
      groupBaseDn: 'ou=people,dc=example,dc=org',
      groupFilter: DEFAULT_GROUP_FILTER,
      groupsFrom: 'search',
      groupMap: JSON.parse(MAP),
      timeoutMs: 5000,
    });
    expect(
      parseLdapSettings({
        ...MINIMAL,
        PLANNER_LDAP_URL: 'ldap://dc1.hospital.local:389',
        PLANNER_LDAP_BIND_DN: 'CN=svc-planner,OU=Service,DC=hospital,DC=local',
        PLANNER_LDAP_BIND_PASSWORD: 'secret',
        PLANNER_LDAP_USER_FILTER: '(&(objectClass=user)(sAMAccountName={username}))',
        PLANNER_LDAP_GROUPS_FROM: 'memberOf',
        PLANNER_LDAP_TIMEOUT_S: '2.5',
      }),
    ).toMatchObject({
      bindDn: 'CN=svc-planner,OU=Service,DC=hospital,DC=local',
      userFilter: '(&(objectClass=user)(sAMAccountName={username}))',
      groupsFrom: 'memberOf',
      timeoutMs: 2500,
    });
  });

  it('say which variable is wrong, and how', () => {
    expect(problem({ PLANNER_LDAP_URL: 'http://ldap.example.org' })).toMatch(
      /PLANNER_LDAP_URL must be ldap:\/\/.*PLANNER_LDAP_BASE_DN is needed.*PLANNER_LDAP_GROUP_MAP is needed/,
    );
    const cases: [Record<string, string>, RegExp][] = [
      [{ PLANNER_LDAP_USER_FILTER: '(uid=%s)' }, /PLANNER_LDAP_USER_FILTER must contain \{username\}/],
      [{ PLANNER_LDAP_USER_FILTER: '(&(uid={username})' }, /PLANNER_LDAP_USER_FILTER is not an LDAP filter/],
      [{ PLANNER_LDAP_USER_FILTER: 'uid={username}' }, /PLANNER_LDAP_USER_FILTER is not an LDAP filter/],
      [
        { PLANNER_LDAP_GROUP_FILTER: '(member=x)' },
        /PLANNER_LDAP_GROUP_FILTER must contain \{dn\} or \{username\}/,
      ],
      [
        { PLANNER_LDAP_GROUPS_FROM: 'both ways' },
        /PLANNER_LDAP_GROUPS_FROM must be search, memberOf or both/,
      ],
      [{ PLANNER_LDAP_TIMEOUT_S: 'soon' }, /PLANNER_LDAP_TIMEOUT_S must be a number/],
      [{ PLANNER_LDAP_TIMEOUT_S: '600' }, /PLANNER_LDAP_TIMEOUT_S must be between 0.1 and 60/],
      // A DN without a password would be an unauthenticated bind: it proves nothing.
      [{ PLANNER_LDAP_BIND_DN: 'cn=service,dc=example,dc=org' }, /PLANNER_LDAP_BIND_PASSWORD is needed/],
      [{ PLANNER_LDAP_BIND_PASSWORD: 'secret' }, /PLANNER_LDAP_BIND_DN is needed/],
      [{ PLANNER_LDAP_GROUP_MAP: 'cn=planners=示例医院:planner' }, /PLANNER_LDAP_GROUP_MAP is not JSON/],
      [{ PLANNER_LDAP_GROUP_MAP: '[]' }, /PLANNER_LDAP_GROUP_MAP must be a JSON list/],
      [
        { PLANNER_LDAP_GROUP_MAP: '[{"group":"cn=a,dc=x","hospital":"示例医院","role":"boss"}]' },
        /PLANNER_LDAP_GROUP_MAP\[0\]\.role .*"viewer"\|"planner"/,
      ],
      [
        {
          PLANNER_LDAP_GROUP_MAP:
            '[{"group":"cn=a,dc=x","hospital":"H","role":"viewer"},{"group":"cn=b,dc=x","systemRole":"root"}]',
        },
        /PLANNER_LDAP_GROUP_MAP\[1\]\.systemRole/,
      ],
      [
        { PLANNER_LDAP_GROUP_MAP: '[{"group":"cn=a,dc=x","hospital":"H","role":"viewer","extra":1}]' },
        /PLANNER_LDAP_GROUP_MAP\[0\].*extra/,
      ],
    ];
    for (const [change, expected] of cases) expect(problem({ ...MINIMAL, ...change })).toMatch(expected);
  });
});

describe('a search filter', () => {
  it('gets values escaped as RFC 4515 says, never as typed', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\0c')).toBe('a\\5cb\\00c');
    expect(escapeFilterValue('张三')).toBe('张三');
    expect(fillFilter('(|(uid={username})(mail={username}))', { username: 'x*' })).toBe(
      '(|(uid=x\\2a)(mail=x\\2a))',
    );
    // A DN with an escaped comma goes into a group filter escaped again, as a filter value.
    expect(fillFilter(DEFAULT_GROUP_FILTER, { dn: 'cn=Smith\\, John,dc=x' })).toBe(
      '(|(member=cn=Smith\\5c, John,dc=x)(uniqueMember=cn=Smith\\5c, John,dc=x))',
    );
  });
});

describe('group DNs', () => {
  it('compare without regard to case or spaces around separators', () => {
    expect(dnKey('CN=Planners, OU=Groups ,DC=example, DC=org')).toBe(
      'cn=planners,ou=groups,dc=example,dc=org',
    );
    expect(dnKey('cn = 规划 组,dc=x')).toBe('cn=规划 组,dc=x');
    // An escaped comma is part of the value, not a separator.
    expect(dnKey('cn=Smith\\, John,dc=x')).toBe('cn=smith\\, john,dc=x');
  });

  it('map to roles: the first line for a hospital wins; a system role and hospital roles together', () => {
    const map: GroupRule[] = [
      { group: 'cn=a,dc=x', hospital: '示例医院', role: 'approver' },
      { group: 'cn=b,dc=x', hospital: ' 示例医院 ', role: 'planner' },
      { group: 'cn=c,dc=x', hospital: '县人民医院', role: 'viewer' },
      { group: 'cn=d,dc=x', systemRole: 'audit-admin' },
      { group: 'cn=e,dc=x', systemRole: 'system-admin' },
    ];
    expect(rolesFromGroups(['CN=B,DC=X', 'cn=a,dc=x'], map)).toEqual({
      matched: true,
      systemRole: null,
      hospitals: new Map([['示例医院', 'approver']]),
    });
    expect(rolesFromGroups(['cn=e,dc=x', 'cn=d,dc=x', 'cn=c,dc=x'], map)).toEqual({
      matched: true,
      systemRole: 'audit-admin',
      hospitals: new Map([['县人民医院', 'viewer']]),
    });
    expect(rolesFromGroups(['cn=z,dc=x'], map)).toEqual({
      matched: false,
      systemRole: null,
      hospitals: new Map(),
    });
  });
});

describe('the exchange', () => {
  it('refuses an empty password before it connects anywhere', async () => {
    const settings = parseLdapSettings({ ...MINIMAL, PLANNER_LDAP_URL: 'ldap://192.0.2.1:389' })!;
    expect(await authenticateWithDirectory('zhang', '', settings)).toEqual({
      status: 'refused',
      reason: 'emptyPassword',
    });
    expect(await authenticateWithDirectory('zhang', 'x', null)).toMatchObject({ status: 'unavailable' });
  });
});

describe('a directory account', () => {
  const user = { username: 'admin', systemRole: 'system-admin', mustChangePassword: true, totpSecret: null };
  it('is never sent to change its password here, and may not put its second factor off', () => {
    expect(firstStep({ ...user, source: 'local' }, '/scenarios', '/')).toBe('/password?redirectTo=%2F');
    expect(firstStep({ ...user, source: 'ldap' }, '/scenarios', '/')).toBe('/totp?redirectTo=%2F');
    expect(mayPostponeSecondFactor({ ...user, source: 'local' })).toBe(true);
    expect(mayPostponeSecondFactor({ ...user, source: 'ldap' })).toBe(false);
  });
});
