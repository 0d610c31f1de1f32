import type { Lang } from '~/engine/text';
import { getScenario, type ScenarioVersion } from '~/models/scenarios.server';

import { httpError } from './http.server';
import { parseVersionParam } from './params.server';

/** The scenario version a request names (`:id`, `?version=N`), or the API's 400/404 answer. */
export function scenarioForRequest(
  request: Request,
  id: string,
  lang: Lang,
): { ok: true; scenario: ScenarioVersion } | { ok: false; response: Response } {
  const version = parseVersionParam(new URL(request.url), lang);
  if (!version.ok) return version;
  const scenario = getScenario(id, version.version);
  if (scenario) return { ok: true, scenario };
  return {
    ok: false,
    response:
      version.version && getScenario(id)
        ? httpError(404, 'versionNotFound', lang, { version: version.version }, 'version')
        : httpError(404, 'notFound', lang),
  };
}
