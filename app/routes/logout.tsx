import { redirect, type ActionFunctionArgs } from '@remix-run/node';

import { clientOf, logout, recordCsrfRefused, signedIn } from '~/auth/login.server';
import { clearedSessionCookie } from '~/auth/sessions.server';
import { sameToken } from '~/auth/tokens.server';
import { readPageForm } from '~/http/page-form.server';
import { getLang } from '~/i18n/locale.server';
import { translate } from '~/i18n/ui';

/** POST /logout (with the session's CSRF token): ends the session and goes to the login page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = await readPageForm(request, lang);
  const client = clientOf(request, context);
  const who = signedIn(request, client, new Date());
  if (who) {
    if (!sameToken(String(form.get('csrf') ?? ''), who.session.csrfToken)) {
      recordCsrfRefused(who, request, client, new Date());
      throw new Response(translate(lang, 'staleForm'), { status: 403 });
    }
    logout(who, client, new Date());
  }
  return redirect('/login', { headers: { 'Set-Cookie': clearedSessionCookie(request) } });
}

export const loader = () => redirect('/login');
