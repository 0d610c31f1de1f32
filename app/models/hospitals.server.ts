/**
 * Hospitals: they own scenarios (and through them datasets and share links). Names are unique
 * as people read them — "示例医院", " 示例医院 " and "示例医院" typed full-width are one hospital —
 * so each is stored with a key: trimmed, inner spaces collapsed, NFKC-folded, lower-cased.
 * Functions take the database (or a transaction) explicitly: seeding calls them while the
 * database is being opened.
 */
import { randomBytes } from 'node:crypto';

import { eq, isNull } from 'drizzle-orm';

import type { LocalizedText } from '~/engine';
import type { Db } from '~/db.server';

import { hospitals, scenarios } from '../../db/schema';

/** The hospital the bundled example scenarios belong to. */
export const DEMO_HOSPITAL = '示例医院';

export type Hospital = typeof hospitals.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Queryable = Db | Tx;

/** How a name is compared: "Ｘ县 人民医院 " and "x县 人民医院" are the same hospital. */
export function hospitalNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The name as shown: trimmed, inner runs of spaces made one (the case and width kept). */
export const cleanHospitalName = (name: string): string => name.trim().replace(/\s+/g, ' ');

export function findHospitalByName(db: Queryable, name: string): Hospital | null {
  return (
    db
      .select()
      .from(hospitals)
      .where(eq(hospitals.nameKey, hospitalNameKey(name)))
      .get() ?? null
  );
}

export function getHospital(db: Queryable, id: string): Hospital | null {
  return db.select().from(hospitals).where(eq(hospitals.id, id)).get() ?? null;
}

export function listHospitals(db: Queryable): Hospital[] {
  return db.select().from(hospitals).orderBy(hospitals.name).all();
}

/** The hospital of that name, made if there is none yet. */
export function ensureHospital(db: Queryable, name: string): Hospital {
  const found = findHospitalByName(db, name);
  if (found) return found;
  const row = {
    id: randomBytes(9).toString('base64url'),
    name: cleanHospitalName(name),
    nameKey: hospitalNameKey(name),
  };
  db.insert(hospitals).values(row).run();
  return getHospital(db, row.id)!;
}

/** The name a scenario row's hospital goes by: its Chinese name where it has one. */
function storedHospitalName(json: string): string {
  const text = JSON.parse(json) as LocalizedText;
  if (typeof text === 'string') return text;
  return text['zh-CN'] || text.en || DEMO_HOSPITAL;
}

/**
 * Gives every scenario without one an owning hospital: the bundled examples go to the demo
 * hospital, every other to the hospital named in it (made if absent) — what an upgrade of a
 * database from before accounts needs, and a no-op once done.
 */
export function assignScenarioHospitals(db: Queryable): number {
  const orphans = db
    .select({ id: scenarios.id, hospitalName: scenarios.hospitalName, bundledKey: scenarios.bundledKey })
    .from(scenarios)
    .where(isNull(scenarios.hospitalId))
    .all();
  for (const s of orphans) {
    const hospital = ensureHospital(db, s.bundledKey ? DEMO_HOSPITAL : storedHospitalName(s.hospitalName));
    db.update(scenarios).set({ hospitalId: hospital.id }).where(eq(scenarios.id, s.id)).run();
  }
  return orphans.length;
}
