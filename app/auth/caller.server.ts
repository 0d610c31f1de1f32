/**
 * Who a request comes from (等保 2.0 §8.1.4.1–2): a signed-in browser (session cookie; its
 * writes carry the session's CSRF token) or a personal API token (`Authorization: Bearer`,
 * scoped to one hospital and at most the user's role there). Pages send someone not signed in to
 * the login page; the API answers 401. Every refusal that is a security event (a bad token, a
 * missing CSRF token) goes to the audit log, and to nothing else.
 */
import { redirect } from '@remix-run/node';
import { and, eq, isNull } from 'drizzle-orm';

import { appendAudit, type AuditEvent } from '~/audit/audit-log.server';
import { getDb, type Db } from '~/db.server';
import type { Lang } from '~/engine/text';
import { readPageForm } from '~/http/page-form.server';
import { translate } from '~/i18n/ui';
import { membershipsOf, type User } from '~/models/users.server';

import { apiTokens, users } from '../../db/schema';
import { firstStep } from './first-steps';
import { clientOf, signedIn } from './login.server';
import { can, roleCovers, type Action, type HospitalRole } from './roles';
import type { ClientInfo, SessionRow } from './sessions.server';
import { API_TOKEN_PREFIX, sameToken, tokenHash } from './tokens.server';

export interface Caller {
  user: User;
  via: 'session' | 'token';
  session: SessionRow | null;
  sessionId: string | null;
  tokenId: string | null;
  /** The caller's role in each hospital it may act in (a token: its one hospital). */
  roles: ReadonlyMap<string, HospitalRole>;
  /** A token's own role: what it may do is what both it and the user's role allow. */
  tokenRole: HospitalRole | null;
  client: ClientInfo;
}

/** The name a save, an upload or a review is recorded under. */
export const callerName = (caller: Caller): string => caller.user.displayName.trim() || caller.user.username;

/** Whether the caller may do this in this hospital. */
export function allows(caller: Caller, hospitalId: string | null, action: Action): boolean {
  if (!hospitalId) return false;
  const role = caller.roles.get(hospitalId);
  if (!role || !can(role, action)) return false;
  return caller.tokenRole ? can(caller.tokenRole, action) : true;
}

/** The hospitals in which the caller may do this (in the order they were joined). */
export const hospitalsWhere = (caller: Caller, action: Action): string[] =>
  [...caller.roles.keys()].filter((id) => allows(caller, id, action));

/** An audit event with the caller's who and where filled in. */
export function callerEvent(caller: Caller, event: AuditEvent): AuditEvent {
  const role = event.hospitalId ? (caller.roles.get(event.hospitalId) ?? '') : (caller.user.systemRole ?? '');
  return {
    userId: caller.user.id,
    username: caller.user.username,
    role,
    ...caller.client,
    ...event,
    detail: { ...(caller.tokenId ? { via: 'token' } : {}), ...event.detail },
  };
}

export function recordAction(caller: Caller, event: AuditEvent, db: Db = getDb()): void {
  appendAudit(callerEvent(caller, event), new Date(), db);
}

function rolesOf(user: User, db: Db): Map<string, HospitalRole> {
  return new Map(membershipsOf(db, user.id).map((m) => [m.hospitalId, m.role]));
}

function sessionCaller(request: Request, client: ClientInfo, now: Date, db: Db): Caller | null {
  const who = signedIn(request, client, now, db);
  if (!who) return null;
  return {
    user: who.user,
    via: 'session',
    session: who.session,
    sessionId: who.sessionId,
    tokenId: null,
    roles: rolesOf(who.user, db),
    tokenRole: null,
    client,
  };
}

/**
 * A signed-in page visitor, or a thrown redirect: to the login page (coming back here after),
 * or to a first step still to take (a one-time password to replace, a second factor to set up).
 */
export function requirePageCaller(request: Request, context: unknown, db: Db = getDb()): Caller {
  const caller = sessionCaller(request, clientOf(request, context), new Date(), db);
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  if (!caller) throw redirect(`/login?redirectTo=${encodeURIComponent(here)}`);
  const first = firstStep(caller.user, url.pathname, here);
  if (first) throw redirect(first);
  return caller;
}

