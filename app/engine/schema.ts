/**
 * The scenario format, version 1: the one definition of what a planning case holds.
 * Types are inferred from these schemas; every quantity carries its unit in its name or
 * its description. Money is in the scenario's `currency` (whole units, e.g. yuan).
 */
import { z } from 'zod';

import { RESERVED_VARIABLE_NAMES } from './expression-variables';

import {
  COST_CATEGORIES,
  CURRENT_SCHEMA_VERSION,
  HOSPITAL_GRADES,
  HOSPITAL_TYPES,
  MAX_HORIZON_YEARS,
  OPTION_KINDS,
  ROLE_IDS,
  VOLUME_DRIVERS,
} from './constants';

export * from './constants';

const MAX_MONTH = MAX_HORIZON_YEARS * 12;

const idSchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/)
  .describe('identifier: a letter, then letters, digits, - or _ (at most 64)');

/** A user-facing name: plain text, or the same text in both product languages. */
export const localizedTextSchema = z.union([
  z.string().min(1).max(500),
  z
    .strictObject({ 'zh-CN': z.string().min(1).max(2000), en: z.string().min(1).max(2000) })
    .partial()
    .refine((t) => Boolean(t['zh-CN'] ?? t.en), { params: { code: 'textEmpty' } }),
]);
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * Free text written for people (a note, who claims a figure, how it was measured): plain text,
 * as older documents have it (may be empty), or the same text in both product languages, each
 * at most `max` characters. Shown with `localize`, like a name.
 */
export const localizedNote = (max: number) =>
  z.union([
    z.string().max(max),
    z
      .strictObject({ 'zh-CN': z.string().min(1).max(max), en: z.string().min(1).max(max) })
      .partial()
      .refine((t) => Boolean(t['zh-CN'] ?? t.en), { params: { code: 'textEmpty' } }),
  ]);
/** A note on an input, a cost line or a funding line: at most 2,000 characters a language. */
export const localizedNoteSchema = localizedNote(2000);
export type LocalizedNote = z.infer<typeof localizedNoteSchema>;

/** Largest amount or count accepted: far beyond any hospital, small enough that sums stay finite. */
const MAX_AMOUNT = 1e12;
const money = (what: string) =>
  z.number().finite().min(0).max(MAX_AMOUNT).describe(`${what}, in the scenario currency`);
const share = (what: string) => z.number().min(0).max(1).describe(`${what} (share 0–1)`);
const rate = (what: string) =>
  z.number().min(-0.9).max(2).describe(`${what} (share per year, e.g. 0.03 = 3 %; may be negative)`);
const month = (what: string) =>
  z.number().int().min(1).max(MAX_MONTH).describe(`${what} (month of the horizon, 1 = first month)`);
const count = (what: string) => z.number().finite().min(0).max(MAX_AMOUNT).describe(what);
const referenceIdSchema = z
  .string()
  .regex(/^[0-9]+\.[0-9]+[a-z]?(\.[a-z0-9-]+)?$/)
  .describe('id of a figure in seeds/reference-figures.json, e.g. "1.20.public"');

/**
 * An input worked out by the planner from other inputs and reference figures (occupancy from
 * the national figure, discharges from beds and occupancy …): named by its rule, so it is
 * worked out again when those inputs change, until the user types their own number.
 */
const estimateRuleSchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/)
  .describe("the planner's rule that works this input out; dropped when the user types the number");

/** Where a number comes from: measured locally, claimed by someone else, or assumed. */
export const evidenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('measured'),
    n: z.number().int().min(1).describe('number of observations'),
    from: z.iso.date().optional().describe('first observation date, YYYY-MM-DD'),
    to: z.iso.date().optional().describe('last observation date, YYYY-MM-DD'),
    method: localizedNote(500).optional().describe('e.g. time-motion observation, pilot log'),
    note: localizedNoteSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('claimed'),
    ref: referenceIdSchema.optional(),
    source: localizedNote(500).optional().describe('who claims it, e.g. a vendor or a top hospital'),
    note: localizedNoteSchema.optional(),
    estimate: estimateRuleSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('assumed'),
    ref: referenceIdSchema.optional(),
    note: localizedNoteSchema.optional(),
    estimate: estimateRuleSchema.optional(),
  }),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

