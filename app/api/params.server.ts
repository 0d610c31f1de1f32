import { z } from 'zod';

import { maxTrialsFor, type Scenario, type ValidationProblem } from '~/engine';
import { isLang, LANGUAGES, type Lang } from '~/engine/text';

import { validationError } from './http.server';

const versionParam = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/)
  .transform(Number);

/** Parses `?version=N`: the number, undefined when absent, or a 400 response naming the parameter. */
export function parseVersionParam(
  url: URL,
  lang: Lang,
): { ok: true; version?: number } | { ok: false; response: Response } {
  const raw = url.searchParams.get('version');
  if (raw === null) return { ok: true };
  const parsed = versionParam.safeParse(raw);
  if (parsed.success) return { ok: true, version: parsed.data };
  return {
    ok: false,
    response: validationError([{ path: 'version', code: 'integer', params: {} }], lang),
  };
}

/**
 * Most trials the API runs in one request. The engine takes about 0.4 ms a trial today, so a
 * larger run would hold the server for seconds; `npm run simulate` runs up to 50,000.
 */
export const API_MAX_TRIALS = 10_000;

const trialsParam = z
  .string()
  .regex(/^[0-9]{1,6}$/)
  .transform(Number)
  .pipe(z.number().int().min(100).max(API_MAX_TRIALS));
const seedParam = z
  .string()
  .regex(/^[0-9]{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(4294967295));

/**
 * `?trials=N&seed=S`: null when neither is given, or a 400 naming the parameter. Besides the
 * API's limit, a large case allows fewer trials (`maxTrialsFor`: the work a Monte Carlo of this
 * document may do), so that no accepted request runs past the job pool's time limit.
 */
export function parseMonteCarloParams(
  url: URL,
  lang: Lang,
  document: Scenario,
): { ok: true; request: { trials?: number; seed?: number } | null } | { ok: false; response: Response } {
  const trialsRaw = url.searchParams.get('trials');
  const seedRaw = url.searchParams.get('seed');
  if (trialsRaw === null && seedRaw === null) return { ok: true, request: null };
  const problems: ValidationProblem[] = [];
  const trials = trialsRaw === null ? undefined : trialsParam.safeParse(trialsRaw);
  const seed = seedRaw === null ? undefined : seedParam.safeParse(seedRaw);
  if (trials && !trials.success) {
    const n = Number(trialsRaw);
    problems.push(
      !/^[0-9]{1,6}$/.test(trialsRaw ?? '')
        ? { path: 'trials', code: 'integer', params: {} }
        : n < 100
          ? { path: 'trials', code: 'min', params: { minimum: 100 } }
          : { path: 'trials', code: 'max', params: { maximum: API_MAX_TRIALS } },
    );
  }
  if (trials?.success && trials.data > maxTrialsFor(document)) {
    problems.push({ path: 'trials', code: 'trialsTooMany', params: { maximum: maxTrialsFor(document) } });
  }
  if (seed && !seed.success) problems.push({ path: 'seed', code: 'integer', params: {} });
  if (problems.length > 0) return { ok: false, response: validationError(problems, lang) };
  return {
    ok: true,
    request: {
      trials: trials?.success ? trials.data : undefined,
      seed: seed?.success ? seed.data : undefined,
    },
  };
}

/** `?lang=zh-CN|en` for a download: the language asked for, else the caller's; or a 400. */
export function parseLangParam(
  url: URL,
  fallback: Lang,
): { ok: true; lang: Lang } | { ok: false; response: Response } {
  const raw = url.searchParams.get('lang');
  if (raw === null) return { ok: true, lang: fallback };
  if (isLang(raw)) return { ok: true, lang: raw };
  return {
    ok: false,
    response: validationError(
      [{ path: 'lang', code: 'enum', params: { allowed: [...LANGUAGES] } }],
      fallback,
    ),
  };
}
