/** The page language: the cookie if the user chose one, else the browser's Accept-Language. */
import { createCookie } from '@remix-run/node';

import { isLang, type Lang } from '~/engine/text';

import { requestLang } from '../../request-guards.js';

export const langCookie = createCookie('lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The first Chinese or English tag of Accept-Language by weight, else Chinese: the server's
 * guards (request-guards.js, before Remix) read it the same way, with this one function.
 */
export function langFromAcceptLanguage(header: string | null): Lang {
  return requestLang(null, header);
}

export async function getLang(request: Request): Promise<Lang> {
  const fromCookie: unknown = await langCookie.parse(request.headers.get('Cookie'));
  if (isLang(fromCookie)) return fromCookie;
  return langFromAcceptLanguage(request.headers.get('Accept-Language'));
}
