/**
 * Logging in, out and changing a password, with every outcome in the audit log: a success, a
 * failure (an unknown name answers exactly as a wrong password does, in as long), a lockout,
 * a refused login while locked, a logout, a timed-out session, a password change. With an LDAP
 * directory configured (ldap.server.ts), a name that is no local account is checked there, under
 * the same lockout and with the same answers; its account and roles follow the directory.
 */
import { eq } from 'drizzle-orm';

import { appendAudit, type AuditEvent } from '~/audit/audit-log.server';
import { getDb, type Db } from '~/db.server';
import type { PlannerLoadContext } from '~/load-context';
import { syncDirectoryUser, type DirectorySync } from '~/models/directory-users.server';
import { findUser, USERNAME, type User } from '~/models/users.server';

import { users } from '../../db/schema';
import {
  authenticateWithDirectory,
  ldapSettings,
  LdapSettingsError,
  rolesFromGroups,
  type LdapSettings,
} from './ldap.server';
import { afterFailure, afterSuccess, isLocked, type LockoutSettings } from './lockout';
import { hashPassword, verifyAgainstNobody, verifyPassword } from './password.server';
import { passwordProblems, type PasswordProblem } from './password-policy';
import { lockoutOf, passwordPolicyOf, securityPolicy } from './security-policy.server';
import {
  completeSecondFactor,
  endSession,
  endUserSessions,
  lookUpSession,
  sessionIdOf,
  startSession,
  type ClientInfo,
  type SessionRow,
} from './sessions.server';
import { verifyTotp } from './totp.server';

export function clientOf(request: Request, context: unknown): ClientInfo {
  return {
    address: (context as PlannerLoadContext | undefined)?.clientAddress ?? '',
    userAgent: request.headers.get('User-Agent') ?? '',
  };
}

export type LoginOutcome =
  | { status: 'ok'; sessionId: string; mustChangePassword: boolean; enrolSecondFactor: boolean }
  | { status: 'secondFactor'; sessionId: string }
  | { status: 'refused' }
  | { status: 'locked'; minutes: number }
  /** The directory (LDAP) did not answer, or is misconfigured: no verdict on the password. */
  | { status: 'unavailable' };

type Audit = (
  who: User | null,
  outcome: 'success' | 'failure',
  detail: Record<string, unknown>,
  action?: string,
  about?: Pick<AuditEvent, 'hospitalId' | 'hospitalName' | 'objectType' | 'objectId'>,
) => void;

export async function attemptLogin(
  input: { username: string; password: string },
  client: ClientInfo,
  now: Date,
  previousSessionId: string | null = null,
  db: Db = getDb(),
): Promise<LoginOutcome> {
  const user = findUser(db, input.username);
  const lockout = lockoutOf(securityPolicy(db));
  // With a directory, a name that is no local account (or is one of the directory's) is the
  // directory's to check.
  if (!user || user.source === 'ldap') {
    const directory = directorySettings();
    if (directory !== null) {
      const audit = auditWith(input.username, client, now, db, { via: 'ldap' });
      if (directory === 'misconfigured') {
        await verifyAgainstNobody(input.password);
        audit(user, 'failure', { reason: 'directoryMisconfigured' });
        return { status: 'unavailable' };
      }
      return attemptDirectoryLogin(
        input,
        user,
        directory,
        lockout,
        client,
        now,
        previousSessionId,
        db,
        audit,
      );
    }
  }
  const audit = auditWith(input.username, client, now, db);
  if (!user || !user.passwordHash || user.disabled) {
    await verifyAgainstNobody(input.password);
    audit(user, 'failure', { reason: !user ? 'unknownUser' : user.disabled ? 'disabled' : 'noPassword' });
    // A name that is no account is locked out as an account would be: the answers must not tell
    // which names exist.
    return nobodyFailed(input.username, lockout, now);
  }
  // The password is checked whatever the lock: a locked account answers in the same time as any.
  const right = await verifyPassword(user.passwordHash, input.password);
  const counted = countAttempt(db, user.id, right, lockout, now);
  if (!right || counted.locked)
    return answerFailure(user, counted, { reason: 'wrongPassword' }, lockout, now, audit);
  return openSession(user, client, previousSessionId, now, db, audit);
}

