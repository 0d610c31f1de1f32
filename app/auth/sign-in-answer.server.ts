/**
 * The answer to a sign-in step (the password, or the code): the refusal in the user's words, or
 * the session cookie and the page that comes next. The login and code pages share it.
 */
import { json, redirect } from '@remix-run/node';

import type { Lang } from '~/engine/text';
import { safeRedirectPath } from '~/http/redirect';
import { translate, type UiKey } from '~/i18n/ui';

import { pageAfterSignIn } from './first-steps';
import type { CodeOutcome, LoginOutcome } from './login.server';
import { SESSION_TIMES } from './session-times';
import { sessionCookie } from './sessions.server';

export function answerSignIn(
  request: Request,
  lang: Lang,
  outcome: Exclude<LoginOutcome | CodeOutcome, { status: 'noSession' }>,
  redirectTo: string | undefined,
  refusedKey: UiKey,
) {
  if (outcome.status === 'refused') return json({ error: translate(lang, refusedKey) }, { status: 401 });
  if (outcome.status === 'locked')
    return json({ error: translate(lang, 'loginLocked', { minutes: outcome.minutes }) }, { status: 429 });
  // The directory did not answer: not the user's fault, and no verdict on their password.
  if (outcome.status === 'unavailable')
    return json({ error: translate(lang, 'loginDirectoryUnavailable') }, { status: 503 });
  const next = safeRedirectPath(redirectTo ?? null, '/scenarios');
  return redirect(pageAfterSignIn(outcome, next), {
    headers: { 'Set-Cookie': sessionCookie(outcome.sessionId, request, SESSION_TIMES.absoluteHours * 3600) },
  });
}
