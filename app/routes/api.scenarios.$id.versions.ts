import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { httpError } from '~/api/http.server';
import { getLang } from '~/i18n/locale.server';
import { listVersions } from '~/models/scenarios.server';

/** GET /api/scenarios/:id/versions — `[{ version, savedAt, savedBy, note }]`, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const versions = listVersions(params.id!);
  if (!versions) return httpError(404, 'notFound', await getLang(request));
  return json(versions);
}
