import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { httpError, readJsonBody, validationError } from '~/api/http.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { validateScenario, type ValidationProblem } from '~/engine';
import { localize } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { saveVersion } from '~/models/scenarios.server';

/** GET /api/scenarios/:id[?version=N] — `{ id, name, version, document }`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
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
  savedBy: z.string().min(1).max(100).optional(),
  note: z.string().max(500).optional(),
});

/** PUT /api/scenarios/:id — body `{ baseVersion, document }`; 409 when baseVersion is not the latest. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
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
    savedBy: envelope.data.savedBy ?? request.headers.get('X-Saved-By')?.slice(0, 100) ?? 'API',
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
  return json({ id: result.id, version: result.version });
}
