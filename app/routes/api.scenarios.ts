import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { apiCaller } from '~/api/access.server';
import { httpError, readJsonBody, validationError } from '~/api/http.server';
import { hospitalForNewScenario } from '~/auth/access.server';
import { callerName, hospitalsWhere, recordAction } from '~/auth/caller.server';
import { validateScenario } from '~/engine';
import { localize } from '~/engine/text';
import { createScenario, listScenarios } from '~/models/scenarios.server';

/** GET /api/scenarios — the caller's hospitals' scenarios in use (`?archived=1` for the archived ones). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const who = await apiCaller(request, context);
  if (!who.ok) return who.response;
  const { lang } = who;
  const archived = new URL(request.url).searchParams.get('archived') === '1';
  return json(
    listScenarios({ archived, hospitalIds: hospitalsWhere(who.caller, 'read') }).map((s) => ({
      id: s.id,
      name: localize(s.name, lang),
      hospital: localize(s.hospitalName, lang),
      version: s.latestVersion,
      archived: s.archived,
      updatedAt: s.updatedAt,
    })),
  );
}

/**
 * POST /api/scenarios[?hospital=<id or name>] — body: a scenario document. Answers 201 with
 * `{ id, version }`. The scenario belongs to the caller's hospital (the one named, when the
 * caller plans for several); the version is saved under the caller's name.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const who = await apiCaller(request, context);
  if (!who.ok) return who.response;
  const { lang, caller } = who;
  if (request.method !== 'POST')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, POST' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const validated = validateScenario(body.value);
  if (!validated.ok) return validationError(validated.problems, lang);
  const hospital = hospitalForNewScenario(
    caller,
    new URL(request.url).searchParams.get('hospital'),
    localize(validated.scenario.hospital.name, 'zh-CN'),
  );
  if (!hospital.ok)
    return httpError(hospital.code === 'hospitalRequired' ? 400 : 403, hospital.code, lang, {}, 'hospital');
  const created = createScenario(validated.scenario, {
    savedBy: callerName(caller),
    note: request.headers.get('X-Save-Note')?.slice(0, 500),
    hospitalId: hospital.hospitalId,
  });
  recordAction(caller, {
    action: 'scenario.create',
    outcome: 'success',
    hospitalId: hospital.hospitalId,
    objectType: 'scenario',
    objectId: created.id,
    version: created.version,
  });
  return json(created, { status: 201, headers: { Location: `/api/scenarios/${created.id}` } });
}
