/**
 * Default low–high ranges for the Monte Carlo, by how much is known about a number: a figure
 * claimed elsewhere (a vendor, a top hospital) is the least certain here, a figure measured in
 * this hospital the most; an assumption lies in between. The user sees the range and the
 * reason and can change both. The widths are the planner's convention (docs/model.md), not
 * sourced figures.
 */
import type { Distribution, Evidence } from '~/engine/schema';
import { inputBounds } from '~/engine/uncertainty/bounds';

import type { Bilingual } from './suggestion';

/** Half-width of the default range, as a share of the most likely value. */
export const RANGE_WIDTH: Readonly<Record<Evidence['kind'], number>> = {
  claimed: 0.5,
  assumed: 0.3,
  measured: 0.1,
};

export const RANGE_REASON: Readonly<Record<Evidence['kind'], Bilingual>> = {
  claimed: {
    'zh-CN': '外部声称的数据，在本院最不确定：默认范围为最可能值的 ±50%',
    en: 'Claimed elsewhere, the least certain here: default range ±50 % of the most likely value',
  },
  assumed: {
    'zh-CN': '假设值：默认范围为最可能值的 ±30%',
    en: 'An assumption: default range ±30 % of the most likely value',
  },
  measured: {
    'zh-CN': '本院实测：默认范围为最可能值的 ±10%',
    en: 'Measured here: default range ±10 % of the most likely value',
  },
};

/** Rounds to four significant digits, so a range reads as typed (0.35–1.05, not 0.35000000000000003). */
const tidy = (v: number) => Number(v.toPrecision(4));

/**
 * The default distribution of an input (named by any path whose last part is its field) with
 * this most likely value and evidence: a PERT within the field's bounds, or null where no
 * range can hold the value (zero, or a value at a bound with no room on one side).
 */
export function defaultRange(path: string, value: number, evidence: Evidence['kind']): Distribution | null {
  if (!(value > 0)) return null;
  const [min, max] = inputBounds(path);
  const width = RANGE_WIDTH[evidence];
  const low = tidy(Math.max(min, value * (1 - width)));
  const high = tidy(Math.min(max, value * (1 + width)));
  if (!(low <= value && value <= high && low < high)) return null;
  return { kind: 'pert', low, high };
}