export const roleProfileSchema = z.strictObject({
  headcount: count('staff in this role, FTE'),
  annualCostPerFte: money('fully loaded cost of one FTE per year'),
  paidHoursPerYear: z.number().min(1).max(4000).describe('paid hours of one FTE per year'),
  overtimeMultiplier: z
    .number()
    .min(1)
    .max(5)
    .default(1.5)
    .describe('overtime pay as a multiple of the loaded hourly cost'),
});
export type RoleProfile = z.infer<typeof roleProfileSchema>;

export const hospitalSchema = z.strictObject({
  name: localizedTextSchema,
  type: z.enum(HOSPITAL_TYPES).describe('村卫生室, 乡镇卫生院, 社区卫生服务中心, 县级医院 or 城市医院'),
  grade: z.enum(HOSPITAL_GRADES).describe('未定级, 一级, 二级 or 三级'),
  region: z.string().max(200).optional(),
  beds: z.number().int().min(0).max(20000).describe('staffed beds'),
  occupancy: share('bed occupancy'),
  outpatientVisitsPerYear: count('outpatient and emergency visits per year'),
  dischargesPerYear: count('inpatient discharges per year'),
  volumeGrowthPerYear: rate('growth of all volumes').default(0),
  seasonality: z
    .array(z.number().min(0).max(10))
    .length(12)
    .optional()
    .describe('relative volume of each calendar month, January first; rescaled to average 1'),
  roles: z
    .strictObject({
      physician: roleProfileSchema.optional(),
      nurse: roleProfileSchema.optional(),
      technician: roleProfileSchema.optional(),
      it: roleProfileSchema.optional(),
      admin: roleProfileSchema.optional(),
    })
    .describe('staff by role'),
  wageGrowthPerYear: rate('growth of loaded wages'),
});
export type Hospital = z.infer<typeof hospitalSchema>;

export const budgetSchema = z.strictObject({
  informatizationBaseAnnual: money(
    'informatization (信息化) budget in the first year (not used when informatizationByYear is given)',
  ),
  informatizationGrowthPerYear: rate(
    'yearly growth of the informatization budget (with a budget by year: after its last year)',
  ).default(0),
  informatizationByYear: z
    .array(money('informatization budget of that year'))
    .min(1)
    .max(MAX_HORIZON_YEARS)
    .optional()
    .describe(
      'informatization budget of each plan year, first year first, at most one per year of the horizon; replaces the first-year budget, and the years after the last one given grow from it at the yearly growth',
    ),
  aiShare: share('share of the informatization budget that AI may take'),
  aiResearchBudgetPerYear: money('AI research budget per year, where the hospital has one').default(0),
});
export type Budget = z.infer<typeof budgetSchema>;

