/**
 * The portfolio API's errors, in the API's one shape `{ errors: [{ path, code, message }] }`,
 * with the words of a portfolio (the shared HTTP messages speak of scenarios).
 */
import { json } from '@remix-run/node';

import type { Lang } from '~/engine/text';

import { portfolioProblemMessage, type PortfolioProblem } from './problems';

const WORDS = {
  notFound: { en: 'No portfolio has this id', 'zh-CN': '没有这个组合' },
  versionNotFound: { en: 'This portfolio has no version {version}', 'zh-CN': '该组合没有第 {version} 版' },
  stale: {
    en: 'Version {latest} was saved after your base version {base}; nothing was overwritten',
    'zh-CN': '在你的基础版本 {base} 之后已保存了第 {latest} 版；未覆盖任何内容',
  },
  linkNotFound: { en: 'This portfolio has no such link', 'zh-CN': '该组合没有这个链接' },
  linkGone: { en: 'This link was already revoked', 'zh-CN': '该链接已撤销' },
  scenarioInvalid: {
    en: 'A use case this version pins no longer passes the checks; fix it and save the portfolio again',
    'zh-CN': '本版本所固定的某个用例已未通过检查；请修改后重新保存组合',
  },
} as const;
export type PortfolioErrorCode = keyof typeof WORDS;

export function portfolioError(
  status: number,
  code: PortfolioErrorCode,
  lang: Lang,
  params: Record<string, string | number> = {},
  path = '',
  extra: Record<string, unknown> = {},
): Response {
  const message = WORDS[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return json({ errors: [{ path, code, message }], ...extra }, { status });
}

/** Problems with a request: 400, each naming its field in the caller's language. */
export function portfolioValidationError(problems: readonly PortfolioProblem[], lang: Lang): Response {
  return json(
    {
      errors: problems.map((p) => ({
        path: p.path,
        code: p.code,
        message: portfolioProblemMessage(p, lang),
      })),
    },
    { status: 400 },
  );
}
