import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess } from '~/api/access.server';
import { httpError } from '~/api/http.server';
import { listVersions } from '~/models/scenarios.server';
import { reviewStates } from '~/models/reviews.server';

/** GET /api/scenarios/:id/versions — `[{ version, savedAt, savedBy, note, review }]`, newest first. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'read');
  if (!access.ok) return access.response;
  const versions = listVersions(params.id!);
  if (!versions) return httpError(404, 'notFound', access.lang);
  const reviews = reviewStates(params.id!);
  return json(versions.map((v) => ({ ...v, review: reviews.get(v.version) ?? null })));
}
