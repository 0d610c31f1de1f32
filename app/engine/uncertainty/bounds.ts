/** The range a sampled input may take, from what the field means (a share stays within 0–1). */

const SHARES = new Set([
  'occupancy',
  'aiShare',
  'scopeShare',
  'ceiling',
  'claimedReduction',
  'fit',
  'errorRate',
  'share',
  'redeployedShare',
  'targetUtilization',
  'maintenanceSharePerYear',
  'resaleShareOnStop',
  'priceDeclinePerYear',
  'discountRate',
]);
const RATES = /(GrowthPerYear|escalatorPerYear|priceChangePerYear)$/;

export function inputBounds(path: string): readonly [number, number] {
  const field = path.slice(path.lastIndexOf('.') + 1);
  if (path.startsWith('variables.') || field === 'minNetMinutesPerTask') return [-Infinity, Infinity];
  if (SHARES.has(field)) return [0, 1];
  if (RATES.test(field)) return [-0.9, 2];
  if (field === 'pue' || field === 'peakFactor' || field === 'overtimeMultiplier') return [1, Infinity];
  if (/Month$/.test(field) || field === 'month') return [1, Infinity];
  return [0, Infinity];
}
