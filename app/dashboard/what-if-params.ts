/**
 * What-if assumptions carried in a URL (`?fit=0.6&tokenPrice=0.5`), validated like any input:
 * a bad or unknown parameter is named, never a server error. (Server side: it carries zod.)
 */
import { z } from 'zod';

import type { ValidationProblem } from '~/engine/problems';
import { WHAT_IF_KEYS, type WhatIf, type WhatIfKey } from '~/engine/what-if';
import { decimalParam } from '~/http/numbers';

import { WHAT_IF_BOUNDS } from './what-if-search';

const knob = (key: WhatIfKey) =>
  decimalParam.pipe(z.number().min(WHAT_IF_BOUNDS[key].min).max(WHAT_IF_BOUNDS[key].max)).optional();
const schema = z.strictObject(
  Object.fromEntries(WHAT_IF_KEYS.map((key) => [key, knob(key)])) as Record<
    WhatIfKey,
    ReturnType<typeof knob>
  >,
);

/** Parameters a page may carry besides the what-if knobs. */
const OTHER_PARAMS = new Set(['version', 'saved']);

export function parseWhatIfParams(params: URLSearchParams): {
  whatIf: WhatIf;
  problems: ValidationProblem[];
} {
  const raw: Record<string, string> = {};
  const problems: ValidationProblem[] = [];
  for (const [key, value] of params) {
    if (OTHER_PARAMS.has(key)) continue;
    if (!(WHAT_IF_KEYS as readonly string[]).includes(key)) {
      problems.push({ path: key, code: 'unknownKey', params: { keys: [key] } });
      continue;
    }
    if (value.trim() === '') continue;
    raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { whatIf: parsed.data, problems };
  const bad = new Set<string>();
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    bad.add(key);
    const bounds = WHAT_IF_BOUNDS[key as WhatIfKey];
    problems.push(
      issue.code === 'too_small' || issue.code === 'too_big'
        ? {
            path: key,
            code: issue.code === 'too_small' ? 'min' : 'max',
            params: issue.code === 'too_small' ? { minimum: bounds.min } : { maximum: bounds.max },
          }
        : { path: key, code: 'type', params: { expected: 'number' } },
    );
  }
  // Keep the good ones: one bad knob does not throw the others away.
  const whatIf: WhatIf = {};
  for (const [key, value] of Object.entries(raw)) {
    if (bad.has(key)) continue;
    whatIf[key as WhatIfKey] = decimalParam.parse(value);
  }
  return { whatIf, problems };
}
