import { redirect, type ActionFunctionArgs } from '@remix-run/node';

import { isLang } from '~/engine/text';
import { readPageForm } from '~/http/page-form.server';
import { safeRedirectPath } from '~/http/redirect';
import { getLang, langCookie } from '~/i18n/locale.server';

/** Remembers the chosen language in a cookie and goes back where the user was. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readPageForm(request, await getLang(request));
  const lang = form.get('lang');
  const safe = safeRedirectPath(form.get('redirectTo'), '/');
  if (!isLang(lang)) return redirect(safe);
  return redirect(safe, { headers: { 'Set-Cookie': await langCookie.serialize(lang) } });
}

export const loader = () => redirect('/');
