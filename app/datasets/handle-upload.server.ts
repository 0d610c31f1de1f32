/**
 * One upload request, preview or commit, as the API and the page both answer it: the file
 * comes with the request or from an earlier preview (`uploadId`).
 */
import type { Lang } from '~/engine/text';
import {
  commitDataset,
  pendingUpload,
  previewDataset,
  type DatasetInfo,
  type DatasetPreview,
} from '~/models/datasets.server';

import { fieldError, parseUpload, problemError, type FieldError } from './upload.server';

export type UploadOutcome =
  | { status: 200; preview: DatasetPreview }
  | { status: 201; dataset: DatasetInfo }
  | { status: number; errors: FieldError[]; moreProblems?: number; preview?: DatasetPreview };

export async function handleDatasetUpload(
  scenarioId: string,
  request: Request,
  lang: Lang,
): Promise<UploadOutcome> {
  const upload = await parseUpload(request, lang);
  if (!upload.ok) return { status: upload.status, errors: upload.errors };
  const { fields } = upload;
  const file = upload.file ?? pendingUpload(scenarioId, fields.uploadId!);
  if (!file) return { status: 400, errors: [fieldError('uploadId', lang)] };
  const choice = { encoding: fields.encoding, separator: fields.separator };
  if (!fields.commit) {
    const preview = await previewDataset(scenarioId, file, choice, fields.mapping ?? null);
    if (preview.ok) return { status: 200, preview: preview.preview };
    return { status: preview.status, errors: preview.problems.map((p) => problemError(p, lang)) };
  }
  if (!fields.mapping) return { status: 400, errors: [{ ...fieldError('mapping', lang), code: 'required' }] };
  const committed = await commitDataset(
    scenarioId,
    file,
    choice,
    fields.mapping,
    fields.uploadedBy!,
    upload.file ? null : (fields.uploadId ?? null),
  );
  if (committed.ok) return { status: 201, dataset: committed.dataset };
  return {
    status: committed.status,
    errors: committed.problems.map((p) => problemError(p, lang)),
    moreProblems: committed.moreProblems ?? 0,
  };
}
