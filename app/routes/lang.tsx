import { redirect, type ActionFunctionArgs } from '@remix-run/node';

import { isLang } from '~/engine/text';
import { langCookie } from '~/i18n/locale.server';

/** Remembers the chosen language in a cookie and goes back where the user was. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get('lang');
  const target = String(form.get('redirectTo') ?? '/');
  // Only same-site paths: never an open redirect.
  const safe = target.startsWith('/') && !target.startsWith('//') ? target : '/';
  if (!isLang(lang)) return redirect(safe);
  return redirect(safe, { headers: { 'Set-Cookie': await langCookie.serialize(lang) } });
}

export const loader = () => redirect('/');
