/**
 * The model's closed vocabularies. Kept apart from the zod schema so that code running in the
 * browser can use them without carrying the validator.
 */

export const CURRENT_SCHEMA_VERSION = 2;

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

/**
 * What kind of institution the hospital is, apart from its grade: a county hospital may be
 * graded 二级 or 三级, a township health centre is usually ungraded.
 */
export const HOSPITAL_TYPES = ['village', 'township', 'community', 'county', 'city'] as const;
export type HospitalType = (typeof HOSPITAL_TYPES)[number];

/** The national hospital grade (未定级 / 一级 / 二级 / 三级). */
export const HOSPITAL_GRADES = ['ungraded', 'level1', 'level2', 'level3'] as const;
export type HospitalGrade = (typeof HOSPITAL_GRADES)[number];
