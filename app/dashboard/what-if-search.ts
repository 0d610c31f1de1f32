/** The what-if knobs' ranges and their form in a URL; light enough for the browser bundle. */
import { WHAT_IF_KEYS, type WhatIf, type WhatIfKey } from '~/engine/what-if';
import { decimalText } from '~/http/numbers';

export const WHAT_IF_BOUNDS: Record<WhatIfKey, { min: number; max: number; step: number }> = {
  fit: { min: 0, max: 1, step: 0.05 },
  adoption: { min: 0, max: 1, step: 0.05 },
  tokenPrice: { min: 0, max: 5, step: 0.05 },
  wageGrowth: { min: -0.2, max: 0.3, step: 0.005 },
  discountRate: { min: 0, max: 0.3, step: 0.005 },
  budget: { min: 0, max: 1e12, step: 10000 },
};

/** The knobs that differ from the scenario's own values (an untouched knob changes nothing). */
export function changedWhatIf(whatIf: WhatIf, baseline: Required<WhatIf>): WhatIf {
  const out: WhatIf = {};
  for (const key of WHAT_IF_KEYS) {
    const value = whatIf[key];
    if (
      value !== undefined &&
      Math.abs(value - baseline[key]) > 1e-9 * Math.max(1, Math.abs(baseline[key]))
    ) {
      out[key] = value;
    }
  }
  return out;
}

export function whatIfToSearch(whatIf: WhatIf): string {
  const params = new URLSearchParams();
  for (const key of WHAT_IF_KEYS) {
    const value = whatIf[key];
    if (value !== undefined) params.set(key, decimalText(Number(value.toPrecision(6))));
  }
  return params.toString();
}
