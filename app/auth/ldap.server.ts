/**
 * Signing in against an LDAP directory (OpenLDAP, Active Directory), when PLANNER_LDAP_URL is
 * set: the settings from the environment, and the one exchange a login needs — find the user's
 * entry with the service account, bind as the user with their password, read their groups.
 * What the groups mean here (a hospital and role, or a system role) comes from
 * PLANNER_LDAP_GROUP_MAP. Nothing here touches the database.
 */
import { Client, Filter, FilterParser, InvalidCredentialsError, type Entry } from 'ldapts';
import { z } from 'zod';

import { HOSPITAL_ROLES, SYSTEM_ROLES, type HospitalRole, type SystemRole } from './roles';

/** One line of the group map: members of `group` get a role in a hospital, or a system role. */
export type GroupRule =
  { group: string; hospital: string; role: HospitalRole } | { group: string; systemRole: SystemRole };

export interface LdapSettings {
  url: string;
  /** The service account the user's entry is searched with; null: an anonymous search. */
  bindDn: string | null;
  bindPassword: string;
  baseDn: string;
  /** A filter with `{username}` where the (escaped) name goes. */
  userFilter: string;
  groupBaseDn: string;
  /** A filter with `{dn}` (the user's DN) and/or `{username}`, both escaped. */
  groupFilter: string;
  /** Where a user's groups are read: a search for groups naming them, their memberOf, or both. */
  groupsFrom: 'search' | 'memberOf' | 'both';
  groupMap: GroupRule[];
  /** The whole exchange (connect, search, bind, groups) must end within this. */
  timeoutMs: number;
}

export const DEFAULT_USER_FILTER = '(uid={username})';
export const DEFAULT_GROUP_FILTER = '(|(member={dn})(uniqueMember={dn}))';
export const DEFAULT_TIMEOUT_S = 5;

/** The settings are wrong: the message names the variable. */
export class LdapSettingsError extends Error {
  override name = 'LdapSettingsError';
}

const text = z.string().trim();
const optionalText = text.optional().transform((v) => (v ? v : undefined));
const required = (what: string) =>
  z
    .string({ message: `is needed (${what})` })
    .trim()
    .min(1, { message: `is needed (${what})` });
/** A filter template is one parenthesized filter that ldapts can parse, placeholders filled. */
const isFilter = (template: string, ...names: string[]): boolean => {
  let sample = template;
  for (const name of names) sample = sample.split(`{${name}}`).join('x');
  // Balanced, and closed only at its end (ldapts's parser forgives a missing parenthesis).
  let depth = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === '(') depth++;
    else if (sample[i] === ')' && (--depth < 0 || (depth === 0 && i < sample.length - 1))) return false;
  }
  if (depth !== 0 || !sample.startsWith('(')) return false;
  try {
    FilterParser.parseString(sample);
    return true;
  } catch {
    return false;
  }
};