/** The audit of one login attempt, for whichever account it turns out to be. */
function auditWith(
  typedName: string,
  client: ClientInfo,
  now: Date,
  db: Db,
  extra: Record<string, unknown> = {},
): Audit {
  return (who, outcome, detail, action = 'login', about = {}) =>
    appendAudit(
      {
        action,
        outcome,
        userId: who?.id ?? null,
        username: who?.username ?? typedName.slice(0, 64),
        role: who?.systemRole ?? '',
        ...client,
        ...about,
        detail: { ...detail, ...extra },
      },
      now,
      db,
    );
}

type Counted =
  | { locked: true; current: User }
  | { locked: false; current: User; next: ReturnType<typeof afterFailure> | null };

/**
 * Logins wait on the hash (or the directory) side by side: what counts is the account as it is
 * now, after the wait, read and written in one transaction, so a burst of guesses counts every
 * guess.
 */
function countAttempt(db: Db, userId: string, right: boolean, lockout: LockoutSettings, now: Date): Counted {
  return db.transaction(
    (tx): Counted => {
      const current = tx.select().from(users).where(eq(users.id, userId)).get()!;
      if (isLocked(current, now)) return { locked: true, current };
      if (right) return { locked: false, current, next: null };
      const next = afterFailure(current, lockout, now);
      tx.update(users).set(next.state).where(eq(users.id, userId)).run();
      return { locked: false, current, next };
    },
    { behavior: 'immediate' },
  );
}

/** A refused attempt on an account: locked already, refused, or locked by this failure. */
function answerFailure(
  user: User,
  counted: Counted,
  detail: Record<string, unknown>,
  lockout: LockoutSettings,
  now: Date,
  audit: Audit,
): LoginOutcome {
  if (counted.locked || !counted.next) {
    audit(user, 'failure', { reason: 'locked' });
    return { status: 'locked', minutes: minutesLeft(counted.current, now) };
  }
  audit(user, 'failure', { ...detail, failures: counted.next.state.failedLogins });
  if (counted.next.lockedNow) {
    audit(user, 'success', { ...lockout }, 'lockout');
    return { status: 'locked', minutes: lockout.lockMinutes };
  }
  return { status: 'refused' };
}

/** The password was right: a session (one waiting for the code, with a second factor). */
function openSession(
  user: User,
  client: ClientInfo,
  previousSessionId: string | null,
  now: Date,
  db: Db,
  audit: Audit,
): LoginOutcome {
  // With a second factor, the password opens only the page that asks for the code.
  const pendingSecondFactor = user.totpSecret !== null;
  if (!pendingSecondFactor) db.update(users).set(afterSuccess()).where(eq(users.id, user.id)).run();
  const session = startSession(user, client, { pendingSecondFactor, previousId: previousSessionId }, now, db);
  if (pendingSecondFactor) return { status: 'secondFactor', sessionId: session.id };
  audit(user, 'success', { factors: 'password' });
  return {
    status: 'ok',
    sessionId: session.id,
    mustChangePassword: user.mustChangePassword,
    // The system roles need a second factor: asked to set one up at every login until they have.
    enrolSecondFactor: user.systemRole !== null,
  };
}

const reportedSettingsErrors = new Set<string>();

/** The directory's settings; null when LDAP is off; 'misconfigured' (said once on the console). */
function directorySettings(): LdapSettings | 'misconfigured' | null {
  try {
    return ldapSettings();
  } catch (error) {
    if (!(error instanceof LdapSettingsError)) throw error;
    if (!reportedSettingsErrors.has(error.message)) {
      reportedSettingsErrors.add(error.message);
      console.error(error.message);
    }
    return 'misconfigured';
  }
}

/**
 * A login checked against the directory: the same lockout (counted on the account's row, or in
 * memory for a name with no row yet), the same answers and at least the same time as a local
 * login; on success the row is made or updated and its roles set from the directory's groups.
 * A locked account never reaches the directory, so guessing here cannot lock it there.
 */
