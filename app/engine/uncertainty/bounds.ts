/**
 * Which inputs may be uncertain, and the range a sampled input may take: the same range the
 * schema allows the field (a share stays within 0–1, paid hours at least 1).
 */

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
  'maintenanceSharePerYear',
  'resaleShareOnStop',
  'priceDeclinePerYear',
  'discountRate',
  // vat.rate
  'rate',
]);
const RATES = /(GrowthPerYear|escalatorPerYear|priceChangePerYear)$/;
/** Ranges narrower than "not negative", as the schema has them. */
const SPECIAL: Record<string, readonly [number, number]> = {
  targetUtilization: [0.05, 1],
  pue: [1, 3],
  peakFactor: [1, 20],
  overtimeMultiplier: [1, 5],
  paidHoursPerYear: [1, 4000],
  minutesPerVisit: [0.1, 1000],
  tokensPerSecondPerServer: [1e-6, Infinity],
  workingHoursPerDay: [1, 24],
  workingDaysPerYear: [1, 366],
  minNetMinutesPerTask: [-1000, 1000],
};

/**
 * Inputs that shape the timeline or the structure (months, durations, counts of servers, tier
 * bounds, seasonality weights): sampling them would reorder what the model assumes is ordered.
 */
const STRUCTURAL = /(Month|month|Months|Years|upToUnits|minServers|serversOverride)$|\.seasonality\./;

export function isStructuralInput(indexPath: string): boolean {
  return STRUCTURAL.test(indexPath);
}

export function inputBounds(indexPath: string): readonly [number, number] {
  const field = indexPath.slice(indexPath.lastIndexOf('.') + 1);
  if (indexPath.startsWith('variables.')) return [-1e12, 1e12];
  const special = SPECIAL[field];
  if (special) return special;
  if (SHARES.has(field)) return [0, 1];
  if (RATES.test(field)) return [-0.9, 2];
  return [0, 1e12];
}