const envSchema = z
  .object({
    PLANNER_LDAP_URL: text.regex(/^ldaps?:\/\/[^/\s]+\/?$/i, {
      message: 'must be ldap://host[:port] or ldaps://host[:port]',
    }),
    PLANNER_LDAP_BIND_DN: optionalText,
    PLANNER_LDAP_BIND_PASSWORD: z.string().optional(),
    PLANNER_LDAP_BASE_DN: required('where users are searched, e.g. ou=people,dc=example,dc=org'),
    PLANNER_LDAP_USER_FILTER: optionalText
      .transform((v) => v ?? DEFAULT_USER_FILTER)
      .refine((v) => v.includes('{username}'), { message: 'must contain {username}' })
      .refine((v) => isFilter(v, 'username'), { message: 'is not an LDAP filter (RFC 4515)' }),
    PLANNER_LDAP_GROUP_BASE_DN: optionalText,
    PLANNER_LDAP_GROUP_FILTER: optionalText
      .transform((v) => v ?? DEFAULT_GROUP_FILTER)
      .refine((v) => v.includes('{dn}') || v.includes('{username}'), {
        message: 'must contain {dn} or {username}',
      })
      .refine((v) => isFilter(v, 'dn', 'username'), { message: 'is not an LDAP filter (RFC 4515)' }),
    PLANNER_LDAP_GROUPS_FROM: optionalText.pipe(
      z
        .enum(['search', 'memberOf', 'both'], { message: 'must be search, memberOf or both' })
        .default('search'),
    ),
    PLANNER_LDAP_GROUP_MAP: required('which groups may sign in, with what role'),
    PLANNER_LDAP_TIMEOUT_S: optionalText
      .transform((v) => (v === undefined ? DEFAULT_TIMEOUT_S : Number(v)))
      .pipe(
        z
          .number({ message: 'must be a number of seconds' })
          .min(0.1, { message: 'must be between 0.1 and 60 seconds' })
          .max(60, { message: 'must be between 0.1 and 60 seconds' }),
      ),
  })
  .superRefine((env, ctx) => {
    // A DN with no password would be an "unauthenticated bind": it succeeds and proves nothing.
    if (env.PLANNER_LDAP_BIND_DN && !env.PLANNER_LDAP_BIND_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['PLANNER_LDAP_BIND_PASSWORD'],
        message: 'is needed with PLANNER_LDAP_BIND_DN',
      });
    if (!env.PLANNER_LDAP_BIND_DN && env.PLANNER_LDAP_BIND_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['PLANNER_LDAP_BIND_DN'],
        message: 'is needed with PLANNER_LDAP_BIND_PASSWORD',
      });
  });

const hospitalRule = z.strictObject({
  group: text.min(3, { message: 'must be a group DN' }),
  hospital: text.min(1, { message: 'must be a hospital name' }).max(100),
  role: z.enum(HOSPITAL_ROLES),
});
const systemRule = z.strictObject({
  group: text.min(3, { message: 'must be a group DN' }),
  systemRole: z.enum(SYSTEM_ROLES),
});
const GROUP_MAP_EXAMPLE =
  '[{"group":"cn=planners,ou=groups,dc=example,dc=org","hospital":"示例医院","role":"planner"},{"group":"cn=auditors,ou=groups,dc=example,dc=org","systemRole":"audit-admin"}]';

const pathText = (prefix: string, path: readonly PropertyKey[]) =>
  prefix +
  path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 && !prefix ? String(p) : `.${String(p)}`))
    .join('');
const describeIssues = (issues: readonly z.core.$ZodIssue[], prefix = '') =>
  issues.map((issue) => `${pathText(prefix, issue.path)} ${issue.message}`).join('; ');

function parseGroupMap(json: string): GroupRule[] {
  const fail = (what: string) =>
    new LdapSettingsError(`LDAP sign-in is misconfigured: ${what}; for example ${GROUP_MAP_EXAMPLE}`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw fail('PLANNER_LDAP_GROUP_MAP is not JSON');
  }
  if (!Array.isArray(value) || value.length === 0)
    throw fail('PLANNER_LDAP_GROUP_MAP must be a JSON list of at least one {"group", ...}');
  const issues: z.core.$ZodIssue[] = [];
  const rules = value.map((entry: unknown, i) => {
    // A line gives a system role or a hospital's role: which one it means decides its checks.
    const isSystem = typeof entry === 'object' && entry !== null && 'systemRole' in entry;
    const parsed = (isSystem ? systemRule : hospitalRule).safeParse(entry);
    if (!parsed.success)
      issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })));
    return parsed.data as GroupRule;
  });
  if (issues.length > 0) throw fail(describeIssues(issues, 'PLANNER_LDAP_GROUP_MAP'));
  return rules;
}

const VARIABLES = [
  'PLANNER_LDAP_URL',
  'PLANNER_LDAP_BIND_DN',
  'PLANNER_LDAP_BIND_PASSWORD',
  'PLANNER_LDAP_BASE_DN',
  'PLANNER_LDAP_USER_FILTER',
  'PLANNER_LDAP_GROUP_BASE_DN',
  'PLANNER_LDAP_GROUP_FILTER',
  'PLANNER_LDAP_GROUPS_FROM',
  'PLANNER_LDAP_GROUP_MAP',
  'PLANNER_LDAP_TIMEOUT_S',
] as const;

