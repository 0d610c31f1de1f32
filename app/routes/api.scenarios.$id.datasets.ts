import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { apiScenarioAccess } from '~/api/access.server';
import { answerWithJob, httpError } from '~/api/http.server';
import { versionInvalidError } from '~/api/scenario.server';
import { callerName, recordAction } from '~/auth/caller.server';
import { handleDatasetUpload } from '~/datasets/handle-upload.server';
import { listDatasets } from '~/models/datasets.server';
import { readVersion } from '~/models/scenarios.server';

/** GET /api/scenarios/:id/datasets — the scenario's datasets, newest first. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'read');
  if (!access.ok) return access.response;
  return json(listDatasets(params.id!));
}

/**
 * POST /api/scenarios/:id/datasets (multipart: `file`, optional `encoding`, `separator`,
 * `mapping`; `commit=true` with `mapping` to store, under the caller's name). Without commit the
 * answer is a preview (200) and nothing is stored but the file, for the commit; a commit answers
 * 201 with the dataset, or 4xx naming every problem by row and column, storing nothing.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await apiScenarioAccess(request, context, params.id!, 'import');
  if (!access.ok) return access.response;
  const { lang, caller } = access;
  if (request.method !== 'POST')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, POST' });
  const latest = readVersion(params.id!);
  if (latest.status === 'notFound') return httpError(404, 'notFound', lang);
  // Nothing is read into a case whose latest version needs attention first.
  if (latest.status === 'invalid') return versionInvalidError(latest.invalid, lang);
  return answerWithJob(lang, async () => {
    const { status, ...body } = await handleDatasetUpload(params.id!, request, lang, {
      uploadedBy: callerName(caller),
      // The API's session callers sent X-CSRF-Token already (checked at the door).
      csrfMatches: () => true,
    });
    if (status === 201 && 'dataset' in body)
      recordAction(caller, {
        action: 'dataset.import',
        outcome: 'success',
        hospitalId: access.hospitalId,
        objectType: 'dataset',
        objectId: body.dataset.id,
        detail: { scenario: params.id!, rows: body.dataset.rowCount },
      });
    return json(body, { status });
  });
}
