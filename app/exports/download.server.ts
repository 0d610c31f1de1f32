/** The scenario version and language a download asks for (`?version=N&lang=…`), or the API's 4xx. */
import { apiScenarioAccess, recordExport } from '~/api/access.server';
import { parseLangParam } from '~/api/params.server';
import { scenarioForRequest } from '~/api/scenario.server';
import type { LocalizedText, Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import type { VersionForJob } from '~/jobs/handlers.server';
import { reviewState } from '~/models/reviews.server';
import type { ScenarioVersion } from '~/models/scenarios.server';

/**
 * The version, the file's language (`?lang=`), the caller's own language (for an error) and the
 * file's name, for a caller allowed to export it; the file itself is the job pool's to
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
      /** The name of the file of that kind, in the file's language. */
      fileName: (kind: ExportKind) => { name: string; ascii: string };
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
    fileName: (kind) => exportFileName(found.scenario.document, found.scenario.version, lang.lang, kind),
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

export type ExportKind = 'report.pdf' | 'report.xlsx' | 'results.csv' | 'samples.csv' | 'scenario.json';

/** What a file holds, after the version, where its extension alone would not say it. */
const KIND_WORDS: Record<ExportKind, Record<Lang, string> | null> = {
  'report.pdf': null,
  'report.xlsx': null,
  'results.csv': { 'zh-CN': '逐年结果', en: 'yearly results' },
  'samples.csv': { 'zh-CN': '模拟抽样', en: 'trials' },
  'scenario.json': null,
};

/** A file name's part: characters no file system accepts, and control characters, become spaces; long ones are cut. */
function namePart(text: string, max: number): string {
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...clean].slice(0, max).join('').trim();
}

/** As namePart, keeping only what an old client's plain ASCII file name can hold. */
const asciiPart = (text: string, max: number) =>
  /[A-Za-z0-9]/.test(text.replace(/[^\x20-\x7e]+/g, ''))
    ? namePart(text.replace(/[^\x20-\x7e]+/g, ' ').replace(/[%;"\\]+/g, ' '), max)
    : '';

/** The hospital, then the case (the hospital once, when the case's name starts with it). */
function joinNames(hospital: string, caseName: string): string[] {
  if (!hospital) return caseName ? [caseName] : [];
  if (!caseName) return [hospital];
  return caseName.startsWith(hospital) ? [caseName] : [hospital, caseName];
}

/**
 * A download's name as its reader sees it in their downloads: the hospital, the case and the
 * version in the file's language ("某县人民医院-县医院：…-第3版.xlsx"), never an id; and an ASCII
 * name for a client that cannot read the other, from the English names where they are ASCII.
 */
export function exportFileName(
  document: Scenario,
  version: number,
  lang: Lang,
  kind: ExportKind,
): { name: string; ascii: string } {
  return downloadName(
    { hospital: document.hospital.name, title: document.name },
    version,
    lang,
    kind.slice(kind.lastIndexOf('.') + 1),
    KIND_WORDS[kind],
  );
}

/**
 * The same naming for any planned thing a hospital keeps in versions (a scenario, a portfolio):
 * the hospital, its title and the version, then what the file holds where the extension alone
 * would not say it.
 */
export function downloadName(
  names: { hospital: LocalizedText; title: LocalizedText },
  version: number,
  lang: Lang,
  ext: string,
  words: Record<Lang, string> | null = null,
): { name: string; ascii: string } {
  const parts = joinNames(
    namePart(localize(names.hospital, lang), 40),
    namePart(localize(names.title, lang), 80),
  );
  const name = [
    ...(parts.length > 0 ? parts : [lang === 'zh-CN' ? '医院 AI 规划' : 'Hospital AI plan']),
    lang === 'zh-CN' ? `第${version}版` : `v${version}`,
    ...(words ? [words[lang]] : []),
  ].join('-');
  const english = joinNames(
    asciiPart(localize(names.hospital, 'en'), 40),
    asciiPart(localize(names.title, 'en'), 80),
  );
  const ascii = [
    ...(english.length > 0 ? english : ['Hospital AI plan']),
    `v${version}`,
    ...(words ? [words.en] : []),
  ].join('-');
  return { name: `${name}.${ext}`, ascii: `${ascii}.${ext}` };
}

/**
 * Content-Disposition for a download named in any language (RFC 6266): browsers take the UTF-8
 * name (filename*, RFC 5987); an old client gets the ASCII one (given, or the name with what is not
 * ASCII replaced).
 */
export function attachment(file: string | { name: string; ascii: string }): string {
  const { name, ascii } = typeof file === 'string' ? { name: file, ascii: file } : file;
  const plain = ascii.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
