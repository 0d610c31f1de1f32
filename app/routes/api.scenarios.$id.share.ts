import { json, type ActionFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess } from '~/api/access.server';
import { httpError, readJsonBody, validationError } from '~/api/http.server';
import { recordAction } from '~/auth/caller.server';
import { getLang } from '~/i18n/locale.server';
import { createShare } from '~/models/shares.server';
import { parseShareRequest } from '~/shares/share-request.server';

/**
 * POST /api/scenarios/:id/share — `{ version?, expiresInDays?, overrides? }` → 201
 * `{ url, token, version, expiresAt }`. The token is shown this once; only its hash is kept.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'share');
  if (!access.ok) return access.response;
  const { lang } = access;
  if (request.method !== 'POST') return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'POST' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const parsed = parseShareRequest(body.value);
  if (!parsed.ok) return validationError(parsed.problems, lang);
  const created = createShare(params.id!, parsed.request);
  if (created.status === 'notFound') return httpError(404, 'notFound', lang);
  if (created.status === 'versionNotFound')
    return httpError(404, 'versionNotFound', lang, { version: parsed.request.version ?? '' }, 'version');
  recordAction(access.caller, {
    action: 'share.create',
    outcome: 'success',
    hospitalId: access.hospitalId,
    objectType: 'scenario',
    objectId: params.id!,
    version: created.link.version,
    detail: { link: created.link.id, expiresAt: created.link.expiresAt },
  });
  const url = new URL(`/s/${created.token}`, request.url).toString();
  return json(
    { url, token: created.token, version: created.link.version, expiresAt: created.link.expiresAt },
    { status: 201 },
  );
}

export async function loader({ request }: { request: Request }) {
  return httpError(405, 'methodNotAllowed', await getLang(request), {}, '', { allow: 'POST' });
}
