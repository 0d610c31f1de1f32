/**
 * One upload request, preview or commit, as the API and the page both answer it: the file
 * comes with the request or from an earlier preview (`uploadId`). Reading the file and storing
 * its rows are the job pool's (a 200,000-row file takes seconds); a refusal of the pool's
 * (busy, out of time) is the caller's to answer.
 */
import type { Lang } from '~/engine/text';
import { runJob } from '~/jobs/pool.server';
import { pendingUpload, type DatasetInfo, type DatasetPreview } from '~/models/datasets.server';

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

/**
 * `uploadedBy` is the caller's name; `csrfMatches` checks the form's CSRF field (a page's form
 * carries it in the multipart body, which only this reads).
 */
export async function handleDatasetUpload(
  scenarioId: string,
  request: Request,
  lang: Lang,
  caller: { uploadedBy: string; csrfMatches: (field: string | null) => boolean },
): Promise<UploadOutcome> {
  const upload = await parseUpload(request, lang);
  if (!upload.ok) return { status: upload.status, errors: upload.errors };
  if (!caller.csrfMatches(upload.csrf)) return { status: 403, errors: [fieldError('csrf', lang)] };
  const { fields } = upload;
  const file = upload.file ?? pendingUpload(scenarioId, fields.uploadId!);
  if (!file) return { status: 400, errors: [fieldError('uploadId', lang)] };
  const choice = { encoding: fields.encoding, separator: fields.separator };
  const uploadId = upload.file ? null : (fields.uploadId ?? null);
  // The file's bytes move to the worker rather than being copied, when they are a whole buffer.
  const transfer =
    file.bytes.buffer instanceof ArrayBuffer && file.bytes.byteLength === file.bytes.buffer.byteLength
      ? [file.bytes.buffer]
      : [];
  if (!fields.commit) {
    const preview = await runJob(
      'datasetPreview',
      { scenarioId, file, choice, mapping: fields.mapping ?? null, uploadId },
      transfer,
    );
    if (preview.ok) return { status: 200, preview: withMessages(preview.preview, lang) };
    return { status: preview.status, errors: preview.problems.map((p) => problemError(p, lang)) };
  }
  if (!fields.mapping) return { status: 400, errors: [{ ...fieldError('mapping', lang), code: 'required' }] };
  const committed = await runJob(
    'datasetCommit',
    { scenarioId, file, choice, mapping: fields.mapping, uploadedBy: caller.uploadedBy, uploadId },
    transfer,
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
