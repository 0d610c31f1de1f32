/**
 * The system admin's page (系统管理员): the hospitals using the app, with how many cases and
 * members each has; a new hospital is added by name (names are unique as people read them).
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { count } from 'drizzle-orm';
import { z } from 'zod';

import { readCallerForm, recordAction } from '~/auth/caller.server';
import { requireSystemAction } from '~/auth/system-access.server';
import { getDb } from '~/db.server';
import { getLang } from '~/i18n/locale.server';
import { findHospitalByName, ensureHospital, listHospitals } from '~/models/hospitals.server';

import { memberships, scenarios } from '../../db/schema';
import { adminText } from './words';

export async function loadHospitals({ request, context }: LoaderFunctionArgs) {
  requireSystemAction(request, context, 'manageHospitals');
  const db = getDb();
  const counted = (rows: { id: string | null; n: number }[]) => new Map(rows.map((r) => [r.id, r.n]));
  const cases = counted(
    db.select({ id: scenarios.hospitalId, n: count() }).from(scenarios).groupBy(scenarios.hospitalId).all(),
  );
  const members = counted(
    db
      .select({ id: memberships.hospitalId, n: count() })
      .from(memberships)
      .groupBy(memberships.hospitalId)
      .all(),
  );
  return json({
    hospitals: listHospitals(db).map((h) => ({
      id: h.id,
      name: h.name,
      cases: cases.get(h.id) ?? 0,
      members: members.get(h.id) ?? 0,
    })),
  });
}

const addForm = z.object({ intent: z.literal('add'), name: z.string().trim().min(1).max(100) });

export async function hospitalsAction({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const caller = requireSystemAction(request, context, 'manageHospitals');
  const form = addForm.safeParse(Object.fromEntries(await readCallerForm(request, caller, lang)));
  if (!form.success) return json({ error: adminText(lang, 'hospitalNameBad'), done: null }, { status: 400 });
  const db = getDb();
  const existing = findHospitalByName(db, form.data.name);
  if (existing)
    return json(
      { error: adminText(lang, 'hospitalExists', { name: existing.name }), done: null },
      { status: 409 },
    );
  const hospital = ensureHospital(db, form.data.name);
  recordAction(caller, {
    action: 'hospital.create',
    outcome: 'success',
    hospitalId: hospital.id,
    hospitalName: hospital.name,
    objectType: 'hospital',
    objectId: hospital.name,
  });
  return json({ error: null, done: adminText(lang, 'hospitalAdded', { name: hospital.name }) });
}