export const workflowSchema = z.strictObject({
  id: idSchema,
  name: localizedTextSchema,
  role: z.enum(ROLE_IDS).describe('the role that does the task'),
  volumeDriver: z.enum(VOLUME_DRIVERS),
  tasksPerDriverUnit: count(
    'tasks per unit of the volume driver (per visit, per inpatient day, per discharge, per bed per month, or per month)',
  ),
  baselineMinutesPerTask: count('minutes per task today, without AI'),
  baselineEvidence: evidenceSchema,
  template: z
    .string()
    .regex(/^[a-zA-Z]{1,40}\/[0-9]{1,2}$/)
    .optional()
    .describe("the use-case library's workflow it was made from (use case / workflow), for the forms' hints"),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const adoptionSchema = z.strictObject({
  ceiling: share('share of in-scope tasks done with AI once adoption has ramped up'),
  goLiveMonth: month('first month with AI in use'),
  rampMonths: z.number().int().min(0).max(MAX_MONTH).describe('months from go-live to the ceiling'),
  curve: z.enum(['linear', 'sCurve']).default('linear'),
});
export type Adoption = z.infer<typeof adoptionSchema>;

const effectCommon = {
  workflowId: idSchema,
  scopeShare: share("share of the workflow's tasks in this option's scope").default(1),
  adoption: adoptionSchema,
  evidence: evidenceSchema,
};

/** Net minutes saved = baseline − (minutes with the AI draft + minutes verifying). */
const measuredEffectSchema = z.strictObject({
  basis: z.literal('measured'),
  ...effectCommon,
  minutesWithAiPerTask: count('minutes per task with the AI draft, measured'),
  verificationMinutesPerTask: count('minutes per task verifying and correcting the AI, measured'),
});
/** Net minutes saved = baseline × claimed reduction × fit − verification − error rate × correction. */
const claimedEffectSchema = z.strictObject({
  basis: z.literal('claimed'),
  ...effectCommon,
  claimedReduction: share('reduction of task time claimed elsewhere'),
  fit: share('local fit: dialect, data completeness, disease-spectrum match'),
  verificationMinutesPerTask: count('minutes per task spent verifying the AI').default(0),
  errorRate: share('share of AI outputs that need correcting'),
  correctionMinutesPerError: count('minutes to correct one erroneous AI output'),
});
export const effectSchema = z.discriminatedUnion('basis', [measuredEffectSchema, claimedEffectSchema]);
export type Effect = z.infer<typeof effectSchema>;

/**
 * Whether the line's prices include VAT. A public hospital cannot deduct input VAT, so a price
 * quoted before tax costs it price × (1 + rate); absent means the prices include it (含税).
 */
export const vatSchema = z.strictObject({
  included: z.boolean().describe('true: prices include VAT (含税); false: VAT comes on top (不含税)'),
  rate: share('VAT rate, e.g. 0.06 for software services, 0.13 for equipment'),
});
export type Vat = z.infer<typeof vatSchema>;

const lineCommon = {
  id: idSchema,
  name: localizedTextSchema,
  ref: referenceIdSchema.optional(),
  note: localizedNoteSchema.optional(),
  committedUntilMonth: month('last month this line must still be paid if the option stops').optional(),
  vat: vatSchema.optional().describe("VAT on the line's prices; not for staffing"),
};
const workflowIds = z
  .array(idSchema)
  .optional()
  .describe("workflows whose AI tasks drive this line; default: all of the option's workflows");

const oneTimeLine = z.strictObject({
  kind: z.literal('oneTime'),
  ...lineCommon,
  category: z.enum(COST_CATEGORIES),
  month: month('month paid'),
  amount: money('amount'),
  capex: z.boolean().default(false).describe('capital expenditure, depreciated in the accounting view'),
  usefulLifeYears: z.number().int().min(1).max(30).default(5),
  resaleShareOnStop: share('share of the purchase price recovered if the option stops').default(0),
  maintenanceSharePerYear: share(
    'yearly maintenance (维保) as a share of the amount, paid from the first anniversary of the purchase',
  ).optional(),
});
const recurringLine = z.strictObject({
  kind: z.literal('recurring'),
  ...lineCommon,
  category: z.enum(COST_CATEGORIES),
  amount: money('amount per period'),
  period: z.enum(['month', 'year']),
  startMonth: month('first month paid').default(1),
  endMonth: month('last month paid').optional(),
  escalatorPerYear: rate('yearly escalation of the amount').default(0),
});
const tierSchema = z.strictObject({
  upToUnits: z
    .number()
    .min(0)
    .nullable()
    .describe('upper bound of the tier in units per tier period; null = no bound'),
  unitPrice: money('price per unit within the tier'),
});
const perUnitLine = z.strictObject({
  kind: z.literal('perUnit'),
  ...lineCommon,
  category: z.enum(COST_CATEGORIES),
  unit: z.enum(['bed', 'seat', 'task', 'call', 'millionTokens']),
  unitPrice: money('price per unit (per bed or seat: per month or year, see pricePer)').optional(),
  pricePer: z
    .enum(['month', 'year'])
    .default('month')
    .describe('for beds and seats: price is per month or per year'),
  tiers: z.array(tierSchema).min(1).max(20).optional().describe('graduated volume tiers, lowest first'),
  tierPeriod: z.enum(['month', 'year']).default('year').describe('the period over which tier volumes add up'),
  seatsAtFullAdoption: count('clinician seats when every in-scope clinician uses it').optional(),
  callsPerTask: count('API or service calls per AI task').default(1),
  tokensPerTask: count('tokens per AI task (input plus output)').optional(),
  workflowIds,
  priceChangePerYear: rate('yearly change of unit prices').default(0),
  startMonth: month('first month billed').default(1),
  endMonth: month('last month billed').optional(),
});
const staffingLine = z.strictObject({
  kind: z.literal('staffing'),
  ...lineCommon,
  category: z.enum(COST_CATEGORIES).default('staffing'),
  role: z.string().min(1).max(100).describe('who: e.g. AI engineer, data steward, clinical informatician'),
  fte: count('full-time equivalents'),
  annualCostPerFte: money('fully loaded cost of one FTE per year'),
  startMonth: month('month the post is opened').default(1),
  hiringDelayMonths: z.number().int().min(0).max(36).default(0).describe('months from opening to first pay'),
  endMonth: month('last month paid').optional(),
  wageGrowthPerYear: rate("yearly wage growth; default: the hospital's").optional(),
});
/** Servers' purchase and power count as compute, their upkeep as maintenance. */
const onPremComputeLine = z.strictObject({
  kind: z.literal('onPremCompute'),
  ...lineCommon,
  workflowIds,
  tokensPerTask: count('tokens processed per AI task (input plus output)'),
  workingHoursPerDay: z.number().min(1).max(24).default(8).describe('hours a day the load is spread over'),
  workingDaysPerYear: z.number().min(1).max(366).default(250),
  peakFactor: z.number().min(1).max(20).default(2).describe('peak load as a multiple of the average'),
  tokensPerSecondPerServer: z.number().positive().describe('aggregate throughput of one server, tokens/s'),
  targetUtilization: z.number().min(0.05).max(1).default(0.6).describe('share of throughput planned for use'),
  minServers: z.number().int().min(0).max(1000).default(1),
  serversOverride: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe('a fixed server count instead of sizing'),
  capexPerServer: money('purchase price of one server'),
  purchaseMonth: month('month the servers are bought').default(1),
  usefulLifeYears: z.number().int().min(1).max(15).default(5).describe('servers are refreshed after this'),
  kwPerServer: count('average electrical power of one server, kW'),
  pue: z.number().min(1).max(3).describe('power usage effectiveness of the server room'),
  electricityPricePerKwh: money('electricity price per kWh'),
  maintenanceSharePerYear: share('yearly maintenance as a share of capex'),
  resaleShareOnStop: share('share of the purchase price recovered if the option stops').default(0),
});
const cloudTokensLine = z.strictObject({
  kind: z.literal('cloudTokens'),
  ...lineCommon,
  category: z.enum(COST_CATEGORIES).default('compute'),
  workflowIds,
  inputTokensPerTask: count('input tokens per AI task'),
  outputTokensPerTask: count('output tokens per AI task'),
  pricePerMillionInputTokens: money('price per million input tokens'),
  pricePerMillionOutputTokens: money('price per million output tokens'),
  priceDeclinePerYear: share('yearly fall of token prices').default(0),
  startMonth: month('first month billed').default(1),
  endMonth: month('last month billed').optional(),
});
/**
 * Re-validation at upgrades counts as compliance, retraining as data, drift monitoring as
 * maintenance and the exit as vendor cost.
 */
const modelLifecycleLine = z.strictObject({
  kind: z.literal('modelLifecycle'),
  ...lineCommon,
  upgradeEveryMonths: z.number().int().min(1).max(MAX_MONTH).describe('months between model upgrades'),
  firstUpgradeMonth: month('month of the first upgrade').optional(),
  revalidationRole: z.enum(ROLE_IDS).default('physician'),
  revalidationHoursPerUpgrade: count('clinician hours to re-validate the model at each upgrade'),
  revalidationFeePerUpgrade: money('outside fee per re-validation').default(0),
  retrainingCostPerUpgrade: money('retraining or fine-tuning cost per upgrade').default(0),
  driftMonitoringPerMonth: money('drift monitoring per month').default(0),
  exitCost: money('cost of leaving: data export, re-integration').default(0),
  exitMonth: month('month the exit is paid; default: only if the option stops').optional(),
  startMonth: month('first month of operation').default(1),
});
const customLine = z.strictObject({
  kind: z.literal('custom'),
  ...lineCommon,
  category: z.enum(COST_CATEGORIES),
  expression: z.string().min(1).max(2000).describe('mathjs expression giving the amount for one month'),
  startMonth: month('first month').default(1),
  endMonth: month('last month').optional(),
});

export const costLineSchema = z.discriminatedUnion('kind', [
  oneTimeLine,
  recurringLine,
  perUnitLine,
  staffingLine,
  onPremComputeLine,
  cloudTokensLine,
  modelLifecycleLine,
  customLine,
]);
export type CostLine = z.infer<typeof costLineSchema>;
export type CostLineKind = CostLine['kind'];
export type CostLineOf<K extends CostLineKind> = Extract<CostLine, { kind: K }>;

const fundingCommon = {
  id: idSchema,
  name: localizedTextSchema,
  source: z.enum(['grant', 'researchBudget', 'computeVoucher', 'other']),
  ref: referenceIdSchema.optional(),
  note: localizedNoteSchema.optional(),
};
export const fundingLineSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fixed'),
    ...fundingCommon,
    amount: money('amount per period'),
    period: z.enum(['once', 'month', 'year']),
    startMonth: month('first month received').default(1),
    endMonth: month('last month received').optional(),
  }),
  z.strictObject({
    kind: z.literal('shareOfCost'),
    ...fundingCommon,
    category: z.enum(COST_CATEGORIES).describe('the cost category it pays part of'),
    share: share('share of that cost it pays'),
    capPerYear: money('most it pays in one plan year').optional(),
    startMonth: month('first month').default(1),
    endMonth: month('last month').optional(),
  }),
]);
export type FundingLine = z.infer<typeof fundingLineSchema>;

