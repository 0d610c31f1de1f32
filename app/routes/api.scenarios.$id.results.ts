import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { httpError } from '~/api/http.server';
import { parseVersionParam } from '~/api/params.server';
import { compileScenario, runModel } from '~/engine';
import { resultsForExport } from '~/engine/results';
import { getLang } from '~/i18n/locale.server';
import { getScenario } from '~/models/scenarios.server';

/** GET /api/scenarios/:id/results[?version=N] — exactly the shape of `simulate --json`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const version = parseVersionParam(new URL(request.url), lang);
  if (!version.ok) return version.response;
  const scenario = getScenario(params.id!, version.version);
  if (!scenario) {
    return version.version && getScenario(params.id!)
      ? httpError(404, 'versionNotFound', lang, { version: version.version }, 'version')
      : httpError(404, 'notFound', lang);
  }
  const result = runModel(compileScenario(scenario.document), undefined, { lang });
  return json(resultsForExport(result));
}
