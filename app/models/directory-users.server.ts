/**
 * Accounts that sign in against the directory (source 'ldap'): the local row made at the first
 * login and brought in line with the directory at every login after — the name people know them
 * by, their system role and their role in each hospital, as the group map gives them. Such a row
 * never has a password here.
 */
import { randomBytes } from 'node:crypto';

import { and, eq } from 'drizzle-orm';

import type { MappedRoles } from '~/auth/ldap.server';
import type { HospitalRole, SystemRole } from '~/auth/roles';
import type { Db } from '~/db.server';

import { memberships, users } from '../../db/schema';
import { ensureHospital, findHospitalByName, getHospital } from './hospitals.server';
import { usernameKey, type User } from './users.server';

/** One role the directory gave or took away: in a hospital, or the system role. */
export interface DirectoryRoleChange {
  scope: 'hospital' | 'system';
  hospitalId: string | null;
  hospitalName: string;
  before: HospitalRole | SystemRole | null;
  after: HospitalRole | SystemRole | null;
}

export type DirectorySync =
  | {
      status: 'synced';
      user: User;
      created: boolean;
      changes: DirectoryRoleChange[];
      /** Hospitals named in the group map that did not exist yet, made now. */
      hospitalsMade: { id: string; name: string }[];
    }
  /** No row, and none made (the user has no mapped group). */
  | { status: 'none' }
  /** The name is a local account's: the directory has no say over it. */
  | { status: 'local' };

/**
 * Makes or updates the directory user's row and sets their roles to what `mapped` says (adding
 * and removing), in one transaction. Without `create`, a user with no row is left without one.
 */
export function syncDirectoryUser(
  db: Db,
  input: { username: string; displayName: string; mapped: MappedRoles; create: boolean },
): DirectorySync {
  return db.transaction(
    (tx) => {
      const key = usernameKey(input.username);
      const existing = tx.select().from(users).where(eq(users.usernameKey, key)).get();
      if (existing && existing.source !== 'ldap') return { status: 'local' as const };
      if (!existing && !input.create) return { status: 'none' as const };
      const changes: DirectoryRoleChange[] = [];
      const before = (existing?.systemRole as SystemRole | null | undefined) ?? null;
      if (before !== input.mapped.systemRole)
        changes.push({
          scope: 'system',
          hospitalId: null,
          hospitalName: '',
          before,
          after: input.mapped.systemRole,
        });
      // Never a password here, never one to change: the directory keeps it.
      const fields = {
        systemRole: input.mapped.systemRole,
        passwordHash: null,
        mustChangePassword: false,
      };
      let id: string;
      if (existing) {
        id = existing.id;
        tx.update(users)
          .set({ ...fields, displayName: input.displayName || existing.displayName })
          .where(eq(users.id, id))
          .run();
      } else {
        id = randomBytes(9).toString('base64url');
        tx.insert(users)
          .values({
            ...fields,
            id,
            username: input.username,
            usernameKey: key,
            displayName: input.displayName,
            source: 'ldap',
          })
          .run();
      }
      const hospitalsMade: { id: string; name: string }[] = [];
      const wanted = new Map<string, HospitalRole>();
      for (const [name, role] of input.mapped.hospitals) {
        const known = findHospitalByName(tx, name);
        const hospital = known ?? ensureHospital(tx, name);
        if (!known) hospitalsMade.push({ id: hospital.id, name: hospital.name });
        wanted.set(hospital.id, role);
      }
      const held = new Map(
        tx
          .select({ hospitalId: memberships.hospitalId, role: memberships.role })
          .from(memberships)
          .where(eq(memberships.userId, id))
          .all()
          .map((m) => [m.hospitalId, m.role as HospitalRole]),
      );
      for (const hospitalId of new Set([...held.keys(), ...wanted.keys()])) {
        const was = held.get(hospitalId) ?? null;
        const after = wanted.get(hospitalId) ?? null;
        if (was === after) continue;
        if (after === null)
          tx.delete(memberships)
            .where(and(eq(memberships.userId, id), eq(memberships.hospitalId, hospitalId)))
            .run();
        else
          tx.insert(memberships)
            .values({ userId: id, hospitalId, role: after })
            .onConflictDoUpdate({
              target: [memberships.userId, memberships.hospitalId],
              set: { role: after },
            })
            .run();
        changes.push({
          scope: 'hospital',
          hospitalId,
          hospitalName: getHospital(tx, hospitalId)?.name ?? '',
          before: was,
          after,
        });
      }
      return {
        status: 'synced' as const,
        user: tx.select().from(users).where(eq(users.id, id)).get()!,
        created: !existing,
        changes,
        hospitalsMade,
      };
    },
    { behavior: 'immediate' },
  );
}
