/** Who may read the audit log: a signed-in audit admin (and no one else, the system admin included). */
import type { Caller } from '~/auth/caller.server';
import type { Action } from '~/auth/roles';
import { requireSystemAction } from '~/auth/system-access.server';

export const requireAuditAdmin = (request: Request, context: unknown, action: Action): Caller =>
  requireSystemAction(request, context, action);
