/**
 * The hospital admin's page (医院管理员): the members of each hospital they administer, with
 * their roles; an existing account is given a role, changed or removed. New accounts are the
 * security admin's to make; a system account takes no hospital role. Every change is audited.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { hospitalChoices } from '~/auth/access.server';
import { readCallerForm, recordAction, requirePageCaller, type Caller } from '~/auth/caller.server';
import { HOSPITAL_ROLES, ROLE_LABELS } from '~/auth/roles';
import { getDb } from '~/db.server';
import { getLang } from '~/i18n/locale.server';
import { translate } from '~/i18n/ui';
import { findUser, getUser, membersOf, removeMembership, roleIn, setMembership } from '~/models/users.server';

import { adminText } from './words';

/** The hospitals the caller administers; none is "no such page" (as for any page not theirs). */
function administered(caller: Caller): { id: string; name: string }[] {
  const hospitals = hospitalChoices(caller, 'manageHospitalUsers');
  if (hospitals.length === 0) {
    recordAction(caller, {
      action: 'access.denied',
      outcome: 'denied',
      objectType: 'page',
      objectId: '/admin/members',
    });
    throw new Response('Not found', { status: 404 });
  }
  return hospitals;
}

export async function loadMembers({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const db = getDb();
  return json({
    me: caller.user.id,
    roles: HOSPITAL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] })),
    hospitals: administered(caller).map((h) => ({
      ...h,
      members: membersOf(db, h.id).map((m) => ({ ...m, roleLabel: ROLE_LABELS[m.role][lang] })),
    })),
  });
}

const memberForm = z.object({
  intent: z.enum(['setRole', 'remove']),
  hospitalId: z.string().min(1).max(64),
  username: z.string().trim().min(1).max(64),
  role: z.enum(HOSPITAL_ROLES).optional(),
});

export async function membersAction({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const hospitals = administered(caller);
  const form = memberForm.safeParse(Object.fromEntries(await readCallerForm(request, caller, lang)));
  const reply = (error: string | null, done: string | null = null, status = 200) =>
    json({ error, done }, { status });
  if (!form.success) return reply(translate(lang, 'staleForm'), null, 400);
  const { intent, hospitalId, username, role } = form.data;
  const hospital = hospitals.find((h) => h.id === hospitalId);
  // Another hospital is not the caller's to manage: as if it did not exist.
  if (!hospital) throw new Response('Not found', { status: 404 });
  const db = getDb();
  const user = findUser(db, username);
  if (!user) return reply(adminText(lang, 'noSuchUser', { name: username }), null, 404);
  if (user.id === caller.user.id) return reply(adminText(lang, 'notYourOwnRole'), null, 400);
  const event = { hospitalId, objectType: 'user', objectId: user.username };
  if (intent === 'remove') {
    const before = roleIn(db, user.id, hospitalId);
    if (!removeMembership(db, user.id, hospitalId))
      return reply(adminText(lang, 'noSuchUser', { name: username }), null, 404);
    recordAction(caller, { ...event, action: 'role.remove', outcome: 'success', detail: { before } });
    return reply(null, adminText(lang, 'memberRemoved', { name: user.username }));
  }
  if (!role) return reply(translate(lang, 'staleForm'), null, 400);
  if (getUser(db, user.id)!.systemRole) return reply(adminText(lang, 'systemAccountNoHospital'), null, 400);
  const before = roleIn(db, user.id, hospitalId);
  setMembership(db, user.id, hospitalId, role);
  recordAction(caller, {
    ...event,
    action: 'role.change',
    outcome: 'success',
    detail: { before, after: role },
  });
  return reply(null, adminText(lang, 'memberSaved', { name: user.username, role: ROLE_LABELS[role][lang] }));
}