async function attemptDirectoryLogin(
  input: { username: string; password: string },
  user: User | null,
  settings: LdapSettings,
  lockout: LockoutSettings,
  client: ClientInfo,
  now: Date,
  previousSessionId: string | null,
  db: Db,
  audit: Audit,
): Promise<LoginOutcome> {
  const name = input.username.trim();
  if (user?.disabled || !USERNAME.test(name)) {
    await verifyAgainstNobody(input.password);
    audit(user, 'failure', { reason: user ? 'disabled' : 'unknownUser' });
    return nobodyFailed(input.username, lockout, now);
  }
  const lockedFor = user ? (isLocked(user, now) ? minutesLeft(user, now) : null) : nobodyLocked(name, now);
  if (lockedFor !== null) {
    await verifyAgainstNobody(input.password);
    audit(user, 'failure', { reason: 'locked' });
    return { status: 'locked', minutes: lockedFor };
  }
  // At least as long as a local password's check, whatever the directory answers.
  const [answer] = await Promise.all([
    authenticateWithDirectory(name, input.password, settings),
    verifyAgainstNobody(input.password),
  ]);
  if (answer.status === 'unavailable') {
    audit(user, 'failure', { reason: 'directoryUnavailable', error: answer.reason });
    return { status: 'unavailable' };
  }
  if (answer.status === 'refused') {
    if (!user) {
      audit(null, 'failure', { reason: answer.reason });
      return nobodyFailed(name, lockout, now);
    }
    const counted = countAttempt(db, user.id, false, lockout, now);
    return answerFailure(user, counted, { reason: answer.reason }, lockout, now, audit);
  }
  const mapped = rolesFromGroups(answer.groups, settings.groupMap);
  const synced = syncDirectoryUser(db, {
    username: user?.username ?? name,
    displayName: answer.displayName,
    mapped,
    create: mapped.matched,
  });
  if (synced.status === 'local') {
    // Made a local account while the directory was asked: the local account it is.
    audit(user, 'failure', { reason: 'localAccount' });
    return { status: 'refused' };
  }
  if (synced.status === 'synced') recordDirectorySync(synced, audit);
  const account = synced.status === 'synced' ? synced.user : null;
  if (!mapped.matched) {
    audit(account, 'failure', { reason: 'noMappedGroup', groups: answer.groups.length });
    return { status: 'refused' };
  }
  forgetNobody(name);
  const counted = countAttempt(db, account!.id, true, lockout, now);
  if (counted.locked) return answerFailure(account!, counted, {}, lockout, now, audit);
  return openSession(account!, client, previousSessionId, now, db, audit);
}

/** The account made and the roles the directory gave or took, in the audit log. */
function recordDirectorySync(synced: Extract<DirectorySync, { status: 'synced' }>, audit: Audit): void {
  const { user } = synced;
  const aboutUser = { objectType: 'user', objectId: user.username };
  if (synced.created) audit(user, 'success', { systemRole: user.systemRole }, 'account.create', aboutUser);
  for (const h of synced.hospitalsMade)
    audit(user, 'success', {}, 'hospital.create', {
      hospitalId: h.id,
      hospitalName: h.name,
      objectType: 'hospital',
      objectId: h.name,
    });
  for (const { scope, hospitalId, hospitalName, before, after } of synced.changes)
    audit(user, 'success', { scope, before, after }, 'role.change', {
      ...aboutUser,
      hospitalId,
      hospitalName,
    });
}

/** Failures of names that are no account, this process's (bounded: the oldest are forgotten). */
const NOBODY_MAX = 10_000;
const nobodies = new Map<string, { failedLogins: number; lockedUntil: string | null }>();
const nobodyKey = (username: string) => username.normalize('NFKC').trim().toLowerCase();

function nobodyFailed(username: string, lockout: LockoutSettings, now: Date): LoginOutcome {
  const key = nobodyKey(username);
  const state = nobodies.get(key) ?? afterSuccess();
  if (isLocked(state, now)) return { status: 'locked', minutes: minutesLeft(state, now) };
  const next = afterFailure(state, lockout, now);
  nobodies.delete(key);
  nobodies.set(key, next.state);
  if (nobodies.size > NOBODY_MAX) nobodies.delete(nobodies.keys().next().value!);
  return next.lockedNow ? { status: 'locked', minutes: lockout.lockMinutes } : { status: 'refused' };
}