/** The signed-in page visitor, if any (for pages anyone may open, such as a shared link). */
export function optionalPageCaller(request: Request, context: unknown, db: Db = getDb()): Caller | null {
  const caller = sessionCaller(request, clientOf(request, context), new Date(), db);
  return caller && !firstStep(caller.user, '/', '/') ? caller : null;
}

/** Whether a write carries the session's CSRF token (in the X-CSRF-Token header or the `csrf` field). */
export function csrfMatches(request: Request, caller: Caller, field: unknown): boolean {
  if (caller.via === 'token') return true;
  const sent = request.headers.get('X-CSRF-Token') ?? (typeof field === 'string' ? field : '');
  return caller.session !== null && sameToken(sent, caller.session.csrfToken);
}

/** The 403 a page answers to a form without its CSRF token; the attempt is logged. */
export function csrfRefusal(request: Request, caller: Caller, lang: Lang, db: Db = getDb()): Response {
  recordAction(
    caller,
    {
      action: 'csrf.refused',
      outcome: 'denied',
      objectType: 'page',
      objectId: new URL(request.url).pathname,
    },
    db,
  );
  return new Response(translate(lang, 'staleForm'), {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': lang },
  });
}

/** A page form from a signed-in caller, with its CSRF token checked (a thrown 403 if wrong). */
export async function readCallerForm(request: Request, caller: Caller, lang: Lang): Promise<FormData> {
  const form = await readPageForm(request, lang);
  if (!csrfMatches(request, caller, form.get('csrf'))) throw csrfRefusal(request, caller, lang);
  return form;
}

// ---------------------------------------------------------------------------------------------
// The JSON API

export type ApiRefusal = 'unauthenticated' | 'csrfMissing' | 'firstStepsPending';

const LAST_USED_REFRESH_MS = 60_000;

function tokenCaller(token: string, client: ClientInfo, now: Date, db: Db): Caller | null {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const found = db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!found || found.user.disabled) return null;
  const held = rolesOf(found.user, db).get(found.token.hospitalId);
  // A user no longer in the hospital has nothing there, whatever the token said.
  if (!held) return null;
  const tokenRole = found.token.role as HospitalRole;
  if (!found.token.lastUsedAt || now.getTime() - Date.parse(found.token.lastUsedAt) > LAST_USED_REFRESH_MS)
    db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, found.token.id)).run();
  return {
    user: found.user,
    via: 'token',
    session: null,
    sessionId: null,
    tokenId: found.token.id,
    roles: new Map([[found.token.hospitalId, roleCovers(held, tokenRole) ? tokenRole : held]]),
    tokenRole,
    client,
  };
}

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/**
 * The caller of an API request: a Bearer token, else the browser's session (whose writes must
 * also carry X-CSRF-Token). Nothing else: a refusal names why.
 */
export function authenticateApi(
  request: Request,
  context: unknown,
  db: Db = getDb(),
): { ok: true; caller: Caller } | { ok: false; refusal: ApiRefusal } {
  const client = clientOf(request, context);
  const now = new Date();
  const authorization = request.headers.get('Authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const caller = match ? tokenCaller(match[1]!, client, now, db) : null;
    if (caller) return { ok: true, caller };
    appendAudit(
      {
        action: 'token.refused',
        outcome: 'failure',
        ...client,
        objectType: 'api',
        objectId: new URL(request.url).pathname,
      },
      now,
      db,
    );
    return { ok: false, refusal: 'unauthenticated' };
  }
  const caller = sessionCaller(request, client, now, db);
  if (!caller) return { ok: false, refusal: 'unauthenticated' };
  if (firstStep(caller.user, '/api', '/api')) return { ok: false, refusal: 'firstStepsPending' };
  if (isWrite(request.method) && !csrfMatches(request, caller, null)) {
    recordAction(
      caller,
      {
        action: 'csrf.refused',
        outcome: 'denied',
        objectType: 'api',
        objectId: new URL(request.url).pathname,
      },
      db,
    );
    return { ok: false, refusal: 'csrfMissing' };
  }
  return { ok: true, caller };
}
