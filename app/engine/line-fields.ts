/**
 * The numeric fields a cost line's booking reads, each at a fixed index. A trial reads a line's
 * slot as `line.slots[F.amount]`, an array read, rather than looking the field's name up: the
 * lookup by name, a hash probe for each field of each line in every trial, was a twentieth of
 * the Monte Carlo's time. (Tier fields, `tiers.i.unitPrice`, are rare and still go by name.)
 */
export const LINE_FIELDS = [
  'amount',
  'annualCostPerFte',
  'callsPerTask',
  'capexPerServer',
  'committedUntilMonth',
  'driftMonitoringPerMonth',
  'electricityPricePerKwh',
  'endMonth',
  'escalatorPerYear',
  'exitCost',
  'exitMonth',
  'firstUpgradeMonth',
  'fte',
  'hiringDelayMonths',
  'inputTokensPerTask',
  'kwPerServer',
  'maintenanceSharePerYear',
  'minServers',
  'month',
  'outputTokensPerTask',
  'peakFactor',
  'priceChangePerYear',
  'priceDeclinePerYear',
  'pricePerMillionInputTokens',
  'pricePerMillionOutputTokens',
  'pue',
  'purchaseMonth',
  'resaleShareOnStop',
  'retrainingCostPerUpgrade',
  'revalidationFeePerUpgrade',
  'revalidationHoursPerUpgrade',
  'seatsAtFullAdoption',
  'serversOverride',
  'startMonth',
  'targetUtilization',
  'tokensPerSecondPerServer',
  'tokensPerTask',
  'unitPrice',
  'upgradeEveryMonths',
  'usefulLifeYears',
  'vat.rate',
  'wageGrowthPerYear',
  'workingDaysPerYear',
  'workingHoursPerDay',
] as const;

export type LineField = (typeof LINE_FIELDS)[number];

/** Index of each field in LINE_FIELDS (and in a line's `slots`). */
export const F = Object.fromEntries(LINE_FIELDS.map((field, i) => [field, i])) as Record<LineField, number>;

/** The slot of each field of LINE_FIELDS, −1 where the line has none. */
export const lineSlots = (slot: (field: string) => number): Int32Array => Int32Array.from(LINE_FIELDS, slot);
