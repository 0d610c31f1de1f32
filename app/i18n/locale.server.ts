/** The page language: the cookie if the user chose one, else the browser's Accept-Language. */
import { createCookie } from '@remix-run/node';

import { isLang, type Lang } from '~/engine/text';

export const langCookie = createCookie('lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export function langFromAcceptLanguage(header: string | null): Lang {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export async function getLang(request: Request): Promise<Lang> {
  const fromCookie: unknown = await langCookie.parse(request.headers.get('Cookie'));
  if (isLang(fromCookie)) return fromCookie;
  return langFromAcceptLanguage(request.headers.get('Accept-Language'));
}
