import { collectParams } from '../params';
import type { Scenario } from '../schema';

/**
 * After inputs were changed (a what-if saved as a version), widens each distribution whose
 * most likely value, the input itself, now falls outside its low–high range, so the document
 * stays valid and the range still holds the value.
 */
export function widenDistributionsToInputs<T extends Pick<Scenario, 'uncertainty'>>(doc: T): T {
  if (!doc.uncertainty) return doc;
  const params = collectParams(doc);
  const inputs = Object.fromEntries(
    Object.entries(doc.uncertainty.inputs).map(([path, d]) => {
      const slot = params.index.get(path);
      if (slot === undefined || !('low' in d) || d.kind === 'uniform' || d.kind === 'lognormal')
        return [path, d];
      const value = params.base[slot]!;
      return [path, { ...d, low: Math.min(d.low, value), high: Math.max(d.high, value) }];
    }),
  );
  return { ...doc, uncertainty: { ...doc.uncertainty, inputs } };
}
