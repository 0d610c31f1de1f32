/**
 * Pages of the three system roles (等保 2.0 §8.1.4.2: system, security and audit administration
 * kept apart): only a signed-in holder of a role that may do the page's action opens it. Anyone
 * else signed in gets "no such page" (404), and the attempt is logged; someone not signed in is
 * sent to log in.
 */
import { recordAction, requirePageCaller, type Caller } from './caller.server';
import { can, isSystemRole, type Action } from './roles';

export function requireSystemAction(request: Request, context: unknown, action: Action): Caller {
  // Their data requests never pass the root loader: the first steps are checked here too.
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
