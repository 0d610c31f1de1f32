import { z } from 'zod';

import type { Lang } from '~/engine/text';

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
