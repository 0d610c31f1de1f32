/**
 * The model's closed vocabularies. Kept apart from the zod schema so that code running in the
 * browser can use them without carrying the validator.
 */

export const CURRENT_SCHEMA_VERSION = 1;

export const ROLE_IDS = ['physician', 'nurse', 'technician', 'it', 'admin'] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const COST_CATEGORIES = [
  'compute',
  'staffing',
  'maintenance',
  'vendor',
  'data',
  'training',
  'compliance',
  'other',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const VOLUME_DRIVERS = ['outpatientVisit', 'inpatientDay', 'discharge', 'bed', 'month'] as const;
export type VolumeDriver = (typeof VOLUME_DRIVERS)[number];

export const OPTION_KINDS = ['buy', 'build', 'pilot'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

/** Longest horizon the planner simulates, in years. */
export const MAX_HORIZON_YEARS = 10;
