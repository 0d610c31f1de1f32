/**
 * Who may read the audit log: a signed-in audit admin (and no one else, the system admin
 * included). Anyone else signed in gets "no such page", and the attempt is logged; someone not
 * signed in is sent to log in.
 */
import { redirect } from '@remix-run/node';

import { firstStep } from '~/auth/first-steps';
import { clientOf, signedIn, type SignedIn } from '~/auth/login.server';
import { can, isSystemRole, type Action } from '~/auth/roles';

import { appendAudit } from './audit-log.server';

export function requireAuditAdmin(request: Request, context: unknown, action: Action): SignedIn {
  const client = clientOf(request, context);
  const who = signedIn(request, client, new Date());
  const url = new URL(request.url);
  if (!who) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  // Its data requests and the CSV never pass the root loader: the first steps are checked here too.
  const first = firstStep(who.user, url.pathname, url.pathname + url.search);
  if (first) throw redirect(first);
  const role = who.user.systemRole;
  if (!isSystemRole(role) || !can(role, action)) {
    appendAudit({
      action: 'access.denied',
      outcome: 'denied',
      userId: who.user.id,
      username: who.user.username,
      role: role ?? '',
      objectType: 'page',
      objectId: url.pathname,
      ...client,
    });
    throw new Response('Not found', { status: 404 });
  }
  return who;
}
