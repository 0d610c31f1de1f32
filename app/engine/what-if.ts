/**
 * The what-if panel's key assumptions, applied to a compiled model as changed inputs. The same
 * function serves the live dashboard (in the browser) and shared links (on the server).
 */
import type { Model } from './model';
import { read } from './params';

export interface WhatIf {
  /** Local fit of every claimed effect (share 0–1). */
  fit?: number;
  /** Adoption ceiling of every effect (share 0–1). */
  adoption?: number;
  /** Multiplier on every token price (1 = as planned). */
  tokenPrice?: number;
  /** Yearly wage growth (share). */
  wageGrowth?: number;
  /** Yearly discount rate (share). */
  discountRate?: number;
  /** Informatization budget of the first year, in the scenario currency (later years scale with it). */
  budget?: number;
}
export type WhatIfKey = keyof WhatIf;
export const WHAT_IF_KEYS: readonly WhatIfKey[] = [
  'fit',
  'adoption',
  'tokenPrice',
  'wageGrowth',
  'discountRate',
  'budget',
];

const TOKEN_PRICE_FIELDS =
  /^options\.\d+\.costLines\.\d+\.(pricePerMillionInputTokens|pricePerMillionOutputTokens)$/;

/** The knobs' values as the scenario has them (fit and adoption: task-unweighted averages). */
export function whatIfBaseline(model: Model): Required<WhatIf> {
  const p = model.params.base;
  const effects = model.options.flatMap((o) => o.effects);
  const claimed = effects.filter((e) => e.basis === 'claimed');
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    fit: mean(claimed.map((e) => read(p, e.slots.fit))),
    adoption: mean(effects.map((e) => read(p, e.slots.ceiling))),
    tokenPrice: 1,
    wageGrowth: read(p, model.hospital.slots.wageGrowthPerYear),
    discountRate: read(p, model.discountRateSlot, 0.08),
    budget: model.budget.byYearSlots
      ? read(p, model.budget.byYearSlots[0]!)
      : read(p, model.budget.slots.informatizationBaseAnnual),
  };
}

/** Input values with the what-if applied; knobs left undefined keep the scenario's values. */
export function applyWhatIf(model: Model, whatIf: WhatIf): Float64Array {
  const p = model.params.base.slice();
  const effects = model.options.flatMap((o) => o.effects);
  if (whatIf.fit !== undefined) {
    for (const e of effects) if (e.basis === 'claimed' && e.slots.fit >= 0) p[e.slots.fit] = whatIf.fit;
  }
  if (whatIf.adoption !== undefined) {
    for (const e of effects) if (e.slots.ceiling >= 0) p[e.slots.ceiling] = whatIf.adoption;
  }
  if (whatIf.tokenPrice !== undefined) {
    model.params.paths.forEach((path, i) => {
      if (TOKEN_PRICE_FIELDS.test(path)) p[i] = model.params.base[i]! * whatIf.tokenPrice!;
    });
    for (const option of model.options) {
      for (const line of option.costLines) {
        if (line.line.kind !== 'perUnit' || line.line.unit !== 'millionTokens') continue;
        for (const field of ['unitPrice', ...(line.line.tiers ?? []).map((_, i) => `tiers.${i}.unitPrice`)]) {
          const slot = line.slot(field);
          if (slot >= 0) p[slot] = model.params.base[slot]! * whatIf.tokenPrice;
        }
      }
    }
  }
  if (whatIf.wageGrowth !== undefined && model.hospital.slots.wageGrowthPerYear >= 0) {
    p[model.hospital.slots.wageGrowthPerYear] = whatIf.wageGrowth;
  }
  if (whatIf.discountRate !== undefined && model.discountRateSlot >= 0)
    p[model.discountRateSlot] = whatIf.discountRate;
  if (whatIf.budget !== undefined) {
    const base = whatIfBaseline(model).budget;
    const ratio = base > 0 ? whatIf.budget / base : 0;
    if (model.budget.byYearSlots) {
      for (const slot of model.budget.byYearSlots)
        p[slot] = base > 0 ? model.params.base[slot]! * ratio : whatIf.budget;
    }
    p[model.budget.slots.informatizationBaseAnnual] = whatIf.budget;
  }
  return p;
}
