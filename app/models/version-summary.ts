/**
 * What the scenario list shows of a version (its horizon, currency and best option with that
 * option's NPV), worked out once when the version is written and stored with it: a version
 * never changes, so the list need not run the model again on every view.
 */
import { z } from 'zod';

import { compileScenario, localizedTextSchema, runModel, type Scenario } from '../engine';
import { OPTION_KINDS } from '../engine/constants';

const summarySchema = z.object({
  horizonYears: z.number().int(),
  currency: z.string(),
  /** The option with the highest NPV (the first of equals), none when the case has no option. */
  best: z
    .object({
      optionId: z.string(),
      /** As the document names it, in each language it is written in. */
      name: localizedTextSchema,
      kind: z.enum(OPTION_KINDS),
      npv: z.number().finite(),
    })
    .nullable(),
});

export type VersionSummary = z.infer<typeof summarySchema>;

/** The summary of a validated document (runs the model once). */
export function summarizeVersion(document: Scenario): VersionSummary {
  const result = runModel(compileScenario(document));
  const best = result.options.reduce<(typeof result.options)[number] | undefined>(
    (top, o) => (top === undefined || o.npv > top.npv ? o : top),
    undefined,
  );
  const option = best && document.options.find((o) => o.id === best.id);
  return {
    horizonYears: document.horizonYears,
    currency: result.currency,
    best:
      best && option && Number.isFinite(best.npv)
        ? { optionId: best.id, name: option.name, kind: best.kind, npv: best.npv }
        : null,
  };
}

/** A stored summary, or null when there is none or it is not one this code can read (then it is worked out again). */
export function parseStoredSummary(text: string | null): VersionSummary | null {
  if (text === null) return null;
  try {
    const parsed = summarySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