export const stopRuleSchema = z.strictObject({
  checkMonth: month('month at which the net effect is checked'),
  minNetMinutesPerTask: z
    .number()
    .min(-1000)
    .max(1000)
    .describe('stop if the net minutes saved per task are below'),
  workflowId: idSchema.optional().describe("default: the task-weighted average over the option's workflows"),
});
export type StopRule = z.infer<typeof stopRuleSchema>;

export const pilotSchema = z.strictObject({
  startMonth: month('first month of the pilot').default(1),
  durationMonths: z.number().int().min(1).max(60).describe('months the pilot runs'),
  decisionRule: z.strictObject({
    minNetMinutesPerTask: z
      .number()
      .min(-1000)
      .max(1000)
      .describe('scale up if the measured net minutes saved per task are at least this'),
    workflowId: idSchema.optional().describe("default: the task-weighted average over the pilot's workflows"),
  }),
  scaleUpOptionId: idSchema.describe('the buy or build option the pilot scales up into'),
  leadMonths: z
    .number()
    .int()
    .min(0)
    .max(36)
    .default(0)
    .describe('months from the decision to the scale-up start'),
});
export type Pilot = z.infer<typeof pilotSchema>;

export const optionSchema = z.strictObject({
  id: idSchema,
  name: localizedTextSchema,
  kind: z.enum(OPTION_KINDS),
  description: localizedTextSchema.optional(),
  effects: z.array(effectSchema).max(50),
  costLines: z.array(costLineSchema).max(100),
  funding: z.array(fundingLineSchema).max(50).default([]),
  stopRule: stopRuleSchema.optional(),
  pilot: pilotSchema.optional(),
  tenderMonths: z
    .number()
    .int()
    .min(0)
    .max(24)
    .optional()
    .describe(
      "months of public tender (公开招标) before the option's month 1: everything it has starts that much later",
    ),
});
export type Option = z.infer<typeof optionSchema>;