/** Reads the settings: null when PLANNER_LDAP_URL is unset (LDAP off); throws LdapSettingsError. */
export function parseLdapSettings(env: Record<string, string | undefined>): LdapSettings | null {
  if (!env.PLANNER_LDAP_URL?.trim()) return null;
  const parsed = envSchema.safeParse(Object.fromEntries(VARIABLES.map((name) => [name, env[name]])));
  if (!parsed.success)
    throw new LdapSettingsError(`LDAP sign-in is misconfigured: ${describeIssues(parsed.error.issues)}`);
  const e = parsed.data;
  return {
    url: e.PLANNER_LDAP_URL,
    bindDn: e.PLANNER_LDAP_BIND_DN ?? null,
    bindPassword: e.PLANNER_LDAP_BIND_PASSWORD ?? '',
    baseDn: e.PLANNER_LDAP_BASE_DN,
    userFilter: e.PLANNER_LDAP_USER_FILTER,
    groupBaseDn: e.PLANNER_LDAP_GROUP_BASE_DN ?? e.PLANNER_LDAP_BASE_DN,
    groupFilter: e.PLANNER_LDAP_GROUP_FILTER,
    groupsFrom: e.PLANNER_LDAP_GROUPS_FROM,
    groupMap: parseGroupMap(e.PLANNER_LDAP_GROUP_MAP),
    timeoutMs: Math.round(e.PLANNER_LDAP_TIMEOUT_S * 1000),
  };
}

let cached: { key: string; settings: LdapSettings | null } | null = null;

/**
 * The settings from the environment, read at first use (and again whenever the variables
 * change): null when LDAP is off; throws LdapSettingsError naming the variable that is wrong.
 */
export function ldapSettings(env: Record<string, string | undefined> = process.env): LdapSettings | null {
  const key = JSON.stringify(VARIABLES.map((name) => env[name] ?? null));
  if (cached?.key !== key) cached = { key, settings: parseLdapSettings(env) };
  return cached.settings;
}

/** A value put into a search filter, escaped as RFC 4515 says: `*`, `(`, `)`, `\` and NUL. */
export const escapeFilterValue = (value: string): string => Filter.escape(value);

/** A filter template with its placeholders replaced by escaped values (never raw). */
export function fillFilter(template: string, values: Record<string, string>): string {
  let filter = template;
  for (const [name, value] of Object.entries(values))
    filter = filter.split(`{${name}}`).join(escapeFilterValue(value));
  return filter;
}

/**
 * A DN as compared here: attribute names and values without regard to case, and without the
 * spaces people put after commas ("CN=Planners, OU=Groups" is "cn=planners,ou=groups").
 */
export function dnKey(dn: string): string {
  let out = '';
  let pending = '';
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i]!;
    if (c === '\\' && i + 1 < dn.length) {
      out += pending + c + dn[++i]!;
      pending = '';
    } else if (c === ',' || c === '=' || c === '+') {
      out = out.trimEnd() + c;
      pending = '';
      while (dn[i + 1] === ' ') i++;
    } else if (c === ' ') {
      pending += c;
    } else {
      out += pending + c;
      pending = '';
    }
  }
  return out.trim().toLowerCase();
}

/** What a user's groups give them here, by the group map; `matched` false: no mapped group. */
export interface MappedRoles {
  matched: boolean;
  systemRole: SystemRole | null;
  /** Hospital name → role (the first matching line of the map wins for a hospital). */
  hospitals: Map<string, HospitalRole>;
}

export function rolesFromGroups(groups: readonly string[], map: readonly GroupRule[]): MappedRoles {
  const held = new Set(groups.map(dnKey));
  const mapped: MappedRoles = { matched: false, systemRole: null, hospitals: new Map() };
  const seenHospitals = new Set<string>();
  for (const rule of map) {
    if (!held.has(dnKey(rule.group))) continue;
    mapped.matched = true;
    if ('systemRole' in rule) {
      mapped.systemRole ??= rule.systemRole;
      continue;
    }
    const key = rule.hospital.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
    if (seenHospitals.has(key)) continue;
    seenHospitals.add(key);
    mapped.hospitals.set(rule.hospital, rule.role);
  }
  return mapped;
}

