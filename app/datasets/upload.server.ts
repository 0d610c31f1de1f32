/**
 * Reads a dataset upload request (multipart/form-data): the file, and the fields that say how
 * to read it and whether to commit. Shared by the API and the page, with the same checks and
 * messages in the user's language.
 */
import { z } from 'zod';

import type { Lang } from '~/engine/text';

import { MEANINGS, type Meaning } from './columns';
import { readMultipart } from './multipart.server';
import { describeDatasetProblem, type DatasetProblem } from './problems';
import { ENCODINGS, MAX_COLUMNS, MAX_UPLOAD_BYTES, type SeparatorChoice } from './read-file.server';

/** The separators as a form can send them: the character, or its name. */
const SEPARATOR_NAMES: Record<string, Exclude<SeparatorChoice, 'auto'>> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  tab: '\t',
  '|': '|',
  bar: '|',
};

const fieldsSchema = z.object({
  encoding: z.enum(ENCODINGS).default('auto'),
  separator: z
    .string()
    .default('auto')
    .refine((s) => s === 'auto' || s in SEPARATOR_NAMES, { message: 'separator' })
    .transform((s): SeparatorChoice => (s === 'auto' ? 'auto' : SEPARATOR_NAMES[s]!)),
  mapping: z
    .string()
    .max(10_000)
    .optional()
    .transform((s, ctx): Meaning[] | undefined => {
      if (s === undefined || s.trim() === '') return undefined;
      let value: unknown;
      try {
        value = s.trim().startsWith('[') ? JSON.parse(s) : s.split(',').map((m) => m.trim());
      } catch {
        ctx.addIssue({ code: 'custom', message: 'mapping' });
        return z.NEVER;
      }
      const parsed = z.array(z.enum(MEANINGS)).max(MAX_COLUMNS).safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'mapping' });
        return z.NEVER;
      }
      return parsed.data;
    }),
  commit: z
    .enum(['true', 'false', '1', '0', 'on'])
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'on'),
  uploadId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .optional(),
});

export type UploadFields = z.infer<typeof fieldsSchema>;

const FIELD_MESSAGES: Record<string, Record<Lang, string>> = {
  encoding: {
    en: `Encoding must be one of: ${ENCODINGS.join(', ')}`,
    'zh-CN': `编码必须是以下之一：${ENCODINGS.join('、')}`,
  },
  separator: {
    en: 'Separator must be auto, comma, semicolon, tab or bar',
    'zh-CN': '分隔符必须是 auto、逗号（comma）、分号（semicolon）、制表符（tab）或竖线（bar）',
  },
  mapping: {
    en: `Mapping is a list of column meanings (${MEANINGS.join(', ')}), one per column`,
    'zh-CN': `列对应关系应为每列一个含义的列表（${MEANINGS.join('、')}）`,
  },
  commit: { en: 'commit must be true or false', 'zh-CN': 'commit 必须是 true 或 false' },
  uploadId: {
    en: 'This upload is not (or no longer) kept: upload the file again',
    'zh-CN': '找不到该上传（编号无效或已不再保留），请重新上传文件',
  },
  file: {
    en: 'Attach the file as the multipart field "file"',
    'zh-CN': '请以 multipart 字段 “file” 上传文件',
  },
  multipart: { en: 'Send the upload as multipart/form-data', 'zh-CN': '上传必须使用 multipart/form-data' },
  csrf: {
    en: 'This page is out of date; reload it and try again.',
    'zh-CN': '这个页面已过期，请刷新后重试。',
  },
};

export interface FieldError {
  path: string;
  code: string;
  message: string;
  row?: number;
  column?: number;
}

export function fieldError(path: string, lang: Lang, code = path): FieldError {
  return { path, code, message: FIELD_MESSAGES[code]?.[lang] ?? code };
}

/** A dataset problem as an API error: the path names the row and column where there is one. */
export function problemError(problem: DatasetProblem, lang: Lang): FieldError {
  const path =
    problem.row !== undefined
      ? `file.rows.${problem.row}${problem.column !== undefined ? `.columns.${problem.column}` : ''}`
      : problem.code.startsWith('mapping')
        ? 'mapping'
        : 'file';
  return {
    path,
    code: problem.code,
    // A problem with neither row nor column is described by its bare message.
    message: describeDatasetProblem(problem, lang),
    ...(problem.row !== undefined ? { row: problem.row } : {}),
    ...(problem.column !== undefined ? { column: problem.column } : {}),
  };
}

export type ParsedUpload =
  | { ok: true; file: { name: string; bytes: Uint8Array } | null; fields: UploadFields; csrf: string | null }
  | { ok: false; status: number; errors: FieldError[] };

/** Room in a request besides the file: the fields (a mapping is at most 10,000 characters) and part headers. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

/** Parses and checks an upload request; a body over the limit is refused as it streams in. */
export async function parseUpload(request: Request, lang: Lang): Promise<ParsedUpload> {
  const tooLarge = (): ParsedUpload => {
    const problem: DatasetProblem = { code: 'fileTooLarge', params: { max: MAX_UPLOAD_BYTES / 1024 / 1024 } };
    return { ok: false, status: 413, errors: [{ ...problemError(problem, lang), path: 'file' }] };
  };
  const read = await readMultipart(request, MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES);
  if (!read.ok) {
    if (read.reason === 'notMultipart')
      return { ok: false, status: 415, errors: [fieldError('file', lang, 'multipart')] };
    if (read.reason === 'tooLarge') return tooLarge();
    return { ok: false, status: 400, errors: [fieldError('file', lang)] };
  }
  const { fields: form, files } = read.form;
  const text = (name: string) => form.get(name);
  // A page sends one select per column (mapping.0, mapping.1, …); the API one list.
  const perColumn: string[] = [];
  for (let i = 0; i <= MAX_COLUMNS && form.has(`mapping.${i}`); i++)
    perColumn.push(text(`mapping.${i}`) ?? '');
  const parsed = fieldsSchema.safeParse({
    encoding: text('encoding') || undefined,
    separator: text('separator') || undefined,
    mapping: text('mapping') ?? (perColumn.length > 0 ? JSON.stringify(perColumn) : undefined),
    commit: text('commit') || undefined,
    uploadId: text('uploadId') || undefined,
  });
  if (!parsed.success) {
    const paths = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? i.message)))];
    return { ok: false, status: 400, errors: paths.map((p) => fieldError(p, lang)) };
  }
  const fields = parsed.data;
  const csrf = text('csrf') ?? null;
  const upload = files.get('file');
  // A form whose file input was left empty sends a part with no name and no bytes.
  if (upload && (upload.bytes.byteLength > 0 || upload.name)) {
    if (upload.bytes.byteLength > MAX_UPLOAD_BYTES) return tooLarge();
    return {
      ok: true,
      file: { name: (upload.name || 'upload').slice(0, 200), bytes: upload.bytes },
      fields,
      csrf,
    };
  }
  if (!fields.uploadId) return { ok: false, status: 400, errors: [fieldError('file', lang)] };
  return { ok: true, file: null, fields, csrf };
}
