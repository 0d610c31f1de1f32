/**
 * Accounts: users, their role in each hospital, their system role, API tokens, and the first
 * system admin a new database gets. Passwords are only ever stored as argon2id hashes; a token
 * only as its SHA-256.
 */
import { randomBytes } from 'node:crypto';

import { and, eq } from 'drizzle-orm';

import { hashPassword } from '~/auth/password.server';
import { generateOneTimePassword } from '~/auth/one-time-password.server';
import { roleCovers, type HospitalRole, type SystemRole } from '~/auth/roles';
import { newApiToken, tokenHash } from '~/auth/tokens.server';
import { getDb, type Db } from '~/db.server';

import { apiTokens, memberships, sessions, users } from '../../db/schema';
import { DEMO_HOSPITAL, ensureHospital, hospitalNameKey, type Hospital } from './hospitals.server';

export type User = typeof users.$inferSelect;

/** User names: letters (any script), digits and . _ @ -, 2 to 64 of them. */
export const USERNAME = /^[\p{L}\p{N}._@-]{2,64}$/u;

/** User names compare as hospital names do (trimmed, NFKC, case-folded). */
export const usernameKey = hospitalNameKey;

const newId = () => randomBytes(9).toString('base64url');

export function findUser(db: Db, username: string): User | null {
  return (
    db
      .select()
      .from(users)
      .where(eq(users.usernameKey, usernameKey(username)))
      .get() ?? null
  );
}

export function getUser(db: Db, id: string): User | null {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

export type CreateUserResult =
  | { status: 'created'; user: User; oneTimePassword: string | null }
  | { status: 'exists' }
  | { status: 'badName' };

/**
 * A new local account. Without a password given, a one-time one is made (shown once, to be
 * changed at the first login); a given password (automation) need not be changed.
 */
export async function createUser(
  input: { username: string; systemRole?: SystemRole | null; password?: string | null; displayName?: string },
  db: Db = getDb(),
): Promise<CreateUserResult> {
  const username = input.username.trim();
  if (!USERNAME.test(username)) return { status: 'badName' };
  if (findUser(db, username)) return { status: 'exists' };
  const oneTimePassword = input.password ? null : generateOneTimePassword();
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  const id = newId();
  db.insert(users)
    .values({
      id,
      username,
      usernameKey: usernameKey(username),
      displayName: input.displayName ?? '',
      passwordHash,
      mustChangePassword: oneTimePassword !== null,
      systemRole: input.systemRole ?? null,
    })
    .run();
  return { status: 'created', user: getUser(db, id)!, oneTimePassword };
}

/** Gives a user a role in a hospital (replacing the one they had there). */
export function setMembership(db: Db, userId: string, hospitalId: string, role: HospitalRole): void {
  db.insert(memberships)
    .values({ userId, hospitalId, role })
    .onConflictDoUpdate({ target: [memberships.userId, memberships.hospitalId], set: { role } })
    .run();
}

export function membershipsOf(db: Db, userId: string): { hospitalId: string; role: HospitalRole }[] {
  return db
    .select({ hospitalId: memberships.hospitalId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .all() as { hospitalId: string; role: HospitalRole }[];
}

export function roleIn(db: Db, userId: string, hospitalId: string): HospitalRole | null {
  const row = db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.hospitalId, hospitalId)))
    .get();
  return (row?.role as HospitalRole | undefined) ?? null;
}

export type TokenResult =
  | { status: 'created'; token: string; id: string; role: HospitalRole }
  | { status: 'notMember' }
  | { status: 'roleTooHigh'; held: HospitalRole };

/**
 * A personal API token for one hospital, with at most the user's role there (their own role by
 * default). The token is returned once; only its SHA-256 is kept.
 */
export function createApiToken(
  db: Db,
  user: Pick<User, 'id'>,
  hospital: Pick<Hospital, 'id'>,
  options: { role?: HospitalRole; name?: string } = {},
): TokenResult {
  const held = roleIn(db, user.id, hospital.id);
  if (!held) return { status: 'notMember' };
  const role = options.role ?? held;
  if (!roleCovers(held, role)) return { status: 'roleTooHigh', held };
  const token = newApiToken();
  const id = newId();
  db.insert(apiTokens)
    .values({
      id,
      userId: user.id,
      hospitalId: hospital.id,
      role,
      name: options.name ?? '',
      tokenHash: tokenHash(token),
    })
    .run();
  return { status: 'created', token, id, role };
}

export const FIRST_ADMIN = 'admin';

/**
 * A new database's first account: `admin`, system admin, and planner of the demo hospital so
 * the planner works at once. Its password is PLANNER_ADMIN_PASSWORD when set (automation: no
 * forced change), else a one-time password returned for the console, once. A database that
 * has any account already is left alone.
 */
export async function ensureFirstAdmin(
  env: Record<string, string | undefined> = process.env,
  db: Db = getDb(),
): Promise<{ created: false } | { created: true; oneTimePassword: string | null }> {
  if (db.select({ id: users.id }).from(users).limit(1).get()) return { created: false };
  const made = await createUser(
    { username: FIRST_ADMIN, systemRole: 'system-admin', password: env.PLANNER_ADMIN_PASSWORD || null },
    db,
  );
  // Two starts at once: the other one made it.
  if (made.status !== 'created') return { created: false };
  setMembership(db, made.user.id, ensureHospital(db, DEMO_HOSPITAL).id, 'planner');
  return { created: true, oneTimePassword: made.oneTimePassword };
}

/**
 * Locks an account (the security admin's: only they unlock it) or unlocks it (also clearing a
 * lockout after failed logins); a locked account's sessions end at once.
 */
export function setAccountLocked(db: Db, userId: string, locked: boolean): void {
  db.update(users)
    .set(locked ? { disabled: true } : { disabled: false, failedLogins: 0, lockedUntil: null })
    .where(eq(users.id, userId))
    .run();
  if (locked) db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
