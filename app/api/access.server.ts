/**
 * The API's door: every route first learns who calls (a Bearer token, or the browser's session
 * with X-CSRF-Token on writes) — 401 `unauthenticated` otherwise — and, for a scenario, whether
 * the caller's hospital owns it (404 if not) and their role allows the action (403 if not).
 */
import { scenarioAccessForApi } from '~/auth/access.server';
import { authenticateApi, recordAction, type Caller } from '~/auth/caller.server';
import type { HospitalRole, Action } from '~/auth/roles';
import type { Lang } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';

import { httpError } from './http.server';

const REFUSAL_STATUS = { unauthenticated: 401, csrfMissing: 403, firstStepsPending: 403 } as const;

/** The caller of an API request and its language, or the 401/403 answer. */
export async function apiCaller(
  request: Request,
  context: unknown,
): Promise<{ ok: true; caller: Caller; lang: Lang } | { ok: false; response: Response }> {
  const lang = await getLang(request);
  const found = authenticateApi(request, context);
  if (!found.ok)
    return {
      ok: false,
      response: httpError(
        REFUSAL_STATUS[found.refusal],
        found.refusal,
        lang,
        {},
        '',
        found.refusal === 'unauthenticated' ? { wwwAuthenticate: true } : {},
      ),
    };
  return { ok: true, caller: found.caller, lang };
}

export interface ApiScenarioAccess {
  ok: true;
  caller: Caller;
  lang: Lang;
  hospitalId: string;
  role: HospitalRole;
}

/** The caller, allowed to do `action` with scenario `id`; or the 401/403/404 answer. */
export async function apiScenarioAccess(
  request: Request,
  context: unknown,
  id: string,
  action: Action,
): Promise<ApiScenarioAccess | { ok: false; response: Response }> {
  const who = await apiCaller(request, context);
  if (!who.ok) return who;
  const access = scenarioAccessForApi(who.caller, id, action, who.lang);
  if (!access.ok) return access;
  return { ...who, hospitalId: access.hospitalId, role: access.role };
}

/** An export, in the audit log (format, scenario, version), once the file is made. */
export function recordExport(
  access: Pick<ApiScenarioAccess, 'caller' | 'hospitalId'>,
  scenario: { id: string; version: number },
  format: string,
): void {
  recordAction(access.caller, {
    action: 'export',
    outcome: 'success',
    hospitalId: access.hospitalId,
    objectType: 'scenario',
    objectId: scenario.id,
    version: scenario.version,
    detail: { format },
  });
}
