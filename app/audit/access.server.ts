/**
 * Who may read the audit log: a signed-in audit admin (and no one else, the system admin
 * included). Anyone else signed in gets "no such page", and the attempt is logged; someone not
 * signed in is sent to log in.
 */
import { recordAction, requirePageCaller, type Caller } from '~/auth/caller.server';
import { can, isSystemRole, type Action } from '~/auth/roles';

export function requireAuditAdmin(request: Request, context: unknown, action: Action): Caller {
  // Its data requests and the CSV never pass the root loader: the first steps are checked here too.
  const caller = requirePageCaller(request, context);
  const role = caller.user.systemRole;
  if (!isSystemRole(role) || !can(role, action)) {
    recordAction(caller, {
      action: 'access.denied',
      outcome: 'denied',
      objectType: 'page',
      objectId: new URL(request.url).pathname,
    });
    throw new Response('Not found', { status: 404 });
  }
  return caller;
}
