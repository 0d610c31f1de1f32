/** The scenario version and language a download asks for (`?version=N&lang=…`), or the API's 4xx. */
import { apiScenarioAccess, recordExport } from '~/api/access.server';
import { parseLangParam } from '~/api/params.server';
import { scenarioForRequest } from '~/api/scenario.server';
import { localize, type Lang } from '~/engine/text';
import type { VersionForJob } from '~/jobs/handlers.server';
import { reviewState } from '~/models/reviews.server';
import type { ScenarioVersion } from '~/models/scenarios.server';

/**
 * The version, the file's language (`?lang=`), the caller's own language (for an error) and the
 * file's base name, for a caller allowed to export it; the file itself is the job pool's to
 * make, and `recordExport` logs it once made.
 */
export async function downloadRequest(
  request: Request,
  context: unknown,
  id: string,
): Promise<
  | {
      ok: true;
      scenario: ScenarioVersion;
      lang: Lang;
      callerLang: Lang;
      fileBase: string;
      recordExport: (format: string) => void;
    }
  | { ok: false; response: Response }
> {
  const access = await apiScenarioAccess(request, context, id, 'export');
  if (!access.ok) return access;
  const callerLang = access.lang;
  const lang = parseLangParam(new URL(request.url), callerLang);
  if (!lang.ok) return lang;
  const found = scenarioForRequest(request, id, callerLang);
  if (!found.ok) return found;
  return {
    ok: true,
    scenario: found.scenario,
    lang: lang.lang,
    callerLang,
    fileBase: fileBase(localize(found.scenario.document.name, lang.lang), found.scenario.version),
    recordExport: (format) => recordExport(access, found.scenario, format),
  };
}

/** What a job needs of a stored version (its document, number and time), nothing more. */
export const versionForJob = (scenario: ScenarioVersion): VersionForJob => ({
  document: scenario.document,
  version: scenario.version,
  savedAt: scenario.savedAt,
  review: reviewState(scenario.id, scenario.version),
});

/** A file's name from the case's name and version: what the user sees in their downloads. */
export function fileBase(caseName: string, version: number): string {
  // Characters no file system accepts, and control characters, become spaces; long names are cut.
  const clean = caseName
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${[...(clean || 'scenario')].slice(0, 80).join('').trim()}-v${version}`;
}

/**
 * Content-Disposition for a download named in any language (RFC 6266): browsers take the UTF-8
 * name; an old client gets a plain ASCII one.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
