import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { httpError, readJsonBody } from '~/api/http.server';
import { callerName, recordAction } from '~/auth/caller.server';
import { apiPortfolioAccess } from '~/portfolio/access.server';
import { portfolioError, portfolioValidationError } from '~/portfolio/api-errors.server';
import { parseShareBody } from '~/portfolio/request';
import {
  createPortfolioShare,
  listPortfolioShares,
  revokePortfolioShare,
  sharedPortfolioPath,
} from '~/portfolio/shares.server';

/** GET /api/portfolios/:id/share — the portfolio's links (no token: only its hash is kept), newest first. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiPortfolioAccess(request, context, params.id!, 'manageShares');
  if (!access.ok) return access.response;
  return json(listPortfolioShares(params.id!));
}

/**
 * POST /api/portfolios/:id/share — `{ version?, expiresInDays? }` → 201 `{ url, token, version,
 * expiresAt }`: a read-only link to the pinned version; the token is shown this once.
 * DELETE /api/portfolios/:id/share?link=<id> — revokes a link: 204; 404 if the portfolio has no
 * such link, 410 if it was revoked already.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const method = request.method.toUpperCase();
  const access = await apiPortfolioAccess(
    request,
    context,
    params.id!,
    method === 'DELETE' ? 'manageShares' : 'share',
  );
  if (!access.ok) return access.response;
  const { lang, caller } = access;
  if (method === 'DELETE') {
    const linkId = new URL(request.url).searchParams.get('link') ?? '';
    const link = linkId ? listPortfolioShares(params.id!).find((l) => l.id === linkId) : undefined;
    if (!link) return portfolioError(404, 'linkNotFound', lang, {}, 'link');
    if (!revokePortfolioShare(params.id!, link.id)) return portfolioError(410, 'linkGone', lang, {}, 'link');
    recordAction(caller, {
      action: 'share.revoke',
      outcome: 'success',
      hospitalId: access.hospitalId,
      objectType: 'portfolio',
      objectId: params.id!,
      version: link.version,
      detail: { link: link.id },
    });
    return new Response(null, { status: 204 });
  }
  if (method !== 'POST')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, POST, DELETE' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const parsed = parseShareBody(body.value);
  if (!parsed.ok) return portfolioValidationError(parsed.problems, lang);
  const created = createPortfolioShare(params.id!, {
    version: parsed.version,
    expiresInDays: parsed.expiresInDays,
    createdBy: callerName(caller),
  });
  if (created.status === 'notFound') return portfolioError(404, 'notFound', lang);
  if (created.status === 'versionNotFound')
    return portfolioError(404, 'versionNotFound', lang, { version: parsed.version ?? '' }, 'version');
  recordAction(caller, {
    action: 'share.create',
    outcome: 'success',
    hospitalId: access.hospitalId,
    objectType: 'portfolio',
    objectId: params.id!,
    version: created.link.version,
    detail: { link: created.link.id, expiresAt: created.link.expiresAt },
  });
  const url = new URL(sharedPortfolioPath(created.token), request.url).toString();
  return json(
    { url, token: created.token, version: created.link.version, expiresAt: created.link.expiresAt },
    { status: 201 },
  );
}