export const realizationSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('avoidedStaffing'),
    maxFte: count(
      'most FTE the hospital can avoid (vacancies, attrition, agency and overtime hours)',
    ).optional(),
  }),
  z.strictObject({
    mode: z.literal('throughput'),
    redeployedShare: share('share of freed hours redeployed to patient care'),
    minutesPerVisit: z.number().min(0.1).max(1000).describe('clinician minutes per extra visit'),
    contributionMarginPerVisit: money('contribution margin of one extra visit'),
    maxExtraVisitsPerYear: count('demand ceiling on extra visits per year').optional(),
  }),
  z.strictObject({ mode: z.literal('notRealized') }),
]);
export type Realization = z.infer<typeof realizationSchema>;

/**
 * How uncertain an input is. The input's own value stays the most likely value (the
 * deterministic run uses it); low/high are what a non-statistician can give.
 */
export const distributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed') }),
  z.strictObject({
    kind: z.literal('sameAs'),
    input: z
      .string()
      .max(300)
      .describe(
        'in every trial, take the value drawn for this input (a pilot measures the system it would scale)',
      ),
  }),
  z.strictObject({
    kind: z.literal('uniform'),
    low: z.number().finite().describe('lowest value'),
    high: z.number().finite().describe('highest value'),
  }),
  z.strictObject({
    kind: z.literal('triangular'),
    low: z.number().finite().describe('lowest value'),
    high: z.number().finite().describe("highest value; the input's own value is the most likely"),
  }),
  z.strictObject({
    kind: z.literal('pert'),
    low: z.number().finite().describe('lowest value'),
    high: z.number().finite().describe("highest value; the input's own value is the most likely"),
  }),
  z.strictObject({
    kind: z.literal('normal'),
    low: z.number().finite().describe("5th percentile; the input's own value is the mean"),
    high: z.number().finite().describe('95th percentile'),
    min: z.number().finite().optional().describe('truncate below this'),
    max: z.number().finite().optional().describe('truncate above this'),
  }),
  z.strictObject({
    kind: z.literal('lognormal'),
    low: z
      .number()
      .positive()
      .describe("about the 5th percentile (positive); the input's own value is the median"),
    high: z.number().positive().describe('about the 95th percentile'),
  }),
]);
export type Distribution = z.infer<typeof distributionSchema>;

