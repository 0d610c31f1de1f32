import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { httpError } from '~/api/http.server';
import { getLang } from '~/i18n/locale.server';
import { deleteDataset, getDataset } from '~/models/datasets.server';

/** GET /api/scenarios/:id/datasets/:datasetId — what was uploaded, when, by whom, read how. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const dataset = getDataset(params.id!, params.datasetId!);
  if (!dataset) return httpError(404, 'datasetNotFound', await getLang(request));
  return json(dataset);
}

/** DELETE /api/scenarios/:id/datasets/:datasetId — the dataset and its rows; versions keep their figures. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  if (request.method !== 'DELETE')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, DELETE' });
  if (!deleteDataset(params.id!, params.datasetId!)) return httpError(404, 'datasetNotFound', lang);
  return new Response(null, { status: 204 });
}
