import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess } from '~/api/access.server';
import { httpError } from '~/api/http.server';
import { recordAction } from '~/auth/caller.server';
import { deleteDataset, getDataset } from '~/models/datasets.server';

/** GET /api/scenarios/:id/datasets/:datasetId — what was uploaded, when, by whom, read how. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'read');
  if (!access.ok) return access.response;
  const dataset = getDataset(params.id!, params.datasetId!);
  if (!dataset) return httpError(404, 'datasetNotFound', access.lang);
  return json(dataset);
}

/** DELETE /api/scenarios/:id/datasets/:datasetId — the dataset and its rows; versions keep their figures. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'import');
  if (!access.ok) return access.response;
  const { lang } = access;
  if (request.method !== 'DELETE')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, DELETE' });
  if (!deleteDataset(params.id!, params.datasetId!)) return httpError(404, 'datasetNotFound', lang);
  recordAction(access.caller, {
    action: 'dataset.delete',
    outcome: 'success',
    hospitalId: access.hospitalId,
    objectType: 'dataset',
    objectId: params.datasetId!,
    detail: { scenario: params.id! },
  });
  return new Response(null, { status: 204 });
}
