/**
 * The JSON API's plumbing: reading a body safely (type, size, syntax) and answering errors in
 * one shape, `{ errors: [{ path, code, message }] }`, with messages in the caller's language.
 */
import { json, type TypedResponse } from '@remix-run/node';

import { problemMessage, type ValidationProblem } from '~/engine';
import type { Lang } from '~/engine/text';
import { JobRefused, jobPool } from '~/jobs/pool.server';

/** Largest JSON body the API reads (the server refuses larger ones before they arrive). */
export const MAX_JSON_BYTES = 1024 * 1024;

export interface ApiError {
  path: string;
  code: string;
  message: string;
}

const HTTP_MESSAGES = {
  unsupportedMediaType: { en: 'Send the body as application/json', 'zh-CN': '请求体必须是 application/json' },
  bodyTooLarge: { en: 'The body is over {max} bytes', 'zh-CN': '请求体超过 {max} 字节' },
  notFound: { en: 'No scenario has this id', 'zh-CN': '没有这个方案' },
  datasetNotFound: { en: 'This scenario has no such dataset', 'zh-CN': '该方案没有这个数据集' },
  shareNotFound: { en: 'No such link', 'zh-CN': '没有这个链接' },
  shareGone: { en: 'This link was revoked or has expired', 'zh-CN': '该链接已撤销或已过期' },
  versionNotFound: { en: 'This scenario has no version {version}', 'zh-CN': '该方案没有第 {version} 版' },
  stale: {
    en: 'Version {latest} was saved after your base version {base}; nothing was overwritten',
    'zh-CN': '在你的基础版本 {base} 之后已保存了第 {latest} 版；未覆盖任何内容',
  },
  methodNotAllowed: { en: 'Method not allowed', 'zh-CN': '不支持该请求方法' },
  unauthenticated: {
    en: 'Log in, or send a personal API token as Authorization: Bearer <token>',
    'zh-CN': '请先登录，或以 Authorization: Bearer <令牌> 发送个人 API 令牌',
  },
  csrfMissing: {
    en: 'A change made with the browser session must carry the X-CSRF-Token header',
    'zh-CN': '使用浏览器会话提交的修改必须带有 X-CSRF-Token 请求头',
  },
  firstStepsPending: {
    en: 'Change your one-time password (and set up the second factor) on the web page first',
    'zh-CN': '请先在网页上修改一次性密码（并设置第二验证因素）',
  },
  hospitalRequired: {
    en: 'You plan for several hospitals: name one with ?hospital=',
    'zh-CN': '你是多家医院的规划者：请用 ?hospital= 指明医院',
  },
  hospitalNotYours: {
    en: 'You are not a planner of this hospital',
    'zh-CN': '你不是这家医院的规划者',
  },
  queueFull: {
    en: 'The server is busy with other calculations; please try again in {seconds} seconds.',
    'zh-CN': '服务器正忙于其他计算，请 {seconds} 秒后重试。',
  },
  jobTimeout: {
    en: 'This calculation took longer than {limit} seconds and was stopped; try fewer trials or a smaller file.',
    'zh-CN': '这项计算超过 {limit} 秒，已停止；请减少模拟次数或使用更小的文件。',
  },
  jobFailed: {
    en: 'This calculation failed on the server; please try again.',
    'zh-CN': '这项计算在服务器上出错，请重试。',
  },
} as const;
export type HttpCode = keyof typeof HTTP_MESSAGES;

export function httpError(
  status: number,
  code: HttpCode,
  lang: Lang,
  params: Record<string, string | number> = {},
  path = '',
  extra: Record<string, unknown> = {},
): TypedResponse<{ errors: ApiError[] }> {
  const message = HTTP_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  const headers: Record<string, string> = {};
  if (status === 405 && typeof extra.allow === 'string') headers.Allow = extra.allow;
  if (typeof extra.retryAfter === 'number') headers['Retry-After'] = String(extra.retryAfter);
  if (extra.wwwAuthenticate === true) headers['WWW-Authenticate'] = 'Bearer realm="planner"';
  const { allow: _allow, retryAfter: _retryAfter, wwwAuthenticate: _www, ...body } = extra;
  return json({ errors: [{ path, code, message }], ...body }, { status, headers });
}

/**
 * The answer to a heavy job the pool did not do (503, `Retry-After`, `code` queueFull, jobTimeout
 * or jobFailed), in the caller's language; any other error is the caller's to throw.
 */
export function jobRefusalResponse(error: unknown, lang: Lang): TypedResponse<{ errors: ApiError[] }> {
  if (!(error instanceof JobRefused)) throw error;
  return httpError(
    503,
    error.code,
    lang,
    { seconds: error.retryAfterSeconds, limit: Number((jobPool().settings.timeoutMs / 1000).toFixed(1)) },
    '',
    { retryAfter: error.retryAfterSeconds },
  );
}

/** Runs a route's heavy part: its answer, or the 503 naming why the pool did not do it. */
export async function answerWithJob<T extends Response>(
  lang: Lang,
  answer: () => Promise<T>,
): Promise<T | TypedResponse<{ errors: ApiError[] }>> {
  try {
    return await answer();
  } catch (error) {
    return jobRefusalResponse(error, lang);
  }
}

export function validationError(problems: readonly ValidationProblem[], lang: Lang, prefix = ''): Response {
  const errors: ApiError[] = problems.map((p) => ({
    path: prefix && p.path ? `${prefix}.${p.path}` : prefix || p.path,
    code: p.code,
    message: problemMessage(p, lang),
  }));
  return json({ errors }, { status: 400 });
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads a JSON body: 415 if it is not JSON, 413 over the limit, 400 if it does not parse. */
export async function readJsonBody(
  request: Request,
  lang: Lang,
  maxBytes = MAX_JSON_BYTES,
): Promise<BodyResult> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    return { ok: false, response: httpError(415, 'unsupportedMediaType', lang) };
  const declared = Number(request.headers.get('Content-Length') ?? 0);
  if (declared > maxBytes) {
    return { ok: false, response: httpError(413, 'bodyTooLarge', lang, { max: maxBytes }) };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, response: httpError(413, 'bodyTooLarge', lang, { max: maxBytes }) };
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      response: validationError(
        [{ path: '', code: 'invalidJson', params: { detail: (error as Error).message } }],
        lang,
      ),
    };
  }
}
