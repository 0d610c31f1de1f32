import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { apiScenarioAccess } from '~/api/access.server';
import { httpError, readJsonBody, validationError } from '~/api/http.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { validateScenario, type ValidationProblem } from '~/engine';
import { localize } from '~/engine/text';
import { callerName, recordAction } from '~/auth/caller.server';
import { saveVersion } from '~/models/scenarios.server';

/** GET /api/scenarios/:id[?version=N] — `{ id, name, version, document }`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'read');
  if (!access.ok) return access.response;
  const { lang } = access;
  const found = scenarioForRequest(request, params.id!, lang);
  if (!found.ok) return found.response;
  const scenario = found.scenario;
  return json({
    id: scenario.id,
    name: localize(scenario.document.name, lang),
    version: scenario.version,
    latestVersion: scenario.latestVersion,
    archived: scenario.archived,
    savedAt: scenario.savedAt,
    savedBy: scenario.savedBy,
    note: scenario.note,
    document: scenario.document,
  });
}

const putEnvelope = z.object({
  baseVersion: z.number().int().min(1),
  document: z.unknown(),
  note: z.string().max(500).optional(),
});

/**
 * PUT /api/scenarios/:id — body `{ baseVersion, document, note? }`; 409 when baseVersion is not
 * the latest. The version is saved under the caller's name.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'save');
  if (!access.ok) return access.response;
  const { lang, caller } = access;
  if (request.method !== 'PUT')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, PUT' });
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const envelope = putEnvelope.safeParse(body.value);
  if (!envelope.success) {
    const problems: ValidationProblem[] = envelope.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      code: issue.code === 'invalid_type' && issue.path.length === 1 ? 'required' : 'invalid',
      params: {},
    }));
    return validationError(problems, lang);
  }
  const validated = validateScenario(envelope.data.document);
  if (!validated.ok) return validationError(validated.problems, lang, 'document');
  const result = saveVersion(params.id!, envelope.data.baseVersion, validated.scenario, {
    savedBy: callerName(caller),
    note: envelope.data.note,
  });
  if (result.status === 'notFound') return httpError(404, 'notFound', lang);
  if (result.status === 'conflict') {
    return httpError(
      409,
      'stale',
      lang,
      { latest: result.latestVersion, base: envelope.data.baseVersion },
      'baseVersion',
      { latestVersion: result.latestVersion },
    );
  }
  recordAction(caller, {
    action: 'scenario.save',
    outcome: 'success',
    hospitalId: access.hospitalId,
    objectType: 'scenario',
    objectId: result.id,
    version: result.version,
  });
  return json({ id: result.id, version: result.version });
}
