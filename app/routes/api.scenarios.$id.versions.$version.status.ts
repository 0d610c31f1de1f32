import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { apiCaller } from '~/api/access.server';
import { httpError, readJsonBody, validationError } from '~/api/http.server';
import type { ValidationProblem } from '~/engine';
import { getLang } from '~/i18n/locale.server';
import { REVIEW_STATUSES } from '~/versions/review-flow';
import { changeReviewState } from '~/versions/review.server';

const statusBody = z.object({
  status: z.enum(REVIEW_STATUSES),
  comment: z.string().max(1000).default(''),
});

/**
 * POST /api/scenarios/:id/versions/:version/status — `{ status: "submitted" | "approved" |
 * "returned", comment }` → 200 `{ version, status, comment, by, at }`. A planner submits; an
 * approver approves or returns (a return needs a comment); an approved version is final (409).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const who = await apiCaller(request, context);
  if (!who.ok) return who.response;
  const { lang, caller } = who;
  if (request.method !== 'POST') return httpError(405, 'methodNotAllowed', lang, {}, '', { allow: 'POST' });
  const version = Number(params.version);
  if (!/^[1-9]\d{0,8}$/.test(params.version ?? ''))
    return httpError(
      404,
      'versionNotFound',
      lang,
      { version: String(params.version ?? '').slice(0, 20) },
      'version',
    );
  const body = await readJsonBody(request, lang);
  if (!body.ok) return body.response;
  const parsed = statusBody.safeParse(body.value);
  if (!parsed.success) {
    const problems: ValidationProblem[] = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      code:
        issue.path.length === 1 &&
        (body.value as Record<string, unknown> | null)?.[String(issue.path[0])] === undefined
          ? 'required'
          : 'invalid',
      params: {},
    }));
    return validationError(problems, lang);
  }
  const answer = changeReviewState(
    caller,
    params.id!,
    version,
    parsed.data.status,
    parsed.data.comment,
    lang,
  );
  if (answer.status === 'notFound') return httpError(404, 'notFound', lang);
  if (answer.status === 'versionNotFound')
    return httpError(404, 'versionNotFound', lang, { version }, 'version');
  if (answer.status === 'forbidden' || answer.status === 'refused')
    return json(
      {
        errors: [
          {
            path: answer.code === 'commentRequired' ? 'comment' : 'status',
            code: answer.code,
            message: answer.message,
          },
        ],
      },
      { status: answer.status === 'forbidden' ? 403 : answer.code === 'commentRequired' ? 400 : 409 },
    );
  return json({ version, ...answer.review });
}

export async function loader({ request }: LoaderFunctionArgs) {
  return httpError(405, 'methodNotAllowed', await getLang(request), {}, '', { allow: 'POST' });
}
