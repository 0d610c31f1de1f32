/**
 * Accounts: users, their role in each hospital, their system role, API tokens, and the first
 * system admin a new database gets. Passwords are only ever stored as argon2id hashes; a token
 * only as its SHA-256.
 */
import { randomBytes } from 'node:crypto';

import { and, eq, isNull } from 'drizzle-orm';

import { appendAudit } from '~/audit/audit-log.server';
import { hashPassword } from '~/auth/password.server';
import { generateOneTimePassword } from '~/auth/one-time-password.server';
import { roleCovers, type HospitalRole, type SystemRole } from '~/auth/roles';
import { newApiToken, tokenHash } from '~/auth/tokens.server';
import { getDb, type Db } from '~/db.server';

import { apiTokens, memberships, sessions, users } from '../../db/schema';
import {
  DEMO_HOSPITAL,
  ensureHospital,
  hospitalNameKey,
  listHospitals,
  type Hospital,
} from './hospitals.server';

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
  const demo = ensureHospital(db, DEMO_HOSPITAL);
  setMembership(db, made.user.id, demo.id, 'planner');
  // Made by the server itself at its first start: said so in the audit log (never the password).
  appendAudit(
    {
      action: 'account.create',
      outcome: 'success',
      username: 'first start',
      role: '',
      hospitalId: demo.id,
      hospitalName: demo.name,
      objectType: 'user',
      objectId: made.user.username,
      detail: {
        systemRole: 'system-admin',
        role: 'planner',
        password: env.PLANNER_ADMIN_PASSWORD ? 'PLANNER_ADMIN_PASSWORD' : 'oneTime',
      },
    },
    new Date(),
    db,
  );
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

/** Every account with its roles, for the security admin's list. */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  systemRole: SystemRole | null;
  roles: { hospitalId: string; hospital: string; role: HospitalRole }[];
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  secondFactor: boolean;
  source: string;
  createdAt: string;
}

export function listAccounts(db: Db = getDb()): AccountRow[] {
  const names = new Map(listHospitals(db).map((h) => [h.id, h.name]));
  const roles = new Map<string, AccountRow['roles']>();
  for (const m of db.select().from(memberships).all()) {
    const list = roles.get(m.userId) ?? [];
    list.push({
      hospitalId: m.hospitalId,
      hospital: names.get(m.hospitalId) ?? '',
      role: m.role as HospitalRole,
    });
    roles.set(m.userId, list);
  }
  return db
    .select()
    .from(users)
    .orderBy(users.usernameKey)
    .all()
    .map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      systemRole: (u.systemRole as SystemRole | null) ?? null,
      roles: roles.get(u.id) ?? [],
      disabled: u.disabled,
      lockedUntil: u.lockedUntil,
      mustChangePassword: u.mustChangePassword,
      secondFactor: u.totpSecret !== null,
      source: u.source,
      createdAt: u.createdAt,
    }));
}

/**
 * A new one-time password for an account (the user forgot theirs): shown once, to be replaced at
 * the next login; a lockout after failures ends; the account's sessions end.
 */
export async function resetPassword(db: Db, userId: string): Promise<string> {
  const oneTime = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTime);
  db.update(users)
    .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null })
    .where(eq(users.id, userId))
    .run();
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
  return oneTime;
}

export function removeMembership(db: Db, userId: string, hospitalId: string): boolean {
  return (
    db
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.hospitalId, hospitalId)))
      .run().changes > 0
  );
}

/** A hospital's members with their roles, by user name. */
export function membersOf(
  db: Db,
  hospitalId: string,
): { userId: string; username: string; role: HospitalRole; disabled: boolean }[] {
  return db
    .select({ userId: users.id, username: users.username, role: memberships.role, disabled: users.disabled })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.hospitalId, hospitalId))
    .orderBy(users.usernameKey)
    .all() as { userId: string; username: string; role: HospitalRole; disabled: boolean }[];
}

export interface TokenRow {
  id: string;
  name: string;
  hospitalId: string;
  role: HospitalRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A user's own API tokens (never the tokens themselves: only their hashes are kept). */
export function tokensOf(db: Db, userId: string): TokenRow[] {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      hospitalId: apiTokens.hospitalId,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(apiTokens.createdAt)
    .all() as TokenRow[];
}

/** Revokes one of the user's own tokens; false if it is not theirs or was revoked already. */
export function revokeApiToken(db: Db, userId: string, tokenId: string): boolean {
  return (
    db
      .update(apiTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .run().changes > 0
  );
}