/** Minutes a name with no account is still locked for, or null. */
function nobodyLocked(username: string, now: Date): number | null {
  const state = nobodies.get(nobodyKey(username));
  return state && isLocked(state, now) ? minutesLeft(state, now) : null;
}

const forgetNobody = (username: string) => nobodies.delete(nobodyKey(username));

const minutesLeft = (user: Pick<User, 'lockedUntil'>, now: Date) =>
  Math.max(1, Math.ceil((new Date(user.lockedUntil!).getTime() - now.getTime()) / 60_000));

export type CodeOutcome =
  | { status: 'ok'; sessionId: string; mustChangePassword: boolean }
  | { status: 'refused' }
  | { status: 'locked'; minutes: number }
  | { status: 'noSession' };

/**
 * The second step of a login with a second factor: the code from the user's authenticator app.
 * A wrong code counts towards the lockout as a wrong password does; a right one gives the
 * session a new id and its full rights.
 */
export function completeLoginWithCode(
  request: Request,
  code: string,
  client: ClientInfo,
  now: Date,
  db: Db = getDb(),
): CodeOutcome {
  const id = sessionIdOf(request);
  const found = lookUpSession(id, now, undefined, db);
  if (found.status !== 'active' || !found.session.pendingSecondFactor || !found.user.totpSecret)
    return { status: 'noSession' };
  const user = found.user;
  const lockout = lockoutOf(securityPolicy(db));
  const audit = (outcome: 'success' | 'failure', detail: Record<string, unknown>, action = 'login') =>
    appendAudit(
      {
        action,
        outcome,
        userId: user.id,
        username: user.username,
        role: user.systemRole ?? '',
        ...client,
        detail: user.source === 'ldap' ? { ...detail, via: 'ldap' } : detail,
      },
      now,
      db,
    );
  if (isLocked(user, now)) {
    audit('failure', { reason: 'locked', factor: 'totp' });
    return { status: 'locked', minutes: minutesLeft(user, now) };
  }
  const step = verifyTotp(user.totpSecret!, code.trim(), now.getTime(), user.totpLastStep);
  if (step === null) {
    const next = afterFailure(user, lockout, now);
    db.update(users).set(next.state).where(eq(users.id, user.id)).run();
    audit('failure', { reason: 'wrongCode', failures: next.state.failedLogins });
    if (next.lockedNow) {
      endSession(id, db);
      audit('success', { ...lockout }, 'lockout');
      return { status: 'locked', minutes: lockout.lockMinutes };
    }
    return { status: 'refused' };
  }
  db.update(users)
    .set({ ...afterSuccess(), totpLastStep: step })
    .where(eq(users.id, user.id))
    .run();
  const session = completeSecondFactor(id!, user, client, now, db);
  audit('success', { factors: 'password+totp' });
  return { status: 'ok', sessionId: session.id, mustChangePassword: user.mustChangePassword };
}

/** Sets up a user's second factor, once they have typed a code from it (so it is set up right). */
export function enrolSecondFactor(
  who: SignedIn,
  secret: string,
  code: string,
  client: ClientInfo,
  now: Date,
  db: Db = getDb(),
): boolean {
  // A factor already set up is never replaced from a session alone: that would let a stolen
  // session give itself a lasting second factor.
  const step =
    who.user.totpSecret === null && /^[A-Z2-7]{32}$/.test(secret)
      ? verifyTotp(secret, code.trim(), now.getTime(), null)
      : null;
  appendAudit(
    {
      action: 'totp.enrol',
      outcome: step === null ? 'failure' : 'success',
      userId: who.user.id,
      username: who.user.username,
      role: who.user.systemRole ?? '',
      ...client,
    },
    now,
    db,
  );
  if (step === null) return false;
  db.update(users).set({ totpSecret: secret, totpLastStep: step }).where(eq(users.id, who.user.id)).run();
  return true;
}

export interface SignedIn {
  user: User;
  session: SessionRow;
  sessionId: string;
}

/**
 * Who the request is from, if anyone is signed in. A session found idle or too old is ended
 * here and its timeout logged.
 */
