/**
 * A user's own account page: who they are and what they may do where, their second factor, and
 * their personal API tokens — made for one hospital with at most their role there (the token is
 * shown this once; only its SHA-256 is kept), listed with their last use, revoked here.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { readCallerForm, recordAction, requirePageCaller } from '~/auth/caller.server';
import { HOSPITAL_ROLES, ROLE_LABELS, roleCovers, type HospitalRole } from '~/auth/roles';
import { getDb } from '~/db.server';
import { getLang } from '~/i18n/locale.server';
import { beijingMinute } from '~/i18n/time';
import { translate } from '~/i18n/ui';
import { getHospital } from '~/models/hospitals.server';
import { createApiToken, revokeApiToken, tokensOf } from '~/models/users.server';

export async function loadAccount({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const db = getDb();
  const hospitalName = (id: string) => getHospital(db, id)?.name ?? '';
  return json({
    username: caller.user.username,
    systemRole: caller.user.systemRole ? ROLE_LABELS[caller.user.systemRole as 'system-admin'][lang] : null,
    secondFactor: caller.user.totpSecret !== null,
    memberships: [...caller.roles].map(([hospitalId, role]) => ({
      hospitalId,
      hospital: hospitalName(hospitalId),
      role: ROLE_LABELS[role][lang],
      // The roles a token for this hospital may have: this one and those it covers.
      tokenRoles: HOSPITAL_ROLES.filter((r) => roleCovers(role, r)).map((r) => ({
        value: r,
        label: ROLE_LABELS[r][lang],
      })),
    })),
    tokens: tokensOf(db, caller.user.id)
      .reverse()
      .map((t) => ({
        id: t.id,
        name: t.name,
        hospital: hospitalName(t.hospitalId),
        role: ROLE_LABELS[t.role][lang],
        createdAt: beijingMinute(t.createdAt),
        lastUsedAt: t.lastUsedAt ? beijingMinute(t.lastUsedAt) : null,
        revoked: t.revokedAt !== null,
      })),
  });
}

const createForm = z.object({
  intent: z.literal('createToken'),
  hospitalId: z.string().min(1).max(64),
  role: z.enum(HOSPITAL_ROLES),
  name: z.string().trim().max(100).default(''),
});
const revokeForm = z.object({
  intent: z.literal('revokeToken'),
  tokenId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
});

export async function accountAction({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const fields = Object.fromEntries(await readCallerForm(request, caller, lang));
  const db = getDb();
  if (fields.intent === 'revokeToken') {
    const form = revokeForm.safeParse(fields);
    if (!form.success || !revokeApiToken(db, caller.user.id, form.data.tokenId))
      return json({ error: translate(lang, 'tokenNotFound'), token: null }, { status: 404 });
    recordAction(caller, {
      action: 'token.revoke',
      outcome: 'success',
      objectType: 'apiToken',
      objectId: form.data.tokenId,
    });
    return json({ error: null, token: null });
  }
  const form = createForm.safeParse(fields);
  if (!form.success) return json({ error: translate(lang, 'staleForm'), token: null }, { status: 400 });
  const hospital = caller.roles.has(form.data.hospitalId) ? getHospital(db, form.data.hospitalId) : null;
  if (!hospital)
    return json({ error: translate(lang, 'tokenHospitalNotYours'), token: null }, { status: 403 });
  const made = createApiToken(db, caller.user, hospital, {
    role: form.data.role as HospitalRole,
    name: form.data.name,
  });
  if (made.status !== 'created')
    return json(
      {
        error: translate(lang, 'tokenRoleTooHigh', {
          role: ROLE_LABELS[form.data.role][lang],
          held: ROLE_LABELS[caller.roles.get(hospital.id)!][lang],
        }),
        token: null,
      },
      { status: 403 },
    );
  // The token itself is never logged: only that one was made, for which hospital and role.
  recordAction(caller, {
    action: 'token.create',
    outcome: 'success',
    hospitalId: hospital.id,
    objectType: 'apiToken',
    objectId: made.id,
    detail: { role: made.role },
  });
  return json({ error: null, token: made.token });
}