export type DirectoryAnswer =
  | { status: 'ok'; dn: string; displayName: string; groups: string[] }
  | { status: 'refused'; reason: 'emptyPassword' | 'unknownUser' | 'ambiguousUser' | 'wrongPassword' }
  | { status: 'unavailable'; reason: string };

const firstText = (value: Entry[string] | undefined): string => {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? '' : Buffer.isBuffer(first) ? first.toString('utf8') : first;
};
const allText = (value: Entry[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    Buffer.isBuffer(v) ? v.toString('utf8') : v,
  );

/** What went wrong with the directory, short, for the audit log (never a password). */
function unavailableReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return `${error.name}${code !== undefined ? ` ${String(code)}` : ''}: ${error.message}`.slice(0, 200);
  }
  return String(error).slice(0, 200);
}

/**
 * Checks a user name and password against the directory: the user's entry is found with the
 * service account (the name escaped into the filter), the password is checked by binding as
 * that entry on a connection of its own, and the groups are read with the service account.
 * Every connection is unbound whatever happens. A directory that does not answer in time, or
 * refuses the service account, is `unavailable`; a wrong password or an unknown name is
 * `refused`.
 */
export async function authenticateWithDirectory(
  username: string,
  password: string,
  settings: LdapSettings | null = ldapSettings(),
): Promise<DirectoryAnswer> {
  if (!settings) return { status: 'unavailable', reason: 'LDAP is not configured' };
  // An LDAP simple bind with an empty password is an "unauthenticated bind": many directories
  // answer it with success. It must never reach the directory.
  if (password.length === 0) return { status: 'refused', reason: 'emptyPassword' };
  if (username.trim().length === 0) return { status: 'refused', reason: 'unknownUser' };
  const options = { url: settings.url, timeout: settings.timeoutMs, connectTimeout: settings.timeoutMs };
  const service = new Client(options);
  const asUser = new Client(options);
  const work = (async (): Promise<DirectoryAnswer> => {
    try {
      if (settings.bindDn) {
        try {
          await service.bind(settings.bindDn, settings.bindPassword);
        } catch (error) {
          if (error instanceof InvalidCredentialsError)
            return {
              status: 'unavailable',
              reason: 'the service account (PLANNER_LDAP_BIND_DN) was refused',
            };
          throw error;
        }
      }
      const wantMemberOf = settings.groupsFrom !== 'search';
      const { searchEntries } = await service.search(settings.baseDn, {
        scope: 'sub',
        filter: fillFilter(settings.userFilter, { username }),
        sizeLimit: 2,
        attributes: ['displayName', 'cn', ...(wantMemberOf ? ['memberOf'] : [])],
      });
      if (searchEntries.length === 0) return { status: 'refused', reason: 'unknownUser' };
      // Two entries for one name: the filter is too loose; neither is trusted.
      if (searchEntries.length > 1) return { status: 'refused', reason: 'ambiguousUser' };
      const entry = searchEntries[0]!;
      try {
        await asUser.bind(entry.dn, password);
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return { status: 'refused', reason: 'wrongPassword' };
        throw error;
      }
      const groups = wantMemberOf ? allText(entry.memberOf) : [];
      if (settings.groupsFrom !== 'memberOf') {
        const found = await service.search(settings.groupBaseDn, {
          scope: 'sub',
          filter: fillFilter(settings.groupFilter, { dn: entry.dn, username }),
          attributes: ['1.1'],
        });
        groups.push(...found.searchEntries.map((g) => g.dn));
      }
      return {
        status: 'ok',
        dn: entry.dn,
        displayName: (firstText(entry.displayName) || firstText(entry.cn)).trim().slice(0, 100),
        groups: [...new Set(groups)],
      };
    } catch (error) {
      return { status: 'unavailable', reason: unavailableReason(error) };
    } finally {
      await Promise.allSettled([service.unbind(), asUser.unbind()]);
    }
  })();
  // Each step has its own time limit; the whole exchange has one too, so a directory that
  // answers slowly at every step still cannot hold a login for long.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DirectoryAnswer>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'unavailable', reason: `no answer within ${settings.timeoutMs} ms` }),
      settings.timeoutMs,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
