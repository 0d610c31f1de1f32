import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { httpError, readJsonBody, validationError } from '~/api/http.server';
import { validateScenario } from '~/engine';
import { localize } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { createScenario, listScenarios } from '~/models/scenarios.server';

/** GET /api/scenarios — the scenarios in use (`?archived=1` for the archived ones). */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const archived = new URL(request.url).searchParams.get('archived') === '1';
  return json(
    listScenarios({ archived }).map((s) => ({
      id: s.id,
      name: localize(s.name, lang),
      hospital: localize(s.hospitalName, lang),
      version: s.latestVersion,
      archived: s.archived,
      updatedAt: s.updatedAt,
    })),
  );
}

/** POST /api/scenarios — body: a scenario document. Answers 201 with `{ id, version }`. */
export async function action({ request }: ActionFunctionArgs) {
  const lang = await getLang(request);
  if (request.method !== 'POST')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, POST' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const validated = validateScenario(body.value);
  if (!validated.ok) return validationError(validated.problems, lang);
  const savedBy = (request.headers.get('X-Saved-By') ?? 'API').slice(0, 100);
  const created = createScenario(validated.scenario, {
    savedBy,
    note: request.headers.get('X-Save-Note')?.slice(0, 500),
  });
  return json(created, { status: 201, headers: { Location: `/api/scenarios/${created.id}` } });
}
