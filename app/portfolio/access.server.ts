/**
 * Access to a portfolio, as to a scenario (等保 2.0 §8.1.4.2): only the members of the hospital
 * that owns it reach it. To anyone else it does not exist: 404 naming nothing. A member whose
 * role does not allow the action gets 403 naming the role. Both refusals go to the audit log.
 */
import { json } from '@remix-run/node';

import { apiCaller } from '~/api/access.server';
import { roleRefusalMessage } from '~/auth/access.server';
import { allows, recordAction, type Caller } from '~/auth/caller.server';
import type { Action, HospitalRole } from '~/auth/roles';
import { getDb, type Db } from '~/db.server';
import type { Lang } from '~/engine/text';
import { getPortfolioRow, type PortfolioRow } from '~/models/portfolios.server';

import { portfolioError } from './api-errors.server';

export type PortfolioAccess =
  | { status: 'ok'; hospitalId: string; role: HospitalRole; portfolio: PortfolioRow }
  | { status: 'notFound' }
  | { status: 'forbidden'; role: HospitalRole };

/** What the caller may do with a portfolio: allowed, "no such portfolio", or not with this role. */
export function portfolioAccess(
  caller: Caller,
  portfolioId: string,
  action: Action,
  db: Db = getDb(),
): PortfolioAccess {
  const portfolio = getPortfolioRow(portfolioId, db);
  if (!portfolio) return { status: 'notFound' };
  const role = caller.roles.get(portfolio.hospitalId);
  const denied = (hospitalId?: string) =>
    recordAction(
      caller,
      {
        action: 'access.denied',
        outcome: 'denied',
        ...(hospitalId ? { hospitalId } : {}),
        objectType: 'portfolio',
        objectId: portfolioId,
        detail: { action },
      },
      db,
    );
  if (!role) {
    denied();
    return { status: 'notFound' };
  }
  if (!allows(caller, portfolio.hospitalId, action)) {
    denied(portfolio.hospitalId);
    return { status: 'forbidden', role };
  }
  return { status: 'ok', hospitalId: portfolio.hospitalId, role, portfolio };
}

/** For a page: the access, or a thrown 404 (not the caller's hospital) or 403 (not the role's). */
export function requirePortfolioOnPage(
  caller: Caller,
  portfolioId: string,
  action: Action,
  lang: Lang,
): { hospitalId: string; role: HospitalRole; portfolio: PortfolioRow } {
  const access = portfolioAccess(caller, portfolioId, action);
  if (access.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (access.status === 'forbidden')
    throw new Response(roleRefusalMessage(access.role, action, lang), {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': lang },
    });
  return access;
}

export interface ApiPortfolioAccess {
  ok: true;
  caller: Caller;
  lang: Lang;
  hospitalId: string;
  role: HospitalRole;
  portfolio: PortfolioRow;
}

/** The API caller, allowed to do `action` with portfolio `id`; or the 401/403/404 answer. */
export async function apiPortfolioAccess(
  request: Request,
  context: unknown,
  id: string,
  action: Action,
): Promise<ApiPortfolioAccess | { ok: false; response: Response }> {
  const who = await apiCaller(request, context);
  if (!who.ok) return who;
  const access = portfolioAccess(who.caller, id, action);
  if (access.status === 'notFound') return { ok: false, response: portfolioError(404, 'notFound', who.lang) };
  if (access.status === 'forbidden')
    return {
      ok: false,
      response: json(
        {
          errors: [
            { path: '', code: 'forbidden', message: roleRefusalMessage(access.role, action, who.lang) },
          ],
        },
        { status: 403 },
      ),
    };
  return { ...who, ok: true, hospitalId: access.hospitalId, role: access.role, portfolio: access.portfolio };
}
