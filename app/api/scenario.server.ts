import { json } from '@remix-run/node';

import { problemMessage } from '~/engine';
import type { Lang } from '~/engine/text';
import { readVersion, type InvalidVersion, type ScenarioVersion } from '~/models/scenarios.server';

import { httpError } from './http.server';
import { parseVersionParam } from './params.server';

const VERSION_INVALID = {
  en: 'Version {version} no longer passes the checks; fix it in the editor or restore an earlier version',
  'zh-CN': '第 {version} 版按现在的规则未通过检查；请在编辑器中修改，或恢复一个较早的版本',
} as const;

/**
 * A stored version that no longer validates: 422 `versionInvalid`, then each problem (path,
 * code, message) as the validation gives it, rather than a 500.
 */
export function versionInvalidError(invalid: InvalidVersion, lang: Lang): Response {
  return json(
    {
      errors: [
        {
          path: 'version',
          code: 'versionInvalid',
          message: VERSION_INVALID[lang].replace('{version}', String(invalid.version)),
        },
        ...invalid.problems.map((p) => ({
          path: p.path ? `document.${p.path}` : 'document',
          code: p.code,
          message: problemMessage(p, lang),
        })),
      ],
      version: invalid.version,
      latestVersion: invalid.latestVersion,
    },
    { status: 422 },
  );
}

/** The scenario version a request names (`:id`, `?version=N`), or the API's 400/404/422 answer. */
export function scenarioForRequest(
  request: Request,
  id: string,
  lang: Lang,
): { ok: true; scenario: ScenarioVersion } | { ok: false; response: Response } {
  const version = parseVersionParam(new URL(request.url), lang);
  if (!version.ok) return version;
  const read = readVersion(id, version.version);
  if (read.status === 'ok') return { ok: true, scenario: read.scenario };
  if (read.status === 'invalid') return { ok: false, response: versionInvalidError(read.invalid, lang) };
  return {
    ok: false,
    response:
      version.version && readVersion(id).status !== 'notFound'
        ? httpError(404, 'versionNotFound', lang, { version: version.version }, 'version')
        : httpError(404, 'notFound', lang),
  };
}