export function signedIn(request: Request, client: ClientInfo, now: Date, db: Db = getDb()): SignedIn | null {
  const id = sessionIdOf(request);
  const found = lookUpSession(id, now, undefined, db);
  // A session still waiting for its second factor is not signed in yet.
  if (found.status === 'active' && !found.session.pendingSecondFactor)
    return { user: found.user, session: found.session, sessionId: id! };
  if (found.status === 'idle' || found.status === 'expired') {
    appendAudit(
      {
        action: 'session.timeout',
        outcome: 'success',
        userId: found.user.id,
        username: found.user.username,
        ...client,
        detail: { kind: found.status },
      },
      now,
      db,
    );
  }
  return null;
}

/**
 * A signed-in form of one's own account (log out, password, second factor) sent without the
 * session's CSRF token, in the audit log as any other page's is (csrf.refused).
 */
export function recordCsrfRefused(
  who: SignedIn,
  request: Request,
  client: ClientInfo,
  now: Date,
  db: Db = getDb(),
): void {
  appendAudit(
    {
      action: 'csrf.refused',
      outcome: 'denied',
      userId: who.user.id,
      username: who.user.username,
      role: who.user.systemRole ?? '',
      ...client,
      objectType: 'page',
      objectId: new URL(request.url).pathname,
    },
    now,
    db,
  );
}

export function logout(who: SignedIn, client: ClientInfo, now: Date, db: Db = getDb()): void {
  endSession(who.sessionId, db);
  appendAudit(
    { action: 'logout', outcome: 'success', userId: who.user.id, username: who.user.username, ...client },
    now,
    db,
  );
}

export type PasswordChange =
  | { status: 'changed' }
  | { status: 'wrongCurrent' }
  | { status: 'mismatch' }
  | { status: 'weak'; problems: PasswordProblem[] }
  | { status: 'same' }
  /** The account's password is the directory's (LDAP): it is changed there, not here. */
  | { status: 'directoryAccount' };

/** A user changes their own password: the current one proves it is them; other sessions end. */
export async function changePassword(
  who: SignedIn,
  input: { current: string; next: string; repeat: string },
  client: ClientInfo,
  now: Date,
  db: Db = getDb(),
): Promise<PasswordChange> {
  const audit = (outcome: 'success' | 'failure', reason?: string) =>
    appendAudit(
      {
        action: 'password.change',
        outcome,
        userId: who.user.id,
        username: who.user.username,
        ...client,
        detail: reason ? { reason } : {},
      },
      now,
      db,
    );
  if (who.user.source === 'ldap') {
    audit('failure', 'directoryAccount');
    return { status: 'directoryAccount' };
  }
  if (!who.user.passwordHash || !(await verifyPassword(who.user.passwordHash, input.current))) {
    audit('failure', 'wrongCurrent');
    // Whoever holds a session must not get unlimited guesses here either: wrong current
    // passwords count towards the lockout, and a lock ends this session.
    const next = db.transaction(
      (tx) => {
        const current = tx.select().from(users).where(eq(users.id, who.user.id)).get()!;
        const counted = afterFailure(current, lockoutOf(securityPolicy(db)), now);
        tx.update(users).set(counted.state).where(eq(users.id, who.user.id)).run();
        return counted;
      },
      { behavior: 'immediate' },
    );
    if (next.lockedNow) {
      endSession(who.sessionId, db);
      appendAudit(
        {
          action: 'lockout',
          outcome: 'success',
          userId: who.user.id,
          username: who.user.username,
          ...client,
          detail: { via: 'passwordChange' },
        },
        now,
        db,
      );
    }
    return { status: 'wrongCurrent' };
  }
  if (input.next !== input.repeat) {
    audit('failure', 'mismatch');
    return { status: 'mismatch' };
  }
  if (input.next === input.current) {
    audit('failure', 'same');
    return { status: 'same' };
  }
  const problems = passwordProblems(input.next, who.user.username, passwordPolicyOf(securityPolicy(db)));
  if (problems.length > 0) {
    audit('failure', 'weak');
    return { status: 'weak', problems };
  }
  db.update(users)
    .set({
      passwordHash: await hashPassword(input.next),
      mustChangePassword: false,
      passwordChangedAt: now.toISOString(),
    })
    .where(eq(users.id, who.user.id))
    .run();
  endUserSessions(who.user.id, who.sessionId, db);
  audit('success');
  return { status: 'changed' };
}
