import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { answerWithJob, httpError } from '~/api/http.server';
import { versionInvalidError } from '~/api/scenario.server';
import { handleDatasetUpload } from '~/datasets/handle-upload.server';
import { getLang } from '~/i18n/locale.server';
import { listDatasets } from '~/models/datasets.server';
import { readVersion } from '~/models/scenarios.server';

/** GET /api/scenarios/:id/datasets — the scenario's datasets, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (readVersion(params.id!).status === 'notFound')
    return httpError(404, 'notFound', await getLang(request));
  return json(listDatasets(params.id!));
}

/**
 * POST /api/scenarios/:id/datasets (multipart: `file`, optional `encoding`, `separator`,
 * `mapping`; `commit=true` with `mapping` and `uploadedBy` to store). Without commit the answer
 * is a preview (200) and nothing is stored but the file, for the commit; a commit answers 201
 * with the dataset, or 4xx naming every problem by row and column, storing nothing.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  if (request.method !== 'POST')
    return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'GET, POST' });
  const latest = readVersion(params.id!);
  if (latest.status === 'notFound') return httpError(404, 'notFound', lang);
  // Nothing is read into a case whose latest version needs attention first.
  if (latest.status === 'invalid') return versionInvalidError(latest.invalid, lang);
  return answerWithJob(lang, async () => {
    const { status, ...body } = await handleDatasetUpload(params.id!, request, lang);
    return json(body, { status });
  });
}
