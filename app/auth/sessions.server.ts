/**
 * Signed-in browsers (等保 2.0 §8.1.4.1): a random session id in an HttpOnly, SameSite=Lax
 * cookie (Secure behind HTTPS), stored only as its SHA-256; a new id at every login; an idle
 * timeout (30 minutes) and an absolute one (12 hours), checked on every request; a CSRF token
 * per session for every form post.
 */
import { and, eq } from 'drizzle-orm';

import { getDb, type Db } from '~/db.server';

import { sessions, users } from '../../db/schema';
import { SESSION_TIMES, sessionState, shouldRefresh, type SessionTimes } from './session-times';
import { newCsrfToken, newToken, tokenHash } from './tokens.server';

export const SESSION_COOKIE = 'planner_session';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export interface ClientInfo {
  address: string;
  userAgent: string;
}

/** Whether the request reached us over HTTPS (behind a proxy only when told to trust it). */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (process.env.PLANNER_TRUST_PROXY !== '1' && process.env.PLANNER_TRUST_PROXY !== 'true') return false;
  return (request.headers.get('X-Forwarded-Proto') ?? '').split(',')[0]!.trim() === 'https';
}

export function sessionCookie(value: string, request: Request, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(isHttps(request) ? ['Secure'] : []),
  ].join('; ');
}

export const clearedSessionCookie = (request: Request): string => sessionCookie('', request, 0);

/** The session id the request carries, if any. */
export function sessionIdOf(request: Request): string | null {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * A new session for a user who has just proved who they are. Any session the browser already
 * had is ended first: an id is never carried across a login (no session fixation).
 */
export function startSession(
  user: Pick<UserRow, 'id'>,
  client: ClientInfo,
  options: { pendingSecondFactor: boolean; previousId?: string | null },
  now: Date,
  db: Db = getDb(),
): { id: string; csrfToken: string } {
  const id = newToken();
  const csrfToken = newCsrfToken();
  db.transaction((tx) => {
    if (options.previousId)
      tx.delete(sessions)
        .where(eq(sessions.idHash, tokenHash(options.previousId)))
        .run();
    tx.insert(sessions)
      .values({
        idHash: tokenHash(id),
        userId: user.id,
        csrfToken,
        pendingSecondFactor: options.pendingSecondFactor,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        address: client.address.slice(0, 100),
        userAgent: client.userAgent.slice(0, 500),
      })
      .run();
  });
  return { id, csrfToken };
}

export type SessionLookup =
  | { status: 'active'; session: SessionRow; user: UserRow }
  | { status: 'idle' | 'expired'; user: UserRow }
  | { status: 'none' };

/**
 * The request's session and user: active (its last-seen time refreshed, at most once a minute),
 * or ended now because it was idle too long or too old (the caller logs the timeout), or none.
 */
export function lookUpSession(
  id: string | null,
  now: Date,
  times: SessionTimes = SESSION_TIMES,
  db: Db = getDb(),
): SessionLookup {
  if (!id) return { status: 'none' };
  const found = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, tokenHash(id)))
    .get();
  // An account locked by the security admin has no session, whenever that one was made.
  if (!found || found.user.disabled) return { status: 'none' };
  const state = sessionState(
    { createdAt: new Date(found.session.createdAt), lastSeenAt: new Date(found.session.lastSeenAt) },
    times,
    now,
  );
  if (state !== 'active') {
    db.delete(sessions).where(eq(sessions.idHash, found.session.idHash)).run();
    return { status: state, user: found.user };
  }
  if (shouldRefresh(new Date(found.session.lastSeenAt), now)) {
    db.update(sessions)
      .set({ lastSeenAt: now.toISOString() })
      .where(eq(sessions.idHash, found.session.idHash))
      .run();
  }
  return { status: 'active', session: found.session, user: found.user };
}

/** The second factor is done: the session becomes a full one (with a new id, as at any login). */
export function completeSecondFactor(
  previousId: string,
  user: Pick<UserRow, 'id'>,
  client: ClientInfo,
  now: Date,
  db: Db = getDb(),
): { id: string; csrfToken: string } {
  return startSession(user, client, { pendingSecondFactor: false, previousId }, now, db);
}

export function endSession(id: string | null, db: Db = getDb()): void {
  if (id)
    db.delete(sessions)
      .where(eq(sessions.idHash, tokenHash(id)))
      .run();
}

/** Ends every session of a user (a password change elsewhere, an account locked by the admin). */
export function endUserSessions(userId: string, exceptId: string | null = null, db: Db = getDb()): void {
  const rows = db.select({ idHash: sessions.idHash }).from(sessions).where(eq(sessions.userId, userId)).all();
  const keep = exceptId ? tokenHash(exceptId) : null;
  for (const row of rows)
    if (row.idHash !== keep)
      db.delete(sessions)
        .where(and(eq(sessions.idHash, row.idHash), eq(sessions.userId, userId)))
        .run();
}
