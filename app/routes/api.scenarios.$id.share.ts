import { json, type ActionFunctionArgs } from '@remix-run/node';

import { httpError, readJsonBody, validationError } from '~/api/http.server';
import { getLang } from '~/i18n/locale.server';
import { createShare } from '~/models/shares.server';
import { parseShareRequest } from '~/shares/share-request.server';

/**
 * POST /api/scenarios/:id/share — `{ version?, expiresInDays?, overrides? }` → 201
 * `{ url, token, version, expiresAt }`. The token is shown this once; only its hash is kept.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  if (request.method !== 'POST') return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'POST' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const parsed = parseShareRequest(body.value);
  if (!parsed.ok) return validationError(parsed.problems, lang);
  const created = createShare(params.id!, parsed.request);
  if (created.status === 'notFound') return httpError(404, 'notFound', lang);
  if (created.status === 'versionNotFound')
    return httpError(404, 'versionNotFound', lang, { version: parsed.request.version ?? '' }, 'version');
  const url = new URL(`/s/${created.token}`, request.url).toString();
  return json(
    { url, token: created.token, version: created.link.version, expiresAt: created.link.expiresAt },
    { status: 201 },
  );
}

export async function loader({ request }: { request: Request }) {
  return httpError(405, 'methodNotAllowed', await getLang(request), {}, '', { allow: 'POST' });
}
