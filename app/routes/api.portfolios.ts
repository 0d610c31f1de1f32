import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { apiCaller } from '~/api/access.server';
import { httpError, readJsonBody } from '~/api/http.server';
import { hospitalForNewScenario } from '~/auth/access.server';
import { callerName, hospitalsWhere, recordAction } from '~/auth/caller.server';
import { getDb } from '~/db.server';
import { findHospitalByName, getHospital } from '~/models/hospitals.server';
import { createPortfolio, listPortfolios } from '~/models/portfolios.server';
import { portfolioValidationError } from '~/portfolio/api-errors.server';
import { parsePortfolioRequest } from '~/portfolio/request';

/**
 * GET /api/portfolios[?hospital=<id or name>][&archived=1] — the caller's hospitals' portfolios
 * (one of them, when named; the archived ones with `archived=1`), latest changed first.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const who = await apiCaller(request, context);
  if (!who.ok) return who.response;
  const url = new URL(request.url);
  const db = getDb();
  let hospitalIds = hospitalsWhere(who.caller, 'read');
  const asked = url.searchParams.get('hospital')?.trim();
  if (asked) {
    // A hospital the caller does not read in lists nothing (not a refusal naming it).
    const id = hospitalIds.includes(asked) ? asked : findHospitalByName(db, asked)?.id;
    hospitalIds = hospitalIds.filter((h) => h === id);
  }
  const names = new Map(hospitalIds.map((id) => [id, getHospital(db, id)?.name ?? '']));
  return json(
    listPortfolios(hospitalIds, { archived: url.searchParams.get('archived') === '1' }).map((p) => ({
      id: p.id,
      name: p.name,
      hospital: names.get(p.hospitalId) ?? '',
      version: p.latestVersion,
      archived: p.archived,
      updatedAt: p.updatedAt,
    })),
  );
}

/**
 * POST /api/portfolios[?hospital=<id or name>] — body: a portfolio request (money in CNY).
 * Answers 201 with `{ id, version }`; 400 naming each field that is wrong (a negative budget by
 * its year, a scenario not of the hospital by its place). The portfolio belongs to the caller's
 * hospital (the one named, when the caller plans for several).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const who = await apiCaller(request, context);
  if (!who.ok) return who.response;
  const { lang, caller } = who;
  if (request.method !== 'POST')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, POST' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const parsed = parsePortfolioRequest(body.value);
  if (!parsed.ok) return portfolioValidationError(parsed.problems, lang);
  const hospital = hospitalForNewScenario(caller, new URL(request.url).searchParams.get('hospital'), '');
  if (!hospital.ok)
    return httpError(hospital.code === 'hospitalRequired' ? 400 : 403, hospital.code, lang, {}, 'hospital');
  const created = createPortfolio({
    hospitalId: hospital.hospitalId,
    request: parsed.request,
    savedBy: callerName(caller),
    note: request.headers.get('X-Save-Note')?.slice(0, 500),
  });
  if (created.status === 'invalid') return portfolioValidationError(created.problems, lang);
  recordAction(caller, {
    action: 'portfolio.create',
    outcome: 'success',
    hospitalId: hospital.hospitalId,
    objectType: 'portfolio',
    objectId: created.id,
    version: created.version,
  });
  return json(
    { id: created.id, version: created.version },
    { status: 201, headers: { Location: `/api/portfolios/${created.id}` } },
  );
}
