import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

import { apiCaller } from '~/api/access.server';
import { httpError } from '~/api/http.server';
import { scenarioAccess } from '~/auth/access.server';
import { recordAction } from '~/auth/caller.server';
import { getLang } from '~/i18n/locale.server';
import { findShareByToken, revokeShare } from '~/models/shares.server';

/**
 * DELETE /api/share/:token — revokes the link: 204; 410 if it already was; 404 if there is none
 * or it is not of a hospital where the caller is a planner or admin.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const who = await apiCaller(request, context);
  if (!who.ok) return who.response;
  const { lang, caller } = who;
  if (request.method !== 'DELETE')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'DELETE' });
  const link = findShareByToken(params.token!);
  const access = link ? scenarioAccess(caller, link.scenarioId, 'manageShares') : null;
  if (!link || access?.status !== 'ok') return httpError(404, 'shareNotFound', lang);
  const result = revokeShare(params.token!);
  if (result === 'unknown') return httpError(404, 'shareNotFound', lang);
  if (result === 'gone') return httpError(410, 'shareGone', lang);
  recordAction(caller, {
    action: 'share.revoke',
    outcome: 'success',
    hospitalId: access.hospitalId,
    objectType: 'scenario',
    objectId: link.scenarioId,
    version: link.version,
    detail: { link: link.id },
  });
  return new Response(null, { status: 204 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  return httpError(405, 'methodNotAllowed', await getLang(request), {}, '', { allow: 'DELETE' });
}
