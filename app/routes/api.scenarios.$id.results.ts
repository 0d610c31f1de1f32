import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { scenarioForRequest } from '~/api/scenario.server';
import { compileScenario, runModel } from '~/engine';
import { resultsForExport } from '~/engine/results';
import { getLang } from '~/i18n/locale.server';

/** GET /api/scenarios/:id/results[?version=N] — exactly the shape of `simulate --json`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const found = scenarioForRequest(request, params.id!, lang);
  if (!found.ok) return found.response;
  const result = runModel(compileScenario(found.scenario.document), undefined, { lang });
  return json(resultsForExport(result));
}
