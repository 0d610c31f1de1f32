import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

import { httpError } from '~/api/http.server';
import { getLang } from '~/i18n/locale.server';
import { revokeShare } from '~/models/shares.server';

/** DELETE /api/share/:token — revokes the link: 204; 410 if it already was; 404 if there is none. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  if (request.method !== 'DELETE')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'DELETE' });
  const result = revokeShare(params.token!);
  if (result === 'unknown') return httpError(404, 'shareNotFound', lang);
  if (result === 'gone') return httpError(410, 'shareGone', lang);
  return new Response(null, { status: 204 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  return httpError(405, 'methodNotAllowed', await getLang(request), {}, '', { allow: 'DELETE' });
}
