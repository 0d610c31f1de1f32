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

import { describeDatasetProblem } from './problems';
import { fieldError, parseUpload, problemError, type FieldError } from './upload.server';

export type UploadOutcome =
  | { status: 200; preview: LocalizedPreview }
  | { status: 201; dataset: DatasetInfo }
  | { status: number; errors: FieldError[]; moreProblems?: number; preview?: LocalizedPreview };

export type LocalizedPreview = Omit<DatasetPreview, 'problems'> & {
  problems: (DatasetPreview['problems'][number] & { message: string })[];
};

/** Each problem of a preview with its message in the user's language. */
function withMessages(preview: DatasetPreview, lang: Lang): LocalizedPreview {
  return {
    ...preview,
    problems: preview.problems.map((p) => ({ ...p, message: describeDatasetProblem(p, lang) })),
  };
}

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
    const preview = await previewDataset(
      scenarioId,
      file,
      choice,
      fields.mapping ?? null,
      upload.file ? null : (fields.uploadId ?? null),
    );
    if (preview.ok) return { status: 200, preview: withMessages(preview.preview, lang) };
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
  // A page committing an earlier preview shows it again, with the problems in place.
  return {
    status: committed.status,
    errors: committed.problems.map((p) => problemError(p, lang)),
    moreProblems: committed.moreProblems ?? 0,
    ...(committed.preview ? { preview: withMessages(committed.preview, lang) } : {}),
  };
}
