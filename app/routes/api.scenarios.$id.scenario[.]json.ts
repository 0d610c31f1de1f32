import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess, recordExport } from '~/api/access.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { attachment, exportFileName } from '~/exports/download.server';

/**
 * GET /api/scenarios/:id/scenario.json[?version=N] — the scenario document itself, as the list
 * page and `POST /api/scenarios` import it back (to the same results).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'export');
  if (!access.ok) return access.response;
  const { lang } = access;
  const found = scenarioForRequest(request, params.id!, lang);
  if (!found.ok) return found.response;
  recordExport(access, found.scenario, 'scenario.json');
  return new Response(`${JSON.stringify(found.scenario.document, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachment(
        exportFileName(found.scenario.document, found.scenario.version, lang, 'scenario.json'),
      ),
    },
  });
}
