import { collectParams } from '../params';
import type { Distribution, Scenario } from '../schema';

function widen(d: Distribution, value: number): Distribution {
  if (d.kind === 'fixed' || d.kind === 'sameAs') return d;
  const low = Math.min(d.low, value);
  const high = Math.max(d.high, value);
  if (d.kind === 'lognormal') return { ...d, low: Math.max(Number.MIN_VALUE, low), high };
  if (d.kind === 'normal') {
    return {
      ...d,
      low,
      high,
      ...(d.min !== undefined ? { min: Math.min(d.min, value) } : {}),
      ...(d.max !== undefined ? { max: Math.max(d.max, value) } : {}),
    };
  }
  return { ...d, low, high };
}

/**
 * After inputs were changed (a what-if saved as a version), widens each distribution whose
 * most likely value, the input itself, now falls outside its range, so the document stays valid
 * and the range still holds the value.
 */
export function widenDistributionsToInputs<T extends Pick<Scenario, 'uncertainty'>>(doc: T): T {
  if (!doc.uncertainty) return doc;
  const params = collectParams(doc);
  const inputs = Object.fromEntries(
    Object.entries(doc.uncertainty.inputs).map(([path, d]) => {
      const slot = params.index.get(path);
      return [path, slot === undefined ? d : widen(d, params.base[slot]!)];
    }),
  );
  return { ...doc, uncertainty: { ...doc.uncertainty, inputs } };
}
