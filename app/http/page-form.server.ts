/**
 * The top of every page action: a page takes what a browser's form sends, so anything else is
 * answered 405, 415 or 400 in the user's language instead of failing inside the action as a 500.
 * server.js refuses the same methods and types before routing (request-guards.js); this
 * covers the body that claims to be a form and is not one, and any server without that guard.
 */
import type { Lang } from '~/engine/text';

import { GUARD_MESSAGES, pageRequestRefusal, type GuardCode } from '../../request-guards.js';

function refusal(
  status: number,
  code: GuardCode,
  lang: Lang,
  headers: Record<string, string> = {},
): Response {
  return new Response(GUARD_MESSAGES[code][lang], {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': lang, ...headers },
  });
}

/** The 400 of a post that is not one of the page's forms (unreadable, or its hidden fields wrong). */
export const badPageForm = (lang: Lang): Response => refusal(400, 'badForm', lang);

/** Throws the 405 or 415 a page answers to a request no form sends. */
export function assertPageRequest(request: Request, lang: Lang): void {
  const refused = pageRequestRefusal(request.method, request.headers.get('Content-Type'));
  if (refused)
    throw refusal(refused.status, refused.code, lang, 'allow' in refused ? { Allow: refused.allow } : {});
}

/** The posted form, or a thrown 405, 415, or 400 when the body does not parse as one. */
export async function readPageForm(request: Request, lang: Lang): Promise<FormData> {
  assertPageRequest(request, lang);
  try {
    return await request.formData();
  } catch {
    throw badPageForm(lang);
  }
}
