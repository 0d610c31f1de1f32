/**
 * The body of `POST /api/scenarios/:id/share` and the dashboard's share form, validated like
 * any input: `{ version?, expiresInDays?, overrides? }`, overrides being what-if knobs.
 */
import { z } from 'zod';

import { WHAT_IF_BOUNDS } from '~/dashboard/what-if-search';
import type { ValidationProblem } from '~/engine';
import { WHAT_IF_KEYS, type WhatIfKey } from '~/engine/what-if';
import { fromZodIssue } from '~/engine/validate';

/** Longest a link may live: ten years (a link without an expiry never expires). */
export const MAX_EXPIRES_IN_DAYS = 3650;

const overridesSchema = z.strictObject(
  Object.fromEntries(
    WHAT_IF_KEYS.map((key) => [
      key,
      z.number().finite().min(WHAT_IF_BOUNDS[key].min).max(WHAT_IF_BOUNDS[key].max).optional(),
    ]),
  ) as Record<WhatIfKey, z.ZodOptional<z.ZodNumber>>,
);

const shareRequestSchema = z.strictObject({
  version: z.number().int().min(1).optional(),
  expiresInDays: z.number().int().min(1).max(MAX_EXPIRES_IN_DAYS).optional(),
  overrides: overridesSchema.optional(),
});

type ShareRequest = z.infer<typeof shareRequestSchema>;

export function parseShareRequest(
  body: unknown,
): { ok: true; request: ShareRequest } | { ok: false; problems: ValidationProblem[] } {
  const parsed = shareRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => fromZodIssue(issue, body)) };
}