/** Most uncertain inputs a document may name. */
export const MAX_UNCERTAIN_INPUTS = 200;
/** Most correlations between them. */
export const MAX_CORRELATIONS = 200;

export const uncertaintySchema = z.strictObject({
  seed: z.number().int().min(0).max(4294967295).default(1).describe('seed of the random number generator'),
  trials: z.number().int().min(100).max(50000).default(5000).describe('Monte Carlo trials'),
  inputs: z
    .record(z.string().max(300), distributionSchema)
    // Each uncertain input costs the Monte Carlo 23 more runs of the model (tornado and sweep).
    .refine((inputs) => Object.keys(inputs).length <= MAX_UNCERTAIN_INPUTS, {
      params: { code: 'maxUncertainInputs', maximum: MAX_UNCERTAIN_INPUTS },
    })
    .default({})
    .describe(`uncertain inputs by path, e.g. "options.0.effects.0.fit" (at most ${MAX_UNCERTAIN_INPUTS})`),
  correlations: z
    .array(
      z.strictObject({
        a: z.string().max(300),
        b: z.string().max(300),
        rho: z.number().min(-0.99).max(0.99).describe('rank correlation between the two inputs'),
      }),
    )
    .max(MAX_CORRELATIONS)
    .default([]),
});
export type Uncertainty = z.infer<typeof uncertaintySchema>;

/** A scenario's uncertainty, or the schema's defaults (no uncertain inputs) when it has none. */
export const uncertaintyOf = (scenario: { uncertainty?: Uncertainty }): Uncertainty =>
  scenario.uncertainty ?? uncertaintySchema.parse({});

/**
 * The province's public-tender rule: a purchase at or above the threshold goes to public tender
 * (公开招标), which takes months before go-live. The planner's forms read it when they set an
 * option's timeline; the engine does not.
 */
export const procurementSchema = z.strictObject({
  tenderThreshold: money('contract value from which a public tender is required'),
  tenderMonths: z.number().int().min(0).max(24).describe('months a public tender takes before go-live'),
});
export type Procurement = z.infer<typeof procurementSchema>;

const variableNameSchema = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/)
  .refine((name) => !RESERVED_VARIABLE_NAMES.has(name));

export const scenarioSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: idSchema.optional(),
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY')
    .describe('ISO 4217 code'),
  priceYear: z.number().int().min(2000).max(2100).optional().describe('year of the prices'),
  startYear: z.number().int().min(2000).max(2100).describe('calendar year of month 1'),
  horizonYears: z.number().int().min(1).max(MAX_HORIZON_YEARS),
  discountRate: z
    .number()
    .min(0)
    .max(1)
    .default(0.08)
    .describe('yearly discount rate (share); 8 % per ref 10.1'),
  hospital: hospitalSchema,
  budget: budgetSchema,
  procurement: procurementSchema.optional(),
  workflows: z.array(workflowSchema).max(50),
  realization: z
    .strictObject({
      physician: realizationSchema.optional(),
      nurse: realizationSchema.optional(),
      technician: realizationSchema.optional(),
      it: realizationSchema.optional(),
      admin: realizationSchema.optional(),
    })
    .default({})
    .describe('how freed hours of each role become cash; a role not listed is not realized'),
  options: z.array(optionSchema).max(10),
  variables: z
    .record(variableNameSchema, z.number().min(-MAX_AMOUNT).max(MAX_AMOUNT))
    .default({})
    .describe('named numbers custom expressions may use'),
  uncertainty: uncertaintySchema.optional().describe('the Monte Carlo: distributions of uncertain inputs'),
  sources: z
    .record(z.string().max(300), evidenceSchema)
    .default({})
    .describe('where an input comes from, by its path (e.g. "hospital.beds"): measured, claimed or assumed'),
});

/** A validated scenario document (defaults applied). */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario document as written (defaults may be missing). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
