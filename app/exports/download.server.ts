/** The scenario version and language a download asks for (`?version=N&lang=…`), or the API's 4xx. */
import { parseLangParam } from '~/api/params.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { compileScenario, runModel, type ScenarioResult } from '~/engine';
import type { Lang } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import type { ScenarioVersion } from '~/models/scenarios.server';

export async function downloadRequest(
  request: Request,
  id: string,
): Promise<
  | { ok: true; scenario: ScenarioVersion; lang: Lang; result: ScenarioResult; fileBase: string }
  | { ok: false; response: Response }
> {
  const callerLang = await getLang(request);
  const lang = parseLangParam(new URL(request.url), callerLang);
  if (!lang.ok) return lang;
  const found = scenarioForRequest(request, id, callerLang);
  if (!found.ok) return found;
  const result = runModel(compileScenario(found.scenario.document), undefined, { lang: lang.lang });
  return {
    ok: true,
    scenario: found.scenario,
    lang: lang.lang,
    result,
    fileBase: `${id}-v${found.scenario.version}`,
  };
}

/** Content-Disposition for a download (the id is ours: letters, digits, - and _). */
export const attachment = (name: string) => `attachment; filename="${name}"`;
