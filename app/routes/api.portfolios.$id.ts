import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { httpError, readJsonBody } from '~/api/http.server';
import { parseVersionParam } from '~/api/params.server';
import { callerName, recordAction } from '~/auth/caller.server';
import { listPortfolioVersions, readPortfolio, savePortfolioVersion } from '~/models/portfolios.server';
import { apiPortfolioAccess } from '~/portfolio/access.server';
import { portfolioError, portfolioValidationError } from '~/portfolio/api-errors.server';
import { parseSaveBody } from '~/portfolio/request';

/**
 * GET /api/portfolios/:id[?version=N] — `{ id, name, version, latestVersion, archived, savedAt,
 * savedBy, note, versions, request, document }`: the version's request as sent and the document
 * it resolved to (the scenario versions it pins, the budget by year in CNY).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiPortfolioAccess(request, context, params.id!, 'read');
  if (!access.ok) return access.response;
  const { lang } = access;
  const version = parseVersionParam(new URL(request.url), lang);
  if (!version.ok) return version.response;
  const read = readPortfolio(params.id!, version.version);
  if (!read)
    return portfolioError(404, 'versionNotFound', lang, { version: version.version ?? '' }, 'version');
  return json({
    id: read.id,
    name: read.document.name,
    version: read.version,
    latestVersion: read.latestVersion,
    archived: read.archived,
    savedAt: read.savedAt,
    savedBy: read.savedBy,
    note: read.note,
    versions: listPortfolioVersions(read.id) ?? [],
    request: read.request,
    document: read.document,
  });
}

/**
 * PUT /api/portfolios/:id — body `{ baseVersion, request, note? }`: a new version, every scenario
 * re-pinned to its latest version; 409 when baseVersion is not the latest. Saved under the
 * caller's name.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await apiPortfolioAccess(request, context, params.id!, 'save');
  if (!access.ok) return access.response;
  const { lang, caller } = access;
  if (request.method !== 'PUT')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, PUT' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const parsed = parseSaveBody(body.value);
  if (!parsed.ok) return portfolioValidationError(parsed.problems, lang);
  const result = savePortfolioVersion(params.id!, {
    request: parsed.request,
    baseVersion: parsed.baseVersion,
    savedBy: callerName(caller),
    note: parsed.note,
  });
  if (result.status === 'notFound') return portfolioError(404, 'notFound', lang);
  if (result.status === 'invalid')
    return portfolioValidationError(
      result.problems.map((p) => ({ ...p, path: p.path ? `request.${p.path}` : 'request' })),
      lang,
    );
  if (result.status === 'conflict')
    return portfolioError(
      409,
      'stale',
      lang,
      { latest: result.latestVersion, base: parsed.baseVersion },
      'baseVersion',
      { latestVersion: result.latestVersion },
    );
  recordAction(caller, {
    action: 'portfolio.save',
    outcome: 'success',
    hospitalId: access.hospitalId,
    objectType: 'portfolio',
    objectId: result.id,
    version: result.version,
  });
  return json({ id: result.id, version: result.version });
}
