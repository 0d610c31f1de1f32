/**
 * The security admin's page (安全管理员): accounts — made with a one-time password shown once,
 * locked and unlocked, given a new one-time password — and the password and lockout policy.
 * Every change is in the audit log; nothing here touches a hospital's data.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { readCallerForm, recordAction } from '~/auth/caller.server';
import { HOSPITAL_ROLES, ROLE_LABELS, SYSTEM_ROLES } from '~/auth/roles';
import { securityPolicy, securityPolicySchema, setSecurityPolicy } from '~/auth/security-policy.server';
import { requireSystemAction } from '~/auth/system-access.server';
import { getDb } from '~/db.server';
import { wholeParam } from '~/http/numbers';
import { getLang } from '~/i18n/locale.server';
import { beijingMinute } from '~/i18n/time';
import { translate } from '~/i18n/ui';

import { adminText } from './words';
import { getHospital, listHospitals } from '~/models/hospitals.server';
import {
  createUser,
  getUser,
  listAccounts,
  resetPassword,
  setAccountLocked,
  setMembership,
} from '~/models/users.server';

export async function loadAccounts({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requireSystemAction(request, context, 'manageAccounts');
  const now = new Date().toISOString();
  const db = getDb();
  return json({
    me: caller.user.id,
    policy: securityPolicy(db),
    hospitals: listHospitals(db).map((h) => ({ id: h.id, name: h.name })),
    hospitalRoles: HOSPITAL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] })),
    systemRoles: SYSTEM_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] })),
    accounts: listAccounts(db).map((a) => ({
      id: a.id,
      username: a.username,
      displayName: a.displayName,
      roles: [
        ...(a.systemRole ? [ROLE_LABELS[a.systemRole][lang]] : []),
        ...a.roles.map((r) => `${r.hospital} · ${ROLE_LABELS[r.role][lang]}`),
      ],
      disabled: a.disabled,
      lockedUntil: a.lockedUntil && a.lockedUntil > now ? beijingMinute(a.lockedUntil) : null,
      mustChangePassword: a.mustChangePassword,
      secondFactor: a.secondFactor,
      fromDirectory: a.source === 'ldap',
    })),
  });
}

const createForm = z.object({
  intent: z.literal('create'),
  username: z.string().trim().min(1).max(64),
  displayName: z.string().trim().max(100).default(''),
  kind: z.enum(['hospital', 'system']),
  hospitalId: z.string().max(64).optional(),
  role: z.enum(HOSPITAL_ROLES).optional(),
  systemRole: z.enum(SYSTEM_ROLES).optional(),
});
const userForm = z.object({
  intent: z.enum(['lock', 'unlock', 'resetPassword']),
  userId: z.string().min(1).max(64),
});
const policyForm = z.object({
  intent: z.literal('policy'),
  minLength: wholeParam,
  minKinds: wholeParam,
  maxFailures: wholeParam,
  lockMinutes: wholeParam,
});

type Answer = {
  error: string | null;
  done: string | null;
  oneTimePassword: string | null;
  forUser: string | null;
};
const answer = (a: Partial<Answer>, status = 200) =>
  json({ error: null, done: null, oneTimePassword: null, forUser: null, ...a } satisfies Answer, { status });

export async function accountsAction({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const caller = requireSystemAction(request, context, 'manageAccounts');
  const fields = Object.fromEntries(await readCallerForm(request, caller, lang));
  const db = getDb();
  if (fields.intent === 'policy') {
    const form = policyForm.safeParse(fields);
    const policy = form.success ? securityPolicySchema.safeParse(form.data) : null;
    if (!policy?.success) return answer({ error: adminText(lang, 'policyOutOfRange') }, 400);
    setSecurityPolicy(policy.data, db);
    recordAction(caller, {
      action: 'settings.security',
      outcome: 'success',
      objectType: 'settings',
      objectId: 'security',
      detail: { ...policy.data },
    });
    return answer({ done: adminText(lang, 'policySaved') });
  }
  if (fields.intent === 'create') {
    const form = createForm.safeParse(fields);
    if (!form.success) return answer({ error: translate(lang, 'staleForm') }, 400);
    const { username, kind } = form.data;
    const hospital =
      kind === 'hospital' && form.data.hospitalId ? getHospital(db, form.data.hospitalId) : null;
    if (kind === 'hospital' && (!hospital || !form.data.role))
      return answer({ error: adminText(lang, 'accountNeedsRole') }, 400);
    if (kind === 'system' && !form.data.systemRole)
      return answer({ error: adminText(lang, 'accountNeedsRole') }, 400);
    const made = await createUser(
      {
        username,
        displayName: form.data.displayName,
        systemRole: kind === 'system' ? form.data.systemRole : null,
      },
      db,
    );
    if (made.status === 'badName') return answer({ error: adminText(lang, 'accountBadName') }, 400);
    if (made.status === 'exists')
      return answer({ error: adminText(lang, 'accountExists', { name: username }) }, 409);
    if (hospital && form.data.role) setMembership(db, made.user.id, hospital.id, form.data.role);
    recordAction(caller, {
      action: 'account.create',
      outcome: 'success',
      hospitalId: hospital?.id ?? null,
      hospitalName: hospital?.name ?? '',
      objectType: 'user',
      objectId: made.user.username,
      detail: { role: form.data.role ?? null, systemRole: form.data.systemRole ?? null },
    });
    return answer({ oneTimePassword: made.oneTimePassword, forUser: made.user.username });
  }
  const form = userForm.safeParse(fields);
  const user = form.success ? getUser(db, form.data.userId) : null;
  if (!form.success || !user) return answer({ error: translate(lang, 'staleForm') }, 400);
  // The security admin cannot lock themselves out of the only page that unlocks accounts.
  if (user.id === caller.user.id && form.data.intent !== 'unlock')
    return answer({ error: adminText(lang, 'accountNotYourself') }, 400);
  const event = { outcome: 'success' as const, objectType: 'user', objectId: user.username };
  if (form.data.intent === 'resetPassword') {
    // A directory account's password is the directory's: a one-time one here would never be asked for.
    if (user.source === 'ldap')
      return answer({ error: adminText(lang, 'accountFromDirectory', { name: user.username }) }, 400);
    const oneTime = await resetPassword(db, user.id);
    recordAction(caller, { ...event, action: 'password.reset' });
    return answer({ oneTimePassword: oneTime, forUser: user.username });
  }
  setAccountLocked(db, user.id, form.data.intent === 'lock');
  recordAction(caller, { ...event, action: form.data.intent === 'lock' ? 'account.lock' : 'account.unlock' });
  return answer({
    done: adminText(lang, form.data.intent === 'lock' ? 'accountLocked' : 'accountUnlocked', {
      name: user.username,
    }),
  });
}
